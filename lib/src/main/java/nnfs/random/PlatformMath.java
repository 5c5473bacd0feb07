package nnfs.random;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * {@code log}, {@code exp}, {@code sin} and {@code cos} from the platform's C math library, the same functions NumPy
 * calls.
 *
 * <p>Java's {@link Math#log} and the C library's {@code log} are both accurate to within one unit in the last place,
 * but they do not always round the same way: on this project's machine about one Gaussian draw in three thousand would
 * differ in its last bit. To reproduce NumPy's random streams bit for bit, {@link NumpyRandom} and the datasets call the
 * C functions through JNA. Where the native library cannot be loaded, the functions fall back to {@link Math}; every
 * number is then still correct to the last place, only not always identical to NumPy's.
 */
public final class PlatformMath {

    private static final boolean NATIVE = bind();

    private PlatformMath() {
    }

    private static boolean bind() {
        try {
            Native.register(CMath.class, Platform.MATH_LIBRARY_NAME);
            return CMath.log(1.0) == 0.0;
        } catch (Throwable e) {
            // UnsatisfiedLinkError, NoClassDefFoundError, SecurityException: any failure means "use Math".
            return false;
        }
    }

    /** True when the C math library is in use, false when the {@link Math} fallback is. */
    public static boolean isNative() {
        return NATIVE;
    }

    public static double log(double x) {
        return NATIVE ? CMath.log(x) : Math.log(x);
    }

    public static double exp(double x) {
        return NATIVE ? CMath.exp(x) : Math.exp(x);
    }

    public static double sin(double x) {
        return NATIVE ? CMath.sin(x) : Math.sin(x);
    }

    public static double cos(double x) {
        return NATIVE ? CMath.cos(x) : Math.cos(x);
    }

    /** JNA direct mapping: each native method binds to the C function of the same name. */
    private static final class CMath {
        static native double log(double x);

        static native double exp(double x);

        static native double sin(double x);

        static native double cos(double x);
    }
}
