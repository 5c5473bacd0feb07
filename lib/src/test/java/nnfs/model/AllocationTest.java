package nnfs.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Targets;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/**
 * The training loop allocates its batch buffers once per batch shape: after a first epoch, further epochs allocate
 * only what each step records (its History entry and the accuracy's two counts), not matrices.
 */
class AllocationTest {

    @Test
    void trainingStepsAllocateNoMatrices() {
        // Fashion-MNIST's shapes, on random data: 1000 samples in batches of 128 (the last one 104).
        NumpyRandom random = new NumpyRandom(0);
        DMatrixRMaj X = random.randn(1000, 784);
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        Model model = new Model()
                .add(new Dense(784, 128, random)).add(new ReLU())
                .add(new Dense(128, 128, random)).add(new ReLU())
                .add(new Dense(128, 10, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy())
                .build().printTo(null);
        Targets y = Targets.classes(labels);
        // Sizes every buffer and warms the code up: until the JIT has compiled the SIMD kernels (a few hundred steps),
        // their vector operations allocate.
        model.train(X, y, 30, 128, 100, null);

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int epochs = 5;
        long before = threads.getThreadAllocatedBytes(thread);
        model.train(X, y, epochs, 128, 100, null);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        long steps = epochs * 8L;
        long perStep = allocated / steps;
        System.out.printf("training: %d bytes allocated per step of 128 samples%n", perStep);
        // One batch of inputs alone is 128 × 784 × 8 = 802 816 bytes; a step that copied it, or any layer's output
        // (128 × 128 × 8 = 131 072 bytes), would be far above this bound.
        assertTrue(perStep < 1_000, perStep + " bytes allocated per training step");
    }
}
