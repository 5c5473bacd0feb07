package nnfs.optimizers;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import nnfs.Checks;
import nnfs.layers.Trainable;

/**
 * An optimizer changes a layer's parameters against their gradients. Every training step follows the book's
 * protocol:
 *
 * <pre>
 * optimizer.preUpdate();          // set this step's learning rate (decay)
 * optimizer.update(dense1);       // once per trainable layer
 * optimizer.update(dense2);
 * optimizer.postUpdate();         // count the step
 * </pre>
 *
 * <p>Learning-rate decay ("1/t decay") shrinks the step size as training goes on:
 *
 * <pre>
 * η_t = η₀ · 1 / (1 + decay · t)          t = number of steps already taken
 * </pre>
 *
 * <p>Optimizers that remember something between steps (momentum, caches) keep it in an explicit state object per
 * layer, held here in {@link #stateOf}, never in fields added to the layer.
 *
 * @param <S> the per-layer state, or {@link Void} for none
 */
public abstract class Optimizer<S> {

    private final double learningRate;
    private final double decay;
    private double currentLearningRate;
    private long iterations;
    private final Map<Trainable, S> states = new IdentityHashMap<>();

    protected Optimizer(double learningRate, double decay) {
        this.learningRate = Checks.requirePositive(name(), "learningRate", learningRate);
        this.decay = Checks.requireNonNegative(name(), "decay", decay);
        this.currentLearningRate = learningRate;
    }

    /** Sets the learning rate of the coming step from the decay schedule. Call once before the updates of a step. */
    public void preUpdate() {
        if (decay != 0.0) {
            currentLearningRate = decayedLearningRate(learningRate, decay, iterations);
        }
    }

    /** Updates one layer's weights and biases from its gradients ({@code dweights}, {@code dbiases}). */
    public abstract void update(Trainable layer);

    /** Counts the step. Call once after the updates of a step. */
    public void postUpdate() {
        iterations++;
    }

    /** {@code η₀ / (1 + decay · t)}, written as the book computes it: {@code η₀ · (1 / (1 + decay · t))}. */
    public static double decayedLearningRate(double learningRate, double decay, long step) {
        return learningRate * (1.0 / (1.0 + decay * step));
    }

    /** The layer's state, created by {@code create} the first time this optimizer updates that layer. */
    protected final S stateOf(Trainable layer, Function<Trainable, S> create) {
        return states.computeIfAbsent(layer, create);
    }

    /** The state this optimizer keeps for {@code layer}, or null before its first update. */
    public final S stateOf(Trainable layer) {
        return states.get(layer);
    }

    /** Replaces the state kept for {@code layer}, e.g. when resuming training from a saved file. */
    public final void setState(Trainable layer, S state) {
        states.put(layer, state);
    }

    /** Sets the step counter, e.g. when resuming training from a saved file. */
    public final void setIterations(long iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException(name() + ".setIterations: expected a count >= 0, got " + iterations);
        }
        this.iterations = iterations;
        this.currentLearningRate = decay != 0.0 ? decayedLearningRate(learningRate, decay, iterations) : learningRate;
    }

    /** The starting learning rate η₀. */
    public final double learningRate() {
        return learningRate;
    }

    /** The decay rate of the 1/t schedule; 0 for a constant learning rate. */
    public final double decay() {
        return decay;
    }

    /** The learning rate of the current step. */
    public final double currentLearningRate() {
        return currentLearningRate;
    }

    /** The number of steps taken so far. */
    public final long iterations() {
        return iterations;
    }

    /** The optimizer's name, as in messages: "SGD", "Adam", … */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The hyperparameters after the learning rate and decay, for {@link #toString()}: e.g. ", momentum=0.9". */
    protected abstract String hyperparameters();

    @Override
    public String toString() {
        return name() + "(learningRate=" + learningRate + ", decay=" + decay + hyperparameters() + ")";
    }
}
