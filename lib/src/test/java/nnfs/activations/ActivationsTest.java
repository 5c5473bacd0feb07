package nnfs.activations;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Fixtures;
import nnfs.Matrices;
import nnfs.check.GradientCheck;
import nnfs.layers.Layer;
import nnfs.random.NumpyRandom;

class ActivationsTest {

    /** Random inputs kept at least 0.05 away from 0, where ReLU and step have their kink. */
    static DMatrixRMaj awayFromZero(int rows, int cols, long seed) {
        DMatrixRMaj x = new NumpyRandom(seed).randn(rows, cols);
        for (int k = 0; k < x.getNumElements(); k++) {
            x.data[k] += Math.copySign(0.05, x.data[k]);
        }
        return x;
    }

    static void assertGradientCheckPasses(Layer activation) {
        DMatrixRMaj x = awayFromZero(5, 4, 2);
        DMatrixRMaj upstream = new NumpyRandom(3).randn(5, 4);
        GradientCheck.Report report = GradientCheck.layer(activation, x, upstream);
        assertTrue(report.passes(1e-7), report.toString());
    }

    @Test
    void reluMatchesTheBookExample() {
        ReLU relu = new ReLU();
        relu.forward(Matrices.row(0, 2, -1, 3.3, -2.7, 1.1, 2.2, -100));
        assertArrayEquals(new double[] {0, 2, 0, 3.3, 0, 1.1, 2.2, 0}, Matrices.values(relu.output()));
    }

    @Test
    void reluBackwardZeroesGradientsWhereTheInputWasNotPositive() {
        // The book's ReLU derivative example.
        ReLU relu = new ReLU();
        relu.forward(Matrices.of(new double[] {1, 2, -3, -4}, new double[] {2, -7, -1, 3},
                new double[] {-1, 2, 5, -1}));
        relu.backward(Matrices.of(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8},
                new double[] {9, 10, 11, 12}));
        assertMatrixEquals(Matrices.of(new double[] {1, 2, 0, 0}, new double[] {5, 0, 0, 8},
                new double[] {0, 10, 11, 0}), relu.dinputs(), 0.0);
    }

    @Test
    void softmaxOfTheBookVector() {
        Softmax softmax = new Softmax();
        softmax.forward(Matrices.row(4.8, 1.21, 2.385));
        // The book prints [0.89528266 0.02470831 0.08000903].
        assertMatrixEquals(Matrices.row(0.89528266, 0.02470831, 0.08000903), softmax.output(), 5e-9);
        assertMatrixEquals(Matrices.row(Fixtures.matrix("softmax_cce_example", "softmax").data[0],
                Fixtures.matrix("softmax_cce_example", "softmax").data[1],
                Fixtures.matrix("softmax_cce_example", "softmax").data[2]), softmax.output(), 1e-15);
    }

    @Test
    void softmaxIsUnchangedByShiftingTheRowAndSurvivesLargeInputs() {
        Softmax softmax = new Softmax();
        softmax.forward(Matrices.row(1000, 1001, 1002));
        DMatrixRMaj big = softmax.output().copy();
        softmax.forward(Matrices.row(0, 1, 2));
        assertMatrixEquals(softmax.output(), big, 1e-15);
        assertEquals(1.0, big.data[0] + big.data[1] + big.data[2], 1e-15);
    }

    @Test
    void softmaxPredictionsAreTheArgmax() {
        Softmax softmax = new Softmax();
        DMatrixRMaj out = Matrices.of(new double[] {0.7, 0.2, 0.1}, new double[] {0.5, 0.1, 0.4},
                new double[] {0.02, 0.9, 0.08});
        assertMatrixEquals(Matrices.column(0, 0, 1), softmax.predictions(out), 0.0);
        assertArrayEquals(new int[] {0, 0, 1}, Softmax.classes(out));
    }

    @Test
    void sigmoidValuesAndPredictions() {
        Sigmoid sigmoid = new Sigmoid();
        sigmoid.forward(Matrices.row(0, 2, -2));
        assertMatrixEquals(Matrices.row(0.5, 0.8807970779778823, 0.11920292202211755), sigmoid.output(), 1e-16);
        assertMatrixEquals(Matrices.row(0, 1, 0), sigmoid.predictions(sigmoid.output()), 0.0);
    }

    @Test
    void stepAndLinear() {
        Step step = new Step();
        step.forward(Matrices.row(-1, 0, 0.5));
        assertMatrixEquals(Matrices.row(0, 0, 1), step.output(), 0.0);
        Linear linear = new Linear();
        DMatrixRMaj x = Matrices.row(-1, 0, 0.5);
        linear.forward(x);
        assertMatrixEquals(x, linear.output(), 0.0);
        assertTrue(linear.output() != x, "the output must be a copy");
    }

    @Test
    void everyBackwardPassesTheGradientCheck() {
        assertGradientCheckPasses(new ReLU());
        assertGradientCheckPasses(new Sigmoid());
        assertGradientCheckPasses(new Linear());
        assertGradientCheckPasses(new Softmax());
        assertGradientCheckPasses(new Step());
    }

    @Test
    void stepHasNoGradient() {
        Step step = new Step();
        GradientCheck.Report report = GradientCheck.layer(step, awayFromZero(3, 3, 4), new NumpyRandom(5).randn(3, 3));
        assertEquals(0.0, report.get("dinputs").maxAbsoluteError());
        for (double d : step.dinputs().data) {
            assertEquals(0.0, d);
        }
    }

    @Test
    void softmaxJacobianBackwardMatchesNumpy() {
        Softmax softmax = new Softmax();
        softmax.forward(Fixtures.matrix("softmax_cce_example", "z"));
        // dvalues: the cross-entropy gradient for labels [0, 1, 1], −1/ŷ at the true class, over 3 samples
        DMatrixRMaj s = softmax.output();
        int[] labels = {0, 1, 1};
        DMatrixRMaj dloss = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 3; i++) {
            dloss.set(i, labels[i], -1.0 / s.get(i, labels[i]) / 3);
        }
        softmax.backward(dloss);
        assertMatrixEquals(Fixtures.matrix("softmax_cce_example", "dz"), softmax.dinputs(), 1e-15);
    }

    @Test
    void backwardBeforeForwardOrWithTheWrongShapeIsReported() {
        var early = assertThrows(IllegalStateException.class, () -> new ReLU().backward(new DMatrixRMaj(1, 1)));
        assertEquals("ReLU.backward: expected forward to be called first, got no inputs yet", early.getMessage());
        Softmax softmax = new Softmax();
        softmax.forward(new DMatrixRMaj(2, 3));
        var shape = assertThrows(IllegalArgumentException.class, () -> softmax.backward(new DMatrixRMaj(3, 2)));
        assertEquals("Softmax.backward: expected dvalues (the output's shape) of shape (2×3), got (3×2)",
                shape.getMessage());
        DMatrixRMaj nan = Matrices.row(1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> softmax.forward(nan));
        assertEquals("Softmax.forward: expected finite inputs, got NaN at row 0, column 1", e.getMessage());
    }
}
