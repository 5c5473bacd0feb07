package nnfs.math;

import java.util.Arrays;
import java.util.Locale;

/**
 * Whether the Java kernels use SIMD instructions, through the JDK's vector API ({@link VectorProducts},
 * {@link VectorElementwise}). They do when the JVM was started with the incubator module
 * ({@code --add-modules jdk.incubator.vector}: the course's kernel, the tests and the benchmark are), the processor has
 * vectors of at least four doubles, and the system property {@value #PROPERTY} is not {@code off}. Otherwise the plain
 * loops run, which give the same numbers, only more slowly: {@code KernelBitsTest} checks both.
 */
public final class Simd {

    /** The system property that can turn SIMD off: {@code auto} (the default) or {@code off}. */
    public static final String PROPERTY = "nnfs.simd";

    /** True when the vector kernels are in use. */
    public static final boolean ENABLED;
    /** Why not, when they are not; or the vector width when they are. */
    private static final String STATE;

    static {
        String value = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        boolean enabled = false;
        String state;
        if (value.equals("off")) {
            state = "off (" + PROPERTY + "=off)";
        } else if (!value.equals("auto")) {
            throw new IllegalArgumentException("Simd: expected the system property " + PROPERTY
                    + " to be \"auto\" or \"off\", got \"" + value + "\"");
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            state = "off (start Java with --add-modules jdk.incubator.vector to use it)";
        } else {
            String found;
            try {
                found = probe();
            } catch (LinkageError | RuntimeException e) {
                found = "off (the vector API failed: " + e + ")";
            }
            enabled = !found.startsWith("off");
            state = found;
        }
        ENABLED = enabled;
        STATE = state;
    }

    private Simd() {
    }

    /** Loads the vector kernels and checks one small product against the plain loop. */
    private static String probe() {
        int lanes = VectorElementwise.hardwareLanes();
        if (lanes < 4) {
            return "off (the processor's vectors hold " + lanes + " doubles; the kernels use 4)";
        }
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] w = {0.5, -1, 0.25, 2, -3, 0.125, 4, 1, -0.5, 3, 1.5, -2, 2.5, 0.75, -1.25, 1, 0.5, -4, 2, 3};
        double[] z = new double[2 * 10];
        double[] plain = new double[2 * 10];
        // Two samples of five inputs each, times a 5 × 4 weight matrix (wide: rows of W, length 4), and both products
        // of the backward pass's dots.
        VectorProducts.rowsTimesRows(z, 4, 2, null, x, 5, 5, w, 4);
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < 4; t++) {
                double v = 0;
                for (int g = 0; g < 5; g++) {
                    v += x[k * 5 + g] * w[g * 4 + t];
                }
                plain[k * 4 + t] = v;
            }
        }
        if (!Arrays.equals(Arrays.copyOf(z, 8), Arrays.copyOf(plain, 8))) {
            return "off (a test product gave other numbers than the plain loop)";
        }
        return "on, 4 doubles per vector";
    }

    /** "on, 8 doubles per vector", or "off (...)" saying why. */
    public static String state() {
        return STATE;
    }
}
