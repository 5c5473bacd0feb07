package nnfs.exercises;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.check.GradientCheck;
import nnfs.layers.Dense;
import nnfs.layers.Layer;
import nnfs.layers.Trainable;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The checks of chapter 4's exercises: backpropagation. */
public final class Chapter04 {

    private Chapter04() {
    }

    /** Exercise 4.1's prediction: the gradients of one ReLU neuron. */
    public interface NeuronGradients {
        /** ∂y/∂w, one per input. */
        double[] dweights();

        /** ∂y/∂b. */
        double dbias();
    }

    /**
     * Exercise 4.1 (predict): the neuron y = ReLU(w·x + b) with x = (2, −1, 0.5), w = (1, 3, −2), b = 0.5 and an
     * upstream gradient of 1. Its z is −1.5: ReLU blocks everything, so every gradient is 0.
     */
    public static void checkNeuronPrediction(NeuronGradients prediction) {
        Exercise exercise = Exercise.of("4.1", "predict a neuron's gradients");
        double[] x = {2, -1, 0.5};
        double[] w = {1, 3, -2};
        double b = 0.5;
        Dense neuron = Dense.withParameters(Matrices.column(w), Matrices.row(b));
        ReLU relu = new ReLU();
        neuron.forward(Matrices.row(x));
        relu.forward(neuron.output());
        relu.backward(Matrices.row(1.0));
        neuron.backward(relu.dinputs());
        DMatrixRMaj truthW = CommonOps_DDRM.transpose(neuron.dweights(), null);
        double[] predictedW = exercise.call("dweights()", prediction::dweights);
        double predictedB = exercise.call("dbias()", prediction::dbias);
        exercise.require(predictedW != null && predictedW.length == 3,
                "dweights(): expected one gradient per input (3 numbers), got "
                        + (predictedW == null ? "null" : predictedW.length));
        Hint blocked = Hint.when(m -> true, "work out z = w·x + b first: what does ReLU pass back when its input is"
                + " negative?");
        Hint inputs = Hint.ifEqual(Matrices.row(x), "∂z/∂w is x, but only while ReLU lets the gradient through: what"
                + " is z here?");
        exercise.prediction("dweights", truthW, Matrices.row(predictedW), inputs, blocked);
        exercise.prediction("dbias", neuron.dbiases().get(0, 0), predictedB, blocked);
        exercise.verified("z = −1.5 < 0, so ReLU passes no gradient: dw = (0, 0, 0) and db = 0");
        exercise.pass();
    }

    /**
     * Exercise 4.2: ReLU's backward pass, in a subclass of {@code ActivationFunction} made by {@code create}.
     * Compared with the library's ReLU on inputs that include exact zeros, then gradient-checked.
     */
    public static void checkReluBackward(Supplier<? extends Layer> create) {
        Exercise exercise = Exercise.of("4.2", "ReLU's backward pass");
        DMatrixRMaj inputs = Matrices.of(
                new double[] {1.5, -2.0, 0.0, 3.0},
                new double[] {-0.5, 0.0, 2.5, -1.0},
                new double[] {0.25, 4.0, -3.0, 0.0});
        DMatrixRMaj dvalues = Matrices.of(
                new double[] {0.1, 0.2, 0.3, 0.4},
                new double[] {-0.5, 0.6, -0.7, 0.8},
                new double[] {0.9, -1.0, 1.1, 1.2});
        ReLU reference = new ReLU();
        reference.forward(inputs);
        reference.backward(dvalues);
        Layer relu = exercise.call("creating your layer", create::get);
        exercise.run("your forward", () -> relu.forward(inputs));
        exercise.run("your backward", () -> relu.backward(dvalues));
        DMatrixRMaj atZeroToo = map(inputs, dvalues, (x, dy) -> x >= 0 ? dy : 0);
        DMatrixRMaj slopeOnly = map(inputs, dvalues, (x, dy) -> x > 0 ? 1 : 0);
        DMatrixRMaj timesInput = map(inputs, dvalues, (x, dy) -> x > 0 ? dy * x : 0);
        exercise.compare("dinputs", reference.dinputs(), exercise.call("your dinputs()", relu::dinputs),
                Hint.ifEqual(atZeroToo, "at exactly 0 ReLU passes no gradient (the book's choice): test x > 0, not"
                        + " x >= 0"),
                Hint.ifEqual(dvalues, "the gradient must be blocked where the input was not positive"),
                Hint.ifEqual(slopeOnly, "ReLU's slope is 1 or 0: multiply it by the upstream gradient dvalues (the"
                        + " chain rule)"),
                Hint.ifEqual(timesInput, "ReLU's derivative is 1 where x > 0, not x itself"),
                Hint.otherwise("dinputs = dvalues where the input was > 0, else 0"));
        exercise.verified("dinputs equals ReLU's on a batch with negative, zero and positive inputs");
        NumpyRandom random = new NumpyRandom(4);
        DMatrixRMaj x = random.randn(4, 5);
        exercise.gradientCheck(exercise.call("your layer", () -> GradientCheck.layer(create.get(), x,
                random.randn(4, 5))));
        exercise.pass();
    }

