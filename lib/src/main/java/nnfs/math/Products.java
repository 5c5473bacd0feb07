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
 *
 * <p>These kernels are one of two backends behind {@link DenseProducts}: large layers ({@link #LARGE}) use OpenBLAS
 * when it loads, unless the system property {@value #PROPERTY} is {@code java}. {@link #backend()} says which.
 */
public final class Products {

    /**
     * The system property that chooses the backend: {@code auto} (the default: OpenBLAS for large layers when it
     * loads, the Java kernels otherwise) or {@code java} (the Java kernels for every layer).
     */
    public static final String PROPERTY = "nnfs.products";

    /**
     * A dense layer goes to OpenBLAS when it has at least this many inputs and at least this many neurons. Fashion-MNIST's
     * 784→128 and 128→128 layers qualify; every small network of the course (2→64, 64→3, 2→512, 512→3, 1→64, 64→64,
     * 128→10, …) stays on the Java kernels, whose numbers are the same on every machine: OpenBLAS picks its kernels and
     * summation order for the processor it runs on, so its last bits can differ from one machine to another.
     */
    public static final int LARGE = 128;

    private Products() {
    }

    /** Prints {@link #backend()}: {@code java -cp nnfs.jar nnfs.math.Products}. */
    public static void main(String[] args) {
        System.out.println(backend());
    }

    /** The products a new dense layer of this size uses; chosen from {@link #PROPERTY} and {@link #LARGE}. */
    public static DenseProducts forLayer(int nInputs, int nNeurons) {
        boolean large = nInputs >= LARGE && nNeurons >= LARGE;
        return large && fastPathEnabled() && Native.FAILURE == null ? new OpenBlasProducts() : new JavaProducts();
    }

    /**
     * One line saying which code computes the dense layers' products, e.g. "OpenBLAS 0.3.28 (on the Java arrays, no
     * copies) for dense layers of at least 128 inputs and 128 neurons, Java kernels (SIMD on, 8 doubles per vector) for
     * the others".
     */
    public static String backend() {
        String kernels = "Java kernels (SIMD " + Simd.state() + ")";
        if (!fastPathEnabled()) {
            return kernels + " for every dense layer (" + PROPERTY + "=" + System.getProperty(PROPERTY) + ")";
        }
        if (Native.FAILURE != null) {
            return kernels + " for every dense layer (OpenBLAS could not be loaded: " + Native.FAILURE + ")";
        }
        String copies = OpenBlasProducts.zeroCopy() ? "on the Java arrays, no copies"
                : "on copies of the arrays: " + CriticalBlas.FAILURE;
        return Native.VERSION + " (" + copies + ") for dense layers of at least " + LARGE + " inputs and " + LARGE
                + " neurons, " + kernels + " for the others";
    }

    private static boolean fastPathEnabled() {
        String value = System.getProperty(PROPERTY, "auto").trim();
        if (value.equals("auto")) {
            return true;
        }
        if (value.equals("java")) {
            return false;
        }
        throw new IllegalArgumentException("Products: expected the system property " + PROPERTY
                + " to be \"auto\" or \"java\", got \"" + value + "\"");
    }

    /** Loads OpenBLAS the first time it is asked for; never again, whether it worked or not. */
    private static final class Native {
        static final String FAILURE;
        static final String VERSION;

        static {
            String failure;
            String version = null;
            try {
                failure = OpenBlasProducts.load();
                if (failure == null) {
                    version = OpenBlasProducts.version();
                }
            } catch (LinkageError e) {
                failure = e.toString();   // the OpenBLAS classes are not on the class path
            }
            FAILURE = failure;
            VERSION = version;
        }
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
        if (!Simd.ENABLED) {
            plainForward(xd, batch, in, w.data, wT.data, out, b.data, zd);
        } else if (out >= in) {
            VectorProducts.rowsTimesRows(zd, out, batch, b.data, xd, in, in, w.data, out);   // z_k = b + Σ_i x_ki W_i
        } else {
            VectorProducts.dots(xd, in, batch, wT.data, out, in, b.data, zd, out);           // z_kj = b_j + x_k · Wᵀ_j
        }
    }

    /** {@link #forward} with the plain loops: the readable reference, and what runs without the vector module. */
    static void plainForward(double[] xd, int batch, int in, double[] wd, double[] wTd, int out, double[] bd,
            double[] zd) {
        for (int k = 0; k < batch; k++) {
            int zRow = k * out;
            int xRow = k * in;
            if (out >= in) {
                // z_k = b + Σ_i x_ki · W_i          (rows of W, length out)
                System.arraycopy(bd, 0, zd, zRow, out);
                combine(zd, zRow, out, xd, xRow, 1, in, wd, out);
            } else {
                // z_kj = b_j + x_k · Wᵀ_j             (rows of Wᵀ, length in)
                int j = 0;
                for (; j + 2 < out; j += 3) {
                    dot3(xd, xRow, wTd, j * in, in, bd, j, zd, zRow + j);
                }
                for (; j < out; j++) {
                    zd[zRow + j] = bd[j] + dot(xd, xRow, wTd, j * in, in);
                }
            }
        }
    }

    /**
     * dW = Xᵀ·D, db = Σ_rows D and dX = D·Wᵀ, given W and Wᵀ. {@code dwT} is a work buffer shaped like Wᵀ. The outputs
     * are reshaped to fit and must not be inputs. With {@code dx} null, dX is not computed (dW and db come out the
     * same).
     *
     * <p>Every element is summed in a fixed order: over the rows k of D for dW and db, over the outputs j for dX.
     */
    public static void backward(DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj dw,
            DMatrixRMaj dwT, DMatrixRMaj db, DMatrixRMaj dx) {
        int batch = x.numRows;
        int in = w.numRows;
        int out = w.numCols;
        requireSize("backward", x.numCols, in);
        requireSize("backward", d.numCols, out);
        requireRows(d.numRows, batch);
        boolean wide = in >= out;   // run the inner loops along the inputs
        boolean inputGradient = dx != null;
        dw.reshape(in, out);
        dwT.reshape(out, in);
        if (inputGradient) {
            dx.reshape(batch, in);
        }
        double[] xd = x.data;
        double[] dd = d.data;
        if (Simd.ENABLED) {
            if (!wide && in == 2) {
                // dW_0, dW_1 and db = Σ_k d_k stream the same rows d_k: one pass for the three.
                db.reshape(1, out);
                VectorProducts.twoScaledSumsAndSum(dw.data, out, xd, in, batch, dd, out, db.data);
            } else {
                sumRows(d, db);                                                // db = Σ_k d_k
            }
            if (wide) {
                VectorProducts.sumsOfScaledRows(dwT.data, in, out, dd, out, 1, batch, xd, in);   // dWᵀ_j = Σ_k d_kj · x_k
                transpose(dwT, dw);
                if (inputGradient) {
                    VectorProducts.rowsTimesRows(dx.data, in, batch, null, dd, out, out, wT.data, in); // dx_k = Σ_j d_kj · Wᵀ_j
                }
            } else {
                if (in != 2) {
                    VectorProducts.sumsOfScaledRows(dw.data, out, in, xd, in, 1, batch, dd, out); // dW_i = Σ_k x_ki · d_k
                }
                if (inputGradient) {
                    VectorProducts.dots(dd, out, batch, w.data, in, out, null, dx.data, in);      // dx_ki = d_k · W_i
                }
            }
            return;
        }
        plainBackward(x, d, w, wT, dw, dwT, db, dx);
    }

    /** {@link #backward} with the plain loops: the readable reference, and what runs without the vector module. */
    static void plainBackward(DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w, DMatrixRMaj wT, DMatrixRMaj dw,
            DMatrixRMaj dwT, DMatrixRMaj db, DMatrixRMaj dx) {
        int batch = x.numRows;
        int in = w.numRows;
        int out = w.numCols;
        boolean wide = in >= out;
        boolean inputGradient = dx != null;
        dw.reshape(in, out);
        dwT.reshape(out, in);
        if (inputGradient) {
            dx.reshape(batch, in);
        }
        double[] xd = x.data;
        double[] dd = d.data;
        plainSumRows(d, db);                                                   // db = Σ_k d_k
        if (wide) {
            dwT.zero();
            for (int j = 0; j < out; j++) {
                combine(dwT.data, j * in, in, dd, j, out, batch, xd, in);    // dWᵀ_j = Σ_k d_kj · x_k
            }
            transpose(dwT, dw);
            if (inputGradient) {
                double[] dxd = dx.data;
                for (int k = 0; k < batch; k++) {
                    int xRow = k * in;
                    Arrays.fill(dxd, xRow, xRow + in, 0.0);
                    combine(dxd, xRow, in, dd, k * out, 1, out, wT.data, in);  // dx_k = Σ_j d_kj · Wᵀ_j
                }
            }
        } else {
            dw.zero();
            for (int i = 0; i < in; i++) {
                combine(dw.data, i * out, out, xd, i, in, batch, dd, out);    // dW_i = Σ_k x_ki · d_k
            }
            if (inputGradient) {
                double[] dxd = dx.data;
                for (int k = 0; k < batch; k++) {
                    for (int i = 0; i < in; i++) {
                        dxd[k * in + i] = dot(dd, k * out, w.data, i * out, out);   // dx_ki = d_k · W_i
                    }
                }
            }
        }
    }

    /**
     * y[yOff … yOff+n) += Σ_g c_g · x[g·xStride … g·xStride+n) for g = 0 … count−1, in that order, where
     * c_g = c[cOff + g·cStride].
     *
     * <p>It gives exactly the numbers of one {@code y += c_g · x_g} pass per g, but reads and writes y once for up to
     * four terms: each element becomes (((y + c₀x₀) + c₁x₁) + c₂x₂) + c₃x₃, the same additions in the same order.
     *
     * <p>Every term is added, also those whose coefficient is 0 (the kernels before this one skipped them, as ReLU's
     * outputs and gradients often are 0): when the sum starts at +0.0, as every sum here that uses this does, adding
     * ±0 never changes it, because such a sum is never −0.0 and x + (±0) is x for every other x. So both give the same
     * bits for finite numbers ({@code KernelBitsTest}), and without the test the SIMD kernels run without branches.
     */
    private static void combine(double[] y, int yOff, int n, double[] c, int cOff, int cStride, int count,
            double[] x, int xStride) {
        int g = 0;
        for (; g + 3 < count; g += 4) {
            axpy4(c[cOff + g * cStride], c[cOff + (g + 1) * cStride], c[cOff + (g + 2) * cStride],
                    c[cOff + (g + 3) * cStride], x, g * xStride, xStride, y, yOff, n);
        }
        if (count - g == 3) {
            axpy3(c[cOff + g * cStride], c[cOff + (g + 1) * cStride], c[cOff + (g + 2) * cStride], x, g * xStride,
                    xStride, y, yOff, n);
            return;
        }
        if (count - g == 2) {
            axpy2(c[cOff + g * cStride], c[cOff + (g + 1) * cStride], x, g * xStride, xStride, y, yOff, n);
            return;
        }
        if (g < count) {
            axpy(c[cOff + g * cStride], x, g * xStride, y, yOff, n);
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

    /** y[yOff+t] = ((y[yOff+t] + a0 · x[xOff+t]) + a1 · x[xOff+stride+t]), for t below n. */
    private static void axpy2(double a0, double a1, double[] x, int xOff, int stride, double[] y, int yOff, int n) {
        int x1 = xOff + stride;
        for (int t = 0; t < n; t++) {
            y[yOff + t] = (y[yOff + t] + a0 * x[xOff + t]) + a1 * x[x1 + t];
        }
    }

    /** The same with three rows of x, each {@code stride} apart. */
    private static void axpy3(double a0, double a1, double a2, double[] x, int xOff, int stride, double[] y, int yOff,
            int n) {
        int x1 = xOff + stride;
        int x2 = x1 + stride;
        for (int t = 0; t < n; t++) {
            y[yOff + t] = ((y[yOff + t] + a0 * x[xOff + t]) + a1 * x[x1 + t]) + a2 * x[x2 + t];
        }
    }

    /** The same with four rows of x, each {@code stride} apart. */
    private static void axpy4(double a0, double a1, double a2, double a3, double[] x, int xOff, int stride,
            double[] y, int yOff, int n) {
        int x1 = xOff + stride;
        int x2 = x1 + stride;
        int x3 = x2 + stride;
        for (int t = 0; t < n; t++) {
            y[yOff + t] = (((y[yOff + t] + a0 * x[xOff + t]) + a1 * x[x1 + t]) + a2 * x[x2 + t]) + a3 * x[x3 + t];
        }
    }

    /**
     * z[zOff + r] = b[bOff + r] + dot(a from aOff, rows r of m from mOff, each n long), r = 0, 1, 2: three of
     * {@link #dot} at once, each with its own four running sums, so that a is read once.
     */
    private static void dot3(double[] a, int aOff, double[] m, int mOff, int n, double[] b, int bOff, double[] z,
            int zOff) {
        int m1 = mOff + n;
        int m2 = m1 + n;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        double r0 = 0;
        double r1 = 0;
        double r2 = 0;
        double r3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            double a0 = a[aOff + t];
            double a1 = a[aOff + t + 1];
            double a2 = a[aOff + t + 2];
            double a3 = a[aOff + t + 3];
            p0 += a0 * m[mOff + t];
            p1 += a1 * m[mOff + t + 1];
            p2 += a2 * m[mOff + t + 2];
            p3 += a3 * m[mOff + t + 3];
            q0 += a0 * m[m1 + t];
            q1 += a1 * m[m1 + t + 1];
            q2 += a2 * m[m1 + t + 2];
            q3 += a3 * m[m1 + t + 3];
            r0 += a0 * m[m2 + t];
            r1 += a1 * m[m2 + t + 1];
            r2 += a2 * m[m2 + t + 2];
            r3 += a3 * m[m2 + t + 3];
        }
        for (; t < n; t++) {
            double at = a[aOff + t];
            p0 += at * m[mOff + t];
            q0 += at * m[m1 + t];
            r0 += at * m[m2 + t];
        }
        z[zOff] = b[bOff] + ((p0 + p1) + (p2 + p3));
        z[zOff + 1] = b[bOff + 1] + ((q0 + q1) + (q2 + q3));
        z[zOff + 2] = b[bOff + 2] + ((r0 + r1) + (r2 + r3));
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

    /** db = Σ_rows D, row after row from zero (the order of {@link #backward}), reshaped to 1 × columns. */
    static void sumRows(DMatrixRMaj d, DMatrixRMaj db) {
        if (!Simd.ENABLED) {
            plainSumRows(d, db);
            return;
        }
        db.reshape(1, d.numCols);
        VectorProducts.sumRows(db.data, d.numCols, d.numRows, d.data);
    }

    /** {@link #sumRows} with the plain loop. */
    static void plainSumRows(DMatrixRMaj d, DMatrixRMaj db) {
        int out = d.numCols;
        db.reshape(1, out);
        db.zero();
        for (int k = 0; k < d.numRows; k++) {
            axpy(1.0, d.data, k * out, db.data, 0, out);
        }
    }

    static void requireSize(String method, int found, int expected) {
        if (found != expected) {
            throw new IllegalArgumentException("Products." + method + ": expected inner dimensions to agree, got "
                    + found + " and " + expected);
        }
    }

    static void requireRows(int found, int expected) {
        if (found != expected) {
            throw new IllegalArgumentException("Products.backward: expected one gradient row per input row, got "
                    + found + " and " + expected);
        }
    }
}
