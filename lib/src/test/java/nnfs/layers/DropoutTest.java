package nnfs.layers;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Fixtures;
import nnfs.check.GradientCheck;
import nnfs.random.NumpyRandom;

class DropoutTest {

    @Test
    void maskMatchesNumpyBinomial() {
        // np.random.seed(0); np.random.binomial(1, 0.9, size=(10, 20)) / 0.9: the book's mask for rate 0.1.
        Dropout dropout = new Dropout(0.1, new NumpyRandom(0));
        DMatrixRMaj ones = new DMatrixRMaj(10, 20);
        ones.fill(1.0);
        dropout.forward(ones);
        DMatrixRMaj expected = Fixtures.matrix("binomial_1_0.9_seed0");
        for (int k = 0; k < expected.getNumElements(); k++) {
            expected.data[k] /= 0.9;
        }
        assertMatrixEquals(expected, dropout.mask(), 0.0);
        assertMatrixEquals(expected, dropout.output(), 0.0);
    }

    @Test
    void invertedScalingKeepsTheMeanAndInferencePassesThrough() {
        Dropout dropout = new Dropout(0.3, new NumpyRandom(1));
        DMatrixRMaj x = new DMatrixRMaj(200, 500);
        x.fill(2.0);
        dropout.forward(x, true);
        double sum = 0;
        int dropped = 0;
        for (double v : dropout.output().data) {
            sum += v;
            dropped += v == 0 ? 1 : 0;
        }
        assertEquals(2.0, sum / x.getNumElements(), 0.02);          // E[output] = input
        assertEquals(0.3, (double) dropped / x.getNumElements(), 0.01);
        dropout.forward(x, false);
        assertMatrixEquals(x, dropout.output(), 0.0);
        dropout.backward(x);
        assertMatrixEquals(x, dropout.dinputs(), 0.0);
    }

    @Test
    void gradientCheckWithAFrozenMask() {
        NumpyRandom random = new NumpyRandom(2);
        GradientCheck.Report report = GradientCheck.layer(new Dropout(0.4, random), random.randn(6, 5),
                random.randn(6, 5));
        assertTrue(report.passes(1e-7), report.toString());
    }

    @Test
    void badRatesAreRejected() {
        var one = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new NumpyRandom(0)));
        assertEquals("Dropout: expected rate in [0, 1), got 1.0", one.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, new NumpyRandom(0)));
        assertEquals("Dropout: expected rate in [0, 1), got -0.1", negative.getMessage());
        var early = assertThrows(IllegalStateException.class,
                () -> new Dropout(0.1, new NumpyRandom(0)).backward(new DMatrixRMaj(1, 1)));
        assertEquals("Dropout(0.1).backward: expected forward to be called first, got no mask yet", early.getMessage());
    }
}
