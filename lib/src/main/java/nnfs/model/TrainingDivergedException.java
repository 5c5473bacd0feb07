package nnfs.model;

/**
 * Training stopped because the loss became NaN or infinite: the step is named, the model keeps the weights it had
 * before that step (no update was made with the broken gradients), and {@link #history()} holds what was recorded
 * until then.
 */
public class TrainingDivergedException extends ArithmeticException {

    private final transient History history;
    private final int epoch;
    private final int step;

    TrainingDivergedException(String message, int epoch, int step, History history) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.history = history;
    }

    /** The epoch (from 1) whose step diverged. */
    public int epoch() {
        return epoch;
    }

    /** The step (from 0) within that epoch. */
    public int step() {
        return step;
    }

    /** Everything recorded before the step that diverged. */
    public History history() {
        return history;
    }
}
