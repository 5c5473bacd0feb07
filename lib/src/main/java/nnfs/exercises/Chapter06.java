package nnfs.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Matrices;
import nnfs.layers.Trainable;
import nnfs.optimizers.Adam;
import nnfs.optimizers.Optimizer;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/**
 * The checks of chapter 6's exercises: optimizers.
 *
 * <p>The three optimizer checks (6.2 to 6.4) run the student's optimizer and the library's side by side on two small
 * layers for three steps, with the same gradients and a decay that gives every step its own learning rate, and compare
 * every weight and bias after each step. A wrong answer is recognised by simulating the typical mistakes element by
 * element on the same numbers ({@link Rule}).
 */
public final class Chapter06 {

    private Chapter06() {
    }

    // --- 6.1 ---------------------------------------------------------------------------------------------------

    /** The schedule of exercise 6.1: η₀ = 0.5, decay 0.01, at steps 0, 100 and 300. */
    static final double DECAY_START = 0.5;
    static final double DECAY = 0.01;
    static final long[] DECAY_STEPS = {0, 100, 300};

    /**
     * Exercise 6.1 (predict): the learning rates of SGD(0.5, decay 0.01) at steps 0, 100 and 300, that is 0.5, 0.25 and
     * 0.125. The truth is read from the library's SGD after that many steps.
     */
    public static void checkDecayPrediction(Supplier<double[]> prediction) {
        Exercise exercise = Exercise.of("6.1", "predict a decaying learning rate");
        double[] predicted = exercise.call("your predictedRates()", prediction);
        exercise.require(predicted != null && predicted.length == DECAY_STEPS.length, "expected three learning rates"
                + " (steps 0, 100 and 300), got " + (predicted == null ? "null" : predicted.length + " numbers"));
        SGD sgd = new SGD(DECAY_START, DECAY, 0.0);
        double[] truth = new double[DECAY_STEPS.length];
        double[] plusT = new double[DECAY_STEPS.length];
        double[] oneLater = new double[DECAY_STEPS.length];
        double[] exponential = new double[DECAY_STEPS.length];
        int next = 0;
        for (long step = 0; step <= DECAY_STEPS[DECAY_STEPS.length - 1]; step++) {
            sgd.preUpdate();
            if (step == DECAY_STEPS[next]) {
                truth[next] = sgd.currentLearningRate();
                plusT[next] = DECAY_START / (1 + DECAY + step);
                oneLater[next] = DECAY_START / (1 + DECAY * (step + 1));
                exponential[next] = DECAY_START * Math.pow(1 - DECAY, step);
                next++;
            }
            sgd.postUpdate();
        }
        exercise.prediction("learning rate at steps {0, 100, 300}", Matrices.row(truth), Matrices.row(predicted),
                Hint.ifEqual(Matrices.row(plusT), "that is 1/(1 + decay + t), source 002's schedule: the decay"
                        + " multiplies the step count, 1/(1 + decay · t)"),
                Hint.ifEqual(Matrices.row(oneLater), "t counts the steps already taken: the first step (t = 0) uses"
                        + " η₀ itself"),
                Hint.ifEqual(Matrices.row(exponential), "1/t decay divides η₀ by 1 + decay · t; it does not multiply"
                        + " by (1 − decay) at every step"),
                Hint.otherwise("η_t = η₀ · 1 / (1 + decay · t), with t the number of steps already taken"));
        exercise.verified("equals the learning rate of SGD(0.5, decay 0.01) at steps 0, 100 and 300");
        exercise.pass();
    }

    // --- the optimizer checks (6.2 to 6.4) ---------------------------------------------------------------------

    /** How many steps the optimizer checks take. */
    static final int STEPS = 3;

    /**
     * One optimizer's update of one number, as a student might write it: returns the new θ from the old one, its
     * gradient g, this step's learning rate and t, the number of steps already taken; {@code state} is this number's
     * memory (velocity, cache, ...), zeros at the start.
     */
    interface Rule {
        double step(double theta, double g, double learningRate, long t, double[] state);
    }

    /** A typical wrong update and what to say when an answer equals it. */
    record Mistake(Rule rule, String advice) {
    }

