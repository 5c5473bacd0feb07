package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.Matrices;

/**
 * Softmax turns each row of scores into a probability distribution over the classes.
 *
 * <pre>
 * forward:   S_ij = e^(z_ij − max_k z_ik) / Σ_l e^(z_il − max_k z_ik)
 * backward:  for each sample i, with the Jacobian J = diag(S_i) − S_i S_iᵀ  (∂S_ij/∂z_ik = S_ij (δ_jk − S_ik)):
 *            dz_i = J · dS_i
 * </pre>
 *
 * <p>Subtracting the row maximum changes nothing mathematically (it cancels in the ratio) but keeps {@code e^x} from
 * overflowing. The backward pass builds the full Jacobian for every sample, as the book does; when softmax feeds
 * categorical cross-entropy, {@link nnfs.losses.SoftmaxCrossEntropy} gives the same gradient much faster.
 */
public final class Softmax extends ActivationFunction {

    // Work buffer for one sample's Jacobian, resized only when the number of classes changes.
    private final DMatrixRMaj jacobian = new DMatrixRMaj(0, 0);

    @Override
    protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
        Checks.requireFinite(this, "forward", x, "inputs");
        int cols = x.numCols;
        for (int i = 0; i < x.numRows; i++) {
            int offset = i * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x.data[offset + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x.data[offset + j] - max);
                y.data[offset + j] = e;
                sum += e;
            }
            for (int j = 0; j < cols; j++) {
                y.data[offset + j] /= sum;
            }
        }
    }

    @Override
    protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        int cols = y.numCols;
        jacobian.reshape(cols, cols);
        for (int i = 0; i < y.numRows; i++) {
            int offset = i * cols;
            // J = diag(s) − s sᵀ
            for (int j = 0; j < cols; j++) {
                double sj = y.data[offset + j];
                for (int k = 0; k < cols; k++) {
                    double sk = y.data[offset + k];
                    jacobian.data[j * cols + k] = (j == k ? sj : 0.0) - sj * sk;
                }
            }
            // dx_i = J · dy_i
            for (int j = 0; j < cols; j++) {
                double sum = 0.0;
                for (int k = 0; k < cols; k++) {
                    sum += jacobian.data[j * cols + k] * dy.data[offset + k];
                }
                dx.data[offset + j] = sum;
            }
        }
    }

    /** The most probable class of each sample, as a one-column matrix of class indices. */
    @Override
    public DMatrixRMaj predictions(DMatrixRMaj outputs) {
        int[] classes = Matrices.argmaxRows(outputs);
        DMatrixRMaj p = new DMatrixRMaj(classes.length, 1);
        for (int i = 0; i < classes.length; i++) {
            p.data[i] = classes[i];
        }
        return p;
    }

    /** {@link #predictions(DMatrixRMaj)} into a reused matrix: the argmax of each row, as a number. */
    @Override
    public void predictions(DMatrixRMaj outputs, DMatrixRMaj into) {
        int cols = outputs.numCols;
        into.reshape(outputs.numRows, 1);
        for (int i = 0; i < outputs.numRows; i++) {
            int offset = i * cols;
            int best = 0;
            for (int j = 1; j < cols; j++) {
                if (outputs.data[offset + j] > outputs.data[offset + best]) {
                    best = j;
                }
            }
            into.data[i] = best;
        }
    }

    /** The most probable class of each sample: the argmax of each row. */
    public static int[] classes(DMatrixRMaj outputs) {
        return Matrices.argmaxRows(outputs);
    }
}