    /**
     * Exercise 4.3: a dense layer's three backward products. {@code create} builds the student's layer from a
     * weight matrix (inputs × neurons) and a bias row; it is compared with the library's {@link Dense} on three
     * batches of different sizes, then gradient-checked.
     */
    public static void checkDenseBackward(BiFunction<DMatrixRMaj, DMatrixRMaj, ? extends Trainable> create) {
        Exercise exercise = Exercise.of("4.3", "a dense layer's backward pass");
        NumpyRandom random = new NumpyRandom(43);
        DMatrixRMaj weights = random.randn(4, 3);
        DMatrixRMaj biases = random.randn(1, 3);
        for (int batch : new int[] {5, 1, 2}) {
            DMatrixRMaj inputs = random.randn(batch, 4);
            DMatrixRMaj dvalues = random.randn(batch, 3);
            Dense reference = Dense.withParameters(weights, biases);
            reference.forward(inputs);
            reference.backward(dvalues);
            Trainable layer = exercise.call("new MyDense(weights, biases)",
                    () -> create.apply(weights.copy(), biases.copy()));
            exercise.run("your forward", () -> layer.forward(inputs.copy()));
            exercise.run("your backward", () -> layer.backward(dvalues.copy()));
            String on = " (batch of " + batch + ")";
            DMatrixRMaj mean = reference.dbiases().copy();
            CommonOps_DDRM.divide(mean, batch);
            exercise.compare("dbiases" + on, reference.dbiases(), exercise.call("your dbiases()", layer::dbiases),
                    Hint.ifShape(batch, 3, "dbiases has one number per neuron: sum dvalues over the batch (its rows)"),
                    Hint.ifShape(batch, 1, "sum each column of dvalues (one per neuron), not each row"),
                    Hint.ifShape(1, batch, "sum each column of dvalues (one per neuron), not each row"),
                    batch > 1 ? Hint.ifEqual(mean, "sum, do not average: the loss's gradient already divides by the"
                            + " number of samples") : Hint.otherwise("db = Σ over the rows of dvalues"),
                    batch > 1 ? Hint.ifEqual(Matrices.rows(dvalues, 0, 1), "did you sum over the batch? that is only"
                            + " the first sample's gradient") : Hint.otherwise("db = Σ over the rows of dvalues"),
                    Hint.otherwise("db = Σ over the rows of dvalues"));
            exercise.compare("dweights" + on, reference.dweights(), exercise.call("your dweights()", layer::dweights),
                    Hint.ifShape(3, 4, "dweights has the weights' shape, inputs × neurons: inputsᵀ · dvalues, not"
                            + " dvaluesᵀ · inputs"),
                    Hint.otherwise("dW = inputsᵀ · dvalues: entry (i, j) sums input i times the gradient of neuron j"
                            + " over the batch"));
            exercise.compare("dinputs" + on, reference.dinputs(), exercise.call("your dinputs()", layer::dinputs),
                    Hint.ifShape(batch, 3, "dinputs has the inputs' shape, batch × inputs: dvalues · Wᵀ"),
                    Hint.otherwise("dX = dvalues · Wᵀ: each input collects the gradients of every neuron it feeds,"
                            + " weighted"));
        }
        exercise.verified("dweights, dbiases and dinputs equal Dense's on batches of 5, 1 and 2 samples");
        DMatrixRMaj x = random.randn(3, 4);
        DMatrixRMaj upstream = random.randn(3, 3);
        exercise.gradientCheck(exercise.call("your layer", () -> GradientCheck.layer(create.apply(weights.copy(),
                biases.copy()), x, upstream)));
        exercise.pass();
    }

