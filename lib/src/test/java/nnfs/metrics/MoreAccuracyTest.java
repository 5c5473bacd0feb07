package nnfs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.data.Datasets;
import nnfs.data.Targets;

class MoreAccuracyTest {

    @Test
    void binaryComparesEveryElement() {
        DMatrixRMaj predictions = Matrices.of(new double[] {1, 0}, new double[] {1, 1});
        DMatrixRMaj y = Matrices.of(new double[] {1, 1}, new double[] {1, 1});
        assertEquals(0.75, new BinaryAccuracy().calculate(predictions, Targets.values(y)));
    }

    @Test
    void regressionToleranceIsTheStandardDeviationOver250() {
        DMatrixRMaj y = Datasets.sine().targets();
        RegressionAccuracy accuracy = new RegressionAccuracy();
        accuracy.init(Targets.values(y));
        // std of one period of a sine sampled evenly is 1/√2.
        assertEquals(Math.sqrt(0.5) / 250, accuracy.precision(), 1e-12);
        DMatrixRMaj close = y.copy();
        for (int k = 0; k < close.getNumElements(); k++) {
            close.data[k] += k % 2 == 0 ? 0.001 : 0.01;   // 0.001 is within 0.0028, 0.01 is not
        }
        assertEquals(0.5, accuracy.calculate(close, Targets.values(y)));
        assertEquals(0.002, new RegressionAccuracy(0.002).precision());
    }

    @Test
    void kindsOfTargetsAreChecked() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryAccuracy().calculate(new DMatrixRMaj(2, 1), new int[] {0, 1}));
        assertEquals("BinaryAccuracy.calculate: expected a matrix of 0/1 targets, got class labels", e.getMessage());
    }
}
