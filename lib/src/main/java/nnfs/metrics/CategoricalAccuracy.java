package nnfs.metrics;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.data.Targets;

/**
 * Accuracy for classification. Predictions are one column of class indices (what
 * {@link nnfs.activations.Softmax#predictions} returns); labels are class indices or one-hot rows, which are turned
 * into indices first.
 */
public final class CategoricalAccuracy extends Accuracy {

    @Override
    public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
        int[] labels = yTrue instanceof Targets.Classes c ? c.labels()
                : Matrices.argmaxRows(((Targets.Values) yTrue).matrix());
        if (predictions.numCols != 1 || predictions.numRows != labels.length) {
            throw new IllegalArgumentException(this + ".calculate: expected predictions of shape (" + labels.length
                    + "×1), one class index per label, got " + Matrices.shape(predictions));
        }
        long right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predictions.data[i] == labels[i]) {
                right++;
            }
        }
        return new long[] {right, labels.length};
    }

    @Override
    public String toString() {
        return "CategoricalAccuracy";
    }
}