    /** Exercise 4.4: the student's central difference. */
    @FunctionalInterface
    public interface NumericGradient {
        /** The gradient of {@code f} at {@code x} by central differences with step {@code h}. */
        double[] of(ToDoubleFunction<double[]> f, double[] x, double h);
    }

    /**
     * Exercise 4.4: a numerical gradient by central differences, compared with the same formula computed here on two
     * functions (one of them with an exact answer to read), with hints for the forward difference, a missing factor
     * 2 and a nudge that is never undone.
     */
    public static void checkCentralDifference(NumericGradient gradient) {
        Exercise exercise = Exercise.of("4.4", "a numerical gradient");
        double h = 1e-4;
        ToDoubleFunction<double[]> cubic = v -> v[0] * v[0] * v[0] + v[0] * v[1] - 2 * v[2];
        ToDoubleFunction<double[]> neuron = v -> Math.max(0, 0.5 * v[0] - 1.5 * v[1] + 2.0 * v[2] + 0.25);
        double[][] points = {{1.0, 2.0, -1.0}, {0.5, -0.3, 0.8}};
        for (ToDoubleFunction<double[]> f : java.util.List.of(cubic, neuron)) {
            for (double[] point : points) {
                double[] x = point.clone();
                double[] answer = exercise.call("your centralDifference", () -> gradient.of(f, x, h));
                exercise.require(Arrays.equals(x, point), "your code changed x to " + Arrays.toString(x)
                        + ": put each x[i] back after nudging it");
                exercise.require(answer != null && answer.length == x.length, "expected one slope per element of x ("
                        + x.length + "), got " + (answer == null ? "null" : answer.length));
                String name = "slope at x = " + Arrays.toString(point);
                exercise.compare(name, Matrices.row(central(f, point, h)), Matrices.row(answer),
                        Hint.ifEqual(Matrices.row(forward(f, point, h)), "that is the forward difference"
                                + " (f(x + h) − f(x)) / h, whose error is of order h; the central one uses f(x + h)"
                                + " and f(x − h)"),
                        Hint.ifEqual(Matrices.row(scaled(central(f, point, h), 2)), "the two points x + h and x − h"
                                + " are 2h apart: divide by 2h"),
                        Hint.ifEqual(Matrices.row(cumulative(f, point, h)), "put each x[i] back after nudging it:"
                                + " the later slopes were taken at a moved point"),
                        Hint.otherwise("slope i = (f(x with x[i] + h) − f(x with x[i] − h)) / 2h"));
            }
        }
        exercise.verified("equals the central difference of two functions at two points each, and leaves x as it"
                + " was");
        exercise.pass();
    }

