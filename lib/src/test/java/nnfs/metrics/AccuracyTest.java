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
    void labelsAreCountedInPlaceWithTheArgmaxTieRule() {
        // ties go to the first column, a NaN row to column 0 (as argmaxRows): the same as labels against argmax classes
        DMatrixRMaj outputs = Matrices.of(new double[] {0.4, 0.4, 0.2}, new double[] {0.1, 0.45, 0.45},
                new double[] {Double.NaN, 0.9, 0.1}, new double[] {0.2, 0.3, 0.5});
        int[] labels = {1, 1, 0, 2};
        int[] argmax = Matrices.argmaxRows(outputs);
        DMatrixRMaj classes = new DMatrixRMaj(4, 1);
        for (int i = 0; i < 4; i++) {
            classes.data[i] = argmax[i];
        }
        assertEquals(new CategoricalAccuracy().calculate(classes, labels), Accuracy.ofOutputs(outputs, labels));
        assertEquals(0.75, Accuracy.ofOutputs(outputs, labels));
        var mismatch = assertThrows(IllegalArgumentException.class, () -> Accuracy.ofOutputs(outputs, new int[] {0, 1}));
        assertEquals("CategoricalAccuracy.calculate: expected predictions of shape (2×1), one class index per label, "
                + "got (4×1)", mismatch.getMessage());
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
