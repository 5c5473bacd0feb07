package nnfs.exercises;

import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Matrices;
import nnfs.check.GradientCheck;
import nnfs.layers.Dropout;
import nnfs.layers.Layer;
import nnfs.random.NumpyRandom;

/** The checks of chapter 8's exercises: dropout. */
public final class Chapter08 {

    private Chapter08() {
    }

    // --- 8.1 ---------------------------------------------------------------------------------------------------

    /** Exercise 8.1's prediction for the layer of {@link #checkDropoutPrediction}. */
    public interface DropoutPrediction {
        /** The four outputs of the training-mode forward pass. */
        double[] output();

        /** The four values of dinputs after the backward pass. */
        double[] dinputs();
    }

    /** The seed with which {@code Dropout(0.2)} draws the coins 1, 0, 1, 1 for its first four values. */
    static final long PREDICTION_SEED = 42;
    static final double[] PREDICTION_INPUTS = {2.0, -1.0, 0.5, 4.0};
    static final double[] PREDICTION_DVALUES = {0.4, 0.4, -0.8, 1.0};

    /**
     * Exercise 8.1 (predict): {@code new Dropout(0.2, new NumpyRandom(42))}, whose first coins are 1, 0, 1, 1, on the
     * inputs (2, −1, 0.5, 4) in training mode, then backward with dvalues (0.4, 0.4, −0.8, 1): the outputs are
     * (2.5, 0, 0.625, 5) and dinputs (0.5, 0, −1, 1.25). The truth is the library's Dropout.
     */
    public static void checkDropoutPrediction(DropoutPrediction prediction) {
        Exercise exercise = Exercise.of("8.1", "predict a dropout layer's output and gradient");
        double[] output = exercise.call("output()", prediction::output);
        double[] dinputs = exercise.call("dinputs()", prediction::dinputs);
        exercise.require(output != null && output.length == 4, "output(): expected four numbers, one per input, got "
                + (output == null ? "null" : output.length));
        exercise.require(dinputs != null && dinputs.length == 4, "dinputs(): expected four numbers, one per input, got "
                + (dinputs == null ? "null" : dinputs.length));
        Dropout dropout = new Dropout(0.2, new NumpyRandom(PREDICTION_SEED));
        DMatrixRMaj x = Matrices.row(PREDICTION_INPUTS);
        DMatrixRMaj d = Matrices.row(PREDICTION_DVALUES);
        dropout.forward(x, true);
        dropout.backward(d);
        DMatrixRMaj coins = Matrices.row(1, 0, 1, 1);
        exercise.prediction("output", dropout.output(), Matrices.row(output),
                Hint.ifEqual(times(x, coins, 1), "inverted dropout scales the kept values up: each is divided by"
                        + " 1 − rate"),
                Hint.ifEqual(times(x, coins, 1 / 0.2), "divide by the probability of keeping a value, 1 − rate = 0.8,"
                        + " not by the rate"),
                Hint.ifEqual(times(x, coins, 0.8), "multiplying by 1 − rate scales the kept values down: inverted"
                        + " dropout divides by it"),
                Hint.ifEqual(x, "in training mode the coin 0 drops its value"),
                Hint.otherwise("output = inputs ⊙ mask, with mask = coin / (1 − rate)"));
        exercise.prediction("dinputs", dropout.dinputs(), Matrices.row(dinputs),
                Hint.ifEqual(d, "a dropped value did not reach the loss, so its gradient is 0: dinputs = dvalues ⊙"
                        + " mask"),
                Hint.ifEqual(times(d, coins, 1), "backward multiplies by the same mask as the forward pass,"
                        + " 1/(1 − rate) included"),
                Hint.ifEqual(times(d, coins, 1 / 0.2), "divide by the probability of keeping a value, 1 − rate = 0.8,"
                        + " not by the rate"),
                Hint.otherwise("dinputs = dvalues ⊙ mask, the mask of the forward pass"));
        exercise.verified("output and dinputs equal those of Dropout(0.2) with the coins 1, 0, 1, 1");
        exercise.pass();
    }

