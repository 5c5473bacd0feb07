package nnfs.losses;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Fixtures;
import nnfs.Matrices;
import nnfs.activations.Softmax;
import nnfs.check.GradientCheck;
import nnfs.data.Targets;
import nnfs.random.NumpyRandom;

class LossesTest {

    static final DMatrixRMaj SOFTMAX_OUTPUTS = Matrices.of(
            new double[] {0.7, 0.1, 0.2},
            new double[] {0.1, 0.5, 0.4},
            new double[] {0.02, 0.9, 0.08});
    static final DMatrixRMaj ONE_HOT = Matrices.of(
            new double[] {1, 0, 0},
            new double[] {0, 1, 0},
            new double[] {0, 1, 0});

    /** Random softmax outputs, well inside the clipping range. */
    static DMatrixRMaj probabilities(int rows, int cols, long seed) {
        Softmax softmax = new Softmax();
        softmax.forward(new NumpyRandom(seed).randn(rows, cols));
        return softmax.output().copy();
    }

    @Test
    void crossEntropyOfTheThreeSampleExample() {
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
        // mean(−log 0.7, −log 0.5, −log 0.9)
        double expected = (-Math.log(0.7) - Math.log(0.5) - Math.log(0.9)) / 3;
        assertEquals(0.38506088005216804, expected, 1e-16);
        assertEquals(expected, loss.calculate(SOFTMAX_OUTPUTS, new int[] {0, 1, 1}), 1e-16);
        assertEquals(expected, loss.calculate(SOFTMAX_OUTPUTS, ONE_HOT), 1e-16);
        assertMatrixEquals(Matrices.column(-Math.log(0.7), -Math.log(0.5), -Math.log(0.9)),
                loss.forward(SOFTMAX_OUTPUTS, Targets.classes(0, 1, 1)), 1e-16);
    }

    @Test
    void clippingKeepsTheLossFinite() {
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
        double l = loss.calculate(Matrices.of(new double[] {1, 0}), new int[] {1});
        assertEquals(-Math.log(1e-7), l, 1e-12);
        assertEquals(-Math.log(1 - 1e-7), loss.calculate(Matrices.of(new double[] {1, 0}), new int[] {0}), 1e-15);
    }

    @Test
    void crossEntropyGradientPassesTheCheckForBothLabelKinds() {
        DMatrixRMaj p = probabilities(6, 4, 9);
        int[] labels = {0, 3, 1, 1, 2, 0};
        assertTrue(GradientCheck.loss(new CategoricalCrossEntropy(), p, Targets.classes(labels)).passes(1e-7));
        DMatrixRMaj oneHot = new DMatrixRMaj(6, 4);
        for (int i = 0; i < labels.length; i++) {
            oneHot.set(i, labels[i], 1.0);
        }
        GradientCheck.Report report = GradientCheck.loss(new CategoricalCrossEntropy(), p, Targets.values(oneHot));
        assertTrue(report.passes(1e-7), report.toString());
    }

    @Test
    void combinedGradientPassesTheCheck() {
        DMatrixRMaj z = new NumpyRandom(4).randn(8, 3);
        int[] labels = {0, 1, 2, 2, 1, 0, 0, 1};
        GradientCheck.Report report = GradientCheck.softmaxCrossEntropy(new SoftmaxCrossEntropy(), z,
                Targets.classes(labels));
        assertTrue(report.passes(1e-7), report.toString());
    }

    @Test
    void combinedBackwardEqualsTheSeparatePath() {
        // The book's check: softmax.backward(cce.backward(...)) and the shortcut agree.
        DMatrixRMaj z = Fixtures.matrix("softmax_cce_example", "z");
        int[] labels = Fixtures.ints("softmax_cce_example", "labels");
        SoftmaxCrossEntropy combined = new SoftmaxCrossEntropy();
        double loss = combined.forward(z, labels);
        assertEquals(((Number) Fixtures.get("softmax_cce_example", "loss")).doubleValue(), loss, 1e-15);
        combined.backward(combined.output(), labels);

        Softmax softmax = new Softmax();
        CategoricalCrossEntropy cce = new CategoricalCrossEntropy();
        softmax.forward(z);
        cce.backward(softmax.output(), labels);
        softmax.backward(cce.dinputs());

        assertMatrixEquals(softmax.dinputs(), combined.dinputs(), 1e-15);
        assertMatrixEquals(Fixtures.matrix("softmax_cce_example", "dz"), combined.dinputs(), 1e-15);
    }

    @Test
    void combinedAcceptsOneHotLabels() {
        SoftmaxCrossEntropy a = new SoftmaxCrossEntropy();
        SoftmaxCrossEntropy b = new SoftmaxCrossEntropy();
        DMatrixRMaj z = new NumpyRandom(8).randn(3, 3);
        assertEquals(a.forward(z, new int[] {0, 1, 1}), b.forward(z, ONE_HOT), 1e-16);
        a.backward(a.output(), new int[] {0, 1, 1});
        b.backward(b.output(), ONE_HOT);
        assertMatrixEquals(a.dinputs(), b.dinputs(), 0.0);
    }

    @Test
    void badLabelsAreReported() {
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
        var range = assertThrows(IllegalArgumentException.class,
                () -> loss.calculate(SOFTMAX_OUTPUTS, new int[] {0, 3, 1}));
        assertEquals("CategoricalCrossEntropy.forward: expected labels in [0, 3) for 3 output columns, got 3 at "
                + "sample 1", range.getMessage());
        var count = assertThrows(IllegalArgumentException.class,
                () -> loss.calculate(SOFTMAX_OUTPUTS, new int[] {0, 1}));
        assertEquals("CategoricalCrossEntropy.forward: expected 3 labels (one per row of predictions), got 2",
                count.getMessage());
        var shape = assertThrows(IllegalArgumentException.class,
                () -> loss.calculate(SOFTMAX_OUTPUTS, new DMatrixRMaj(3, 2)));
        assertEquals("CategoricalCrossEntropy.forward: expected targets (the predictions' shape) of shape (3×3), "
                + "got (3×2)", shape.getMessage());
        DMatrixRMaj nan = SOFTMAX_OUTPUTS.copy();
        nan.set(1, 1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> loss.calculate(nan, new int[] {0, 1, 1}));
        assertEquals("CategoricalCrossEntropy.forward: expected finite predictions, got NaN at row 1, column 1",
                e.getMessage());
        var negative = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().backward(SOFTMAX_OUTPUTS, new int[] {0, -1, 1}));
        assertEquals("CategoricalCrossEntropy.backward: expected labels in [0, 3) for 3 output columns, got -1 at "
                + "sample 1", negative.getMessage());
    }
}
