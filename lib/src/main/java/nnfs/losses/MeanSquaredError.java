package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.data.Targets;

/**
 * Mean squared error, the usual loss for regression.
 *
 * <pre>
 * forward:   L_i = (1/J) Σ_j (y_ij − ŷ_ij)²                J outputs per sample
 * backward:  ∂L/∂ŷ_ij = −2 (y_ij − ŷ_ij) / J / n
 * </pre>
 */
public final class MeanSquaredError extends Loss {

    @Override
    public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
        DMatrixRMaj y = RegressionTargets.matrix(this, "forward", yPred, yTrue);
        int n = yPred.numRows;
        int outputs = yPred.numCols;
        sampleLosses.reshape(n, 1);
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int j = 0; j < outputs; j++) {
                double d = y.data[i * outputs + j] - yPred.data[i * outputs + j];
                sum += d * d;
            }
            sampleLosses.data[i] = sum / outputs;
        }
        return sampleLosses;
    }

    @Override
    public void backward(DMatrixRMaj dvalues, Targets yTrue) {
        DMatrixRMaj y = RegressionTargets.matrix(this, "backward", dvalues, yTrue);
        int n = dvalues.numRows;
        int outputs = dvalues.numCols;
        dinputs.reshape(n, outputs);
        for (int k = 0; k < n * outputs; k++) {
            dinputs.data[k] = -2 * (y.data[k] - dvalues.data[k]) / outputs / n;
        }
    }

    @Override
    public String toString() {
        return "MeanSquaredError";
    }
}
