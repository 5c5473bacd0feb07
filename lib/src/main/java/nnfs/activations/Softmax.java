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
public final class Softmax implements Activation {

    private final DMatrixRMaj output = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);
    // Work buffer for one sample's Jacobian, resized only when the number of classes changes.
    private final DMatrixRMaj jacobian = new DMatrixRMaj(0, 0);

    @Override
    public void forward(DMatrixRMaj inputs) {
        Checks.requireNonNull(this, "forward", inputs, "inputs");
        Checks.requireFinite(this, "forward", inputs, "inputs");
        output.reshape(inputs.numRows, inputs.numCols);
        int cols = inputs.numCols;
        for (int i = 0; i < inputs.numRows; i++) {
            int offset = i * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, inputs.data[offset + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(inputs.data[offset + j] - max);
                output.data[offset + j] = e;
                sum += e;
            }
            for (int j = 0; j < cols; j++) {
                output.data[offset + j] /= sum;
            }
        }
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        if (output.numRows == 0) {
            throw new IllegalStateException(this + ".backward: call forward first; there is no output yet");
        }
        Checks.requireShape(this, "backward", dvalues, output.numRows, output.numCols,
                "dvalues (the output's shape)");
        int cols = output.numCols;
        dinputs.reshape(dvalues.numRows, cols);
        jacobian.reshape(cols, cols);
        for (int i = 0; i < output.numRows; i++) {
            int offset = i * cols;
            // J = diag(s) − s sᵀ
            for (int j = 0; j < cols; j++) {
                double sj = output.data[offset + j];
                for (int k = 0; k < cols; k++) {
                    double sk = output.data[offset + k];
                    jacobian.data[j * cols + k] = (j == k ? sj : 0.0) - sj * sk;
                }
            }
            // dinputs_i = J · dvalues_i
            for (int j = 0; j < cols; j++) {
                double sum = 0.0;
                for (int k = 0; k < cols; k++) {
                    sum += jacobian.data[j * cols + k] * dvalues.data[offset + k];
                }
                dinputs.data[offset + j] = sum;
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

    /** The most probable class of each sample: the argmax of each row. */
    public static int[] classes(DMatrixRMaj outputs) {
        return Matrices.argmaxRows(outputs);
    }

    @Override
    public DMatrixRMaj output() {
        return output;
    }

    @Override
    public DMatrixRMaj dinputs() {
        return dinputs;
    }

    @Override
    public String toString() {
        return "Softmax";
    }
}
