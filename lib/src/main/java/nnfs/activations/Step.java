package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * The step function, the first activation of the book: a neuron either fires or does not.
 *
 * <pre>
 * forward:   y = 1 if x &gt; 0, else 0
 * backward:  dx = 0                     (flat on both sides of 0, undefined at 0)
 * </pre>
 *
 * <p>Its zero gradient is exactly why it cannot be trained by backpropagation: no signal reaches the weights.
 */
public final class Step implements Activation {

    private final DMatrixRMaj output = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);
    private DMatrixRMaj inputs;

    @Override
    public void forward(DMatrixRMaj inputs) {
        Checks.requireNonNull(this, "forward", inputs, "inputs");
        this.inputs = inputs;
        output.reshape(inputs.numRows, inputs.numCols);
        int size = inputs.getNumElements();
        for (int k = 0; k < size; k++) {
            output.data[k] = inputs.data[k] > 0.0 ? 1.0 : 0.0;
        }
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        Activations.requireBackwardShape(this, inputs, dvalues);
        dinputs.reshape(dvalues.numRows, dvalues.numCols);
        dinputs.zero();
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
        return "Step";
    }
}
