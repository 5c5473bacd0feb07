package nnfs.layers;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Checks;
import nnfs.Matrices;
import nnfs.math.DenseProducts;
import nnfs.math.Products;
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
 *
 * <p>With a {@link Regularizer}, {@link #regularizationLoss()} gives the layer's penalty and {@code backward} adds its
 * gradient to {@code dweights} and {@code dbiases}.
 */
public final class Dense implements Trainable {

    /** The book's starting weights: 0.01 · randn. */
    public static final double DEFAULT_WEIGHT_SCALE = 0.01;

    private final int nInputs;
    private final int nNeurons;
    private final DMatrixRMaj weights;
    private final DMatrixRMaj biases;
    private final DMatrixRMaj dweights;
    private final DMatrixRMaj dbiases;
    private final Regularizer regularizer;
    // The code that computes the products (Java kernels or OpenBLAS, by size), with its work buffers.
    private final DenseProducts products;
    // Per-batch buffers: allocated here once, resized only when the batch size changes.
    private final DMatrixRMaj output;
    private final DMatrixRMaj dinputs;
    private DMatrixRMaj inputs;
    // True after backwardParameters: dinputs then holds nothing valid.
    private boolean dinputsSkipped;

    /** A layer whose weights are drawn from NumPy's global stream, {@link NumpyRandom#global()}, as in the book. */
    public Dense(int nInputs, int nNeurons) {
        this(nInputs, nNeurons, NumpyRandom.global());
    }

    /** A layer with weights {@code 0.01 · randn(nInputs, nNeurons)} drawn from {@code random}, and zero biases. */
    public Dense(int nInputs, int nNeurons, NumpyRandom random) {
        this(nInputs, nNeurons, random, Regularizer.NONE);
    }

    /** The same, with L1/L2 regularization: e.g. {@code new Dense(2, 64, random, Regularizer.l2(5e-4))}. */
    public Dense(int nInputs, int nNeurons, NumpyRandom random, Regularizer regularizer) {
        this(nInputs, nNeurons, random, regularizer, DEFAULT_WEIGHT_SCALE);
    }

    /**
     * A layer whose starting weights are {@code weightScale · randn(nInputs, nNeurons)}. The book's regression chapter
     * needs 0.1 instead of 0.01: with weights that small, a deep regression network never starts learning.
     */
    public Dense(int nInputs, int nNeurons, NumpyRandom random, double weightScale) {
        this(nInputs, nNeurons, random, Regularizer.NONE, weightScale);
    }

    /** All the options: regularization and the scale of the starting weights. */
    public Dense(int nInputs, int nNeurons, NumpyRandom random, Regularizer regularizer, double weightScale) {
        this(nInputs, nNeurons, initialWeights(nInputs, nNeurons, random, weightScale), new DMatrixRMaj(1, nNeurons),
                regularizer);
    }

    private Dense(int nInputs, int nNeurons, DMatrixRMaj weights, DMatrixRMaj biases, Regularizer regularizer) {
        Checks.requireNonNull("Dense", "new", regularizer, "a regularizer (Regularizer.NONE for none)");
        this.nInputs = nInputs;
        this.nNeurons = nNeurons;
        this.weights = weights;
        this.biases = biases;
        this.regularizer = regularizer;
        this.products = Products.forLayer(nInputs, nNeurons);
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
        return withParameters(weights, biases, Regularizer.NONE);
    }

    /** {@link #withParameters(DMatrixRMaj, DMatrixRMaj)} with regularization. */
    public static Dense withParameters(DMatrixRMaj weights, DMatrixRMaj biases, Regularizer regularizer) {
        Checks.requireNonNull("Dense", "withParameters", weights, "a weight matrix");
        Checks.requireShape("Dense", "withParameters", biases, 1, weights.numCols, "biases");
        Checks.requireFinite("Dense", "withParameters", weights, "weights");
        Checks.requireFinite("Dense", "withParameters", biases, "biases");
        if (weights.numRows < 1 || weights.numCols < 1) {
            throw new IllegalArgumentException("Dense.withParameters: expected at least one input and one neuron, got "
                    + Matrices.shape(weights) + " weights");
        }
        return new Dense(weights.numRows, weights.numCols, weights.copy(), biases.copy(), regularizer);
    }

    private static DMatrixRMaj initialWeights(int nInputs, int nNeurons, NumpyRandom random, double weightScale) {
        Checks.requireAtLeastOne("Dense", "nInputs", nInputs);
        Checks.requireAtLeastOne("Dense", "nNeurons", nNeurons);
        Checks.requireNonNull("Dense", "new", random, "a random generator");
        Checks.requirePositive("Dense", "weightScale", weightScale);
        DMatrixRMaj w = random.randn(nInputs, nNeurons);
        CommonOps_DDRM.scale(weightScale, w);
        return w;
    }

    @Override
    public void forward(DMatrixRMaj inputs) {
        Checks.requireColumns(this, "forward", inputs, nInputs, "input");
        Checks.requireRows(this, "forward", inputs, "inputs");
        this.inputs = inputs;
        // output = inputs · W + b
        products.forward(inputs, weights, biases, output);
        // A NaN or infinity anywhere in the inputs reaches the outputs, so whichever of the two is smaller is enough
        // to scan; the search for the culprit runs only when something is found.
        DMatrixRMaj scanned = inputs.getNumElements() <= output.getNumElements() ? inputs : output;
        if (Matrices.firstNonFinite(scanned) != null) {
            Checks.requireFinite(this, "forward", inputs, "inputs");
            Checks.requireFinite(this, "forward", weights, "weights");
            Checks.requireFinite(this, "forward", biases, "biases");
            throw new IllegalStateException(this + ".forward: the outputs overflowed to infinity (finite inputs and "
                    + "weights, but too large): lower the learning rate or scale the inputs");
        }
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        backward(dvalues, true);
    }

    /**
     * The backward pass without {@link #dinputs()}: only the gradients of the weights and biases. A network's first
     * layer needs nothing more (no layer below it reads its dinputs), and on Fashion-MNIST's 784 inputs that product is
     * a third of the layer's work. {@link nnfs.model.Model} uses it for its first layer; until the next
     * {@link #backward}, {@link #dinputs()} refuses to answer.
     */
    public void backwardParameters(DMatrixRMaj dvalues) {
        backward(dvalues, false);
    }

    private void backward(DMatrixRMaj dvalues, boolean inputGradient) {
        if (inputs == null) {
            throw new IllegalStateException(this + ".backward: expected forward to be called first, got no inputs yet");
        }
        Checks.requireShape(this, "backward", dvalues, inputs.numRows, nNeurons, "dvalues (the output's shape)");
        // dW = inputsᵀ · dvalues,  db = column sums of dvalues,  dinputs = dvalues · Wᵀ
        products.backward(inputs, dvalues, weights, dweights, dbiases, inputGradient ? dinputs : null);
        dinputsSkipped = !inputGradient;
        // dW += ∂L_reg/∂W, db += ∂L_reg/∂b
        if (!regularizer.isNone()) {
            regularizer.addGradient(weights, dweights, biases, dbiases);
        }
    }

    /** This layer's regularization penalty, λ1 Σ|w| + λ2 Σw² (+ the same for the biases). */
    @Override
    public double regularizationLoss() {
        return regularizer.isNone() ? 0.0 : regularizer.loss(weights, biases);
    }

    public Regularizer regularizer() {
        return regularizer;
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

    /** The gradient with respect to the inputs from the last {@link #backward}; not after {@link #backwardParameters}. */
    @Override
    public DMatrixRMaj dinputs() {
        if (dinputsSkipped) {
            throw new IllegalStateException(this + ".dinputs: not computed: the last backward pass was "
                    + "backwardParameters (a model's first layer skips its dinputs); call backward(dvalues) for them");
        }
        return dinputs;
    }

    /** "Java" or "OpenBLAS": which code computes this layer's products (see {@link Products#backend()}). */
    public String productsBackend() {
        return products.name();
    }

    /** {@code Dense(2→64)}: inputs → neurons, i.e. weights of shape 2×64 and biases 1×64; then any regularization. */
    @Override
    public String toString() {
        return "Dense(" + nInputs + "→" + nNeurons + (regularizer.isNone() ? "" : ", " + regularizer) + ")";
    }

    /** The weights and biases printed NumPy-style, for looking inside a layer in a notebook. */
    public String describe() {
        return this + ", " + (nInputs * nNeurons + nNeurons) + " parameters\nweights " + Matrices.shape(weights)
                + ":\n" + Matrices.format(weights) + "\nbiases " + Matrices.shape(biases) + ":\n"
                + Matrices.format(biases);
    }
}