    private static double[] central(ToDoubleFunction<double[]> f, double[] point, double h) {
        double[] x = point.clone();
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + h;
            double up = f.applyAsDouble(x);
            x[i] = saved - h;
            double down = f.applyAsDouble(x);
            x[i] = saved;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private static double[] forward(ToDoubleFunction<double[]> f, double[] point, double h) {
        double[] x = point.clone();
        double[] g = new double[x.length];
        double f0 = f.applyAsDouble(x);
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + h;
            g[i] = (f.applyAsDouble(x) - f0) / h;
            x[i] = saved;
        }
        return g;
    }

    /** The mistake of leaving each coordinate at x[i] − h before moving on to the next. */
    private static double[] cumulative(ToDoubleFunction<double[]> f, double[] point, double h) {
        double[] x = point.clone();
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + h;
            double up = f.applyAsDouble(x);
            x[i] = saved - h;
            double down = f.applyAsDouble(x);
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    private static double[] scaled(double[] v, double factor) {
        double[] s = v.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return s;
    }

    /** The loss that starts the linear neuron of exercise 4.5: z = w·x + b = 6, L = z² = 36. */
    public static final double LINEAR_NEURON_START_LOSS = 36.0;

    /**
     * Exercise 4.5's experiment, the chapter's first neuron without its ReLU: z = w·x + b with x = (1, −2, 3),
     * w = (−3, −1, 2), b = 1, loss z², trained with plain SGD at {@code learningRate} for {@code steps} steps. Returns
     * the loss before each step.
     */
    public static double[] linearNeuronLosses(double learningRate, int steps) {
        Dense neuron = Dense.withParameters(Matrices.column(-3, -1, 2), Matrices.row(1));
        SGD sgd = new SGD(learningRate, 0, 0);
        DMatrixRMaj sample = Matrices.row(1, -2, 3);
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            neuron.forward(sample);
            double z = neuron.output().get(0, 0);
            losses[step] = z * z;
            neuron.backward(Matrices.row(2 * z));
            sgd.preUpdate();
            sgd.update(neuron);
            sgd.postUpdate();
        }
        return losses;
    }

    /**
     * Exercise 4.5 (explore): an interval [lo, hi] of learning rates, hi at most 1.1 · lo, such that 200 steps at lo
     * end below the starting loss and 200 steps at hi above it. The boundary is 1/15: each step multiplies z by
     * 1 − 2η(‖x‖² + 1) = 1 − 30η.
     */
    public static void checkDivergence(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("4.5", "where a neuron's training diverges");
        double[] answer = exercise.call("divergenceInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two learning rates {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo > 0 && hi > lo && Double.isFinite(hi), "expected 0 < lo < hi, got lo = " + lo + ", hi = "
                + hi);
        exercise.require(hi <= 1.1 * lo, "narrow it down: hi is " + Exercise.format(hi / lo, 3) + " times lo; at most"
                + " 1.1 times is asked for");
        double endLo = finalLoss(lo);
        double endHi = finalLoss(hi);
        exercise.require(endLo < LINEAR_NEURON_START_LOSS, "at lo = " + lo + " the loss grows too (from 36 to "
                + Exercise.format(endLo, 4) + " after 200 steps): the boundary lies lower; each step multiplies z by the"
                + " same factor, which one?");
        exercise.require(endHi > LINEAR_NEURON_START_LOSS, "at hi = " + hi + " the loss still falls (to "
                + Exercise.format(endHi, 4) + " after 200 steps): the boundary lies higher");
        exercise.verified("200 steps at " + lo + " end below the starting loss 36 and 200 steps at " + hi + " above it");
        exercise.pass();
    }

    /** The loss after 200 steps (before the 201st). */
    private static double finalLoss(double learningRate) {
        return linearNeuronLosses(learningRate, 201)[200];
    }

    private interface ElementRule {
        double apply(double x, double dy);
    }

    private static DMatrixRMaj map(DMatrixRMaj x, DMatrixRMaj dy, ElementRule rule) {
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] = rule.apply(x.data[k], dy.data[k]);
        }
        return out;
    }
}
