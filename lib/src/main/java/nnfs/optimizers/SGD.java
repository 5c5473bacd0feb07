package nnfs.optimizers;

import nnfs.Checks;
import nnfs.math.Elementwise;
import nnfs.layers.Trainable;

/**
 * Stochastic gradient descent, optionally with momentum.
 *
 * <pre>
 * without momentum:  θ ← θ − η_t · g
 * with momentum μ:   v ← μ · v − η_t · g        (v starts at 0: the "velocity")
 *                    θ ← θ + v
 * </pre>
 *
 * <p>Book defaults: η₀ = 1.0, decay = 0, μ = 0. The per-layer state is the velocity v ({@link ParameterState}).
 */
public final class SGD extends Optimizer<ParameterState> {

    private final double momentum;

    /** Plain SGD with the book's learning rate 1.0. */
    public SGD() {
        this(1.0, 0.0, 0.0);
    }

    public SGD(double learningRate, double decay, double momentum) {
        super(learningRate, decay);
        this.momentum = Checks.requireFraction("SGD", "momentum", momentum);
    }

    public SGD withLearningRate(double learningRate) {
        return new SGD(learningRate, decay(), momentum);
    }

    public SGD withDecay(double decay) {
        return new SGD(learningRate(), decay, momentum);
    }

    public SGD withMomentum(double momentum) {
        return new SGD(learningRate(), decay(), momentum);
    }

    public double momentum() {
        return momentum;
    }

    @Override
    public void update(Trainable layer) {
        double lr = currentLearningRate();
        if (momentum != 0.0) {
            ParameterState velocity = stateOf(layer, ParameterState::zerosLike);
            step(layer.weights().data, layer.dweights().data, velocity.weights().data, lr,
                    layer.weights().getNumElements());
            step(layer.biases().data, layer.dbiases().data, velocity.biases().data, lr,
                    layer.biases().getNumElements());
        } else {
            plainStep(layer.weights().data, layer.dweights().data, lr, layer.weights().getNumElements());
            plainStep(layer.biases().data, layer.dbiases().data, lr, layer.biases().getNumElements());
        }
    }

    /** v = μ·v − η·g; θ += v, element by element (nnfs.math.Elementwise has the loop). */
    private void step(double[] theta, double[] g, double[] v, double lr, int n) {
        Elementwise.momentumStep(theta, g, v, n, lr, momentum);
    }

    /** θ += −η·g, element by element. */
    private static void plainStep(double[] theta, double[] g, double lr, int n) {
        Elementwise.sgdStep(theta, g, n, lr);
    }

    @Override
    protected String hyperparameters() {
        return ", momentum=" + momentum;
    }
}
