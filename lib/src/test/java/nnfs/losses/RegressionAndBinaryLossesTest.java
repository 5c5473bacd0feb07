package nnfs.losses;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.activations.Sigmoid;
import nnfs.check.GradientCheck;
import nnfs.data.Targets;
import nnfs.random.NumpyRandom;

class RegressionAndBinaryLossesTest {

    @Test
    void binaryCrossEntropyByHand() {
        // Two samples, two outputs: mean over outputs, then over samples.
        DMatrixRMaj p = Matrices.of(new double[] {0.9, 0.2}, new double[] {0.4, 0.7});
        DMatrixRMaj y = Matrices.of(new double[] {1, 0}, new double[] {0, 1});
        double sample0 = (-Math.log(0.9) - Math.log(0.8)) / 2;
        double sample1 = (-Math.log(0.6) - Math.log(0.7)) / 2;
        BinaryCrossEntropy loss = new BinaryCrossEntropy();
        assertMatrixEquals(Matrices.column(sample0, sample1), loss.forward(p, Targets.values(y)), 1e-15);
        assertEquals((sample0 + sample1) / 2, loss.calculate(p, y), 1e-15);
    }

    @Test
    void squaredAndAbsoluteErrorByHand() {
        DMatrixRMaj p = Matrices.of(new double[] {1.5, -1}, new double[] {0, 2});
        DMatrixRMaj y = Matrices.of(new double[] {1, 1}, new double[] {0, 0});
        assertEquals(((0.25 + 4) / 2 + (0 + 4) / 2) / 2, new MeanSquaredError().calculate(p, y), 1e-15);
        assertEquals(((0.5 + 2) / 2 + (0 + 2) / 2) / 2, new MeanAbsoluteError().calculate(p, y), 1e-15);
    }

    @Test
    void everyGradientPassesTheCheck() {
        NumpyRandom random = new NumpyRandom(5);
        Sigmoid sigmoid = new Sigmoid();
        sigmoid.forward(random.randn(6, 3));
        DMatrixRMaj probabilities = sigmoid.output().copy();
        DMatrixRMaj binary = random.binomial(1, 0.5, 6, 3);
        DMatrixRMaj predictions = random.randn(6, 3);
        DMatrixRMaj targets = random.randn(6, 3);
        assertTrue(GradientCheck.loss(new BinaryCrossEntropy(), probabilities, Targets.values(binary)).passes(1e-7));
        assertTrue(GradientCheck.loss(new MeanSquaredError(), predictions, Targets.values(targets)).passes(1e-7));
        GradientCheck.Report mae = GradientCheck.loss(new MeanAbsoluteError(), predictions, Targets.values(targets));
        assertTrue(mae.passes(1e-7), mae.toString());
        GradientCheck.Report combined = GradientCheck.sigmoidBinaryCrossEntropy(new SigmoidBinaryCrossEntropy(),
                random.randn(6, 3), binary);
        assertTrue(combined.passes(1e-7), combined.toString());
    }

    @Test
    void combinedSigmoidGradientEqualsTheSeparatePath() {
        NumpyRandom random = new NumpyRandom(6);
        DMatrixRMaj z = random.randn(8, 2);
        DMatrixRMaj y = random.binomial(1, 0.5, 8, 2);
        SigmoidBinaryCrossEntropy combined = new SigmoidBinaryCrossEntropy();
        double loss = combined.forward(z, y);
        combined.backward(combined.output(), y);

        Sigmoid sigmoid = new Sigmoid();
        BinaryCrossEntropy bce = new BinaryCrossEntropy();
        sigmoid.forward(z);
        assertEquals(bce.calculate(sigmoid.output(), y), loss, 1e-15);
        bce.backward(sigmoid.output(), y);
        sigmoid.backward(bce.dinputs());
        assertMatrixEquals(sigmoid.dinputs(), combined.dinputs(), 1e-15);
    }

    @Test
    void regressionLossesRefuseClassLabels() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().calculate(new DMatrixRMaj(2, 1), new int[] {0, 1}));
        assertEquals("MeanSquaredError.forward: expected a matrix of target values shaped like the predictions, got "
                + "class labels", e.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossEntropy().calculate(new DMatrixRMaj(2, 1), new DMatrixRMaj(2, 2)));
        assertEquals("BinaryCrossEntropy.forward: expected targets (the predictions' shape) of shape (2×1), got "
                + "(2×2)", shape.getMessage());
    }
}
