package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.data.Targets;

/**
 * Categorical cross-entropy: the negative log of the probability given to the correct class.
 *
 * <pre>
 * forward:   L_i = −Σ_j y_ij · log(ŷ_ij) = −log(ŷ_i,k)       k the true class of sample i
 *            ŷ is first clipped to [1e−7, 1 − 1e−7] so that log(0) never happens
 * backward:  ∂L/∂ŷ_ij = −(y_ij / ŷ_ij) / n                   n samples: the gradient of the mean
 * </pre>
 *
 * <p>Labels may be sparse (class indices) or one-hot rows.
 */
public final class CategoricalCrossEntropy extends Loss {

    /** Predictions are clipped to [CLIP, 1 − CLIP] before the logarithm. */
    public static final double CLIP = 1e-7;

    @Override
    public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
        checkTargets("forward", yPred, yTrue);
        int n = yPred.numRows;
        int cols = yPred.numCols;
        sampleLosses.reshape(n, 1);
        if (yTrue instanceof Targets.Classes classes) {
            int[] labels = classes.labels();
            for (int i = 0; i < n; i++) {
                double confidence = clip(yPred.data[i * cols + labels[i]]);
                sampleLosses.data[i] = -Math.log(confidence);
            }
        } else {
            double[] y = ((Targets.Values) yTrue).matrix().data;
            for (int i = 0; i < n; i++) {
                double confidence = 0.0;
                for (int j = 0; j < cols; j++) {
                    confidence += clip(yPred.data[i * cols + j]) * y[i * cols + j];
                }
                sampleLosses.data[i] = -Math.log(confidence);
            }
        }
        return sampleLosses;
    }

    @Override
    public void backward(DMatrixRMaj dvalues, Targets yTrue) {
        checkTargets("backward", dvalues, yTrue);
        int n = dvalues.numRows;
        int cols = dvalues.numCols;
        dinputs.reshape(n, cols);
        if (yTrue instanceof Targets.Classes classes) {
            // y is one-hot: only the true class has a non-zero gradient.
            dinputs.zero();
            int[] labels = classes.labels();
            for (int i = 0; i < n; i++) {
                int k = i * cols + labels[i];
                dinputs.data[k] = -1.0 / dvalues.data[k] / n;
            }
        } else {
            double[] y = ((Targets.Values) yTrue).matrix().data;
            for (int k = 0; k < n * cols; k++) {
                dinputs.data[k] = -y[k] / dvalues.data[k] / n;
            }
        }
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, CLIP), 1.0 - CLIP);
    }

    @Override
    public String toString() {
        return "CategoricalCrossEntropy";
    }
}
