package nnfs.math;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

/**
 * The products through OpenBLAS's {@code cblas_dgemm} (JavaCPP's binding, whose jar carries the native library).
 *
 * <p>OpenBLAS reads and writes the layer's own arrays, lent to it for the length of each call by
 * {@link CriticalBlas}: nothing is copied. Where that small native library is missing (a build without a C compiler),
 * the matrices are copied, as far as they are used, into native buffers that this object keeps (grown only when a
 * larger batch comes), and only the results are copied back: on these sizes the copies cost about a third of the
 * product's time. Either way the bias and db are added and summed in Java, in the same order as the Java kernels.
 */
final class OpenBlasProducts implements DenseProducts {

    // Only for the copying fallback.
    private DoublePointer xBuffer = new DoublePointer();
    private DoublePointer wBuffer = new DoublePointer();
    private DoublePointer dBuffer = new DoublePointer();
    private DoublePointer outBuffer = new DoublePointer();
    private DoublePointer dxBuffer = new DoublePointer();

    /** Loads the native library and checks one small product; returns null when OpenBLAS works, else why not. */
    static String load() {
        try {
            Loader.load(openblas_nolapack.class);
            double[] a = {1, 2, 3, 4};
            double[] c = new double[4];
            try (DoublePointer pa = new DoublePointer(a); DoublePointer pc = new DoublePointer(4)) {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, 2, 2, 2, 1.0, pa, 2, pa, 2, 0.0, pc, 2);
                pc.get(c);
            }
            // [1 2; 3 4] · [1 2; 3 4]ᵀ = [5 11; 11 25]
            if (c[0] != 5 || c[1] != 11 || c[2] != 11 || c[3] != 25) {
                return "a test product gave wrong numbers";
            }
            return null;
        } catch (Throwable e) {
            // UnsatisfiedLinkError (no native code for this platform), NoClassDefFoundError (jar missing), …
            return e.toString();
        }
    }

    /** The library's own version line, e.g. "OpenBLAS 0.3.28". */
    static String version() {
        return openblas_nolapack.OPENBLAS_VERSION.trim();
    }

    /** True when OpenBLAS works on the Java arrays themselves; false when the calls copy them. */
    static boolean zeroCopy() {
        return CriticalBlas.FAILURE == null;
    }

    @Override
    public void forward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj z) {
        int batch = x.numRows;
        int in = w.numRows;
        int out = w.numCols;
        Products.requireSize("forward", x.numCols, in);
        z.reshape(batch, out);
        if (zeroCopy()) {
            CriticalBlas.dgemm(false, false, batch, out, in, x.data, in, w.data, out, 0.0, z.data, out);   // Z = X·W
        } else {
            xBuffer = copyIn(xBuffer, x.data, batch * in);
            wBuffer = copyIn(wBuffer, w.data, in * out);
            outBuffer = capacity(outBuffer, batch * out);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, batch, out, in, 1.0, xBuffer, in, wBuffer, out, 0.0,
                    outBuffer, out);
            outBuffer.get(z.data, 0, batch * out);
        }
        Elementwise.addToEveryRow(z.data, batch, out, b.data);                                         // Z += b
    }

    @Override
    public void backward(DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w, DMatrixRMaj dw, DMatrixRMaj db,
            DMatrixRMaj dx) {
        int batch = x.numRows;
        int in = w.numRows;
        int out = w.numCols;
        Products.requireSize("backward", x.numCols, in);
        Products.requireSize("backward", d.numCols, out);
        Products.requireRows(d.numRows, batch);
        dw.reshape(in, out);
        db.reshape(1, out);
        Products.sumRows(d, db);
        if (dx != null) {
            dx.reshape(batch, in);
        }
        if (zeroCopy()) {
            CriticalBlas.dgemm(true, false, in, out, batch, x.data, in, d.data, out, 0.0, dw.data, out);  // dW = Xᵀ·D
            if (dx != null) {
                CriticalBlas.dgemm(false, true, batch, in, out, d.data, out, w.data, out, 0.0, dx.data, in); // dX = D·Wᵀ
            }
            return;
        }
        xBuffer = copyIn(xBuffer, x.data, batch * in);
        dBuffer = copyIn(dBuffer, d.data, batch * out);
        outBuffer = capacity(outBuffer, in * out);
        // dW = Xᵀ · D
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, in, out, batch, 1.0, xBuffer, in, dBuffer, out, 0.0,
                outBuffer, out);
        outBuffer.get(dw.data, 0, in * out);
        if (dx != null) {
            // dX = D · Wᵀ
            wBuffer = copyIn(wBuffer, w.data, in * out);
            dxBuffer = capacity(dxBuffer, batch * in);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, in, out, 1.0, dBuffer, out, wBuffer, out, 0.0,
                    dxBuffer, in);
            dxBuffer.get(dx.data, 0, batch * in);
        }
    }

    @Override
    public String name() {
        return "OpenBLAS";
    }

    private static DoublePointer copyIn(DoublePointer buffer, double[] data, int n) {
        DoublePointer b = capacity(buffer, n);
        b.put(data, 0, n);
        return b;
    }

    /** The buffer, or a new one when it holds fewer than n doubles (the old one is freed). */
    private static DoublePointer capacity(DoublePointer buffer, int n) {
        if (buffer.capacity() >= n) {
            return buffer;
        }
        buffer.close();
        return new DoublePointer((long) n);
    }
}
