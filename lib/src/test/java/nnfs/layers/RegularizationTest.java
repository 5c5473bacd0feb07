package nnfs.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.check.GradientCheck;
import nnfs.random.NumpyRandom;

class RegularizationTest {

    @Test
    void penaltyByHand() {
        // weights (1, −2), bias (3): L1 = λ1(1 + 2) + λ1b·3,  L2 = λ2(1 + 4) + λ2b·9
        Dense layer = Dense.withParameters(Matrices.column(1, -2), Matrices.row(3),
                new Regularizer(0.1, 0.01, 0.2, 0.02));
        assertEquals(0.1 * 3 + 0.01 * 5 + 0.2 * 3 + 0.02 * 9, layer.regularizationLoss(), 1e-15);
        assertEquals(0.0, Dense.withParameters(Matrices.column(1, -2), Matrices.row(3)).regularizationLoss());
    }

    @Test
    void gradientByHand() {
        // x = (1, 1), upstream 0: dW and db are the penalty's gradient alone.
        Dense layer = Dense.withParameters(Matrices.column(1, -2), Matrices.row(3), new Regularizer(0.1, 0.01, 0.2, 0.02));
        layer.forward(Matrices.row(1, 1));
        layer.backward(Matrices.row(0));
        assertEquals(0.1 + 2 * 0.01 * 1, layer.dweights().get(0, 0), 1e-15);
        assertEquals(-0.1 + 2 * 0.01 * -2, layer.dweights().get(1, 0), 1e-15);
        assertEquals(0.2 + 2 * 0.02 * 3, layer.dbiases().get(0, 0), 1e-15);
    }

    @Test
    void everyPenaltyPassesTheGradientCheck() {
        for (Regularizer r : new Regularizer[] {Regularizer.l2(5e-2), Regularizer.l1(5e-2),
            new Regularizer(0.03, 0.02, 0.05, 0.04)}) {
            NumpyRandom random = new NumpyRandom(11);
            Dense layer = Dense.withParameters(random.randn(3, 4), random.randn(1, 4), r);
            GradientCheck.Report report = GradientCheck.layer(layer, random.randn(5, 3), random.randn(5, 4));
            assertTrue(report.passes(1e-7), r + "\n" + report);
        }
    }

    @Test
    void theSourcesBiasGradientBugFailsTheCheck() {
        // One source note adds 2·λ·weights to the bias gradient. With one input, weights and biases have the same
        // shape, so NumPy even runs it. The check sees that the gradient is not the slope of the loss.
        double lambda = 0.05;
        NumpyRandom random = new NumpyRandom(12);
        Dense correct = Dense.withParameters(random.randn(1, 4), random.randn(1, 4), Regularizer.l2(lambda));
        DMatrixRMaj inputs = random.randn(6, 1);
        DMatrixRMaj upstream = random.randn(6, 4);
        assertTrue(GradientCheck.layer(correct, inputs, upstream).passes(1e-7));

        Trainable buggy = new BuggyBiasL2(correct, lambda);
        GradientCheck.Report report = GradientCheck.layer(buggy, inputs, upstream);
        assertFalse(report.passes(1e-3), report.toString());
        assertTrue(report.get("dbiases").relativeError() > 1e-3, report.toString());   // a correct one is ~1e-10
        assertTrue(report.get("dweights").relativeError() < 1e-7, report.toString());
    }

    /** The source's bias gradient: db gets 2·λ·W where 2·λ·b belongs. */
    private record BuggyBiasL2(Dense layer, double lambda) implements Trainable {
        @Override
        public void forward(DMatrixRMaj inputs) {
            layer.forward(inputs);
        }

        @Override
        public void backward(DMatrixRMaj dvalues) {
            layer.backward(dvalues);
            for (int j = 0; j < layer.nNeurons(); j++) {
                double b = layer.biases().get(0, j);
                double w = layer.weights().get(0, j);
                layer.dbiases().add(0, j, -2 * lambda * b + 2 * lambda * w);
            }
        }

        @Override
        public DMatrixRMaj output() {
            return layer.output();
        }

        @Override
        public DMatrixRMaj dinputs() {
            return layer.dinputs();
        }

        @Override
        public DMatrixRMaj weights() {
            return layer.weights();
        }

        @Override
        public DMatrixRMaj biases() {
            return layer.biases();
        }

        @Override
        public DMatrixRMaj dweights() {
            return layer.dweights();
        }

        @Override
        public DMatrixRMaj dbiases() {
            return layer.dbiases();
        }

        @Override
        public double regularizationLoss() {
            return layer.regularizationLoss();
        }
    }

    @Test
    void toStringAndBadStrengths() {
        assertEquals("Dense(2→512, L2(5.0E-4))",
                new Dense(2, 512, new NumpyRandom(0), Regularizer.l2(5e-4)).toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1));
        assertEquals("Regularizer: expected weightL2 >= 0, got -1.0", e.getMessage());
    }
}
