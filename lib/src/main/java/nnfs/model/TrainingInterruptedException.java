package nnfs.model;

/**
 * Training stopped because its thread was interrupted (in JupyterLab: Kernel → Interrupt Kernel, the ■ button).
 * {@link Model#train} looks at the interrupt before each optimizer step, never in the middle of one, so no layer is
 * left half updated and a notebook can go on from there (evaluate, plot, train again). The thread's interrupt status
 * stays set, as the interrupt's sender expects.
 */
public class TrainingInterruptedException extends TrainingStoppedException {

    TrainingInterruptedException(String message, int epoch, int step, History history) {
        super(message, epoch, step, history);
    }
}
