package nnfs.math;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;

/**
 * OpenBLAS's {@code cblas_dgemm} on Java arrays without copying them: a small JNI function ({@code src/main/c}, built
 * into the jar as {@code nnfs/math/native/libnnfsblas.so}) lends OpenBLAS the arrays themselves for the length of one
 * call ({@code GetPrimitiveArrayCritical}). JavaCPP's own bindings copy every array into native memory and back, which
 * on a layer of Fashion-MNIST's size costs as much as the product.
 *
 * <p>{@link #FAILURE} says why it is not available (no native library in the jar, another platform, OpenBLAS not
 * loaded); {@link OpenBlasProducts} then copies as before. Every index and length is checked here, before the native
 * call: a wrong one would otherwise write outside an array.
 */
final class CriticalBlas {

    /** Null when the zero-copy calls work; otherwise why not. */
    static final String FAILURE;
    private static final long DGEMM;

    static {
        long address = 0;
        String failure;
        try {
            failure = load();
            if (failure == null) {
                Pointer symbol = Loader.addressof("cblas_dgemm");
                address = symbol == null ? 0 : symbol.address();
                failure = address == 0 ? "cblas_dgemm not found among the loaded libraries" : null;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            failure = e.toString();
        }
        DGEMM = address;
        if (failure == null) {
            try {
                failure = selfTest();
            } catch (LinkageError e) {
                failure = e.toString();
            }
        }
        FAILURE = failure;
    }

    private CriticalBlas() {
    }

    /** Extracts the native library next to JavaCPP's (once per content) and loads it; null, or why it cannot. */
    private static String load() throws IOException {
        String platform = System.getProperty("os.name", "") + "-" + System.getProperty("os.arch", "");
        if (!platform.equals("Linux-amd64")) {
            return "no zero-copy library for " + platform;
        }
        Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);   // cblas_dgemm must be loaded first
        byte[] library;
        try (InputStream in = CriticalBlas.class.getResourceAsStream("native/libnnfsblas.so")) {
            if (in == null) {
                return "the jar has no native/libnnfsblas.so (it was built without a C compiler)";
            }
            library = in.readAllBytes();
        }
        Path file = cacheDirectory().resolve(digest(library)).resolve("libnnfsblas.so");
        if (!Files.isRegularFile(file) || Files.size(file) != library.length) {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "libnnfsblas", ".partial");
            Files.write(partial, library);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        System.load(file.toAbsolutePath().toString());
        return null;
    }

    /** $XDG_CACHE_HOME/nnfs/native or ~/.cache/nnfs/native (as the Fashion-MNIST download cache). */
    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("nnfs").resolve("native");
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** [1 2; 3 4] · [1 2; 3 4]ᵀ = [5 11; 11 25], through the array offsets too; null when right. */
    private static String selfTest() {
        double[] a = {9, 1, 2, 3, 4};
        double[] c = {7, 0, 0, 0, 0};
        dgemm0(DGEMM, false, true, 2, 2, 2, a, 1, 2, a, 1, 2, 0.0, c, 1, 2);
        return c[0] == 7 && c[1] == 5 && c[2] == 11 && c[3] == 11 && c[4] == 25 ? null
                : "a test product gave wrong numbers";
    }

    /**
     * C = op(A) · op(B) + beta · C for row-major matrices at offset 0 of their arrays: op(A) is m × k (A is k × m when
     * {@code transA}), op(B) is k × n, C is m × n, with leading dimensions (row lengths) lda, ldb, ldc.
     */
    static void dgemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int lda, double[] b, int ldb,
            double beta, double[] c, int ldc) {
        requireFits("A", a, transA ? k : m, transA ? m : k, lda);
        requireFits("B", b, transB ? n : k, transB ? k : n, ldb);
        requireFits("C", c, m, n, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        dgemm0(DGEMM, transA, transB, m, n, k, a, 0, lda, b, 0, ldb, beta, c, 0, ldc);
    }

    private static void requireFits(String name, double[] array, int rows, int cols, int leading) {
        if (rows < 0 || cols < 0 || leading < Math.max(1, cols)
                || rows > 0 && (long) (rows - 1) * leading + cols > array.length) {
            throw new IllegalArgumentException("CriticalBlas.dgemm: expected " + name + " to hold " + rows + " × " + cols
                    + " numbers with rows " + leading + " apart, got an array of " + array.length);
        }
    }

    private static native void dgemm0(long function, boolean transA, boolean transB, int m, int n, int k, double[] a,
            int aOffset, int lda, double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc);
}
