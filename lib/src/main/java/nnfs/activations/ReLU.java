package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * Rectified linear unit.
 *
 * <pre>
 * forward:   y = max(0, x)
 * backward:  dx = dy where x &gt; 0, else 0        (the derivative is 1 for x &gt; 0 and 0 otherwise)
 * </pre>
 */
public final class ReLU implements Activation {

    private final DMatrixRMaj output = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);
    private DMatrixRMaj inputs;

    @Override
    public void forward(DMatrixRMaj inputs) {
        Checks.requireNonNull(this, "forward", inputs, "inputs");
        this.inputs = inputs;
        output.reshape(inputs.numRows, inputs.numCols);
        double[] x = inputs.data;
        double[] y = output.data;
        int size = inputs.getNumElements();
        for (int k = 0; k < size; k++) {
            y[k] = Math.max(0.0, x[k]);
        }
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        Activations.requireBackwardShape(this, inputs, dvalues);
        dinputs.reshape(dvalues.numRows, dvalues.numCols);
        double[] x = inputs.data;
        double[] dy = dvalues.data;
        double[] dx = dinputs.data;
        int size = dvalues.getNumElements();
        for (int k = 0; k < size; k++) {
            dx[k] = x[k] > 0.0 ? dy[k] : 0.0;
        }
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
        return "ReLU";
    }
}
