package nnfs.layers;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Checks;
import nnfs.Matrices;
import nnfs.random.NumpyRandom;

/**
 * A fully connected layer: every input feeds every neuron.
 *
 * <pre>
 * forward:   output = inputs · W + b                 (batch×in)·(in×out) + (1×out), b added to every row
 * backward:  dW = inputsᵀ · dvalues                  (in×batch)·(batch×out)
 *            db = Σ over rows of dvalues             (1×out)
 *            dinputs = dvalues · Wᵀ                  (batch×out)·(out×in)
 * </pre>
 *
 * <p>The weights are stored inputs × neurons (the book's layout), so a batch needs no transpose. They start as
 * {@code 0.01 · randn(in, out)} and the biases as zeros, drawn from the generator given to the constructor.
 */
public final class Dense implements Trainable {

    private final int nInputs;
    private final int nNeurons;
    private final DMatrixRMaj weights;
    private final DMatrixRMaj biases;
    private final DMatrixRMaj dweights;
    private final DMatrixRMaj dbiases;
    // Per-batch buffers: allocated here once, resized only when the batch size changes.
    private final DMatrixRMaj output;
    private final DMatrixRMaj dinputs;
    private DMatrixRMaj inputs;

    /** A layer whose weights are drawn from NumPy's global stream, {@link NumpyRandom#global()}, as in the book. */
    public Dense(int nInputs, int nNeurons) {
        this(nInputs, nNeurons, NumpyRandom.global());
    }

    /** A layer with weights {@code 0.01 · randn(nInputs, nNeurons)} drawn from {@code random}, and zero biases. */
    public Dense(int nInputs, int nNeurons, NumpyRandom random) {
        this(nInputs, nNeurons, initialWeights(nInputs, nNeurons, random), new DMatrixRMaj(1, nNeurons));
    }

    private Dense(int nInputs, int nNeurons, DMatrixRMaj weights, DMatrixRMaj biases) {
        this.nInputs = nInputs;
        this.nNeurons = nNeurons;
        this.weights = weights;
        this.biases = biases;
        this.dweights = new DMatrixRMaj(nInputs, nNeurons);
        this.dbiases = new DMatrixRMaj(1, nNeurons);
        this.output = new DMatrixRMaj(0, nNeurons);
        this.dinputs = new DMatrixRMaj(0, nInputs);
    }

    /**
     * A layer with the given parameters (copied): {@code weights} is inputs × neurons, {@code biases} is 1 × neurons.
     * Used to reproduce the book's worked examples, whose weights are written out by hand.
     */
    public static Dense withParameters(DMatrixRMaj weights, DMatrixRMaj biases) {
        Checks.requireNonNull("Dense", "withParameters", weights, "a weight matrix");
        Checks.requireShape("Dense", "withParameters", biases, 1, weights.numCols, "biases");
        Checks.requireFinite("Dense", "withParameters", weights, "weights");
        Checks.requireFinite("Dense", "withParameters", biases, "biases");
        return new Dense(weights.numRows, weights.numCols, weights.copy(), biases.copy());
    }

    private static DMatrixRMaj initialWeights(int nInputs, int nNeurons, NumpyRandom random) {
        Checks.requireAtLeastOne("Dense", "nInputs", nInputs);
        Checks.requireAtLeastOne("Dense", "nNeurons", nNeurons);
        Checks.requireNonNull("Dense", "new", random, "a random generator");
        DMatrixRMaj w = random.randn(nInputs, nNeurons);
        CommonOps_DDRM.scale(0.01, w);
        return w;
    }

    @Override
    public void forward(DMatrixRMaj inputs) {
        Checks.requireColumns(this, "forward", inputs, nInputs, "input");
        Checks.requireRows(this, "forward", inputs, "inputs");
        Checks.requireFinite(this, "forward", inputs, "inputs");
        this.inputs = inputs;
        // output = inputs · W
        CommonOps_DDRM.mult(inputs, weights, output);
        // output += b, row by row
        double[] out = output.data;
        double[] b = biases.data;
        for (int i = 0, k = 0; i < output.numRows; i++) {
            for (int j = 0; j < nNeurons; j++, k++) {
                out[k] += b[j];
            }
        }
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        if (inputs == null) {
            throw new IllegalStateException(this + ".backward: call forward first; there are no inputs yet");
        }
        Checks.requireShape(this, "backward", dvalues, inputs.numRows, nNeurons, "dvalues (the output's shape)");
        // dW = inputsᵀ · dvalues
        CommonOps_DDRM.multTransA(inputs, dvalues, dweights);
        // db = column sums of dvalues
        CommonOps_DDRM.sumCols(dvalues, dbiases);
        // dinputs = dvalues · Wᵀ
        CommonOps_DDRM.multTransB(dvalues, weights, dinputs);
    }

    /**
     * Replaces the weights and biases with copies of the given ones, which must have this layer's shapes. The
     * matrices returned by {@link #weights()} and {@link #biases()} stay the same objects.
     */
    public void setParameters(DMatrixRMaj newWeights, DMatrixRMaj newBiases) {
        Checks.requireShape(this, "setParameters", newWeights, nInputs, nNeurons, "weights");
        Checks.requireShape(this, "setParameters", newBiases, 1, nNeurons, "biases");
        Checks.requireFinite(this, "setParameters", newWeights, "weights");
        Checks.requireFinite(this, "setParameters", newBiases, "biases");
        weights.setTo(newWeights);
        biases.setTo(newBiases);
    }

    public int nInputs() {
        return nInputs;
    }

    public int nNeurons() {
        return nNeurons;
    }

    @Override
    public DMatrixRMaj weights() {
        return weights;
    }

    @Override
    public DMatrixRMaj biases() {
        return biases;
    }

    @Override
    public DMatrixRMaj dweights() {
        return dweights;
    }

    @Override
    public DMatrixRMaj dbiases() {
        return dbiases;
    }

    @Override
    public DMatrixRMaj output() {
        return output;
    }

    @Override
    public DMatrixRMaj dinputs() {
        return dinputs;
    }

    /** {@code Dense(2→64)}: inputs → neurons, i.e. weights of shape 2×64 and biases 1×64. */
    @Override
    public String toString() {
        return "Dense(" + nInputs + "→" + nNeurons + ")";
    }

    /** The weights and biases printed NumPy-style, for looking inside a layer in a notebook. */
    public String describe() {
        return this + ", " + (nInputs * nNeurons + nNeurons) + " parameters\nweights " + Matrices.shape(weights)
                + ":\n" + Matrices.format(weights) + "\nbiases " + Matrices.shape(biases) + ":\n"
                + Matrices.format(biases);
    }
}