    /**
     * What an optimizer sees of a layer: parameters, and gradients the check sets before each step. It has no forward
     * or backward pass.
     */
    private static final class Parameters implements Trainable {
        private final String name;
        private final DMatrixRMaj weights;
        private final DMatrixRMaj biases;
        private final DMatrixRMaj dweights;
        private final DMatrixRMaj dbiases;

        Parameters(String name, DMatrixRMaj weights, DMatrixRMaj biases) {
            this.name = name;
            this.weights = weights.copy();
            this.biases = biases.copy();
            this.dweights = new DMatrixRMaj(weights.numRows, weights.numCols);
            this.dbiases = new DMatrixRMaj(biases.numRows, biases.numCols);
        }

        void setGradients(DMatrixRMaj gw, DMatrixRMaj gb) {
            dweights.setTo(gw);
            dbiases.setTo(gb);
        }

        @Override
        public void forward(DMatrixRMaj inputs) {
            throw new IllegalStateException(name + " of the check has no forward pass: an optimizer only reads the"
                    + " parameters and their gradients");
        }

        @Override
        public void backward(DMatrixRMaj dvalues) {
            throw new IllegalStateException(name + " of the check has no backward pass: its gradients are set by the"
                    + " check");
        }

        @Override
        public DMatrixRMaj output() {
            throw new IllegalStateException(name + " of the check has no output");
        }

        @Override
        public DMatrixRMaj dinputs() {
            throw new IllegalStateException(name + " of the check has no dinputs");
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
        public String toString() {
            return name + " (weights " + Matrices.shape(weights) + ")";
        }
    }

    /**
     * Two layers with their starting parameters and the gradients of every step. Layer {@code l}'s gradients are
     * {@code scales[l]} · randn: a scale of 1e-4 makes the cache of RMSprop and Adam as small as ε, where ε's place
     * matters.
     */
    private record Scenario(String[] names, DMatrixRMaj[] weights, DMatrixRMaj[] biases, DMatrixRMaj[][] dweights,
            DMatrixRMaj[][] dbiases) {

        static Scenario of(long seed, String[] names, double[] scales) {
            NumpyRandom random = new NumpyRandom(seed);
            int[][] shapes = {{2, 3}, {3, 2}};
            DMatrixRMaj[] weights = new DMatrixRMaj[2];
            DMatrixRMaj[] biases = new DMatrixRMaj[2];
            for (int l = 0; l < 2; l++) {
                weights[l] = random.randn(shapes[l][0], shapes[l][1]);
                biases[l] = random.randn(1, shapes[l][1]);
            }
            DMatrixRMaj[][] dweights = new DMatrixRMaj[STEPS][2];
            DMatrixRMaj[][] dbiases = new DMatrixRMaj[STEPS][2];
            for (int s = 0; s < STEPS; s++) {
                for (int l = 0; l < 2; l++) {
                    dweights[s][l] = random.randn(shapes[l][0], shapes[l][1]);
                    dbiases[s][l] = random.randn(1, shapes[l][1]);
                    CommonOps_DDRM.scale(scales[l], dweights[s][l]);
                    CommonOps_DDRM.scale(scales[l], dbiases[s][l]);
                }
            }
            return new Scenario(names, weights, biases, dweights, dbiases);
        }

        DMatrixRMaj[] gradients(boolean ofWeights, int layer) {
            DMatrixRMaj[] g = new DMatrixRMaj[STEPS];
            for (int s = 0; s < STEPS; s++) {
                g[s] = ofWeights ? dweights[s][layer] : dbiases[s][layer];
            }
            return g;
        }
    }

    /** The parameters after {@code steps} steps of {@code rule}, applied to every element on its own. */
    static DMatrixRMaj simulate(Rule rule, DMatrixRMaj start, DMatrixRMaj[] gradients, double[] rates, int steps) {
        DMatrixRMaj out = start.copy();
        for (int k = 0; k < out.getNumElements(); k++) {
            double[] state = new double[4];
            double theta = start.data[k];
            for (int s = 0; s < steps; s++) {
                theta = rule.step(theta, gradients[s].data[k], rates[s], s, state);
            }
            out.data[k] = theta;
        }
        return out;
    }

    /** η_t of the library's 1/t decay for the steps of a check. */
    private static double[] rates(double learningRate, double decay) {
        double[] rates = new double[STEPS];
        for (int s = 0; s < STEPS; s++) {
            rates[s] = Optimizer.decayedLearningRate(learningRate, decay, s);
        }
        return rates;
    }

