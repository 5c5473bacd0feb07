package nnfs.math;

import static nnfs.Assertions2.assertMatrixBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnfs.random.NumpyRandom;

/**
 * The course's promise: the same numbers on every machine. Which kernels run depends on the machine (the SIMD kernels
 * where the JVM has the vector module, the plain loops elsewhere), so both must give the same bits, whatever the width
 * of the vectors. {@code KernelBitsTest} pins them to the kernels the notebooks' numbers were first computed with.
 */
class SameBitsTest {

    @ParameterizedTest(name = "batch {0}, in {1}, out {2}")
    @CsvSource({"300,2,64", "300,64,3", "300,2,512", "300,512,3", "1000,1,64", "1000,64,64", "1000,64,1", "128,128,10",
        "96,784,128", "1,1,1", "5,2,3", "7,3,7", "9,9,1", "3,1,9", "4,13,13", "6,5,11", "11,6,5", "17,4,4", "2,7,6",
        "33,5,37", "301,3,70", "2,41,2"})
    void simdThreadsAndPlainLoopsGiveTheSameBits(int batch, int in, int out) {
        assertTrue(Simd.ENABLED, "the tests run with the vector module (lib/pom.xml): " + Simd.state());
        NumpyRandom random = new NumpyRandom(17L * batch + 5L * in + out);
        DMatrixRMaj x = KernelBitsTest.sprinkle(random.randn(batch, in), random);
        DMatrixRMaj w = KernelBitsTest.sprinkle(random.randn(in, out), random);
        DMatrixRMaj b = KernelBitsTest.sprinkle(random.randn(1, out), random);
        DMatrixRMaj d = KernelBitsTest.sprinkle(random.randn(batch, out), random);
        DMatrixRMaj wT = new DMatrixRMaj(0, 0);
        Products.transpose(w, wT);

        DMatrixRMaj[] plain = run(x, w, wT, b, d, true);
        DMatrixRMaj[] fast = run(x, w, wT, b, d, false);
        for (int i = 0; i < plain.length; i++) {
            assertMatrixBitsEqual(plain[i], fast[i]);
        }
        // Without dX, the first layer's case: dW and db are the same.
        DMatrixRMaj dw = new DMatrixRMaj(0, 0);
        DMatrixRMaj db = new DMatrixRMaj(0, 0);
        Products.backward(x, d, w, wT, dw, new DMatrixRMaj(0, 0), db, null);
        assertMatrixBitsEqual(plain[1], dw);
        assertMatrixBitsEqual(plain[2], db);
    }

