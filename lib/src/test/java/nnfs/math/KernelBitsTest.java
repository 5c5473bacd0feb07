package nnfs.math;

import static nnfs.Assertions2.assertMatrixBitsEqual;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnfs.random.NumpyRandom;

/**
 * The Java kernels were rewritten for speed without changing a single bit: every element is still summed in the same
 * order. This test keeps the previous kernels (as they were in commit a4d5162) and compares the bits of every result
 * on random inputs with exact zeros and negative zeros, for the course's shapes and awkward ones.
 */
class KernelBitsTest {

    @ParameterizedTest(name = "batch {0}, in {1}, out {2}")
    @CsvSource({"300,2,64", "300,64,3", "300,2,512", "300,512,3", "1000,1,64", "1000,64,64", "1000,64,1", "128,128,10",
        "96,784,128", "1,1,1", "5,2,3", "7,3,7", "9,9,1", "3,1,9", "4,13,13", "6,5,11", "11,6,5", "17,4,4", "2,7,6"})
    void theNewKernelsGiveTheOldKernelsBits(int batch, int in, int out) {
        NumpyRandom random = new NumpyRandom(31L * batch + 7L * in + out);
        for (int trial = 0; trial < 3; trial++) {
            DMatrixRMaj x = sprinkle(random.randn(batch, in), random);
            DMatrixRMaj w = sprinkle(random.randn(in, out), random);
            DMatrixRMaj b = sprinkle(random.randn(1, out), random);
            DMatrixRMaj d = sprinkle(random.randn(batch, out), random);
            DMatrixRMaj wT = new DMatrixRMaj(0, 0);
            Products.transpose(w, wT);

            DMatrixRMaj zOld = new DMatrixRMaj(0, 0);
            DMatrixRMaj zNew = new DMatrixRMaj(0, 0);
            OldKernels.forward(x, w, wT, b, zOld);
            Products.forward(x, w, wT, b, zNew);
            assertMatrixBitsEqual(zOld, zNew);

            DMatrixRMaj[] old = {new DMatrixRMaj(0, 0), new DMatrixRMaj(0, 0), new DMatrixRMaj(0, 0),
                new DMatrixRMaj(0, 0)};
            DMatrixRMaj[] now = {new DMatrixRMaj(0, 0), new DMatrixRMaj(0, 0), new DMatrixRMaj(0, 0),
                new DMatrixRMaj(0, 0)};
            OldKernels.backward(x, d, w, wT, old[0], old[1], old[2], old[3]);
            Products.backward(x, d, w, wT, now[0], now[1], now[2], now[3]);
            assertMatrixBitsEqual(old[0], now[0]);   // dW
            assertMatrixBitsEqual(old[2], now[2]);   // db
            assertMatrixBitsEqual(old[3], now[3]);   // dX
        }
    }

    /** Some exact zeros and negative zeros (a ReLU's outputs, its gradients), where skipping a term matters. */
    static DMatrixRMaj sprinkle(DMatrixRMaj m, NumpyRandom random) {
        DMatrixRMaj u = random.rand(m.numRows, m.numCols);
        for (int k = 0; k < m.getNumElements(); k++) {
            if (u.data[k] < 0.3) {
                m.data[k] = 0.0;
            } else if (u.data[k] < 0.4) {
                m.data[k] = -0.0;
            }
        }
        return m;
    }

    /** The kernels before the rewrite, unchanged. */
    private static final class OldKernels {
        /** Z = X · W + b, given W and Wᵀ. Z is reshaped to batch × out and must not be an input. */
        public static void forward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj b, DMatrixRMaj z) {
            int batch = x.numRows;
            int in = w.numRows;
            int out = w.numCols;
            requireSize("forward", x.numCols, in);
            z.reshape(batch, out);
            double[] xd = x.data;
            double[] zd = z.data;
            for (int k = 0; k < batch; k++) {
                int zRow = k * out;
                int xRow = k * in;
                if (out >= in) {
                    // z_k = b + Σ_i x_ki · W_i          (rows of W, length out)
                    System.arraycopy(b.data, 0, zd, zRow, out);
                    for (int i = 0; i < in; i++) {
                        axpy(xd[xRow + i], w.data, i * out, zd, zRow, out);
                    }
                } else {
                    // z_kj = b_j + x_k · Wᵀ_j             (rows of Wᵀ, length in)
                    for (int j = 0; j < out; j++) {
                        zd[zRow + j] = b.data[j] + dot(xd, xRow, wT.data, j * in, in);
                    }
                }
            }
        }