    /** a ⊙ b · factor. */
    private static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b, double factor) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, b, out);
        CommonOps_DDRM.scale(factor, out);
        return out;
    }

    // --- 8.2 ---------------------------------------------------------------------------------------------------

    /** Exercise 8.2: makes the student's dropout layer, e.g. {@code MyDropout::new}. */
    @FunctionalInterface
    public interface DropoutLayer {
        Layer create(double rate, NumpyRandom random);
    }

    /**
     * Exercise 8.2: a dropout layer, compared with the library's {@link Dropout} made with the same rate and seed, at
     * rates 0.2 and 0.35: a training-mode pass on ones (which shows the mask), another on random inputs (a new mask),
     * backward, an inference pass and its backward, and one more training pass (an inference pass draws nothing);
     * then a gradient check with the generator reseeded before every forward pass, so that every pass draws the same
     * mask. Hints for the scaling left out, by the rate, or by a product; coins drawn with the rate as the keep
     * probability, or column by column; one mask for every pass; a new mask in backward; and inference that drops,
     * scales or draws.
     */
    public static void checkDropoutLayer(DropoutLayer create) {
        Exercise exercise = Exercise.of("8.2", "an inverted dropout layer");
        double[][] settings = {{0.2, 80, 4, 5}, {0.35, 81, 3, 6}};
        for (double[] setting : settings) {
            double rate = setting[0];
            long seed = (long) setting[1];
            int rows = (int) setting[2];
            int cols = (int) setting[3];
            double keep = 1 - rate;
            String on = " (rate " + rate + ")";
            Dropout reference = new Dropout(rate, new NumpyRandom(seed));
            Layer layer = exercise.call("new MyDropout(" + rate + ", random)", () -> create.create(rate,
                    new NumpyRandom(seed)));
            exercise.require(layer != null, "new MyDropout(...) returned null");
            // What the typical mistakes would draw from the same seed.
            NumpyRandom coins = new NumpyRandom(seed);
            DMatrixRMaj mask1 = scaled(coins.binomial(1, keep, rows, cols), 1 / keep);
            DMatrixRMaj mask2 = scaled(coins.binomial(1, keep, rows, cols), 1 / keep);
            DMatrixRMaj mask3 = scaled(coins.binomial(1, keep, rows, cols), 1 / keep);
            DMatrixRMaj mask4 = scaled(coins.binomial(1, keep, rows, cols), 1 / keep);
            DMatrixRMaj coins1 = new NumpyRandom(seed).binomial(1, keep, rows, cols);
            DMatrixRMaj dropCoins = new NumpyRandom(seed).binomial(1, rate, rows, cols);
            DMatrixRMaj byColumns = byColumns(new NumpyRandom(seed).binomial(1, keep, rows, cols), rows, cols);
            CommonOps_DDRM.scale(1 / keep, byColumns);

            DMatrixRMaj ones = new DMatrixRMaj(rows, cols);
            ones.fill(1.0);
            reference.forward(ones, true);
            exercise.run("your forward(ones, true)", () -> layer.forward(ones.copy(), true));
            exercise.compare("training-mode output on ones, that is your mask" + on, reference.output(),
                    exercise.call("your output()", layer::output),
                    Hint.ifEqual(coins1, "divide the kept values by 1 − rate (inverted dropout), so that the expected"
                            + " output equals the input"),
                    Hint.ifEqual(scaled(coins1, 1 / rate), "divide by the probability of keeping a value, 1 − rate,"
                            + " not by the rate"),
                    Hint.ifEqual(scaled(coins1, keep), "multiplying by 1 − rate scales the kept values down:"
                            + " inverted dropout divides by it"),
                    Hint.ifEqual(scaled(dropCoins, 1 / keep), "binomial(1, p) is 1 with probability p, and 1 keeps a"
                            + " value: p is the probability of keeping, 1 − rate"),
                    Hint.ifEqual(scaled(dropCoins, 1 / rate), "binomial(1, p) is 1 with probability p, and 1 keeps a"
                            + " value: draw with p = 1 − rate and divide by 1 − rate"),
                    Hint.ifEqual(byColumns, "draw the coins row by row (element k of .data after element k − 1), as"
                            + " NumPy fills a matrix"),
                    Hint.ifEqual(ones, "in training mode the layer must drop values: draw a mask"),
                    Hint.otherwise("mask = binomial(1, 1 − rate) / (1 − rate): one random.binomial(1, 1 − rate) per"
                            + " element, row by row"));
            NumpyRandom values = new NumpyRandom(seed + 100);
            DMatrixRMaj x = values.randn(rows, cols);
            DMatrixRMaj dvalues = values.randn(rows, cols);
            DMatrixRMaj xCopy = x.copy();
            reference.forward(x, true);
            exercise.run("your forward(x, true)", () -> layer.forward(x, true));
            exercise.require(Matrices.maxAbsDifference(x, xCopy) == 0, "your forward pass changed its inputs: write"
                    + " the result into output");
            exercise.compare("second training-mode output" + on, reference.output(),
                    exercise.call("your output()", layer::output),
                    Hint.ifEqual(times(x, mask1, 1), "draw a new mask at every training-mode forward pass: this is"
                            + " the first pass's mask again"),
                    Hint.ifEqual(mask2, "multiply the inputs by the mask: output = inputs ⊙ mask"),
                    Hint.otherwise("output = inputs ⊙ mask, with a new mask"));
            reference.backward(dvalues);
            exercise.run("your backward(dvalues)", () -> layer.backward(dvalues.copy()));
            exercise.compare("dinputs after the second pass" + on, reference.dinputs(),
                    exercise.call("your dinputs()", layer::dinputs),
                    Hint.ifEqual(dvalues, "a dropped value did not reach the loss, so its gradient is 0: dinputs ="
                            + " dvalues ⊙ mask"),
                    Hint.ifEqual(times(dvalues, mask3, 1), "use the mask of the forward pass that backward follows;"
                            + " backward draws nothing"),
                    Hint.ifEqual(times(dvalues, mask2, keep), "multiply by the mask itself, 1/(1 − rate) included:"
                            + " the kept values were scaled on the way forward, so are their gradients"),
                    Hint.otherwise("dinputs = dvalues ⊙ mask, with the mask of the last forward pass"));
            reference.forward(x, false);
            exercise.run("your forward(x, false)", () -> layer.forward(x, false));
            exercise.compare("inference-mode output" + on, reference.output(),
                    exercise.call("your output()", layer::output),
                    Hint.ifEqual(scaled(x, keep), "inverted dropout needs no correction at inference: output ="
                            + " inputs"),
                    Hint.ifEqual(scaled(x, 1 / keep), "inverted dropout needs no correction at inference: output ="
                            + " inputs"),
                    Hint.otherwise("at inference (training = false) nothing is dropped: output = inputs"));
            reference.backward(dvalues);
            exercise.run("your backward(dvalues) after the inference pass", () -> layer.backward(dvalues.copy()));
            exercise.compare("dinputs after the inference pass" + on, reference.dinputs(),
                    exercise.call("your dinputs()", layer::dinputs),
                    Hint.ifEqual(times(dvalues, mask2, 1), "after an inference pass the mask is all ones: backward"
                            + " must not use the last training mask"),
                    Hint.otherwise("after an inference pass backward passes dvalues through unchanged"));
            reference.forward(ones, true);
            exercise.run("your forward(ones, true) after the inference pass", () -> layer.forward(ones.copy(),
                    true));
            exercise.compare("training-mode output after the inference pass" + on, reference.output(),
                    exercise.call("your output()", layer::output),
                    Hint.ifEqual(mask4, "this is the mask after the next one: your inference pass drew a mask of its"
                            + " own, but at inference the layer leaves the random generator alone"),
                    Hint.otherwise("a training-mode pass after an inference pass draws the next mask"));
        }
        exercise.verified("masks, outputs and dinputs equal Dropout's (same rate and seed) in training and inference"
                + " mode, at rates 0.2 and 0.35");
        NumpyRandom random = new NumpyRandom(82);
        Layer layer = exercise.call("new MyDropout(0.3, random)", () -> create.create(0.3, random));
        Layer sameMask = new Reseeded(layer, random, 83);
        NumpyRandom values = new NumpyRandom(84);
        DMatrixRMaj x = values.randn(4, 6);
        DMatrixRMaj upstream = values.randn(4, 6);
        exercise.gradientCheck(exercise.call("your layer", () -> GradientCheck.layer(sameMask, x, upstream)));
        exercise.pass();
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.scale(factor, out);
        return out;
    }

    /** The draws of {@code rowOrder} (row by row) placed column by column instead. */
    private static DMatrixRMaj byColumns(DMatrixRMaj rowOrder, int rows, int cols) {
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < rows * cols; k++) {
            out.set(k % rows, k / rows, rowOrder.data[k]);
        }
        return out;
    }

    /** The student's layer with its generator reseeded before every forward pass: the same mask every time. */
    private record Reseeded(Layer layer, NumpyRandom random, long seed) implements Layer {
        @Override
        public void forward(DMatrixRMaj inputs) {
            forward(inputs, true);
        }

        @Override
        public void forward(DMatrixRMaj inputs, boolean training) {
            random.seed(seed);
            layer.forward(inputs, training);
        }

        @Override
        public void backward(DMatrixRMaj dvalues) {
            layer.backward(dvalues);
        }

        @Override
        public DMatrixRMaj output() {
            return layer.output();
        }

        @Override
        public DMatrixRMaj dinputs() {
            return layer.dinputs();
        }

        @Override
        public String toString() {
            return "your dropout layer, with the same mask at every pass";
        }
    }

    // --- 8.3 ---------------------------------------------------------------------------------------------------

    /** The chapter's ten values, whose masked sums exercise 8.3 looks at. */
    public static final double[] VALUES = {0.27, -1.03, 0.67, 0.99, 0.05, -0.37, -2.01, 1.13, -0.07, 0.73};

    /** The standard deviation of the inverted-dropout sum of {@link #VALUES} at {@code rate}. */
    private static double spread(double rate) {
        double squares = 0;
        for (double v : VALUES) {
            squares += v * v;
        }
        // Each term x·coin/(1 − rate) has the variance x² · rate / (1 − rate); the coins are independent.
        return Math.sqrt(squares * rate / (1 - rate));
    }

    /**
     * Exercise 8.3 (explore): an interval [lo, hi] of rates, hi − lo ≤ 0.01, such that the standard deviation of the
     * inverted-dropout sum of the chapter's ten values is below 1 at lo and at least 1 at hi (the boundary is
     * 1 / (1 + Σx²) ≈ 0.1046).
     */
    public static void checkSpread(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("8.3", "the rate at which the masked sum's spread reaches 1");
        double[] answer = exercise.call("spreadInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two rates {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo > 0 && hi > lo && hi < 1, "expected 0 < lo < hi < 1, got lo = " + lo + ", hi = " + hi);
        exercise.require(hi - lo <= 0.01 + 1e-12, "narrow it down: hi − lo is " + Exercise.format(hi - lo, 3)
                + "; at most 0.01 is asked for");
        exercise.require(spread(hi) >= 1, "at rate " + hi + " the standard deviation of the sum is "
                + Exercise.format(spread(hi), 4) + ", still below 1: the boundary lies higher");
        exercise.require(spread(lo) < 1, "at rate " + lo + " the standard deviation of the sum is already "
                + Exercise.format(spread(lo), 4) + ": the boundary lies lower");
        exercise.verified("the standard deviation of the masked sum is " + Exercise.format(spread(lo), 4) + " at rate "
                + lo + " and " + Exercise.format(spread(hi), 4) + " at rate " + hi);
        exercise.pass();
    }
}
