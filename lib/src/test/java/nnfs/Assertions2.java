package nnfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.ejml.data.DMatrixRMaj;

/** Matrix assertions with stated tolerances. */
public final class Assertions2 {

    private Assertions2() {
    }

    /** Same shape and every element within {@code tolerance} (absolute). */
    public static void assertMatrixEquals(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance) {
        assertEquals(expected.numRows, actual.numRows, "rows");
        assertEquals(expected.numCols, actual.numCols, "columns");
        for (int i = 0; i < expected.numRows; i++) {
            for (int j = 0; j < expected.numCols; j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                if (!(Math.abs(e - a) <= tolerance)) {
                    fail("element (" + i + ", " + j + "): expected " + e + ", got " + a + " (tolerance " + tolerance
                            + ")\nexpected:\n" + Matrices.format(expected) + "\nactual:\n" + Matrices.format(actual));
                }
            }
        }
    }

    /** Same shape and every element identical to the last bit. */
    public static void assertMatrixBitsEqual(DMatrixRMaj expected, DMatrixRMaj actual) {
        assertEquals(expected.numRows, actual.numRows, "rows");
        assertEquals(expected.numCols, actual.numCols, "columns");
        for (int k = 0; k < expected.getNumElements(); k++) {
            if (Double.doubleToLongBits(expected.data[k]) != Double.doubleToLongBits(actual.data[k])) {
                fail("element " + k + " (row " + k / expected.numCols + ", column " + k % expected.numCols
                        + "): expected " + expected.data[k] + ", got " + actual.data[k]);
            }
        }
    }

    /** Every element identical to the last bit. */
    public static void assertBitsEqual(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int k = 0; k < expected.length; k++) {
            if (Double.doubleToLongBits(expected[k]) != Double.doubleToLongBits(actual[k])) {
                fail("element " + k + ": expected " + expected[k] + ", got " + actual[k]);
            }
        }
    }
}
