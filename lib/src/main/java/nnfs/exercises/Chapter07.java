package nnfs.exercises;

import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.check.GradientCheck;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Regularizer;
import nnfs.layers.Trainable;
import nnfs.losses.SoftmaxCrossEntropy;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/** The checks of chapter 7's exercises: L1 and L2 regularization. */
public final class Chapter07 {

    private Chapter07() {
    }

    // --- 7.1 ---------------------------------------------------------------------------------------------------

    /** Exercise 7.1's prediction for the layer of {@link #checkPenaltyPrediction}. */
    public interface PenaltyPrediction {
        /** The layer's regularization loss. */
        double regularizationLoss();

        /** What the penalty adds to dweights[1, 1], the gradient of the weight that is exactly 0. */
        double dweightOfZero();

        /** What the penalty adds to dbiases[0, 1], the gradient of the bias −0.5. */
        double dbias();
    }

    static final DMatrixRMaj PREDICTION_WEIGHTS = Matrices.of(new double[] {0.5, -1.5}, new double[] {2.0, 0.0});
    static final DMatrixRMaj PREDICTION_BIASES = Matrices.row(1.0, -0.5);
    static final Regularizer PREDICTION_PENALTY = new Regularizer(0.1, 0.05, 0.0, 0.2);

    /**
     * Exercise 7.1 (predict): the layer with weights [[0.5, −1.5], [2, 0]], biases [1, −0.5] and the penalty
     * Regularizer(0.1, 0.05, 0, 0.2). Its regularization loss is 0.4 + 0.325 + 0.25 = 0.975; the penalty adds
     * 0.1·sign(0) = +0.1 to the gradient of the zero weight (sign(0) counted as +1) and 2·0.2·(−0.5) = −0.2 to that of
     * the bias −0.5. The truth is the library's Dense.
     */
    public static void checkPenaltyPrediction(PenaltyPrediction prediction) {
        Exercise exercise = Exercise.of("7.1", "predict a penalty and its gradient");
        double loss = exercise.call("regularizationLoss()", prediction::regularizationLoss);
        double dweight = exercise.call("dweightOfZero()", prediction::dweightOfZero);
        double dbias = exercise.call("dbias()", prediction::dbias);
        Dense with = Dense.withParameters(PREDICTION_WEIGHTS, PREDICTION_BIASES, PREDICTION_PENALTY);
        Dense without = Dense.withParameters(PREDICTION_WEIGHTS, PREDICTION_BIASES);
        DMatrixRMaj sample = Matrices.row(1.0, 2.0);
        DMatrixRMaj upstream = Matrices.row(0.5, -1.0);
        for (Dense layer : new Dense[] {with, without}) {
            layer.forward(sample);
            layer.backward(upstream);
        }
        double trueWeight = with.dweights().get(1, 1) - without.dweights().get(1, 1);
        double trueBias = with.dbiases().get(0, 1) - without.dbiases().get(0, 1);
        double l1 = 0.1 * 4;
        double l2 = 0.05 * 6.5;
        double biases = 0.2 * 1.25;
        exercise.prediction("regularization loss", with.regularizationLoss(), loss,
                Hint.ifEqual(l1 + l2, "the biases have a penalty of their own: λ1b Σ|b| + λ2b Σb²"),
                Hint.ifEqual(l1 + 2 * l2 + 2 * biases, "the loss is λ Σw²; the factor 2 belongs to its gradient"),
                Hint.ifEqual(0.1 * 6.5 + 0.05 * 4 + biases, "λ1 goes with Σ|w| and λ2 with Σw²"),
                Hint.otherwise("λ1w Σ|w| + λ2w Σw² + λ1b Σ|b| + λ2b Σb², each sum over all weights or all biases"));
        exercise.prediction("what the penalty adds to the zero weight's gradient", trueWeight, dweight,
                Hint.ifEqual(0.0, "the book counts sign(0) as +1, so L1 pulls a weight of exactly 0 as it pulls a"
                        + " positive one"),
                Hint.otherwise("λ1w·sign(w) + 2·λ2w·w, with w = 0 here"));
        exercise.prediction("what the penalty adds to the gradient of the bias −0.5", trueBias, dbias,
                Hint.ifEqual(-0.1, "the derivative of λ b² is 2λb"),
                Hint.ifEqual(2 * 0.2 * PREDICTION_WEIGHTS.get(0, 1), "2λ·w is the source notes' bug: the penalty on"
                        + " the biases, λ2b Σb², contains no weight at all"),
                Hint.ifEqual(0.1 * -1 + 0.05 * 2 * -0.5, "the biases use their own strengths, λ1b = 0 and λ2b = 0.2"),
                Hint.otherwise("λ1b·sign(b) + 2·λ2b·b"));
        exercise.verified("the loss and the two gradients equal those of a Dense with Regularizer(0.1, 0.05, 0, 0.2)");
        exercise.pass();
    }

