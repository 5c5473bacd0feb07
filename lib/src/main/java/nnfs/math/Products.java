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
     * One line saying which code computes the dense layers' products, e.g. "OpenBLAS 0.3.28 for dense layers of at
     * least 128 inputs and 128 neurons, Java kernels for the others" or "Java kernels (nnfs.products=java)".
     */
    public static String backend() {
        if (!fastPathEnabled()) {
            return "Java kernels for every dense layer (" + PROPERTY + "=" + System.getProperty(PROPERTY) + ")";
        }
        if (Native.FAILURE != null) {
            return "Java kernels for every dense layer (OpenBLAS could not be loaded: " + Native.FAILURE + ")";
        }
        return Native.VERSION + " for dense layers of at least " + LARGE + " inputs and " + LARGE
                + " neurons, Java kernels for the others";
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
     * buffer shaped like Wᵀ. The outputs are reshaped to fit and must not be inputs. With {@code dx} null, dX is not
     * computed (dW and db come out the same).
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
        db.reshape(1, out);
        if (inputGradient) {
            dx.reshape(batch, in);
        }
        (wide ? dwT : dw).zero();
        db.zero();
        double[] xd = x.data;
        double[] dd = d.data;
        double[] dxd = inputGradient ? dx.data : null;
        for (int k = 0; k < batch; k++) {
            int xRow = k * in;
            int dRow = k * out;
            axpy(1.0, dd, dRow, db.data, 0, out);                          // db += d_k
            if (wide) {
                if (inputGradient) {
                    Arrays.fill(dxd, xRow, xRow + in, 0.0);
                }
                for (int j = 0; j < out; j++) {
                    double dkj = dd[dRow + j];
                    if (dkj != 0.0) {
                        axpy(dkj, xd, xRow, dwT.data, j * in, in);         // dWᵀ_j += d_kj · x_k
                        if (inputGradient) {
                            axpy(dkj, wT.data, j * in, dxd, xRow, in);      // dx_k += d_kj · Wᵀ_j
                        }
                    }
                }
            } else {
                for (int i = 0; i < in; i++) {
                    double xki = xd[xRow + i];
                    if (xki != 0.0) {                                        // ReLU outputs are often exactly zero
                        axpy(xki, dd, dRow, dw.data, i * out, out);          // dW_i += x_ki · d_k
                    }
                    if (inputGradient) {
                        dxd[xRow + i] = dot(dd, dRow, w.data, i * out, out);  // dx_ki = d_k · W_i
                    }
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

    /** db = Σ_rows D, row after row from zero (the order of {@link #backward}), reshaped to 1 × columns. */
    static void sumRows(DMatrixRMaj d, DMatrixRMaj db) {
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
