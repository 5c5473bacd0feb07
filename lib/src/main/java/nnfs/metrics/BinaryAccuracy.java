package nnfs.metrics;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.Matrices;
import nnfs.data.Targets;

/**
 * Accuracy for binary outputs (the book's {@code Accuracy_Categorical(binary=True)}): predictions are 0/1 values (what
 * {@link nnfs.activations.Sigmoid#predictions} returns), compared element by element with a 0/1 target matrix of the
 * same shape.
 */
public final class BinaryAccuracy extends Accuracy {

    @Override
    public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
        if (!(yTrue instanceof Targets.Values values)) {
            throw new IllegalArgumentException(this + ".calculate: expected a matrix of 0/1 targets, got class labels");
        }
        DMatrixRMaj y = values.matrix();
        Checks.requireShape(this, "calculate", predictions, y.numRows, y.numCols,
                "predictions of the targets' shape " + Matrices.shape(y) + ", that is");
        long right = 0;
        int n = y.getNumElements();
        for (int k = 0; k < n; k++) {
            if (predictions.data[k] == y.data[k]) {
                right++;
            }
        }
        return new long[] {right, n};
    }

    @Override
    public String toString() {
        return "BinaryAccuracy";
    }
}