    // --- 7.2 and 7.3: the cases ---------------------------------------------------------------------------------

    /** One layer's parameters and penalty, and a data gradient to add the penalty's gradient to. */
    private record Case(String name, Regularizer regularizer, DMatrixRMaj weights, DMatrixRMaj biases,
            DMatrixRMaj dweights, DMatrixRMaj dbiases) {
    }

    /**
     * Four layers: L2 only with different strengths for weights and biases; L1 only; one input (weights 1×n, the
     * shape with which the source notes' bias bug runs in NumPy) with all four strengths; and a layer with a weight and
     * a bias of exactly 0.
     */
    private static Case[] cases() {
        NumpyRandom random = new NumpyRandom(70);
        Case l2 = new Case("3×4 layer, weightL2 0.05, biasL2 0.08", new Regularizer(0, 0.05, 0, 0.08),
                random.randn(3, 4), random.randn(1, 4), random.randn(3, 4), random.randn(1, 4));
        Case l1 = new Case("2×3 layer, weightL1 0.03, biasL1 0.2", new Regularizer(0.03, 0, 0.2, 0),
                random.randn(2, 3), random.randn(1, 3), random.randn(2, 3), random.randn(1, 3));
        Case one = new Case("1×4 layer, Regularizer(0.02, 0.05, 0.04, 0.3)", new Regularizer(0.02, 0.05, 0.04, 0.3),
                random.randn(1, 4), random.randn(1, 4), random.randn(1, 4), random.randn(1, 4));
        DMatrixRMaj w = random.randn(2, 2);
        w.set(1, 0, 0.0);
        DMatrixRMaj b = random.randn(1, 2);
        b.set(0, 1, 0.0);
        Case zeros = new Case("2×2 layer with a zero weight and a zero bias, Regularizer(0.1, 0.01, 0.1, 0.01)",
                new Regularizer(0.1, 0.01, 0.1, 0.01), w, b, random.randn(2, 2), random.randn(1, 2));
        return new Case[] {l2, l1, one, zeros};
    }

    /** How a student might compute one element of the penalty's gradient: p the parameter, l1 and l2 its strengths. */
    private interface ElementGradient {
        double of(double p, double l1, double l2);
    }

    private static final ElementGradient RIGHT = (p, l1, l2) -> l1 * (p < 0 ? -1 : 1) + 2 * l2 * p;

