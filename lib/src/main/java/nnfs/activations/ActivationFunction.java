package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * What every activation function has in common: it remembers its last inputs, owns its {@code output} and
 * {@code dinputs} buffers (resized only when the batch shape changes), and checks its arguments. A subclass supplies
 * only the mathematics: {@link #compute} for the forward pass and {@link #gradient} for the backward pass.
 */
public abstract class ActivationFunction implements Activation {

    private final DMatrixRMaj output = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);
    private DMatrixRMaj inputs;

    @Override
    public final void forward(DMatrixRMaj inputs) {
        Checks.requireNonNull(this, "forward", inputs, "inputs");
        this.inputs = inputs;
        output.reshape(inputs.numRows, inputs.numCols);
        compute(inputs, output);
    }

    @Override
    public final void backward(DMatrixRMaj dvalues) {
        if (inputs == null) {
            throw new IllegalStateException(this + ".backward: expected forward to be called first, got no inputs yet");
        }
        Checks.requireShape(this, "backward", dvalues, inputs.numRows, inputs.numCols,
                "dvalues (the output's shape)");
        dinputs.reshape(dvalues.numRows, dvalues.numCols);
        gradient(inputs, output, dvalues, dinputs);
    }

    /** The forward pass: fills {@code y} (already shaped like {@code x}) with f(x). */
    protected abstract void compute(DMatrixRMaj x, DMatrixRMaj y);

    /**
     * The backward pass: fills {@code dx} (already shaped like {@code dy}) with the gradient with respect to the
     * inputs, given the last inputs {@code x}, outputs {@code y} and the gradient {@code dy} with respect to the outputs.
     */
    protected abstract void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx);

    @Override
    public final DMatrixRMaj output() {
        return output;
    }

    @Override
    public final DMatrixRMaj dinputs() {
        return dinputs;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
