package nnfs.metrics;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.Matrices;
import nnfs.data.Targets;

/**
 * The fraction of predictions that count as right. Subclasses decide what "right" means ({@link #compare}).
 *
 * <pre>
 * accuracy = (1/n) Σ_i [prediction_i is right]
 * </pre>
 */
public abstract class Accuracy {

    /**
     * Prepares the accuracy for a data set before training on it. Only {@link RegressionAccuracy} needs it (its
     * tolerance comes from the spread of the targets); the others do nothing.
     */
    public void init(Targets yTrue) {
    }

    /**
     * Compares predictions with targets element by element and returns how many are right and how many were
     * compared, as {@code {right, total}}.
     */
    public abstract long[] compare(DMatrixRMaj predictions, Targets yTrue);

    /** The fraction of right predictions in this batch. */
    public double calculate(DMatrixRMaj predictions, Targets yTrue) {
        Checks.requireNonNull(this, "calculate", predictions, "predictions");
        Checks.requireNonNull(this, "calculate", yTrue, "targets");
        long[] counts = compare(predictions, yTrue);
        if (counts[1] == 0) {
            throw new IllegalArgumentException(this + ".calculate: expected at least one prediction, got none");
        }
        return (double) counts[0] / counts[1];
    }

    /** {@link #calculate(DMatrixRMaj, Targets)} for class labels. */
    public final double calculate(DMatrixRMaj predictions, int[] labels) {
        return calculate(predictions, Targets.classes(labels));
    }

    /**
     * The accuracy of a classifier's outputs (e.g. softmax probabilities, one row per sample): the share of rows whose
     * largest value is at the true class. Labels may be class indices or one-hot rows.
     */
    public static double ofOutputs(DMatrixRMaj outputs, Targets yTrue) {
        if (outputs != null && yTrue instanceof Targets.Classes c && c.size() == outputs.numRows && c.size() > 0) {
            // class labels, one per row: counted in place (the training loops call this every epoch)
            int[] labels = c.labels();
            long right = 0;
            for (int i = 0; i < labels.length; i++) {
                if (Matrices.argmaxRow(outputs, i) == labels[i]) {
                    right++;
                }
            }
            return (double) right / labels.length;
        }
        // one-hot rows, or a mismatch to report: through CategoricalAccuracy, which checks and explains
        DMatrixRMaj classes = new DMatrixRMaj(outputs.numRows, 1);
        int[] argmax = Matrices.argmaxRows(outputs);
        for (int i = 0; i < argmax.length; i++) {
            classes.data[i] = argmax[i];
        }
        return new CategoricalAccuracy().calculate(classes, yTrue);
    }

    /** {@link #ofOutputs(DMatrixRMaj, Targets)} for class labels. */
    public static double ofOutputs(DMatrixRMaj outputs, int[] labels) {
        return ofOutputs(outputs, Targets.classes(labels));
    }

    /** {@link #ofOutputs(DMatrixRMaj, Targets)} for one-hot labels. */
    public static double ofOutputs(DMatrixRMaj outputs, DMatrixRMaj oneHot) {
        return ofOutputs(outputs, Targets.values(oneHot));
    }
}
