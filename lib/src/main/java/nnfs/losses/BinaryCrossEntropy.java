package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.data.Targets;

/**
 * Binary cross-entropy, for outputs that are each an independent yes/no probability (sigmoid outputs).
 *
 * <pre>
 * forward:   L_i = (1/J) Σ_j −[y_ij · log ŷ_ij + (1 − y_ij) · log(1 − ŷ_ij)]      J outputs per sample
 *            ŷ clipped to [1e−7, 1 − 1e−7] first
 * backward:  ∂L/∂ŷ_ij = −(y_ij / ŷ_ij − (1 − y_ij) / (1 − ŷ_ij)) / J / n          ŷ clipped the same way
 * </pre>
 *
 * <p>Targets are a matrix of 0s and 1s shaped like the predictions.
 */
public final class BinaryCrossEntropy extends Loss {

    /** Predictions are clipped to [CLIP, 1 − CLIP] before the logarithms and the division. */
    public static final double CLIP = 1e-7;

    @Override
    public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
        DMatrixRMaj y = targetMatrix("forward", yPred, yTrue);
        int n = yPred.numRows;
        int outputs = yPred.numCols;
        sampleLosses.reshape(n, 1);
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int j = 0; j < outputs; j++) {
                int k = i * outputs + j;
                double p = clip(yPred.data[k]);
                sum += -(y.data[k] * Math.log(p) + (1 - y.data[k]) * Math.log(1 - p));
            }
            sampleLosses.data[i] = sum / outputs;
        }
        return sampleLosses;
    }

    @Override
    public void backward(DMatrixRMaj dvalues, Targets yTrue) {
        DMatrixRMaj y = targetMatrix("backward", dvalues, yTrue);
        int n = dvalues.numRows;
        int outputs = dvalues.numCols;
        dinputs.reshape(n, outputs);
        for (int k = 0; k < n * outputs; k++) {
            double p = clip(dvalues.data[k]);
            dinputs.data[k] = -(y.data[k] / p - (1 - y.data[k]) / (1 - p)) / outputs / n;
        }
    }

    private DMatrixRMaj targetMatrix(String method, DMatrixRMaj yPred, Targets yTrue) {
        if (!(yTrue instanceof Targets.Values values)) {
            throw new IllegalArgumentException(this + "." + method + ": expected a matrix of 0/1 targets shaped like "
                    + "the predictions, got class labels");
        }
        checkTargets(method, yPred, yTrue);
        DMatrixRMaj m = values.matrix();
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!(m.data[k] >= 0.0 && m.data[k] <= 1.0)) {
                throw new IllegalArgumentException(this + "." + method + ": expected targets from 0 to 1, got "
                        + m.data[k] + " at row " + k / m.numCols + ", column " + k % m.numCols);
            }
        }
        return m;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, CLIP), 1.0 - CLIP);
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropy";
    }
}
