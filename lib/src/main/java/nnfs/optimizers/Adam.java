package nnfs.optimizers;

import nnfs.Checks;
import nnfs.math.Elementwise;
import nnfs.layers.Trainable;

/**
 * Adam: momentum and an RMSprop cache together, each corrected for starting at zero.
 *
 * <pre>
 * m ← β₁ · m + (1 − β₁) · g              m̂ = m / (1 − β₁^(t+1))
 * c ← β₂ · c + (1 − β₂) · g²             ĉ = c / (1 − β₂^(t+1))
 * θ ← θ − η_t · m̂ / (√ĉ + ε)
 * </pre>
 *
 * <p>t counts the steps already taken, so the first step divides by (1 − β). Book defaults: η₀ = 0.001, decay = 0,
 * ε = 1e−7, β₁ = 0.9, β₂ = 0.999.
 */
public final class Adam extends Optimizer<Adam.State> {

    private final double epsilon;
    private final double beta1;
    private final double beta2;

    /** Adam's memory for one layer: the momentums m and the cache c. */
    public record State(ParameterState momentums, ParameterState cache) {
        static State zerosLike(Trainable layer) {
            return new State(ParameterState.zerosLike(layer), ParameterState.zerosLike(layer));
        }
    }

    public Adam() {
        this(0.001, 0.0, 1e-7, 0.9, 0.999);
    }

    public Adam(double learningRate, double decay, double epsilon, double beta1, double beta2) {
        super(learningRate, decay);
        this.epsilon = Checks.requirePositive("Adam", "epsilon", epsilon);
        this.beta1 = Checks.requireFraction("Adam", "beta1", beta1);
        this.beta2 = Checks.requireFraction("Adam", "beta2", beta2);
    }

    public Adam withLearningRate(double learningRate) {
        return new Adam(learningRate, decay(), epsilon, beta1, beta2);
    }

    public Adam withDecay(double decay) {
        return new Adam(learningRate(), decay, epsilon, beta1, beta2);
    }

    public Adam withEpsilon(double epsilon) {
        return new Adam(learningRate(), decay(), epsilon, beta1, beta2);
    }

    public Adam withBeta1(double beta1) {
        return new Adam(learningRate(), decay(), epsilon, beta1, beta2);
    }

    public Adam withBeta2(double beta2) {
        return new Adam(learningRate(), decay(), epsilon, beta1, beta2);
    }

    public double epsilon() {
        return epsilon;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    @Override
    public void update(Trainable layer) {
        State state = stateOf(layer, State::zerosLike);
        double lr = currentLearningRate();
        long t = iterations() + 1;
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        step(layer.weights().data, layer.dweights().data, state.momentums().weights().data,
                state.cache().weights().data, lr, correction1, correction2, layer.weights().getNumElements());
        step(layer.biases().data, layer.dbiases().data, state.momentums().biases().data,
                state.cache().biases().data, lr, correction1, correction2, layer.biases().getNumElements());
    }

    /** The update of one parameter array, element by element (nnfs.math.Elementwise.adamStep has the loop). */
    private void step(double[] theta, double[] g, double[] m, double[] c, double lr, double correction1,
            double correction2, int n) {
        Elementwise.adamStep(theta, g, m, c, n, lr, beta1, beta2, correction1, correction2, epsilon);
    }

    @Override
    protected String hyperparameters() {
        return ", epsilon=" + epsilon + ", beta1=" + beta1 + ", beta2=" + beta2;
    }
}