    private static final Hint NOT_FINITE = Hint.when(m -> Matrices.firstNonFinite(m) != null, "your parameters became"
            + " NaN or infinite: look for a division by zero at the first step");

    /**
     * Runs the reference and the student's optimizer side by side on the scenario's two layers for {@link #STEPS}
     * steps and compares the gradients (which an optimizer must leave alone) and then every parameter after each step.
     *
     * @param gradientHint what to say when the student's update changed a gradient array, given what that array
     *                     would then hold (e.g. source 004's momentum sum), or null
     */
    private static void compareSteps(Exercise exercise, Optimizer<?> reference, Optimizer<?> student, Scenario scenario,
            double[] rates, List<Mistake> mistakes, Rule gradientMistake, String gradientAdvice, String formula) {
        Parameters[] ref = new Parameters[2];
        Parameters[] mine = new Parameters[2];
        for (int l = 0; l < 2; l++) {
            ref[l] = new Parameters(scenario.names()[l], scenario.weights()[l], scenario.biases()[l]);
            mine[l] = new Parameters(scenario.names()[l], scenario.weights()[l], scenario.biases()[l]);
        }
        for (int s = 0; s < STEPS; s++) {
            DMatrixRMaj[][] before = new DMatrixRMaj[2][];
            for (int l = 0; l < 2; l++) {
                ref[l].setGradients(scenario.dweights()[s][l], scenario.dbiases()[s][l]);
                mine[l].setGradients(scenario.dweights()[s][l], scenario.dbiases()[s][l]);
                before[l] = new DMatrixRMaj[] {ref[l].weights().copy(), ref[l].biases().copy()};
            }
            reference.preUpdate();
            reference.update(ref[0]);
            reference.update(ref[1]);
            reference.postUpdate();
            int step = s + 1;
            exercise.run("your optimizer at step " + step + " (preUpdate, update of both layers, postUpdate)", () -> {
                student.preUpdate();
                student.update(mine[0]);
                student.update(mine[1]);
                student.postUpdate();
            });
            String after = "after step " + step + ", ";
            for (int l = 0; l < 2; l++) {
                for (boolean ofWeights : new boolean[] {true, false}) {
                    String what = ofWeights ? "dweights" : "dbiases";
                    DMatrixRMaj given = ofWeights ? scenario.dweights()[s][l] : scenario.dbiases()[s][l];
                    List<Hint> hints = new ArrayList<>();
                    if (gradientMistake != null) {
                        hints.add(Hint.ifEqual(simulate(gradientMistake, new DMatrixRMaj(given.numRows, given.numCols),
                                scenario.gradients(ofWeights, l), rates, step), gradientAdvice));
                    }
                    hints.add(Hint.otherwise("your update changed the gradient: an optimizer only reads dweights and"
                            + " dbiases, and keeps what it must remember in its own state (stateOf)"));
                    exercise.compare(after + scenario.names()[l] + "'s " + what, given,
                            ofWeights ? mine[l].dweights() : mine[l].dbiases(), hints.toArray(Hint[]::new));
                }
            }
            for (int l = 0; l < 2; l++) {
                for (boolean ofWeights : new boolean[] {true, false}) {
                    String what = ofWeights ? "weights" : "biases";
                    DMatrixRMaj start = ofWeights ? scenario.weights()[l] : scenario.biases()[l];
                    List<Hint> hints = new ArrayList<>();
                    hints.add(Hint.ifEqual(before[l][ofWeights ? 0 : 1], ofWeights
                            ? "your update left the weights as they were: work out this step's change first (for"
                                    + " momentum, the new velocity), then add it to the weights"
                            : "your update left the biases as they were: update them too, with dbiases and a state of"
                                    + " their own"));
                    for (Mistake mistake : mistakes) {
                        hints.add(Hint.ifEqual(simulate(mistake.rule(), start, scenario.gradients(ofWeights, l), rates,
                                step), mistake.advice()));
                    }
                    hints.add(NOT_FINITE);
                    hints.add(Hint.otherwise(formula));
                    exercise.compare(after + scenario.names()[l] + "'s " + what,
                            ofWeights ? ref[l].weights() : ref[l].biases(),
                            ofWeights ? mine[l].weights() : mine[l].biases(), hints.toArray(Hint[]::new));
                }
            }
        }
    }