    /** z, dW, db, dX, with the plain loops or with the kernels this JVM chooses. */
    private static DMatrixRMaj[] run(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj b, DMatrixRMaj d,
            boolean plainLoops) {
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, w.numCols);
        DMatrixRMaj dw = new DMatrixRMaj(0, 0);
        DMatrixRMaj dwT = new DMatrixRMaj(0, 0);
        DMatrixRMaj db = new DMatrixRMaj(0, 0);
        DMatrixRMaj dx = new DMatrixRMaj(0, 0);
        if (plainLoops) {
            Products.plainForward(x.data, x.numRows, w.numRows, w.data, wT.data, w.numCols, b.data, z.data);
            Products.plainBackward(x, d, w, wT, dw, dwT, db, dx);
        } else {
            Products.forward(x, w, wT, b, z);
            Products.backward(x, d, w, wT, dw, dwT, db, dx);
        }
        return new DMatrixRMaj[] {z, dw, db, dx};
    }

    @Test
    void elementwiseLoopsGiveTheSameBits() {
        NumpyRandom random = new NumpyRandom(8);
        for (int n : new int[] {1, 7, 8, 9, 31, 64, 300 * 64 + 5}) {
            double[] x = KernelBitsTest.sprinkle(random.randn(1, n), random).data;
            x[0] = Double.NaN;
            if (n > 2) {
                x[1] = Double.NEGATIVE_INFINITY;
                x[2] = -0.0;
            }
            double[] dy = random.randn(1, n).data;
            double[][] results = new double[4][n];
            Elementwise.plainRelu(x, results[0], n);
            Elementwise.relu(x, results[1], n);
            Elementwise.plainReluGradient(x, dy, results[2], n);
            Elementwise.reluGradient(x, dy, results[3], n);
            for (int k = 0; k < n; k++) {
                assertEquals(Double.doubleToRawLongBits(results[0][k]), Double.doubleToRawLongBits(results[1][k]),
                        "relu at " + k + " of " + n);
                assertEquals(Double.doubleToRawLongBits(results[2][k]), Double.doubleToRawLongBits(results[3][k]),
                        "relu gradient at " + k + " of " + n);
            }
            double[] b = random.randn(1, 13).data;
            int rows = Math.max(1, n / 13);
            double[] z1 = random.randn(rows, 13).data;
            double[] z2 = z1.clone();
            Elementwise.plainAddToEveryRow(z1, rows, 13, b);
            Elementwise.addToEveryRow(z2, rows, 13, b);
            assertArrayEquals(z1, z2);
        }
    }

    @Test
    void optimizerUpdatesGiveTheSameBits() {
        NumpyRandom random = new NumpyRandom(10);
        for (int n : new int[] {1, 7, 8, 13, 64, 100_352}) {
            double[] theta = random.randn(1, n).data;
            double[] g = KernelBitsTest.sprinkle(random.randn(1, n), random).data;
            double[] m = random.randn(1, n).data;
            double[] c = random.rand(1, n).data;
            double lr = 0.0123;
            // The optimizers' formulas as plain loops, exactly as the library wrote them before it had SIMD.
            double[][] expected = {theta.clone(), m.clone(), c.clone()};
            for (int k = 0; k < n; k++) {
                expected[1][k] = 0.9 * expected[1][k] + (1 - 0.9) * g[k];
                expected[2][k] = 0.999 * expected[2][k] + (1 - 0.999) * (g[k] * g[k]);
                double mHat = expected[1][k] / 0.19;
                double cHat = expected[2][k] / 0.001999;
                expected[0][k] += -lr * mHat / (Math.sqrt(cHat) + 1e-7);
            }
            double[][] adam = {theta.clone(), m.clone(), c.clone()};
            Elementwise.adamStep(adam[0], g, adam[1], adam[2], n, lr, 0.9, 0.999, 0.19, 0.001999, 1e-7);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], adam[i], "Adam, array " + i + ", n " + n);
            }

            double[] rmsTheta = theta.clone();
            double[] rmsCache = c.clone();
            double[] adagradTheta = theta.clone();
            double[] adagradCache = c.clone();
            double[] momentumTheta = theta.clone();
            double[] velocity = m.clone();
            double[] sgdTheta = theta.clone();
            Elementwise.rmspropStep(rmsTheta, g, rmsCache, n, lr, 0.9, 1e-7);
            Elementwise.adagradStep(adagradTheta, g, adagradCache, n, lr, 1e-7);
            Elementwise.momentumStep(momentumTheta, g, velocity, n, lr, 0.9);
            Elementwise.sgdStep(sgdTheta, g, n, lr);
            for (int k = 0; k < n; k++) {
                double rc = 0.9 * c[k] + (1 - 0.9) * (g[k] * g[k]);
                assertEquals(rc, rmsCache[k], 0.0);
                assertEquals(theta[k] + -lr * g[k] / (Math.sqrt(rc) + 1e-7), rmsTheta[k], 0.0);
                double ac = c[k] + g[k] * g[k];
                assertEquals(ac, adagradCache[k], 0.0);
                assertEquals(theta[k] + -lr * g[k] / (Math.sqrt(ac) + 1e-7), adagradTheta[k], 0.0);
                double v = 0.9 * m[k] - lr * g[k];
                assertEquals(v, velocity[k], 0.0);
                assertEquals(theta[k] + v, momentumTheta[k], 0.0);
                assertEquals(theta[k] + -lr * g[k], sgdTheta[k], 0.0);
            }
        }
    }
}
