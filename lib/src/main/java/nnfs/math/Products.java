package nnfs.math;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * The arithmetic of a dense layer, written for row-major data.
 *
 * <pre>
 * forward:   Z  = X · W + b       (batch×in)·(in×out), b added to every row
 * backward:  dW = Xᵀ · D          (batch×in)ᵀ·(batch×out)
 *            db = Σ_rows D
 *            dX = D · Wᵀ          (batch×out)·(in×out)ᵀ
 * </pre>
 *
 * <p>EJML's {@code CommonOps_DDRM} ({@code mult}, {@code multTransA}, {@code multTransB}, {@code sumCols}) is the
 * readable reference: the tests compare every method here with it. EJML's general routines walk one matrix down its
 * columns, or take dot products of length 3 when a layer has three outputs, which on the tall, narrow matrices of a
 * training batch costs one cache miss or one loop overhead per element, and each backward product makes its own pass
 * over D. Here every matrix is read in memory order, the inner loops run along whichever dimension is longer (as sums
 * of scaled rows, "axpy", or as dot products of whole rows), and the backward pass reads each row of D once for all
 * three results.
 *
 * <p>{@code wT} is the transposed weight matrix and {@code dwT} a work buffer of the same shape; the caller owns both
 * (a dense layer allocates them once) and keeps {@code wT} equal to Wᵀ with {@link #transpose}.
 */
public final class Products {

    private Products() {
    }

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
            throw new IllegalArgumentException("Products.backward: expected one gradient row per input row, got "
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
            throw new IllegalArgumentException("Products." + method + ": expected inner dimensions to agree, got "
                    + found + " and " + expected);
        }
    }
}
