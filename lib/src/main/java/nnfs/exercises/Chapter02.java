package nnfs.exercises;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.activations.Step;
import nnfs.check.GradientCheck;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Layer;
import nnfs.random.NumpyRandom;

/** The checks of chapter 2's exercises: activation functions. */
public final class Chapter02 {

    private Chapter02() {
    }

    // --- 2.1 -------------------------------------------------------------------------------------------------------

    /** The inputs at which exercise 2.1 asks for the network's output. */
    private static final double[] NETWORK_INPUTS = {-1, 0, 3};

    /**
     * Exercise 2.1 (predict): the chapter's first network, Dense(1→3) with weights (1, −0.5, 2) and biases
     * (0.5, 1, −1), ReLU, Dense(3→1) with weights (1, −2, 0.5) and bias 0.2, at x = −1, 0 and 3. The outputs are
     * −2.8, −1.3 and 6.2; without the ReLU they would be the line 3x − 1.8.
     */
    public static void checkNetworkPrediction(Supplier<double[]> prediction) {
        Exercise exercise = Exercise.of("2.1", "predict a ReLU network's outputs");
        Dense hidden = Dense.withParameters(Matrices.row(1.0, -0.5, 2.0), Matrices.row(0.5, 1.0, -1.0));
        ReLU relu = new ReLU();
        Dense out = Dense.withParameters(Matrices.column(1.0, -2.0, 0.5), Matrices.row(0.2));
        hidden.forward(Matrices.column(NETWORK_INPUTS));
        relu.forward(hidden.output());
        out.forward(relu.output());
        DMatrixRMaj truth = CommonOps_DDRM.transpose(out.output(), null);
        double[] predicted = exercise.call("predictedOutputs()", prediction);
        exercise.require(predicted != null && predicted.length == 3, "predictedOutputs(): expected one output per"
                + " input x = −1, 0, 3 (3 numbers), got " + (predicted == null ? "null" : predicted.length));
        DMatrixRMaj line = new DMatrixRMaj(1, 3);
        DMatrixRMaj reluAtTheEnd = new DMatrixRMaj(1, 3);
        for (int i = 0; i < 3; i++) {
            line.data[i] = 3 * NETWORK_INPUTS[i] - 1.8;
            reluAtTheEnd.data[i] = Math.max(0, truth.data[i]);
        }
        exercise.prediction("outputs", truth, Matrices.row(predicted),
                Hint.ifEqual(line, "that is the network without its ReLU, the line 3x − 1.8: at each x, which hidden"
                        + " neurons have a negative weighted sum, and what does ReLU turn them into?"),
                Hint.ifEqual(reluAtTheEnd, "the ReLU sits between the two layers only: the output neuron adds its"
                        + " weighted inputs and its bias, and may well be negative"),
                Hint.otherwise("for each x: the three hidden sums w·x + b, each negative one replaced by 0, then"
                        + " 1·h₁ − 2·h₂ + 0.5·h₃ + 0.2"));
        exercise.verified("all three outputs are what Dense → ReLU → Dense computes");
        exercise.pass();
    }

    // --- 2.2 -------------------------------------------------------------------------------------------------------

    /** Inputs with exact zeros (of both signs), tiny and large numbers, for the step and the sigmoid. */
    private static DMatrixRMaj edgeInputs() {
        return Matrices.of(
                new double[] {-800.0, -2.0, -0.5, 0.0, 0.5, 2.0, 800.0},
                new double[] {1e-12, -1e-12, -0.0, 3.0, -3.0, 0.25, -0.25});
    }

    /**
     * Exercise 2.2: the step function as an {@code ActivationFunction}: forward compared with {@link Step} on inputs
     * that include exact zeros, backward (a zero gradient) on the same batch, then a gradient check.
     */
    public static void checkStep(Supplier<? extends Layer> create) {
        Exercise exercise = Exercise.of("2.2", "the step function and its slope");
        DMatrixRMaj x = edgeInputs();
        DMatrixRMaj dvalues = new NumpyRandom(22).randn(x.numRows, x.numCols);
        Step reference = new Step();
        reference.forward(x);
        reference.backward(dvalues);
        Layer step = exercise.call("new MyStep()", create::get);
        exercise.run("your forward", () -> step.forward(x.copy()));
        exercise.compare("output", reference.output(), exercise.call("output()", step::output),
                Hint.ifEqual(map(x, v -> v >= 0 ? 1 : 0), "at exactly 0 the step gives 0: y = 1 only when x > 0"),
                Hint.ifEqual(map(x, v -> v > 0 ? 0 : 1), "the other way round: 1 for positive inputs, 0 for the"
                        + " rest"),
                Hint.otherwise("y = 1 if x > 0, else 0"));
        exercise.run("your backward", () -> step.backward(dvalues.copy()));
        exercise.compare("dinputs", reference.dinputs(), exercise.call("dinputs()", step::dinputs),
                Hint.ifEqual(dvalues, "the step is flat on both sides of 0: its slope is 0, so it passes no gradient"
                        + " back at all"),
                Hint.ifEqual(multiply(reference.output(), dvalues), "the slope of the step is 0 wherever it is"
                        + " defined, not its output"),
                Hint.otherwise("dx = slope · dy, and the step's slope is 0"));
        exercise.verified("forward and backward equal Step's on inputs that include ±0 and ±1e-12");
        NumpyRandom random = new NumpyRandom(2);
        DMatrixRMaj inputs = random.randn(4, 5);
        exercise.gradientCheck(exercise.call("your layer", () -> GradientCheck.layer(create.get(), inputs,
                random.randn(4, 5))));
        exercise.pass();
    }