    // --- 6.2 ---------------------------------------------------------------------------------------------------

    /** Exercise 6.2: makes the student's SGD with momentum, e.g. {@code MySGD::new}. */
    @FunctionalInterface
    public interface MomentumOptimizer {
        Optimizer<?> create(double learningRate, double decay, double momentum);
    }

    /**
     * Exercise 6.2: SGD with momentum, v ← μ·v − η_t·g, θ ← θ + v, compared with the library's {@link SGD}(0.5, decay
     * 0.1, momentum 0.9) on two layers for three steps. Hints for source 004's version (the learning rate applied after
     * the momentum sum, and that sum accumulated into the gradient array), a velocity that is not kept, the wrong sign,
     * the learning rate without its decay, and parameters left as they were (the biases forgotten, or the velocity
     * updated after the step).
     */
    public static void checkMomentum(MomentumOptimizer create) {
        Exercise exercise = Exercise.of("6.2", "SGD with momentum");
        double lr = 0.5;
        double decay = 0.1;
        double mu = 0.9;
        Optimizer<?> student = exercise.call("new MySGD(0.5, 0.1, 0.9)", () -> create.create(lr, decay, mu));
        exercise.require(student != null, "new MySGD(...) returned null");
        List<Mistake> mistakes = List.of(
                new Mistake((theta, g, rate, t, v) -> theta - rate * g, "that is plain SGD: the velocity must carry"
                        + " over from step to step (v = μ·v − η_t·g, with this parameter's v from the last step)"),
                new Mistake((theta, g, rate, t, s) -> {
                    s[0] = g + mu * s[0];
                    return theta - rate * s[0];
                }, "that is source 004's momentum, s = g + μ·s and θ −= η_t·s: it applies this step's learning rate to"
                        + " the whole remembered sum. Scale each gradient by the rate of its own step as it enters"
                        + " the velocity: v = μ·v − η_t·g, θ = θ + v"),
                new Mistake((theta, g, rate, t, v) -> {
                    v[0] = mu * v[0] + rate * g;
                    return theta + v[0];
                }, "the velocity points against the gradient: v = μ·v − η_t·g"),
                new Mistake((theta, g, rate, t, v) -> {
                    v[0] = mu * v[0] - lr * g;
                    return theta + v[0];
                }, "use currentLearningRate(), the rate preUpdate() set from the decay, not learningRate()"));
        Rule sum004 = (theta, g, rate, t, s) -> {
            s[0] = g + mu * s[0];
            return s[0];
        };
        Scenario scenario = Scenario.of(62, new String[] {"layer 1", "layer 2"}, new double[] {1.0, 1.0});
        compareSteps(exercise, new SGD(lr, decay, mu), student, scenario, rates(lr, decay), mistakes, sum004,
                "you accumulated the momentum into the layer's gradient array, as source 004 does: after the update"
                        + " dweights no longer holds the gradient, and a library that reuses its gradient buffers"
                        + " overwrites the sum at the next backward pass. Keep the velocity in the optimizer's own"
                        + " state (stateOf(layer, ParameterState::zerosLike))",
                "for each element: v = μ·v − η_t·g, then θ = θ + v, with one velocity per parameter and per layer"
                        + " (stateOf) and η_t = currentLearningRate()");
        exercise.verified("weights and biases of two layers equal SGD(0.5, decay 0.1, momentum 0.9)'s after each of "
                + STEPS + " steps, every step with its own learning rate");
        exercise.verified("the gradients are left as they were");
        exercise.pass();
    }

    // --- 6.3 ---------------------------------------------------------------------------------------------------

    /** Exercise 6.3: makes the student's RMSprop, e.g. {@code MyRMSprop::new}. */
    @FunctionalInterface
    public interface RmspropOptimizer {
        Optimizer<?> create(double learningRate, double decay, double epsilon, double rho);
    }

