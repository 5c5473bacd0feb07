package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.data.Targets;

/**
 * A loss measures how wrong a batch of predictions is. Subclasses compute one loss per sample ({@link #forward}) and
 * the gradient of the mean loss with respect to the predictions ({@link #backward}); {@link #calculate} averages the
 * sample losses:
 *
 * <pre>
 * L = (1/n) Σ_i L_i
 * </pre>
 *
 * <p>Targets are class labels or a matrix ({@link Targets}); the overloads taking {@code int[]} and
 * {@code DMatrixRMaj} wrap them.
 */
public abstract class Loss {

    // Per-batch buffers, resized only when the batch size changes.
    protected final DMatrixRMaj sampleLosses = new DMatrixRMaj(0, 1);
    protected final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);

    /**
     * The loss of each sample, as a one-column matrix owned by this loss (overwritten by the next call).
     *
     * @param yPred the network's outputs, one row per sample
     * @param yTrue the targets, one per sample
     */
    public abstract DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue);

    /**
     * Computes {@link #dinputs()}: the gradient of the mean loss with respect to {@code dvalues}, the predictions that
     * were passed to {@link #forward}.
     */
    public abstract void backward(DMatrixRMaj dvalues, Targets yTrue);

    /** The mean loss over the batch. */
    public double calculate(DMatrixRMaj yPred, Targets yTrue) {
        DMatrixRMaj losses = forward(yPred, yTrue);
        double sum = 0.0;
        int n = losses.getNumElements();
        for (int k = 0; k < n; k++) {
            sum += losses.data[k];
        }
        return sum / n;
    }

    /** The mean loss for class labels. */
    public final double calculate(DMatrixRMaj yPred, int[] labels) {
        return calculate(yPred, Targets.classes(labels));
    }

    /** The mean loss for a target matrix (one-hot labels, binary labels or regression values). */
    public final double calculate(DMatrixRMaj yPred, DMatrixRMaj targets) {
        return calculate(yPred, Targets.values(targets));
    }

    /** {@link #backward(DMatrixRMaj, Targets)} for class labels. */
    public final void backward(DMatrixRMaj dvalues, int[] labels) {
        backward(dvalues, Targets.classes(labels));
    }

    /** {@link #backward(DMatrixRMaj, Targets)} for a target matrix. */
    public final void backward(DMatrixRMaj dvalues, DMatrixRMaj targets) {
        backward(dvalues, Targets.values(targets));
    }

    /** The gradient from the last {@link #backward} call, shaped like the predictions. */
    public DMatrixRMaj dinputs() {
        return dinputs;
    }

    /**
     * Checks that the targets fit the predictions: one label per row, each in [0, columns), or a target matrix of the
     * predictions' shape; and that the predictions are finite.
     */
    protected void checkTargets(String method, DMatrixRMaj yPred, Targets yTrue) {
        Checks.requireRows(this, method, yPred, "predictions");
        Checks.requireNonNull(this, method, yTrue, "targets");
        Checks.requireFinite(this, method, yPred, "predictions");
        if (yTrue instanceof Targets.Classes classes) {
            int[] labels = classes.labels();
            if (labels.length != yPred.numRows) {
                throw new IllegalArgumentException(this + "." + method + ": expected " + yPred.numRows
                        + " labels (one per row of predictions), got " + labels.length);
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= yPred.numCols) {
                    throw new IllegalArgumentException(this + "." + method + ": expected labels in [0, "
                            + yPred.numCols + ") for " + yPred.numCols + " output columns, got " + labels[i]
                            + " at sample " + i);
                }
            }
        } else {
            DMatrixRMaj targets = ((Targets.Values) yTrue).matrix();
            Checks.requireShape(this, method, targets, yPred.numRows, yPred.numCols,
                    "targets (the predictions' shape)");
            Checks.requireFinite(this, method, targets, "targets");
        }
    }
}