    // --- 2.3 -------------------------------------------------------------------------------------------------------

    /**
     * Exercise 2.3: the sigmoid as an {@code ActivationFunction}, compared with {@link Sigmoid} forward and backward on
     * inputs as far out as ±800 (where e^x overflows) and on a random batch, then gradient-checked.
     */
    public static void checkSigmoid(Supplier<? extends Layer> create) {
        Exercise exercise = Exercise.of("2.3", "the sigmoid and its derivative");
        NumpyRandom random = new NumpyRandom(23);
        DMatrixRMaj random35 = random.randn(3, 5);
        CommonOps_DDRM.scale(3, random35);
        Layer sigmoid = exercise.call("new MySigmoid()", create::get);
        for (DMatrixRMaj x : new DMatrixRMaj[] {edgeInputs(), random35}) {
            DMatrixRMaj dvalues = random.randn(x.numRows, x.numCols);
            Sigmoid reference = new Sigmoid();
            reference.forward(x);
            reference.backward(dvalues);
            DMatrixRMaj y = reference.output();
            String on = " (batch of " + x.numRows + " × " + x.numCols + ")";
            exercise.run("your forward", () -> sigmoid.forward(x.copy()));
            exercise.compare("output" + on, y, exercise.call("output()", sigmoid::output),
                    Hint.when(Chapter02::hasNaN, "e^x / (1 + e^x) is ∞/∞ = NaN at x = 800: write σ(x) = 1 / (1 +"
                            + " e^(−x)), which only ever divides 1 by a number of at least 1"),
                    Hint.ifEqual(map(x, v -> 1 / (1 + Math.exp(v))), "1 / (1 + e^x) is σ(−x): the exponent is −x"),
                    Hint.otherwise("σ(x) = 1 / (1 + e^(−x))"));
            exercise.run("your backward", () -> sigmoid.backward(dvalues.copy()));
            exercise.compare("dinputs" + on, reference.dinputs(), exercise.call("dinputs()", sigmoid::dinputs),
                    Hint.when(Chapter02::hasNaN, "e^(−x) / (1 + e^(−x))² is ∞/∞ = NaN at x = −800: write the slope"
                            + " with the output, y · (1 − y)"),
                    Hint.ifEqual(map(y, dvalues, (s, dy) -> s * (1 - s)), "that is the slope alone: multiply it by"
                            + " dy (the chain rule)"),
                    Hint.ifEqual(map(x, dvalues, (v, dy) -> dy * v * (1 - v)), "σ'(x) = σ(x) · (1 − σ(x)): use the"
                            + " output y = σ(x), not the input x"),
                    Hint.ifEqual(multiply(y, dvalues), "the slope is σ · (1 − σ), not σ"),
                    Hint.ifEqual(map(y, dvalues, (s, dy) -> dy * (1 - s)), "the slope is σ · (1 − σ), not 1 − σ"),
                    Hint.otherwise("dx = dy · σ(x) · (1 − σ(x)), with σ(x) the output y"));
        }
        exercise.verified("forward and backward equal Sigmoid's on inputs from −800 to 800 and on a random batch");
        DMatrixRMaj inputs = random.randn(4, 5);
        exercise.gradientCheck(exercise.call("your layer", () -> GradientCheck.layer(create.get(), inputs,
                random.randn(4, 5))));
        exercise.pass();
    }

    // --- 2.4 -------------------------------------------------------------------------------------------------------

