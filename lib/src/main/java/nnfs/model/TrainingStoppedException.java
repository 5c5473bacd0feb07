package nnfs.model;

/**
 * {@link Model#train} stopped before its last epoch, between two optimizer steps: the model keeps the weights of the
 * last step that finished, and {@link #history()} holds every step and epoch recorded until then. The subclasses say
 * why: {@link TrainingDivergedException} (the loss became NaN or infinite) and {@link TrainingInterruptedException}
 * (the thread was interrupted).
 */
public abstract class TrainingStoppedException extends RuntimeException {

    private final transient History history;
    private final int epoch;
    private final int step;

    TrainingStoppedException(String message, int epoch, int step, History history) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.history = history;
    }

    /** The epoch (from 1) of the first step that did not change the weights. */
    public int epoch() {
        return epoch;
    }

    /** That step (from 0, within {@link #epoch()}). */
    public int step() {
        return step;
    }

    /** Everything recorded before that step. */
    public History history() {
        return history;
    }
}
