package nnfs.model;

/**
 * Training stopped because the loss became NaN or infinite: {@link #step()} is the step whose loss it was, and no
 * update was made with its broken gradients, so the model keeps the weights it had before that step.
 */
public class TrainingDivergedException extends TrainingStoppedException {

    TrainingDivergedException(String message, int epoch, int step, History history) {
        super(message, epoch, step, history);
    }
}