    /**
     * Exercise 2.4: a softmax written as a method, compared with {@link Softmax} on a random batch and then on a
     * batch that mixes scores around 1000 with scores near 0 and a row from −800 to 800: the batch-maximum shift of
     * the sources, no shift and a shift by the minimum all fail there, each with its own hint.
     */
    public static void checkSoftmax(UnaryOperator<DMatrixRMaj> softmax) {
        Exercise exercise = Exercise.of("2.4", "softmax that cannot overflow");
        DMatrixRMaj plain = new NumpyRandom(24).randn(4, 3);
        CommonOps_DDRM.scale(3, plain);
        DMatrixRMaj mixed = Matrices.of(
                new double[] {1000, 1001, 1002},
                new double[] {0, 1, 2},
                new double[] {4.8, 1.21, 2.385},
                new double[] {-800, 0, 800});
        for (DMatrixRMaj scores : new DMatrixRMaj[] {plain, mixed}) {
            Softmax reference = new Softmax();
            reference.forward(scores);
            DMatrixRMaj given = scores.copy();
            DMatrixRMaj answer = exercise.call("mySoftmax", () -> softmax.apply(given));
            exercise.require(Matrices.maxAbsDifference(given, scores) == 0.0, "mySoftmax changed the scores it was"
                    + " given: write the probabilities into a new matrix");
            DMatrixRMaj exps = map(scores, Math::exp);
            DMatrixRMaj shiftedExps = scores.copy();
            for (int i = 0; i < scores.numRows; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < scores.numCols; j++) {
                    max = Math.max(max, scores.get(i, j));
                }
                for (int j = 0; j < scores.numCols; j++) {
                    shiftedExps.set(i, j, Math.exp(scores.get(i, j) - max));
                }
            }
            exercise.compare(scores == plain ? "softmax of random scores" : "softmax of the mixed batch",
                    reference.output(), answer,
                    Hint.ifEqual(shifted(scores, false, true), "that subtracts the largest score of the whole batch"
                            + " (the C++ note's slip): a row whose scores lie far below it underflows to 0/0; subtract"
                            + " each row's own maximum"),
                    Hint.ifEqual(shifted(scores, true, false), "subtracting the row's minimum leaves the largest"
                            + " exponent at e^(max − min), which still overflows: subtract the row's maximum"),
                    Hint.when(Chapter02::hasNaN, "e^1000 overflows to Infinity and ∞/∞ is NaN: subtract each row's"
                            + " maximum from its scores before the exponential"),
                    Hint.ifEqual(exps, "normalise: divide each exponential by the sum of its row"),
                    Hint.ifEqual(shiftedExps, "normalise: divide each exponential by the sum of its row"),
                    Hint.ifEqual(divideAll(exps), "each row is its own distribution: divide by the sum of the row,"
                            + " not of the whole batch"),
                    Hint.ifEqual(divideAll(shiftedExps), "each row is its own distribution: divide by the sum of the"
                            + " row, not of the whole batch"),
                    Hint.ifEqual(divideColumns(exps), "the sum runs along a row, over the classes, not down a"
                            + " column"),
                    Hint.ifEqual(divideColumns(shiftedExps), "the sum runs along a row, over the classes, not down a"
                            + " column"),
                    Hint.ifEqual(divideRows(scores), "take the exponential first: dividing scores by their sum fails"
                            + " for negative scores"),
                    Hint.otherwise("S_ij = e^(z_ij − max_k z_ik) / Σ_l e^(z_il − max_k z_ik)"));
        }
        exercise.verified("equals Softmax's output on a random batch and on rows of scores near 1000, near 0 and from"
                + " −800 to 800, and leaves the scores as they were");
        exercise.pass();
    }

    /** Softmax shifted by each row's minimum ({@code byMin}) or by the batch's maximum ({@code batchMax}). */
    private static DMatrixRMaj shifted(DMatrixRMaj scores, boolean byMin, boolean batchMax) {
        DMatrixRMaj out = scores.copy();
        double batch = CommonOps_DDRM.elementMax(scores);
        for (int i = 0; i < out.numRows; i++) {
            double shift = batchMax ? batch : byMin ? Double.POSITIVE_INFINITY : 0.0;
            if (byMin) {
                for (int j = 0; j < out.numCols; j++) {
                    shift = Math.min(shift, scores.get(i, j));
                }
            }
            double sum = 0.0;
            for (int j = 0; j < out.numCols; j++) {
                out.set(i, j, Math.exp(scores.get(i, j) - shift));
                sum += out.get(i, j);
            }
            for (int j = 0; j < out.numCols; j++) {
                out.set(i, j, out.get(i, j) / sum);
            }
        }
        return out;
    }

    private static DMatrixRMaj divideAll(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.divide(out, CommonOps_DDRM.elementSum(m));
        return out;
    }

    private static DMatrixRMaj divideRows(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        for (int i = 0; i < m.numRows; i++) {
            double sum = 0.0;
            for (int j = 0; j < m.numCols; j++) {
                sum += m.get(i, j);
            }
            for (int j = 0; j < m.numCols; j++) {
                out.set(i, j, m.get(i, j) / sum);
            }
        }
        return out;
    }

    private static DMatrixRMaj divideColumns(DMatrixRMaj m) {
        return CommonOps_DDRM.transpose(divideRows(CommonOps_DDRM.transpose(m, null)), null);
    }

    // --- 2.5 -------------------------------------------------------------------------------------------------------

    /** Exercise 2.5's target: the largest error must be below this. */
    public static final double SINE_TOLERANCE = 0.001;

    /**
     * Exercise 2.5's experiment: the chapter's hand-set 1 → 2p → 1 ReLU network for sin(2πx) with {@code pieces} = p
     * pairs of neurons (piece k from k/p to (k+1)/p), on the 1000 points of {@link Datasets#sine()}; returns the
     * largest |network − sine| over them.
     */
    public static double sineNetworkError(int pieces) {
        if (pieces < 1) {
            throw new IllegalArgumentException("Chapter02.sineNetworkError: expected at least 1 piece, got " + pieces);
        }
        DMatrixRMaj w1 = new DMatrixRMaj(1, 2 * pieces);
        DMatrixRMaj b1 = new DMatrixRMaj(1, 2 * pieces);
        DMatrixRMaj w2 = new DMatrixRMaj(2 * pieces, 1);
        for (int k = 0; k < pieces; k++) {
            double s = (double) k / pieces;
            double e = (double) (k + 1) / pieces;
            double slope = (Math.sin(2 * Math.PI * e) - Math.sin(2 * Math.PI * s)) / (e - s);
            w1.set(0, 2 * k, 1.0);
            b1.set(0, 2 * k, -s);
            w1.set(0, 2 * k + 1, 1.0);
            b1.set(0, 2 * k + 1, -e);
            w2.set(2 * k, 0, slope);
            w2.set(2 * k + 1, 0, -slope);
        }
        Dense hidden = Dense.withParameters(w1, b1);
        ReLU relu = new ReLU();
        Dense out = Dense.withParameters(w2, Matrices.row(0.0));
        Dataset sine = Datasets.sine();
        hidden.forward(sine.X());
        relu.forward(hidden.output());
        out.forward(relu.output());
        double worst = 0.0;
        for (int i = 0; i < sine.X().numRows; i++) {
            worst = Math.max(worst, Math.abs(out.output().get(i, 0) - sine.targets().get(i, 0)));
        }
        return worst;
    }

    /**
     * Exercise 2.5 (explore): the smallest number of pieces whose largest error is below {@link #SINE_TOLERANCE}. The
     * error of a chord falls like 1/p² (π²/(2p²) at the peaks); the answer is 71.
     */
    public static void checkSinePieces(IntSupplier answer) {
        Exercise exercise = Exercise.of("2.5", "how many pieces for a sine?");
        int pieces = exercise.call("smallestPieces()", answer::getAsInt);
        exercise.require(pieces >= 1, "expected a number of pieces of at least 1, got " + pieces);
        int smallest = 1;
        while (sineNetworkError(smallest) >= SINE_TOLERANCE) {
            smallest++;
        }
        if (pieces < smallest) {
            exercise.require(false, "with " + pieces + " pieces the largest error is "
                    + Exercise.format(sineNetworkError(pieces), 4) + ", not below " + SINE_TOLERANCE + ": more pieces;"
                    + " the error of a chord shrinks with the square of its length");
        }
        exercise.require(pieces == smallest, "with " + pieces + " pieces the error is below " + SINE_TOLERANCE + ", but"
                + " fewer pieces are enough already: look for the smallest number");
        exercise.verified(pieces + " pieces keep the largest error below " + SINE_TOLERANCE + " and fewer do not");
        exercise.pass();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static boolean hasNaN(DMatrixRMaj m) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (Double.isNaN(m.data[k])) {
                return true;
            }
        }
        return false;
    }

    private static DMatrixRMaj map(DMatrixRMaj x, DoubleUnaryOperator f) {
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] = f.applyAsDouble(x.data[k]);
        }
        return out;
    }

    private static DMatrixRMaj map(DMatrixRMaj a, DMatrixRMaj b, DoubleBinaryOperator f) {
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, a.numCols);
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] = f.applyAsDouble(a.data[k], b.data[k]);
        }
        return out;
    }

    private static DMatrixRMaj multiply(DMatrixRMaj a, DMatrixRMaj b) {
        return map(a, b, (u, v) -> u * v);
    }
}
