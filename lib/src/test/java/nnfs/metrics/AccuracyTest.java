package nnfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;

class AccuracyTest {

    @Test
    void theSourcesExampleIsFullyRight() {
        DMatrixRMaj outputs = Matrices.of(new double[] {0.7, 0.1, 0.2}, new double[] {0.1, 0.5, 0.4},
                new double[] {0.02, 0.9, 0.08});
        DMatrixRMaj oneHot = Matrices.of(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 1, 0});
        assertEquals(1.0, Accuracy.ofOutputs(outputs, oneHot));
        assertEquals(1.0, Accuracy.ofOutputs(outputs, new int[] {0, 1, 1}));
    }

    @Test
    void theBookExampleIsTwoThirdsRight() {
        // argmax gives [0, 0, 1] against the labels [0, 1, 1]
        DMatrixRMaj outputs = Matrices.of(new double[] {0.7, 0.2, 0.1}, new double[] {0.5, 0.1, 0.4},
                new double[] {0.02, 0.9, 0.08});
        assertEquals(2.0 / 3.0, Accuracy.ofOutputs(outputs, new int[] {0, 1, 1}), 1e-16);
    }

    @Test
    void predictionsMustBeOneClassPerLabel() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().calculate(new DMatrixRMaj(3, 3), new int[] {0, 1, 1}));
        assertEquals("CategoricalAccuracy.calculate: expected predictions of shape (3×1), one class index per label, "
                + "got (3×3)", e.getMessage());
        var empty = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().calculate(new DMatrixRMaj(0, 1), new int[0]));
        assertEquals("CategoricalAccuracy.calculate: expected at least one prediction, got none", empty.getMessage());
    }
}
