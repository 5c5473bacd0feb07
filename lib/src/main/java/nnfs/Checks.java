package nnfs;

import org.ejml.data.DMatrixRMaj;

/**
 * The argument checks every layer, loss and optimizer makes at its boundary. Each message names who complained, what
 * was expected and what was found, e.g. {@code Dense(784→128).forward: expected 784 input columns, got 28}.
 */
public final class Checks {

    private Checks() {
    }

    /** Fails unless {@code m} has {@code expected} columns. */
    public static void requireColumns(Object who, String method, DMatrixRMaj m, int expected, String what) {
        requireNonNull(who, method, m, what);
        if (m.numCols != expected) {
            throw new IllegalArgumentException(who + "." + method + ": expected " + expected + " " + what
                    + " columns, got " + m.numCols + " (a " + Matrices.shape(m) + " matrix)");
        }
    }

    /** Fails unless {@code m} has exactly the given shape. */
    public static void requireShape(Object who, String method, DMatrixRMaj m, int rows, int cols, String what) {
        requireNonNull(who, method, m, what);
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(who + "." + method + ": expected " + what + " of shape (" + rows + "×"
                    + cols + "), got " + Matrices.shape(m));
        }
    }

    /** Fails when {@code m} has no rows: a batch must hold at least one sample. */
    public static void requireRows(Object who, String method, DMatrixRMaj m, String what) {
        requireNonNull(who, method, m, what);
        if (m.numRows == 0) {
            throw new IllegalArgumentException(who + "." + method + ": expected " + what
                    + " with at least one row (sample), got an empty " + Matrices.shape(m) + " matrix");
        }
    }

    /** Fails when {@code m} holds NaN or an infinity, naming the first such element. */
    public static void requireFinite(Object who, String method, DMatrixRMaj m, String what) {
        int[] at = Matrices.firstNonFinite(m);
        if (at != null) {
            throw new IllegalArgumentException(who + "." + method + ": expected finite " + what + ", got "
                    + m.get(at[0], at[1]) + " at row " + at[0] + ", column " + at[1]);
        }
    }

    /** Fails when a matrix argument is missing. */
    public static void requireNonNull(Object who, String method, Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(who + "." + method + ": expected " + what + ", got null");
        }
    }

    /** Fails unless {@code value > 0} (and is a number). */
    public static double requirePositive(String who, String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": expected " + name + " > 0, got " + value);
        }
        return value;
    }

    /** Fails unless {@code value >= 0} (and is a number). */
    public static double requireNonNegative(String who, String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(who + ": expected " + name + " >= 0, got " + value);
        }
        return value;
    }

    /** Fails unless {@code 0 <= value < 1}. */
    public static double requireFraction(String who, String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(who + ": expected " + name + " in [0, 1), got " + value);
        }
        return value;
    }

    /** Fails unless {@code n >= 1}. */
    public static int requireAtLeastOne(String who, String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(who + ": expected " + name + " >= 1, got " + n);
        }
        return n;
    }
}
