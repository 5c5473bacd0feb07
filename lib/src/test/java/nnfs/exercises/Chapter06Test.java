package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.layers.Trainable;
import nnfs.optimizers.Adam;
import nnfs.optimizers.Optimizer;
import nnfs.optimizers.ParameterState;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;

/** Chapter 6's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter06Test {

    // --- 6.1 ---------------------------------------------------------------------------------------------------

    @Test
    void decayPrediction() {
        assertPasses("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5, 0.25, 0.125}));
        assertPasses("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5, 0.5 / 2, 0.5 / 4}));
        assertFails("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5 / 1.01, 0.5 / 101.01,
            0.5 / 301.01}), "learning rate at steps {0, 100, 300}[0, 0]: your prediction 0.495 is too low",
                "source 002's schedule");
        assertFails("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5 / 1.01, 0.5 / 2.01,
            0.5 / 4.01}), "the first step (t = 0) uses η₀ itself");
        assertFails("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5, 0.5 * Math.pow(0.99, 100),
            0.5 * Math.pow(0.99, 300)}), "[0, 1]: your prediction 0.183 is too low", "it does not multiply");
        assertFails("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5, 0.25, 0.1}),
                "[0, 2]: your prediction 0.1 is too low", "η_t = η₀ · 1 / (1 + decay · t)");
        assertFails("6.1", () -> Chapter06.checkDecayPrediction(() -> new double[] {0.5, 0.25}),
                "expected three learning rates");
        assertNotAttempted("6.1", () -> Chapter06.checkDecayPrediction(() -> {
            throw stub("6.1");
        }));
    }

    // --- the optimizers ----------------------------------------------------------------------------------------

    /**
     * An optimizer written as one rule for every element, with a memory of four numbers per element: a student's
     * optimizer with exactly one idea in it, right or wrong.
     */
    private static final class Elementwise extends Optimizer<double[][]> {
        private final Chapter06.Rule rule;
        private final boolean biasesToo;

        Elementwise(double learningRate, double decay, Chapter06.Rule rule) {
            this(learningRate, decay, rule, true);
        }

        Elementwise(double learningRate, double decay, Chapter06.Rule rule, boolean biasesToo) {
            super(learningRate, decay);
            this.rule = rule;
            this.biasesToo = biasesToo;
        }

        @Override
        public void update(Trainable layer) {
            double[][] state = stateOf(layer, l -> new double[][] {new double[4 * l.weights().getNumElements()],
                new double[4 * l.biases().getNumElements()]});
            step(layer.weights(), layer.dweights(), state[0]);
            if (biasesToo) {
                step(layer.biases(), layer.dbiases(), state[1]);
            }
        }

        private void step(DMatrixRMaj theta, DMatrixRMaj g, double[] memory) {
            for (int k = 0; k < theta.getNumElements(); k++) {
                double[] s = Arrays.copyOfRange(memory, 4 * k, 4 * k + 4);
                theta.data[k] = rule.step(theta.data[k], g.data[k], currentLearningRate(), iterations(), s);
                System.arraycopy(s, 0, memory, 4 * k, 4);
            }
        }

        @Override
        protected String hyperparameters() {
            return "";
        }
    }

    // --- 6.2 ---------------------------------------------------------------------------------------------------

    /** The notebook's solution, in Java: the velocity in the optimizer's state, the gradients left alone. */
    private static final class MySGD extends Optimizer<ParameterState> {
        private final double momentum;

        MySGD(double learningRate, double decay, double momentum) {
            super(learningRate, decay);
            this.momentum = momentum;
        }

        @Override
        public void update(Trainable layer) {
            ParameterState velocity = stateOf(layer, ParameterState::zerosLike);
            step(layer.weights().data, layer.dweights().data, velocity.weights().data);
            step(layer.biases().data, layer.dbiases().data, velocity.biases().data);
        }

        private void step(double[] theta, double[] g, double[] v) {
            for (int k = 0; k < theta.length; k++) {
                v[k] = momentum * v[k] - currentLearningRate() * g[k];
                theta[k] += v[k];
            }
        }

        @Override
        protected String hyperparameters() {
            return ", momentum=" + momentum;
        }
    }

    /** Source 004's SGD, ported literally: the momentum sum accumulated into the layer's gradient arrays. */
    private static final class Sgd004 extends Optimizer<ParameterState> {
        private final double momentum;

        Sgd004(double learningRate, double decay, double momentum) {
            super(learningRate, decay);
            this.momentum = momentum;
        }

        @Override
        public void update(Trainable layer) {
            ParameterState sum = stateOf(layer, ParameterState::zerosLike);
            step(layer.weights().data, layer.dweights().data, sum.weights().data);
            step(layer.biases().data, layer.dbiases().data, sum.biases().data);
        }

        private void step(double[] theta, double[] delta, double[] sum) {
            for (int k = 0; k < theta.length; k++) {
                delta[k] += momentum * sum[k];          // deta_weight += momentum * cumulate (in the gradient array)
                sum[k] = delta[k];                      // cumulate = deta_weight
                theta[k] -= currentLearningRate() * delta[k];
            }
        }

        @Override
        protected String hyperparameters() {
            return "";
        }
    }

    private static void checkMomentumRule(Chapter06.Rule rule) {
        Chapter06.checkMomentum((lr, decay, mu) -> new Elementwise(lr, decay, rule));
    }

    @Test
    void momentum() {
        assertPasses("6.2", () -> Chapter06.checkMomentum(SGD::new));
        assertPasses("6.2", () -> Chapter06.checkMomentum(MySGD::new));
        assertPasses("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> {
            v[0] = 0.9 * v[0] - lr * g;
            return theta + v[0];
        }));
        assertFails("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> theta - lr * g),
                "after step 2, layer 1's weights[0, 0]", "that is plain SGD");
        assertFails("6.2", () -> checkMomentumRule((theta, g, lr, t, s) -> {
            s[0] = g + 0.9 * s[0];
            return theta - lr * s[0];
        }), "after step 2, layer 1's weights[0, 0]", "that is source 004's momentum");
        assertFails("6.2", () -> Chapter06.checkMomentum(Sgd004::new), "after step 2, layer 1's dweights[0, 0]",
                "you accumulated the momentum into the layer's gradient array");
        assertFails("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> {
            v[0] = 0.9 * v[0] + lr * g;
            return theta + v[0];
        }), "after step 1, layer 1's weights[0, 0]", "the velocity points against the gradient");
        assertFails("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> {
            v[0] = 0.9 * v[0] - 0.5 * g;
            return theta + v[0];
        }), "after step 2", "use currentLearningRate()");
        assertFails("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> {
            double moved = theta + v[0];
            v[0] = 0.9 * v[0] - lr * g;
            return moved;
        }), "after step 1, layer 1's weights[0, 0]", "left the weights as they were", "the new velocity");
        assertFails("6.2", () -> Chapter06.checkMomentum((lr, decay, mu) -> new Elementwise(lr, decay,
                (theta, g, rate, t, v) -> {
                    v[0] = 0.9 * v[0] - rate * g;
                    return theta + v[0];
                }, false)), "after step 1, layer 1's biases[0, 0]", "left the biases as they were");
        assertFails("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> {
            v[0] = 0.5 * v[0] - lr * g;
            return theta + v[0];
        }), "after step 2", "v = μ·v − η_t·g, then θ = θ + v");
        assertNotAttempted("6.2", () -> checkMomentumRule((theta, g, lr, t, v) -> {
            throw stub("6.2");
        }));
    }

    // --- 6.3 ---------------------------------------------------------------------------------------------------

    private static void checkRmspropRule(Chapter06.Rule rule) {
        Chapter06.checkRmsprop((lr, decay, eps, rho) -> new Elementwise(lr, decay, rule));
    }

    @Test
    void rmsprop() {
        assertPasses("6.3", () -> Chapter06.checkRmsprop(RMSprop::new));
        assertPasses("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            c[0] = 0.9 * c[0] + 0.1 * g * g;
            return theta - lr * g / (Math.sqrt(c[0]) + 1e-7);
        }));
        assertFails("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            c[0] = 0.9 * c[0] + 0.1 * g * g;
            return theta - lr * g / Math.sqrt(c[0] + 1e-7);
        }), "after step 1, layer 1's weights[0, 0]", "ε goes outside the square root");
        assertFails("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            c[0] += g * g;
            return theta - lr * g / (Math.sqrt(c[0]) + 1e-7);
        }), "(Adagrad)");
        assertFails("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            c[0] = 0.1 * c[0] + 0.9 * g * g;
            return theta - lr * g / (Math.sqrt(c[0]) + 1e-7);
        }), "ρ weighs the old cache");
        assertFails("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            c[0] = 0.9 * c[0] + 0.1 * g * g;
            return theta - lr * g / (c[0] + 1e-7);
        }), "divide by the square root of the cache");
        assertFails("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            double moved = theta - lr * g / (Math.sqrt(c[0]) + 1e-7);
            c[0] = 0.9 * c[0] + 0.1 * g * g;
            return moved;
        }), "add this step's g² to the cache first");
        assertFails("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            c[0] = 0.9 * c[0] + 0.1 * g * g;
            return theta - 0.01 * g / (Math.sqrt(c[0]) + 1e-7);
        }), "after step 2", "use currentLearningRate()");
        assertNotAttempted("6.3", () -> checkRmspropRule((theta, g, lr, t, c) -> {
            throw stub("6.3");
        }));
    }

    // --- 6.4 ---------------------------------------------------------------------------------------------------

    private interface Correct {
        double[] of(double m, double c, long t);
    }

    /** Adam with the given correction, optionally keeping the corrected averages or with ε inside the root. */
    private static Chapter06.Rule adam(Correct correct, boolean keep, boolean epsInside, boolean cacheOnTop) {
        return (theta, g, lr, t, s) -> {
            s[0] = 0.9 * s[0] + 0.1 * g;
            s[1] = 0.999 * s[1] + 0.001 * g * g;
            double[] hat = correct.of(s[0], s[1], t);
            if (keep) {
                s[0] = hat[0];
                s[1] = hat[1];
            }
            double numerator = cacheOnTop ? hat[1] : hat[0];
            return theta - lr * numerator / (epsInside ? Math.sqrt(hat[1] + 1e-7) : Math.sqrt(hat[1]) + 1e-7);
        };
    }

    private static final Correct RIGHT = (m, c, t) -> new double[] {m / (1 - Math.pow(0.9, t + 1)),
        c / (1 - Math.pow(0.999, t + 1))};

    private static void checkAdamRule(Chapter06.Rule rule) {
        Chapter06.checkAdam((lr, decay, eps, b1, b2) -> new Elementwise(lr, decay, rule));
    }

    @Test
    void adam() {
        assertPasses("6.4", () -> Chapter06.checkAdam(Adam::new));
        assertPasses("6.4", () -> checkAdamRule(adam(RIGHT, false, false, false)));
        assertFails("6.4", () -> checkAdamRule(adam((m, c, t) -> new double[] {m, c}, false, false, false)),
                "after step 1, layer 1's weights[0, 0]", "m and c start at zero");
        assertFails("6.4", () -> checkAdamRule(adam((m, c, t) -> new double[] {m / (1 - Math.pow(0.9, t)),
            c / (1 - Math.pow(0.999, t))}, false, false, false)), "got NaN", "1 − β⁰ = 0");
        assertFails("6.4", () -> checkAdamRule(adam((m, c, t) -> new double[] {m / (1 - Math.pow(0.9, t + 2)),
            c / (1 - Math.pow(0.999, t + 2))}, false, false, false)), "the exponent is t + 1");
        assertFails("6.4", () -> checkAdamRule(adam(RIGHT, true, false, false)), "after step 2",
                "keep m and c uncorrected");
        assertFails("6.4", () -> checkAdamRule(adam((m, c, t) -> new double[] {m / (1 - Math.pow(0.999, t + 1)),
            c / (1 - Math.pow(0.9, t + 1))}, false, false, false)), "corrected with its own β");
        assertFails("6.4", () -> checkAdamRule(adam((m, c, t) -> new double[] {m / (1 - Math.pow(0.9, t + 1)), c},
                false, false, false)), "correct the cache too");
        assertFails("6.4", () -> checkAdamRule(adam((m, c, t) -> new double[] {m, c / (1 - Math.pow(0.999, t + 1))},
                false, false, false)), "correct the momentum too");
        assertFails("6.4", () -> checkAdamRule(adam(RIGHT, false, false, true)), "source 000's C++ bug");
        assertFails("6.4", () -> checkAdamRule(adam(RIGHT, false, true, false)), "ε goes outside the square root");
        assertFails("6.4", () -> Chapter06.checkAdam((lr, decay, eps, b1, b2) -> new Elementwise(lr, decay,
                (theta, g, rate, t, s) -> adam(RIGHT, false, false, false).step(theta, g, 0.01, t, s))),
                "after step 2", "use currentLearningRate()");
        assertNotAttempted("6.4", () -> checkAdamRule((theta, g, lr, t, s) -> {
            throw stub("6.4");
        }));
    }

    // --- 6.5 ---------------------------------------------------------------------------------------------------

    @Test
    void deepestHollow() {
        assertPasses("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.915, 0.92}));
        assertPasses("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.9174, 0.9175}));
        assertFails("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.91, 0.915}),
                "with μ = 0.915 the ball ends at x = 1.514, not in the deepest hollow");
        assertFails("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.92, 0.925}),
                "the smallest such momentum lies lower");
        assertFails("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.97, 0.975}),
                "a momentum below 0.97 already rolls into the deepest hollow");
        assertFails("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.9, 0.95}), "narrow it down");
        assertFails("6.5", () -> Chapter06.checkDeepestHollow(() -> new double[] {0.92}), "expected two momentums");
        assertNotAttempted("6.5", () -> Chapter06.checkDeepestHollow(() -> {
            throw stub("6.5");
        }));
    }
}