    /** {@code data} plus {@code rule} applied to every element of {@code p}. */
    private static DMatrixRMaj plus(DMatrixRMaj data, DMatrixRMaj p, double l1, double l2, ElementGradient rule) {
        DMatrixRMaj out = data.copy();
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] += rule.of(p.data[k], l1, l2);
        }
        return out;
    }

    /** The source notes' bias gradient: λ1b·sign(b) + 2·λ2b·w, with the weights' first elements (its first row). */
    private static DMatrixRMaj notesBiasGradient(Case c) {
        DMatrixRMaj out = c.dbiases().copy();
        Regularizer r = c.regularizer();
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] += r.biasL1() * (c.biases().data[k] < 0 ? -1 : 1) + 2 * r.biasL2() * c.weights().data[k];
        }
        return out;
    }

    // --- 7.2 ---------------------------------------------------------------------------------------------------

    /** Exercise 7.2: the student's regularization loss of one layer. */
    @FunctionalInterface
    public interface PenaltyLoss {
        double of(Regularizer regularizer, DMatrixRMaj weights, DMatrixRMaj biases);
    }

    /**
     * Exercise 7.2: the regularization loss, compared with {@link Regularizer#loss} on the four layers of the
     * gradient exercise and without any penalty. Hints for the biases left out, the factor 2 of the gradient, L1 and
     * L2 swapped, and L1 without the absolute value.
     */
    public static void checkPenaltyLoss(PenaltyLoss penalty) {
        Exercise exercise = Exercise.of("7.2", "the regularization loss");
        Case[] cases = cases();
        Case none = new Case("3×4 layer, no penalty", Regularizer.NONE, cases[0].weights(), cases[0].biases(), null,
                null);
        for (Case c : new Case[] {cases[0], cases[1], cases[2], cases[3], none}) {
            DMatrixRMaj w = c.weights().copy();
            DMatrixRMaj b = c.biases().copy();
            double answer = exercise.call("your regularizationLoss", () -> penalty.of(c.regularizer(), w, b));
            exercise.require(Matrices.maxAbsDifference(w, c.weights()) == 0 && Matrices.maxAbsDifference(b,
                    c.biases()) == 0, "your code changed the weights or biases: the penalty only reads them");
            Regularizer r = c.regularizer();
            exercise.compare("regularization loss of the " + c.name(), r.loss(w, b), answer,
                    Hint.ifEqual(r.loss(w, new DMatrixRMaj(b.numRows, b.numCols)), "add the biases' penalty,"
                            + " λ1b Σ|b| + λ2b Σb²"),
                    Hint.ifEqual(sums(r, w, b, 1, 2, false), "the loss is λ Σw²; the factor 2 belongs to its"
                            + " gradient"),
                    Hint.ifEqual(new Regularizer(r.weightL2(), r.weightL1(), r.biasL2(), r.biasL1()).loss(w, b),
                            "weightL1 goes with Σ|w| and weightL2 with Σw² (and the same for the biases)"),
                    Hint.ifEqual(sums(r, w, b, 1, 1, true), "L1 sums the absolute values |w|"),
                    Hint.otherwise("λ1w Σ|w| + λ2w Σw² + λ1b Σ|b| + λ2b Σb²"));
        }
        exercise.verified("equals Regularizer.loss on 5 layers: L1 only, L2 only, all four strengths, exact zeros,"
                + " no penalty");
        exercise.pass();
    }

    /** λ1·Σ|p| (or Σp when {@code signed}) + factor·λ2·Σp², over the weights and the biases with their strengths. */
    private static double sums(Regularizer r, DMatrixRMaj w, DMatrixRMaj b, double l1Factor, double l2Factor,
            boolean signed) {
        return part(w, r.weightL1() * l1Factor, r.weightL2() * l2Factor, signed)
                + part(b, r.biasL1() * l1Factor, r.biasL2() * l2Factor, signed);
    }

    private static double part(DMatrixRMaj p, double l1, double l2, boolean signed) {
        double abs = 0;
        double squares = 0;
        for (int k = 0; k < p.getNumElements(); k++) {
            abs += signed ? p.data[k] : Math.abs(p.data[k]);
            squares += p.data[k] * p.data[k];
        }
        return l1 * abs + l2 * squares;
    }

    // --- 7.3 ---------------------------------------------------------------------------------------------------

    /** Exercise 7.3: the student's code that adds the penalty's gradient to a layer's gradients. */
    @FunctionalInterface
    public interface PenaltyGradient {
        void add(Regularizer regularizer, DMatrixRMaj weights, DMatrixRMaj dweights, DMatrixRMaj biases,
                DMatrixRMaj dbiases);
    }

    /**
     * Exercise 7.3: the penalty's gradient for the weights and the biases, added to a data gradient, compared with
     * {@link Regularizer#addGradient} on four layers, then a gradient check of a dense layer whose backward pass adds
     * it. Hints for the source notes' 2·λ·w in the bias gradient, sign(0) taken as 0, the factor 2 left out, the
     * gradient written over the data gradient, the biases left out, and the weights' strengths used for the biases.
     */
    public static void checkPenaltyGradient(PenaltyGradient gradient) {
        Exercise exercise = Exercise.of("7.3", "the penalty's gradient for weights and biases");
        for (Case c : cases()) {
            DMatrixRMaj w = c.weights().copy();
            DMatrixRMaj b = c.biases().copy();
            DMatrixRMaj dw = c.dweights().copy();
            DMatrixRMaj db = c.dbiases().copy();
            exercise.run("your addPenaltyGradient", () -> gradient.add(c.regularizer(), w, dw, b, db));
            exercise.require(Matrices.maxAbsDifference(w, c.weights()) == 0 && Matrices.maxAbsDifference(b,
                    c.biases()) == 0, "your code changed the weights or biases: it only adds to dweights and"
                    + " dbiases");
            Regularizer r = c.regularizer();
            DMatrixRMaj expectedW = c.dweights().copy();
            DMatrixRMaj expectedB = c.dbiases().copy();
            r.addGradient(c.weights(), expectedW, c.biases(), expectedB);
            String on = " of the " + c.name();
            exercise.compare("dweights" + on, expectedW, dw,
                    Hint.ifEqual(c.dweights(), "add the penalty's gradient to dweights: it still holds only the data"
                            + " gradient"),
                    Hint.ifEqual(plus(new DMatrixRMaj(dw.numRows, dw.numCols), c.weights(), r.weightL1(),
                            r.weightL2(), RIGHT), "add to dweights, do not overwrite it: the data gradient is already"
                            + " in it"),
                    Hint.ifEqual(plus(c.dweights(), c.weights(), r.weightL1(), r.weightL2(),
                            (p, l1, l2) -> l1 * Math.signum(p) + 2 * l2 * p), "the book counts sign(0) as +1"
                            + " (Math.signum(0) is 0): a weight of exactly 0 gets +λ1"),
                    Hint.ifEqual(plus(c.dweights(), c.weights(), r.weightL1(), r.weightL2(),
                            (p, l1, l2) -> l1 * (p < 0 ? -1 : 1) + l2 * p), "the derivative of λ w² is 2λw"),
                    Hint.ifEqual(plus(c.dweights(), c.weights(), r.biasL1(), r.biasL2(), RIGHT), "the weights use"
                            + " weightL1 and weightL2"),
                    Hint.otherwise("dweights += λ1w·sign(w) + 2·λ2w·w, element by element, with sign(0) = +1"));
            exercise.compare("dbiases" + on, expectedB, db,
                    Hint.ifEqual(notesBiasGradient(c), "2·λ·w is the source notes' bug: the penalty on the biases,"
                            + " λ2b Σb², has the gradient 2·λ2b·b, with the biases"),
                    Hint.ifEqual(c.dbiases(), "the biases have their own penalty: add λ1b·sign(b) + 2·λ2b·b to"
                            + " dbiases"),
                    Hint.ifEqual(plus(new DMatrixRMaj(db.numRows, db.numCols), c.biases(), r.biasL1(), r.biasL2(),
                            RIGHT), "add to dbiases, do not overwrite it: the data gradient is already in it"),
                    Hint.ifEqual(plus(c.dbiases(), c.biases(), r.biasL1(), r.biasL2(),
                            (p, l1, l2) -> l1 * Math.signum(p) + 2 * l2 * p), "the book counts sign(0) as +1"
                            + " (Math.signum(0) is 0): a bias of exactly 0 gets +λ1b"),
                    Hint.ifEqual(plus(c.dbiases(), c.biases(), r.biasL1(), r.biasL2(),
                            (p, l1, l2) -> l1 * (p < 0 ? -1 : 1) + l2 * p), "the derivative of λ b² is 2λb"),
                    Hint.ifEqual(plus(c.dbiases(), c.biases(), r.weightL1(), r.weightL2(), RIGHT), "the biases use"
                            + " their own strengths, biasL1 and biasL2"),
                    Hint.otherwise("dbiases += λ1b·sign(b) + 2·λ2b·b, element by element, with sign(0) = +1"));
        }
        exercise.verified("dweights and dbiases equal Regularizer.addGradient's on 4 layers (L1, L2, both, one input,"
                + " exact zeros)");
        NumpyRandom random = new NumpyRandom(71);
        Regularizer all = new Regularizer(0.03, 0.02, 0.05, 0.04);
        Dense data = Dense.withParameters(random.randn(3, 4), random.randn(1, 4));
        Trainable layer = new WithPenalty(data, all, gradient);
        DMatrixRMaj x = random.randn(5, 3);
        DMatrixRMaj upstream = random.randn(5, 4);
        exercise.gradientCheck(exercise.call("your penalty's gradient in a dense layer",
                () -> GradientCheck.layer(layer, x, upstream)), Hint.otherwise("the loss being checked includes Regularizer.loss; your gradient must"
                + " be its slope"));
        exercise.pass();
    }

    /** A dense layer without a penalty of its own, whose backward pass adds the student's penalty gradient. */
    private record WithPenalty(Dense layer, Regularizer regularizer, PenaltyGradient gradient) implements Trainable {
        @Override
        public void forward(DMatrixRMaj inputs) {
            layer.forward(inputs);
        }

        @Override
        public void backward(DMatrixRMaj dvalues) {
            layer.backward(dvalues);
            gradient.add(regularizer, layer.weights(), layer.dweights(), layer.biases(), layer.dbiases());
        }

        @Override
        public double regularizationLoss() {
            return regularizer.loss(layer.weights(), layer.biases());
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
        public DMatrixRMaj weights() {
            return layer.weights();
        }

        @Override
        public DMatrixRMaj biases() {
            return layer.biases();
        }

        @Override
        public DMatrixRMaj dweights() {
            return layer.dweights();
        }

        @Override
        public DMatrixRMaj dbiases() {
            return layer.dbiases();
        }

        @Override
        public String toString() {
            return layer + " with your " + regularizer + " gradient";
        }
    }

    // --- 7.4 ---------------------------------------------------------------------------------------------------

    /** How many epochs the runs of exercise 7.4 train. */
    public static final int SPARSITY_EPOCHS = 500;

    /** A weight counts as switched off when its size is below this. */
    public static final double SWITCHED_OFF = 0.01;

    /**
     * The chapter's run on 300 training points (seed 0: the spiral data, then Dense(2→64) with {@code regularizer},
     * ReLU, Dense(64→3), softmax and cross-entropy, Adam(0.02, decay 5e-7), full batch) for {@code epochs} epochs.
     * Returns a copy of the first layer's weights at the end.
     */
    public static DMatrixRMaj firstLayerWeights(Regularizer regularizer, int epochs) {
        NumpyRandom random = new NumpyRandom(0);
        Dataset train = Datasets.spiral(100, 3, random);
        Dense dense1 = new Dense(2, 64, random, regularizer);
        ReLU activation1 = new ReLU();
        Dense dense2 = new Dense(64, 3, random);
        SoftmaxCrossEntropy lossActivation = new SoftmaxCrossEntropy();
        Adam optimizer = new Adam(0.02, 5e-7, 1e-7, 0.9, 0.999);
        for (int epoch = 0; epoch < epochs; epoch++) {
            dense1.forward(train.X());
            activation1.forward(dense1.output());
            dense2.forward(activation1.output());
            lossActivation.forward(dense2.output(), train.y());
            lossActivation.backward(lossActivation.output(), train.y());
            dense2.backward(lossActivation.dinputs());
            activation1.backward(dense2.dinputs());
            dense1.backward(activation1.dinputs());
            optimizer.preUpdate();
            optimizer.update(dense1);
            optimizer.update(dense2);
            optimizer.postUpdate();
        }
        return dense1.weights().copy();
    }

    /** The share of the weights whose size is below {@link #SWITCHED_OFF}. */
    public static double switchedOff(DMatrixRMaj weights) {
        int off = 0;
        for (int k = 0; k < weights.getNumElements(); k++) {
            if (Math.abs(weights.data[k]) < SWITCHED_OFF) {
                off++;
            }
        }
        return (double) off / weights.getNumElements();
    }

    private static double switchedOffWithL1(double lambda) {
        return switchedOff(firstLayerWeights(Regularizer.l1(lambda), SPARSITY_EPOCHS));
    }

    /**
     * Exercise 7.4 (explore): an interval [lo, hi] of L1 strengths, hi ≤ 1.5·lo, such that after 500 epochs with
     * Regularizer.l1(λ) on the first layer fewer than half of its 128 weights are below 0.01 in size at λ = lo, and at
     * least half at λ = hi. (The share grows with λ, not quite steadily: it crosses one half near 3e-3.)
     */
    public static void checkL1Sparsity(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("7.4", "how strong an L1 penalty switches half the weights off");
        double[] answer = exercise.call("l1Interval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two strengths {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo > 0 && hi > lo && hi < 1, "expected 0 < lo < hi < 1, got lo = " + lo + ", hi = " + hi);
        exercise.require(hi <= 1.5 * lo * (1 + 1e-12), "narrow it down: hi is " + Exercise.format(hi / lo, 3)
                + " times lo; at most 1.5 times is asked for");
        double atHi = switchedOffWithL1(hi);
        exercise.require(atHi >= 0.5, "with L1(" + hi + ") only " + count(atHi) + " of the 128 weights are switched"
                + " off after " + SPARSITY_EPOCHS + " epochs, fewer than half: a stronger penalty is needed");
        double atLo = switchedOffWithL1(lo);
        exercise.require(atLo < 0.5, "with L1(" + lo + ") " + count(atLo) + " of the 128 weights are already"
                + " switched off: the boundary lies lower");
        exercise.verified("after " + SPARSITY_EPOCHS + " epochs " + count(atLo) + " of the first layer's 128 weights"
                + " are below " + SWITCHED_OFF + " with L1(" + lo + "), " + count(atHi) + " with L1(" + hi + ")");
        exercise.pass();
    }

    /** A share of the first layer's 128 weights, as a count. */
    private static long count(double share) {
        return Math.round(share * 128);
    }
}
