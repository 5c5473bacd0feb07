package nnfs.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Matrices;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Trainable;
import nnfs.random.NumpyRandom;

/** The checks of chapter 1's exercises: neurons, layers and batches. */
public final class Chapter01 {

    private Chapter01() {
    }

    // --- 1.1 -------------------------------------------------------------------------------------------------------

    /** Exercise 1.1's layer: two neurons reading three inputs, weights neuron by neuron (one row per neuron). */
    private static final double[] INPUTS = {1, 2, -1};
    private static final double[][] WEIGHTS = {{0.5, -1, 2}, {1, 0.5, 3}};
    private static final double[] BIASES = {1, -0.5};

    /**
     * Exercise 1.1 (predict): the outputs of a layer of two neurons on the sample x = (1, 2, −1), neuron 1 with weights
     * (0.5, −1, 2) and bias 1, neuron 2 with weights (1, 0.5, 3) and bias −0.5. They are −2.5 and −1.5.
     */
    public static void checkLayerPrediction(Supplier<double[]> prediction) {
        Exercise exercise = Exercise.of("1.1", "predict a layer's outputs");
        Dense layer = Dense.withParameters(CommonOps_DDRM.transpose(new DMatrixRMaj(WEIGHTS), null),
                Matrices.row(BIASES));
        layer.forward(Matrices.row(INPUTS));
        double[] predicted = exercise.call("predictedOutputs()", prediction);
        exercise.require(predicted != null && predicted.length == 2, "predictedOutputs(): expected one output per"
                + " neuron (2 numbers), got " + (predicted == null ? "null" : predicted.length));
        double[] withoutBias = new double[2];
        double[] swappedBias = new double[2];
        double[] positiveInput = new double[2];
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < INPUTS.length; i++) {
                withoutBias[n] += INPUTS[i] * WEIGHTS[n][i];
                positiveInput[n] += Math.abs(INPUTS[i]) * WEIGHTS[n][i];
            }
            swappedBias[n] = withoutBias[n] + BIASES[1 - n];
            positiveInput[n] += BIASES[n];
        }
        exercise.prediction("outputs", layer.output(), Matrices.row(predicted),
                Hint.ifEqual(Matrices.row(withoutBias), "each neuron adds its bias after the weighted sum"),
                Hint.ifEqual(Matrices.row(swappedBias), "each neuron has its own bias: neuron 1 adds 1, neuron 2"
                        + " adds −0.5"),
                Hint.ifEqual(Matrices.row(positiveInput), "mind the sign of the third input, −1: it flips the sign"
                        + " of its product with the weight"),
                Hint.otherwise("output of neuron n = Σ_i x_i · w_n,i + b_n: multiply each input by the neuron's"
                        + " weight for it, add the products, then the bias"));
        exercise.verified("both outputs are what Dense computes for this layer");
        exercise.pass();
    }

    // --- 1.2 -------------------------------------------------------------------------------------------------------

    /** Exercise 1.2: a layer's forward pass on a batch, with the weights stored neuron by neuron. */
    @FunctionalInterface
    public interface LayerForward {
        /**
         * Z = X · Wᵀ + b for {@code inputs} X (batch × inputs), {@code weights} W (neurons × inputs, one row per
         * neuron) and {@code biases} b (one per neuron).
         */
        DMatrixRMaj apply(DMatrixRMaj inputs, DMatrixRMaj weights, double[] biases);
    }

    /**
     * Exercise 1.2: Z = X·Wᵀ + b, compared with {@link Dense} (whose weights are Wᵀ) on three batches: a square one
     * first (3 samples, 3 inputs, 3 neurons), on which a missing transpose, a transposed result and biases added by
     * row all give numbers of the right shape that the hints recognise, then 5 samples of 4 inputs into 2 neurons and
     * 1 sample of 3 inputs into 4 neurons.
     */
    public static void checkLayerForward(LayerForward forward) {
        Exercise exercise = Exercise.of("1.2", "a layer on a batch, as a dot product");
        NumpyRandom random = new NumpyRandom(12);
        for (int[] shape : new int[][] {{3, 3, 3}, {5, 4, 2}, {1, 3, 4}}) {
            int batch = shape[0];
            int inputs = shape[1];
            int neurons = shape[2];
            DMatrixRMaj x = random.randn(batch, inputs);
            DMatrixRMaj w = random.randn(neurons, inputs);
            double[] b = random.randn(neurons);
            Dense reference = Dense.withParameters(CommonOps_DDRM.transpose(w, null), Matrices.row(b));
            reference.forward(x);
            DMatrixRMaj expected = reference.output();

            DMatrixRMaj xCopy = x.copy();
            DMatrixRMaj wCopy = w.copy();
            double[] bCopy = b.clone();
            DMatrixRMaj answer = exercise.call("layerForward", () -> forward.apply(xCopy, wCopy, bCopy));
            exercise.require(Arrays.equals(xCopy.data, x.data) && Arrays.equals(wCopy.data, w.data)
                    && Arrays.equals(bCopy, b), "layerForward changed its inputs, weights or biases: write the"
                    + " result into a new matrix");

            DMatrixRMaj product = new DMatrixRMaj(batch, neurons);
            CommonOps_DDRM.multTransB(x, w, product);                       // X·Wᵀ, no bias
            List<Hint> hints = new ArrayList<>();
            if (batch != neurons) {
                hints.add(Hint.ifShape(neurons, batch, "Z has one row per sample and one column per neuron: that is"
                        + " Zᵀ (W·Xᵀ); X·Wᵀ puts the samples in rows"));
            }
            if (inputs == neurons) {
                DMatrixRMaj noTranspose = new DMatrixRMaj(batch, neurons);
                CommonOps_DDRM.mult(x, w, noTranspose);
                hints.add(Hint.ifEqual(addRow(noTranspose, b), "the rows of W are the neurons, so sample i meets"
                        + " neuron j in the dot product of row i of X with row j of W: multiply by Wᵀ"
                        + " (CommonOps_DDRM.multTransB), not by W"));
            }
            if (batch == neurons) {
                hints.add(Hint.ifEqual(CommonOps_DDRM.transpose(expected, null), "that is Zᵀ (W·Xᵀ plus the biases"
                        + " down the columns): samples are rows, so Z = X·Wᵀ + b"));
                DMatrixRMaj byRow = product.copy();
                for (int i = 0; i < batch; i++) {
                    for (int j = 0; j < neurons; j++) {
                        byRow.add(i, j, b[i]);
                    }
                }
                hints.add(Hint.ifEqual(byRow, "bias j belongs to neuron j, which is column j of Z: add b[j] to"
                        + " Z[i][j] for every row i"));
            }
            hints.add(Hint.ifEqual(product, "add the biases: one per neuron, to every row of X·Wᵀ"));
            if (batch > 1) {
                DMatrixRMaj firstRowOnly = product.copy();
                for (int j = 0; j < neurons; j++) {
                    firstRowOnly.add(0, j, b[j]);
                }
                hints.add(Hint.ifEqual(firstRowOnly, "the biases go on every row (every sample), not only the"
                        + " first"));
            }
            hints.add(Hint.otherwise("Z[i][j] is the dot product of sample i (row i of X) with neuron j's weights"
                    + " (row j of W), plus b[j]"));
            exercise.compare("Z (" + batch + " samples, " + inputs + " inputs, " + neurons + " neurons)", expected,
                    answer, hints.toArray(new Hint[0]));
        }
        exercise.verified("Z equals Dense's output on batches of 3 × 3 → 3, 5 × 4 → 2 and 1 × 3 → 4, and the"
                + " arguments are left as they were");
        exercise.pass();
    }

    private static DMatrixRMaj addRow(DMatrixRMaj m, double[] row) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < out.numRows; i++) {
            for (int j = 0; j < out.numCols; j++) {
                out.add(i, j, row[j]);
            }
        }
        return out;
    }

    // --- 1.3 -------------------------------------------------------------------------------------------------------

    /** Exercise 1.3: the student's dense layer, made like {@code new Dense(nInputs, nNeurons, random)}. */
    @FunctionalInterface
    public interface LayerFactory {
        Trainable create(int nInputs, int nNeurons, NumpyRandom random);
    }

    /**
     * Exercise 1.3: a dense layer of one's own. Made from a generator in the same state as the library's (seed 0,
     * after the spiral data), its weights and biases must equal {@link Dense}'s; its outputs on the spiral data, and
     * those of a second layer fed the first's outputs, must equal the book's; with biases set to other values the
     * output must follow, and a smaller batch must give a smaller output.
     */
    public static void checkDense(LayerFactory create) {
        Exercise exercise = Exercise.of("1.3", "a Dense layer of your own");
        NumpyRandom referenceRandom = new NumpyRandom(0);
        Dataset data = Datasets.spiral(100, 3, referenceRandom);
        Dense reference1 = new Dense(2, 3, referenceRandom);
        Dense reference2 = new Dense(3, 3, referenceRandom);

        NumpyRandom random = afterSpiralData();
        Trainable layer1 = exercise.call("new MyDense(2, 3, random)", () -> create.create(2, 3, random));
        Trainable layer2 = exercise.call("new MyDense(3, 3, random)", () -> create.create(3, 3, random));

        // The typical ways of drawing the wrong weights, from a generator in the same state.
        DMatrixRMaj unscaled = reference1.weights().copy();
        CommonOps_DDRM.scale(100, unscaled);
        DMatrixRMaj drawnTransposed = afterSpiralData().randn(3, 2);
        CommonOps_DDRM.scale(0.01, drawnTransposed);
        DMatrixRMaj fresh = new NumpyRandom(0).randn(2, 3);
        CommonOps_DDRM.scale(0.01, fresh);
        exercise.compare("layer 1 weights", reference1.weights(), exercise.call("weights()", layer1::weights),
                Hint.ifShape(3, 2, "Dense stores its weights inputs × neurons (2 × 3 here), so that a batch goes"
                        + " through as X·W without a transpose"),
                Hint.ifEqual(unscaled, "the starting weights are small: 0.01 times the standard-normal draws"),
                Hint.ifEqual(CommonOps_DDRM.transpose(drawnTransposed, null), "those are the right numbers drawn as"
                        + " neurons × inputs and then transposed: draw randn(nInputs, nNeurons) and keep them in the"
                        + " order they come, row by row, as NumPy does"),
                Hint.ifEqual(fresh, "draw from the generator the constructor is given: a new NumpyRandom(0) starts"
                        + " the stream again, so the weights repeat numbers the data already used"),
                Hint.otherwise("weights = 0.01 · random.randn(nInputs, nNeurons), drawn from the generator you are"
                        + " given"));
        exercise.compare("layer 1 biases", reference1.biases(), exercise.call("biases()", layer1::biases),
                Hint.ifShape(3, 1, "the biases are a row, 1 × nNeurons, like one row of the output"),
                Hint.otherwise("the biases start at zero: one per neuron, as a 1 × nNeurons row"));
        exercise.compare("layer 2 weights", reference2.weights(), exercise.call("weights()", layer2::weights),
                Hint.otherwise("the second layer draws its weights after the first, from the same generator: draw"
                        + " nothing else from it"));
        exercise.verified("weights and biases equal Dense's, drawn from the same generator");

        reference1.forward(data.X());
        reference2.forward(reference1.output());
        exercise.run("layer 1 forward", () -> layer1.forward(data.X().copy()));
        DMatrixRMaj output1 = exercise.call("output()", layer1::output);
        exercise.compare("layer 1 output", reference1.output(), output1,
                Hint.ifShape(3, 300, "one row per sample and one column per neuron: inputs · weights, not the other"
                        + " way round"),
                Hint.otherwise("output = inputs · weights + biases"));
        DMatrixRMaj hidden = output1.copy();
        exercise.run("layer 2 forward", () -> layer2.forward(hidden));
        exercise.compare("layer 2 output", reference2.output(), exercise.call("output()", layer2::output),
                Hint.otherwise("output = inputs · weights + biases"));
        exercise.verified("the two layers' outputs on the spiral data equal the book's");

        DMatrixRMaj biases = Matrices.row(0.5, -1.0, 2.0);
        DMatrixRMaj noBias = reference1.output().copy();
        exercise.run("setting biases()", () -> layer1.biases().setTo(biases));
        Dense withBiases = Dense.withParameters(reference1.weights(), biases);
        withBiases.forward(data.X());
        DMatrixRMaj firstRowOnly = noBias.copy();
        for (int j = 0; j < 3; j++) {
            firstRowOnly.add(0, j, biases.get(0, j));
        }
        exercise.run("layer 1 forward", () -> layer1.forward(data.X().copy()));
        exercise.compare("output with biases (0.5, −1, 2)", withBiases.output(), exercise.call("output()",
                layer1::output),
                Hint.ifEqual(noBias, "the output ignores the biases: forward must add biases() to every row (and"
                        + " biases() must return the layer's own matrix, not a copy)"),
                Hint.ifEqual(firstRowOnly, "add the biases to every row (every sample), not only the first"),
                Hint.otherwise("output = inputs · weights + biases, the bias row added to every row"));
        DMatrixRMaj small = Matrices.rows(data.X(), 100, 102);
        withBiases.forward(small);
        exercise.run("layer 1 forward", () -> layer1.forward(small.copy()));
        exercise.compare("output on a batch of 2", withBiases.output(), exercise.call("output()", layer1::output),
                Hint.ifShape(300, 3, "the output keeps the shape of the first batch: give it one row per sample of"
                        + " this batch (reshape(inputs.numRows, nNeurons))"),
                Hint.otherwise("output = inputs · weights + biases"));
        exercise.verified("the output follows new biases and the size of the batch");
        exercise.pass();
    }

    /** A generator seeded with 0 that has drawn the spiral data, as in the chapter. */
    private static NumpyRandom afterSpiralData() {
        NumpyRandom random = new NumpyRandom(0);
        Datasets.spiral(100, 3, random);
        return random;
    }

    // --- 1.4 -------------------------------------------------------------------------------------------------------

    /** The number of layers of exercise 1.4's stack. */
    public static final int STACK_DEPTH = 10;

    /** The width of exercise 1.4's layers (and of its inputs). */
    public static final int STACK_WIDTH = 64;

    /**
     * Exercise 1.4's experiment: 200 samples of 64 standard-normal inputs ({@code new NumpyRandom(1)}) through ten
     * layers {@code new Dense(64, 64, random, weightScale)} in a row (weights {@code weightScale · randn}, biases 0,
     * drawn after the inputs from the same generator). Returns the spread (the standard deviation of all values) of the
     * inputs and then of each layer's output: 11 numbers.
     */
    public static double[] spreadThroughLayers(double weightScale) {
        if (!(weightScale > 0) || !Double.isFinite(weightScale)) {
            throw new IllegalArgumentException("Chapter01.spreadThroughLayers: expected a positive weight scale, got "
                    + weightScale);
        }
        NumpyRandom random = new NumpyRandom(1);
        DMatrixRMaj signal = random.randn(200, STACK_WIDTH);
        double[] spreads = new double[STACK_DEPTH + 1];
        spreads[0] = spread(signal);
        for (int layer = 1; layer <= STACK_DEPTH; layer++) {
            Dense dense = new Dense(STACK_WIDTH, STACK_WIDTH, random, weightScale);
            dense.forward(signal);
            signal = dense.output().copy();
            spreads[layer] = spread(signal);
        }
        return spreads;
    }

    /** The standard deviation of all the values of a matrix. */
    static double spread(DMatrixRMaj m) {
        int n = m.getNumElements();
        double mean = 0.0;
        for (int k = 0; k < n; k++) {
            mean += m.data[k];
        }
        mean /= n;
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            double d = m.data[k] - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / n);
    }

    /**
     * Exercise 1.4 (explore): an interval [lo, hi] of weight scales, hi at most 1.1 · lo, such that the signal leaves
     * the ten layers of {@link #spreadThroughLayers} with a smaller spread than it entered at lo and a larger one at
     * hi. The boundary is near 1/√64 = 0.125 (0.124 for these draws): each layer multiplies the spread by about
     * weightScale · √64.
     */
    public static void checkStableScale(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("1.4", "how large may starting weights be?");
        double[] answer = exercise.call("stableScaleInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two weight scales {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo > 0 && hi > lo && Double.isFinite(hi), "expected 0 < lo < hi, got lo = " + lo + ", hi = "
                + hi);
        exercise.require(hi <= 1.1 * lo, "narrow it down: hi is " + Exercise.format(hi / lo, 3) + " times lo; at most"
                + " 1.1 times is asked for");
        double[] atLo = spreadThroughLayers(lo);
        double[] atHi = spreadThroughLayers(hi);
        double gainLo = atLo[STACK_DEPTH] / atLo[0];
        double gainHi = atHi[STACK_DEPTH] / atHi[0];
        exercise.require(gainLo < 1, "at lo = " + lo + " the spread still grows (it leaves the ten layers "
                + Exercise.format(gainLo, 4) + " times as large as it entered): the boundary lies lower; each layer"
                + " multiplies the spread by about the same factor: how does it depend on the scale?");
        exercise.require(gainHi > 1, "at hi = " + hi + " the spread still shrinks (it leaves the ten layers "
                + Exercise.format(gainHi, 4) + " times as large as it entered): the boundary lies higher");
        exercise.verified("ten layers with weights " + lo + " · randn shrink the signal's spread and with " + hi
                + " · randn grow it");
        exercise.pass();
    }
}
