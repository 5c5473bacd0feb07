package nnfs.optimizers;

import nnfs.Checks;
import nnfs.math.Elementwise;
import nnfs.layers.Trainable;

/**
 * Adagrad: each parameter gets its own step size, which shrinks as its squared gradients add up.
 *
 * <pre>
 * c ← c + g²                           (the cache: a running sum, never forgotten)
 * θ ← θ − η_t · g / (√c + ε)
 * </pre>
 *
 * <p>Book defaults: η₀ = 1.0, decay = 0, ε = 1e−7. Because the cache only grows, learning slows down and can stall.
 */
public final class Adagrad extends Optimizer<ParameterState> {

    private final double epsilon;

    public Adagrad() {
        this(1.0, 0.0, 1e-7);
    }

    public Adagrad(double learningRate, double decay, double epsilon) {
        super(learningRate, decay);
        this.epsilon = Checks.requirePositive("Adagrad", "epsilon", epsilon);
    }

    public Adagrad withLearningRate(double learningRate) {
        return new Adagrad(learningRate, decay(), epsilon);
    }

    public Adagrad withDecay(double decay) {
        return new Adagrad(learningRate(), decay, epsilon);
    }

    public Adagrad withEpsilon(double epsilon) {
        return new Adagrad(learningRate(), decay(), epsilon);
    }

    public double epsilon() {
        return epsilon;
    }

    @Override
    public void update(Trainable layer) {
        ParameterState cache = stateOf(layer, ParameterState::zerosLike);
        double lr = currentLearningRate();
        step(layer.weights().data, layer.dweights().data, cache.weights().data, lr, layer.weights().getNumElements());
        step(layer.biases().data, layer.dbiases().data, cache.biases().data, lr, layer.biases().getNumElements());
    }

    /** c += g², θ += −η·g / (√c + ε), element by element (nnfs.math.Elementwise has the loop). */
    private void step(double[] theta, double[] g, double[] c, double lr, int n) {
        Elementwise.adagradStep(theta, g, c, n, lr, epsilon);
    }

    @Override
    protected String hyperparameters() {
        return ", epsilon=" + epsilon;
    }
}