        /**
         * dW = Xᵀ·D, db = Σ_rows D and dX = D·Wᵀ in one pass over the rows of D, given W and Wᵀ. {@code dwT} is a work
         * buffer shaped like Wᵀ. The outputs are reshaped to fit and must not be inputs.
         */
        public static void backward(DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj dw,
                DMatrixRMaj dwT, DMatrixRMaj db, DMatrixRMaj dx) {
            int batch = x.numRows;
            int in = w.numRows;
            int out = w.numCols;
            requireSize("backward", x.numCols, in);
            requireSize("backward", d.numCols, out);
            if (d.numRows != batch) {
                throw new IllegalArgumentException("OldKernels.backward: expected one gradient row per input row, got "
                        + d.numRows + " and " + batch);
            }
            boolean wide = in >= out;   // run the inner loops along the inputs
            dw.reshape(in, out);
            dwT.reshape(out, in);
            db.reshape(1, out);
            dx.reshape(batch, in);
            (wide ? dwT : dw).zero();
            db.zero();
            double[] xd = x.data;
            double[] dd = d.data;
            double[] dxd = dx.data;
            for (int k = 0; k < batch; k++) {
                int xRow = k * in;
                int dRow = k * out;
                axpy(1.0, dd, dRow, db.data, 0, out);                          // db += d_k
                if (wide) {
                    Arrays.fill(dxd, xRow, xRow + in, 0.0);
                    for (int j = 0; j < out; j++) {
                        double dkj = dd[dRow + j];
                        if (dkj != 0.0) {
                            axpy(dkj, xd, xRow, dwT.data, j * in, in);         // dWᵀ_j += d_kj · x_k
                            axpy(dkj, wT.data, j * in, dxd, xRow, in);          // dx_k += d_kj · Wᵀ_j
                        }
                    }
                } else {
                    for (int i = 0; i < in; i++) {
                        double xki = xd[xRow + i];
                        if (xki != 0.0) {                                        // ReLU outputs are often exactly zero
                            axpy(xki, dd, dRow, dw.data, i * out, out);          // dW_i += x_ki · d_k
                        }
                        dxd[xRow + i] = dot(dd, dRow, w.data, i * out, out);    // dx_ki = d_k · W_i
                    }
                }
            }
            if (wide) {
                transpose(dwT, dw);
            }
        }

        /** wT = Wᵀ, reshaped to fit. */
        public static void transpose(DMatrixRMaj w, DMatrixRMaj wT) {
            int rows = w.numRows;
            int cols = w.numCols;
            wT.reshape(cols, rows);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    wT.data[j * rows + i] = w.data[i * cols + j];
                }
            }
        }

        /** y[yOff … yOff+n) += a · x[xOff … xOff+n) */
        private static void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
            for (int t = 0; t < n; t++) {
                y[yOff + t] += a * x[xOff + t];
            }
        }

        /** Σ a[aOff + t] · b[bOff + t] for t below n, in four running sums to keep the processor busy. */
        private static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int t = 0;
            for (; t + 3 < n; t += 4) {
                s0 += a[aOff + t] * b[bOff + t];
                s1 += a[aOff + t + 1] * b[bOff + t + 1];
                s2 += a[aOff + t + 2] * b[bOff + t + 2];
                s3 += a[aOff + t + 3] * b[bOff + t + 3];
            }
            for (; t < n; t++) {
                s0 += a[aOff + t] * b[bOff + t];
            }
            return (s0 + s1) + (s2 + s3);
        }

        private static void requireSize(String method, int found, int expected) {
            if (found != expected) {
                throw new IllegalArgumentException("OldKernels." + method + ": expected inner dimensions to agree, got "
                        + found + " and " + expected);
            }
        }
    }
}