    /**
     * Exercise 6.3: RMSprop, c ← ρ·c + (1 − ρ)·g², θ ← θ − η_t·g / (√c + ε), compared with the library's
     * {@link RMSprop}(0.01, decay 0.1, ε 1e-7, ρ 0.9) for three steps on a layer with gradients around 1e-4 (where the
     * cache is as small as ε) and one with gradients around 1. Hints for ε inside the square root (source 002), a
     * running sum (Adagrad), ρ and 1 − ρ swapped, no square root, the cache updated after the step, and no decay.
     */
    public static void checkRmsprop(RmspropOptimizer create) {
        Exercise exercise = Exercise.of("6.3", "RMSprop");
        double lr = 0.01;
        double decay = 0.1;
        double eps = 1e-7;
        double rho = 0.9;
        Optimizer<?> student = exercise.call("new MyRMSprop(0.01, 0.1, 1e-7, 0.9)",
                () -> create.create(lr, decay, eps, rho));
        exercise.require(student != null, "new MyRMSprop(...) returned null");
        List<Mistake> mistakes = List.of(
                new Mistake((theta, g, rate, t, c) -> {
                    c[0] = rho * c[0] + (1 - rho) * g * g;
                    return theta - rate * g / Math.sqrt(c[0] + eps);
                }, "ε goes outside the square root, g / (√c + ε), as in the book and the library. Source 002's"
                        + " √(c + ε) differs exactly where c is as small as ε, as for layer 1, whose gradients are"
                        + " around 1e-4"),
                new Mistake((theta, g, rate, t, c) -> {
                    c[0] += g * g;
                    return theta - rate * g / (Math.sqrt(c[0]) + eps);
                }, "that cache is a running sum (Adagrad): RMSprop's is a moving average, c = ρ·c + (1 − ρ)·g²"),
                new Mistake((theta, g, rate, t, c) -> {
                    c[0] = (1 - rho) * c[0] + rho * g * g;
                    return theta - rate * g / (Math.sqrt(c[0]) + eps);
                }, "ρ weighs the old cache and 1 − ρ the new g²: c = ρ·c + (1 − ρ)·g²"),
                new Mistake((theta, g, rate, t, c) -> {
                    c[0] = rho * c[0] + (1 - rho) * g * g;
                    return theta - rate * g / (c[0] + eps);
                }, "divide by the square root of the cache, √c + ε: c has the units of g²"),
                new Mistake((theta, g, rate, t, c) -> {
                    double moved = theta - rate * g / (Math.sqrt(c[0]) + eps);
                    c[0] = rho * c[0] + (1 - rho) * g * g;
                    return moved;
                }, "add this step's g² to the cache first, then divide by it"),
                new Mistake((theta, g, rate, t, c) -> {
                    c[0] = rho * c[0] + (1 - rho) * g * g;
                    return theta - lr * g / (Math.sqrt(c[0]) + eps);
                }, "use currentLearningRate(), the rate preUpdate() set from the decay, not learningRate()"));
        Scenario scenario = Scenario.of(63, new String[] {"layer 1", "layer 2"}, new double[] {1e-4, 1.0});
        compareSteps(exercise, new RMSprop(lr, decay, eps, rho), student, scenario, rates(lr, decay), mistakes, null,
                null, "for each element: c = ρ·c + (1 − ρ)·g², then θ = θ − η_t·g / (√c + ε)");
        exercise.verified("weights and biases equal RMSprop(0.01, decay 0.1, ε 1e-7, ρ 0.9)'s after each of " + STEPS
                + " steps, on layer 1 (gradients around 1e-4) and layer 2 (around 1)");
        exercise.pass();
    }

    // --- 6.4 ---------------------------------------------------------------------------------------------------

    /** Exercise 6.4: makes the student's Adam, e.g. {@code MyAdam::new}. */
    @FunctionalInterface
    public interface AdamOptimizer {
        Optimizer<?> create(double learningRate, double decay, double epsilon, double beta1, double beta2);
    }

