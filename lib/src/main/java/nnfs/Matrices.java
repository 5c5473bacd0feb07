package nnfs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

/**
 * Small helpers around EJML's {@link DMatrixRMaj}: building matrices from literals, printing them the way NumPy does,
 * and the row-wise reductions the course uses (argmax, row slices).
 *
 * <p>A {@code DMatrixRMaj} is a dense matrix of doubles stored row by row, like a C-ordered 2-d NumPy array: element
 * (i, j) lives at {@code data[i * numCols + j]}.
 */
public final class Matrices {

    private Matrices() {
    }

    /** A matrix from its rows, like {@code np.array([[...], [...]])}. Every row must have the same length. */
    public static DMatrixRMaj of(double[]... rows) {
        if (rows.length == 0) {
            return new DMatrixRMaj(0, 0);
        }
        int cols = rows[0].length;
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Matrices.of: expected every row to have " + cols
                        + " values like row 0, got " + rows[i].length + " in row " + i);
            }
        }
        return new DMatrixRMaj(rows);
    }

    /** A 1 × n matrix (a row vector), like {@code np.array([[...]])}. */
    public static DMatrixRMaj row(double... values) {
        return new DMatrixRMaj(1, values.length, true, values.clone());
    }

    /** An n × 1 matrix (a column vector), like {@code np.array([...]).reshape(-1, 1)}. */
    public static DMatrixRMaj column(double... values) {
        return new DMatrixRMaj(values.length, 1, true, values.clone());
    }

    /** The index of the largest value in each row, like {@code np.argmax(m, axis=1)}; the first one wins a tie. */
    public static int[] argmaxRows(DMatrixRMaj m) {
        int[] indices = new int[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            indices[i] = argmaxRow(m, i);
        }
        return indices;
    }

    /** The column of the largest value in row {@code i} of {@code m}, the first one on a tie (as {@link #argmaxRows}). */
    public static int argmaxRow(DMatrixRMaj m, int i) {
        int offset = i * m.numCols;
        int best = 0;
        for (int j = 1; j < m.numCols; j++) {
            if (m.data[offset + j] > m.data[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) as a new matrix, like {@code m[from:to]}. */
    public static DMatrixRMaj rows(DMatrixRMaj m, int from, int to) {
        if (from < 0 || to > m.numRows || from > to) {
            throw new IllegalArgumentException("Matrices.rows: expected 0 <= from <= to <= " + m.numRows
                    + ", got from=" + from + ", to=" + to);
        }
        DMatrixRMaj slice = new DMatrixRMaj(to - from, m.numCols);
        System.arraycopy(m.data, from * m.numCols, slice.data, 0, (to - from) * m.numCols);
        return slice;
    }

    /** Column {@code j} as an array. */
    public static double[] column(DMatrixRMaj m, int j) {
        if (j < 0 || j >= m.numCols) {
            throw new IllegalArgumentException("Matrices.column: expected a column in [0, " + m.numCols
                    + "), got " + j);
        }
        double[] values = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            values[i] = m.data[i * m.numCols + j];
        }
        return values;
    }

    /** The matrix's elements in row order, as a new array of exactly rows × cols values. */
    public static double[] values(DMatrixRMaj m) {
        return Arrays.copyOf(m.data, m.getNumElements());
    }

    /** The largest |a − b| over the elements of two matrices of the same shape. */
    public static double maxAbsDifference(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException("Matrices.maxAbsDifference: expected two matrices of the same shape, got "
                    + shape(a) + " and " + shape(b));
        }
        double max = 0.0;
        for (int k = 0; k < a.getNumElements(); k++) {
            max = Math.max(max, Math.abs(a.data[k] - b.data[k]));
        }
        return max;
    }

    /** The row and column at which a matrix first holds NaN or an infinity, or null when every value is finite. */
    public static int[] firstNonFinite(DMatrixRMaj m) {
        int size = m.getNumElements();
        for (int k = 0; k < size; k++) {
            if (!Double.isFinite(m.data[k])) {
                return new int[] {k / m.numCols, k % m.numCols};
            }
        }
        return null;
    }

    /** "(rows×cols)": how shapes appear in messages and in {@code toString()}. */
    public static String shape(DMatrixRMaj m) {
        return "(" + m.numRows + "×" + m.numCols + ")";
    }

    /**
     * The matrix printed as NumPy prints an array: rows in brackets, columns aligned on the decimal point, at most
     * eight decimals, and scientific notation when the magnitudes call for it.
     */
    public static String format(DMatrixRMaj m) {
        int size = m.getNumElements();
        if (size == 0) {
            return "[]";
        }
        boolean scientific = false;
        double maxAbs = 0.0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int k = 0; k < size; k++) {
            double a = Math.abs(m.data[k]);
            if (Double.isFinite(a)) {
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minAbs = Math.min(minAbs, a);
                }
            }
        }
        // NumPy's rule: scientific when the largest magnitude reaches 1e8, the smallest non-zero one is below 1e-4,
        // or they are more than three orders of magnitude apart.
        if (maxAbs >= 1e8 || (minAbs != Double.POSITIVE_INFINITY && (minAbs < 1e-4 || maxAbs / minAbs > 1e3))) {
            scientific = true;
        }
        String[] text = new String[size];
        int intWidth = 0;
        int fracWidth = 0;
        for (int k = 0; k < size; k++) {
            text[k] = scientific ? String.format("%.8e", m.data[k]) : plain(m.data[k]);
            int dot = text[k].indexOf('.');
            int intPart = dot < 0 ? text[k].length() : dot;
            int fracPart = dot < 0 ? 0 : text[k].length() - dot;
            intWidth = Math.max(intWidth, intPart);
            fracWidth = Math.max(fracWidth, fracPart);
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < m.numRows; i++) {
            out.append(i == 0 ? "[" : "\n [");
            for (int j = 0; j < m.numCols; j++) {
                String t = text[i * m.numCols + j];
                int dot = t.indexOf('.');
                int intPart = dot < 0 ? t.length() : dot;
                int fracPart = dot < 0 ? 0 : t.length() - dot;
                out.append(" ".repeat(intWidth - intPart + (j == 0 ? 0 : 1))).append(t)
                        .append(" ".repeat(fracWidth - fracPart));
            }
            out.append("]");
        }
        return out.append("]").toString();
    }

    private static String plain(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
        }
        BigDecimal d = new BigDecimal(v).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        String s = d.scale() <= 0 ? d.setScale(0).toPlainString() + "." : d.toPlainString();
        return (v == 0.0 && 1.0 / v < 0) ? "-" + s : s;
    }
}
