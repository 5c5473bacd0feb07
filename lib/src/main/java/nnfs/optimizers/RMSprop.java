package nnfs.optimizers;

import nnfs.Checks;
import nnfs.math.Elementwise;
import nnfs.layers.Trainable;

/**
 * RMSprop: like Adagrad, but the cache is a moving average of squared gradients, so old gradients fade away.
 *
 * <pre>
 * c ← ρ · c + (1 − ρ) · g²
 * θ ← θ − η_t · g / (√c + ε)
 * </pre>
 *
 * <p>Book defaults: η₀ = 0.001, decay = 0, ε = 1e−7, ρ = 0.9. (One of the source notes puts ε inside the square
 * root, {@code g / √(c + ε)}: a variant that behaves almost the same; the book, Keras and this library add it
 * outside.)
 */
public final class RMSprop extends Optimizer<ParameterState> {

    private final double epsilon;
    private final double rho;

    public RMSprop() {
        this(0.001, 0.0, 1e-7, 0.9);
    }

    public RMSprop(double learningRate, double decay, double epsilon, double rho) {
        super(learningRate, decay);
        this.epsilon = Checks.requirePositive("RMSprop", "epsilon", epsilon);
        this.rho = Checks.requireFraction("RMSprop", "rho", rho);
    }

    public RMSprop withLearningRate(double learningRate) {
        return new RMSprop(learningRate, decay(), epsilon, rho);
    }

    public RMSprop withDecay(double decay) {
        return new RMSprop(learningRate(), decay, epsilon, rho);
    }

    public RMSprop withEpsilon(double epsilon) {
        return new RMSprop(learningRate(), decay(), epsilon, rho);
    }

    public RMSprop withRho(double rho) {
        return new RMSprop(learningRate(), decay(), epsilon, rho);
    }

    public double epsilon() {
        return epsilon;
    }

    public double rho() {
        return rho;
    }

    @Override
    public void update(Trainable layer) {
        ParameterState cache = stateOf(layer, ParameterState::zerosLike);
        double lr = currentLearningRate();
        step(layer.weights().data, layer.dweights().data, cache.weights().data, lr, layer.weights().getNumElements());
        step(layer.biases().data, layer.dbiases().data, cache.biases().data, lr, layer.biases().getNumElements());
    }

    /** c = ρ·c + (1 − ρ)·g², θ += −η·g / (√c + ε), element by element (nnfs.math.Elementwise has the loop). */
    private void step(double[] theta, double[] g, double[] c, double lr, int n) {
        Elementwise.rmspropStep(theta, g, c, n, lr, rho, epsilon);
    }

    @Override
    protected String hyperparameters() {
        return ", epsilon=" + epsilon + ", rho=" + rho;
    }
}
