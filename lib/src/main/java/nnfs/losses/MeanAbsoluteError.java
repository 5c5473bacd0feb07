package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.data.Targets;

/**
 * Mean absolute error, a regression loss that punishes large errors less than the squared error does.
 *
 * <pre>
 * forward:   L_i = (1/J) Σ_j |y_ij − ŷ_ij|                 J outputs per sample
 * backward:  ∂L/∂ŷ_ij = sign(ŷ_ij − y_ij) / J / n          (the derivative of |y − ŷ| with respect to ŷ)
 * </pre>
 */
public final class MeanAbsoluteError extends Loss {

    @Override
    public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
        DMatrixRMaj y = RegressionTargets.matrix(this, "forward", yPred, yTrue);
        int n = yPred.numRows;
        int outputs = yPred.numCols;
        sampleLosses.reshape(n, 1);
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int j = 0; j < outputs; j++) {
                sum += Math.abs(y.data[i * outputs + j] - yPred.data[i * outputs + j]);
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
            dinputs.data[k] = Math.signum(dvalues.data[k] - y.data[k]) / outputs / n;
        }
    }

    @Override
    public String toString() {
        return "MeanAbsoluteError";
    }
}