    /**
     * Exercise 6.4: Adam with its bias correction, compared with the library's {@link Adam}(0.01, decay 0.1, ε 1e-7,
     * β₁ 0.9, β₂ 0.999) for three steps, on the layers of 6.3. Hints for no correction, the exponent t instead of
     * t + 1 (a division by zero) or t + 2, corrected values kept as the state, the corrections swapped or only one of
     * them made, source 000's ĉ in the numerator, ε inside the square root, and no decay.
     */
    public static void checkAdam(AdamOptimizer create) {
        Exercise exercise = Exercise.of("6.4", "Adam's bias correction");
        double lr = 0.01;
        double decay = 0.1;
        double eps = 1e-7;
        double b1 = 0.9;
        double b2 = 0.999;
        Optimizer<?> student = exercise.call("new MyAdam(0.01, 0.1, 1e-7, 0.9, 0.999)",
                () -> create.create(lr, decay, eps, b1, b2));
        exercise.require(student != null, "new MyAdam(...) returned null");
        List<Mistake> mistakes = List.of(
                adam(b1, b2, (m, c, t) -> new double[] {m, c}, eps, false, false, "m and c start at zero, so in the"
                        + " first steps they are far too small: divide m by 1 − β₁^(t+1) and c by 1 − β₂^(t+1)"),
                adam(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b1, t)), c / (1 - Math.pow(b2, t))}, eps,
                        false, false, "at the first step iterations() is 0, and 1 − β⁰ = 0: the exponent is the"
                                + " step's number, t + 1"),
                adam(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b1, t + 2)), c / (1 - Math.pow(b2, t + 2))},
                        eps, false, false, "the first step (t = 0, nothing taken yet) divides by 1 − β: the exponent"
                                + " is t + 1 with t = iterations()"),
                adam(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b1, t + 1)), c / (1 - Math.pow(b2, t + 1))},
                        eps, true, false, "keep m and c uncorrected in the state: m̂ and ĉ are computed anew at every"
                                + " step, from the uncorrected averages"),
                adam(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b2, t + 1)), c / (1 - Math.pow(b1, t + 1))},
                        eps, false, false, "each average is corrected with its own β: m with β₁, c with β₂"),
                adam(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b1, t + 1)), c}, eps, false, false,
                        "correct the cache too: ĉ = c / (1 − β₂^(t+1))"),
                adam(b1, b2, (m, c, t) -> new double[] {m, c / (1 - Math.pow(b2, t + 1))}, eps, false, false,
                        "correct the momentum too: m̂ = m / (1 − β₁^(t+1))"),
                adam(b1, b2, (m, c, t) -> new double[] {c / (1 - Math.pow(b2, t + 1)), c / (1 - Math.pow(b2, t + 1))},
                        eps, false, false, "that is source 000's C++ bug: the numerator is the corrected momentum m̂,"
                                + " not the corrected cache ĉ"),
                adam(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b1, t + 1)), c / (1 - Math.pow(b2, t + 1))},
                        eps, false, true, "ε goes outside the square root, m̂ / (√ĉ + ε), as in the book and the"
                                + " library; inside, it matters where ĉ is as small as ε (layer 1, whose gradients are"
                                + " around 1e-4)"),
                new Mistake(adamRule(b1, b2, (m, c, t) -> new double[] {m / (1 - Math.pow(b1, t + 1)),
                    c / (1 - Math.pow(b2, t + 1))}, eps, false, false, lr), "use currentLearningRate(), the rate"
                        + " preUpdate() set from the decay, not learningRate()"));
        Scenario scenario = Scenario.of(64, new String[] {"layer 1", "layer 2"}, new double[] {1e-4, 1.0});
        compareSteps(exercise, new Adam(lr, decay, eps, b1, b2), student, scenario, rates(lr, decay), mistakes, null,
                null, "for each element: m = β₁·m + (1 − β₁)·g and c = β₂·c + (1 − β₂)·g², then"
                        + " m̂ = m / (1 − β₁^(t+1)), ĉ = c / (1 − β₂^(t+1)) and θ = θ − η_t·m̂ / (√ĉ + ε), with"
                        + " t = iterations()");
        exercise.verified("weights and biases equal Adam(0.01, decay 0.1, ε 1e-7, β₁ 0.9, β₂ 0.999)'s after each of "
                + STEPS + " steps, on layer 1 (gradients around 1e-4) and layer 2 (around 1)");
        exercise.pass();
    }

    /** Adam's correction of (m, c) at step t (steps already taken), as a student might write it. */
    private interface Correction {
        double[] of(double m, double c, long t);
    }

    private static Mistake adam(double b1, double b2, Correction correction, double eps, boolean keepCorrected,
            boolean epsInside, String advice) {
        return new Mistake(adamRule(b1, b2, correction, eps, keepCorrected, epsInside, Double.NaN), advice);
    }

    /** Adam with the given correction; a fixed learning rate when {@code fixedRate} is a number. */
    private static Rule adamRule(double b1, double b2, Correction correction, double eps, boolean keepCorrected,
            boolean epsInside, double fixedRate) {
        return (theta, g, rate, t, s) -> {
            s[0] = b1 * s[0] + (1 - b1) * g;
            s[1] = b2 * s[1] + (1 - b2) * (g * g);
            double[] hat = correction.of(s[0], s[1], t);
            if (keepCorrected) {
                s[0] = hat[0];
                s[1] = hat[1];
            }
            double lr = Double.isNaN(fixedRate) ? rate : fixedRate;
            double denominator = epsInside ? Math.sqrt(hat[1] + eps) : Math.sqrt(hat[1]) + eps;
            return theta - lr * hat[0] / denominator;
        };
    }

    // --- 6.5 ---------------------------------------------------------------------------------------------------

    /** The curve of the chapter's rolling ball, f(x) = 0.05x² + 0.3 sin 3x. */
    public static double f(double x) {
        return 0.05 * x * x + 0.3 * Math.sin(3 * x);
    }

    private static double slope(double x) {
        return 0.1 * x + 0.9 * Math.cos(3 * x);
    }

    /** Where the deepest hollow of f lies: between the maxima of f at about −1.63 and 0.54 (its bottom is at −0.50). */
    static final double DEEPEST_FROM = -1.6315;
    static final double DEEPEST_TO = 0.5438;

    /** How many steps the ball rolls in the check of exercise 6.5: enough for every run below μ = 0.96 to settle. */
    public static final int BALL_STEPS = 1000;

    /**
     * The chapter's ball on f, from x = 4.4 at rest, with learning rate 0.1 and momentum μ: v = μ·v − 0.1·f'(x),
     * x = x + v. Returns x after each of {@code steps} steps.
     */
    public static double[] rollingBall(double momentum, int steps) {
        double x = 4.4;
        double v = 0.0;
        double[] path = new double[steps];
        for (int step = 0; step < steps; step++) {
            v = momentum * v - 0.1 * slope(x);
            x += v;
            path[step] = x;
        }
        return path;
    }

    private static double endOfRoll(double momentum) {
        return rollingBall(momentum, BALL_STEPS)[BALL_STEPS - 1];
    }

    private static boolean inDeepestHollow(double x) {
        return x > DEEPEST_FROM && x < DEEPEST_TO;
    }

    /**
     * Exercise 6.5 (explore): an interval [lo, hi] of momentums, hi − lo ≤ 0.01, such that after 1000 steps the ball
     * lies outside the deepest hollow with μ = lo and inside it with μ = hi, and no momentum below lo (on a grid of
     * 0.0005) reaches it: the smallest momentum that rolls into the deepest hollow (about 0.9175).
     */
    public static void checkDeepestHollow(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("6.5", "the momentum that finds the deepest hollow");
        double[] answer = exercise.call("momentumInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two momentums {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo >= 0 && hi > lo && hi < 1, "expected 0 ≤ lo < hi < 1, got lo = " + lo + ", hi = " + hi);
        exercise.require(hi - lo <= 0.01 + 1e-12, "narrow it down: hi − lo is " + Exercise.format(hi - lo, 3)
                + "; at most 0.01 is asked for");
        double endHi = endOfRoll(hi);
        exercise.require(inDeepestHollow(endHi), "with μ = " + hi + " the ball ends at x = " + Exercise.format(endHi, 4)
                + ", not in the deepest hollow (between x ≈ −1.63 and 0.54): try other momentums");
        double endLo = endOfRoll(lo);
        exercise.require(!inDeepestHollow(endLo), "with μ = " + lo + " the ball already ends in the deepest hollow"
                + " (x = " + Exercise.format(endLo, 4) + "): the smallest such momentum lies lower");
        for (int k = 0; k * 0.0005 < lo; k++) {
            exercise.require(!inDeepestHollow(endOfRoll(k * 0.0005)), "a momentum below " + lo + " already rolls"
                    + " into the deepest hollow: beyond some momentum the ball overshoots it and comes back, so look"
                    + " for the first momentum that gets there, starting from small ones");
        }
        exercise.verified("after " + BALL_STEPS + " steps the ball ends outside the deepest hollow with μ = " + lo
                + " and inside it with μ = " + hi + " (at x = " + Exercise.format(endHi, 4) + "), and no smaller"
                + " momentum gets there");
        exercise.pass();
    }
}
