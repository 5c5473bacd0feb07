package nnfs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Layer;
import nnfs.random.NumpyRandom;

/**
 * Interrupting the thread that trains (a notebook's Interrupt Kernel) ends {@link Model#train} between two steps:
 * the weights are those of the last finished step and the history holds everything up to it.
 */
class InterruptTest {

    /** A layer that passes its input through and interrupts its own thread on the n-th forward pass in training. */
    static final class InterruptOnForward implements Layer {
        private final int interruptAt;
        private int trainingPasses;
        private DMatrixRMaj output;
        private DMatrixRMaj dinputs;

        InterruptOnForward(int interruptAt) {
            this.interruptAt = interruptAt;
        }

        @Override
        public void forward(DMatrixRMaj inputs) {
            output = inputs;
        }

        @Override
        public void forward(DMatrixRMaj inputs, boolean training) {
            if (training && ++trainingPasses == interruptAt) {
                Thread.currentThread().interrupt();
            }
            forward(inputs);
        }

        @Override
        public void backward(DMatrixRMaj dvalues) {
            dinputs = dvalues;
        }

        @Override
        public DMatrixRMaj output() {
            return output;
        }

        @Override
        public DMatrixRMaj dinputs() {
            return dinputs;
        }
    }

    /** 40 spiral points (two arms of 20) in batches of 10: four steps an epoch. */
    static final Dataset DATA = Datasets.spiral(20, 2, new NumpyRandom(3));

    /** The classifier of {@link ProgressAndDivergenceTest}, behind a layer that interrupts (none for 0). */
    static Model model(int interruptAt) {
        Layer[] first = interruptAt > 0 ? new Layer[] {new InterruptOnForward(interruptAt)} : new Layer[0];
        return ProgressAndDivergenceTest.classifier(first).printTo(null);
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptAfterAnEpochsLastStepKeepsThatEpochAndItsValidation() {
        History reference = model(0).train(DATA, 2, 10, 1, DATA);
        Model interrupted = model(8);   // the 8th training pass is epoch 2's last step
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> interrupted.train(DATA, 5, 10, 1, DATA));
        assertEquals("Model.train: interrupted before epoch 3, step 0; the model keeps the weights of the step "
                + "before, and the exception's history() holds the 2 epochs and 8 steps recorded", e.getMessage());
        assertEquals(3, e.epoch());
        assertEquals(0, e.step());
        assertTrue(Thread.interrupted(), "the interrupt status stays set for the caller (and is cleared here)");
        assertEquals(reference.epochs(), e.history().epochs(), "epochs 1 and 2, validation included");
        assertEquals(reference.steps(), e.history().steps());
        Model trainedTwoEpochs = model(0);
        trainedTwoEpochs.train(DATA, 2, 10, 1, null);
        for (int i = 0; i < 2; i++) {
            LayerParameters want = trainedTwoEpochs.parameters().get(i);
            LayerParameters got = interrupted.parameters().get(i);
            assertArrayEquals(want.weights().data, got.weights().data, "weights of layer " + i);
            assertArrayEquals(want.biases().data, got.biases().data, "biases of layer " + i);
        }
    }

    @Test
    void anInterruptInsideAnEpochStopsBeforeTheNextStep() {
        History reference = model(0).train(DATA, 2, 10, 1, null);
        Model interrupted = model(6);   // epoch 2, step 1
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> interrupted.train(DATA, 5, 10, 1, null));
        assertEquals(2, e.epoch());
        assertEquals(2, e.step());
        assertEquals(reference.steps().subList(0, 6), e.history().steps(), "the six steps that ran");
        assertEquals(reference.epochs().subList(0, 1), e.history().epochs(), "epoch 2 did not finish");
    }

    @Test
    void trainingAgainAfterAnInterruptWorks() {
        Model model = model(3);
        assertThrows(TrainingInterruptedException.class, () -> model.train(DATA, 5, 10, 1, null));
        Thread.interrupted();   // what the kernel does before it runs the next cell
        History more = model.train(DATA, 2, 10, 1, null);
        assertEquals(2, more.epochs().size());
    }
}
