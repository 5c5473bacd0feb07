package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * The identity, used on the output of a regression network so that the model definition still names an activation.
 *
 * <pre>
 * forward:   y = x
 * backward:  dx = dy            (the derivative of x is 1)
 * </pre>
 *
 * <p>Both results are copies, never the argument itself, so that changing one does not change the other.
 */
public final class Linear implements Activation {

    private final DMatrixRMaj output = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);
    private DMatrixRMaj inputs;

    @Override
    public void forward(DMatrixRMaj inputs) {
        Checks.requireNonNull(this, "forward", inputs, "inputs");
        this.inputs = inputs;
        output.setTo(inputs);
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        Activations.requireBackwardShape(this, inputs, dvalues);
        dinputs.setTo(dvalues);
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
        return "Linear";
    }
}
