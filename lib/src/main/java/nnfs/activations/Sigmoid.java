package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * The logistic sigmoid: squashes any number into (0, 1), smoothly, so the output says how strongly a neuron fires.
 *
 * <pre>
 * forward:   σ(x) = 1 / (1 + e^(−x))
 * backward:  dx = dy · σ(x) · (1 − σ(x))
 * </pre>
 *
 * <p>As an output layer it predicts 1 when σ(x) &gt; 0.5 (binary logistic regression).
 */
public final class Sigmoid implements Activation {

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
            output.data[k] = 1.0 / (1.0 + Math.exp(-inputs.data[k]));
        }
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        Activations.requireBackwardShape(this, inputs, dvalues);
        dinputs.reshape(dvalues.numRows, dvalues.numCols);
        int size = dvalues.getNumElements();
        for (int k = 0; k < size; k++) {
            double s = output.data[k];
            dinputs.data[k] = dvalues.data[k] * s * (1.0 - s);
        }
    }

    /** 1 where the output is above 0.5, else 0. */
    @Override
    public DMatrixRMaj predictions(DMatrixRMaj outputs) {
        DMatrixRMaj p = new DMatrixRMaj(outputs.numRows, outputs.numCols);
        for (int k = 0; k < outputs.getNumElements(); k++) {
            p.data[k] = outputs.data[k] > 0.5 ? 1.0 : 0.0;
        }
        return p;
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
        return "Sigmoid";
    }
}
