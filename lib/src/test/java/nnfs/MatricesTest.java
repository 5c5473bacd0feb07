package nnfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class MatricesTest {

    @Test
    void formatsLikeNumpy() {
        // NumPy: print(np.array([[4.8, 1.21, 2.385], [8.9, -1.81, 0.2]]))
        assertEquals("[[ 4.8    1.21   2.385]\n [ 8.9   -1.81   0.2  ]]",
                Matrices.format(Matrices.of(new double[] {4.8, 1.21, 2.385}, new double[] {8.9, -1.81, 0.2})));
        assertEquals("[[0.  2.  0.  3.3]]", Matrices.format(Matrices.row(0, 2, 0, 3.3)));
        assertEquals("[[1.00000000e-05 1.00000000e+00]]", Matrices.format(Matrices.row(1e-5, 1)));
        assertEquals("[[0.89528266 0.02470831 0.08000903]]",
                Matrices.format(Matrices.row(0.8952826639572619, 0.02470830678209937, 0.0800090292606387)));
    }

    @Test
    void argmaxTakesTheFirstOfEqualValues() {
        assertArrayEquals(new int[] {1, 0}, Matrices.argmaxRows(Matrices.of(new double[] {0, 2, 2},
                new double[] {5, 5, 1})));
    }

    @Test
    void raggedRowsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Matrices.of(new double[] {1, 2}, new double[] {3}));
        assertEquals("Matrices.of: expected every row to have 2 values like row 0, got 1 in row 1", e.getMessage());
    }

    @Test
    void maxAbsDifference() {
        assertEquals(0.5, Matrices.maxAbsDifference(Matrices.row(1, 2), Matrices.row(1.5, 2)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Matrices.maxAbsDifference(Matrices.row(1, 2), Matrices.column(1, 2)));
        assertEquals("Matrices.maxAbsDifference: expected two matrices of the same shape, got (1×2) and (2×1)",
                e.getMessage());
    }

    @Test
    void rowsCopiesASlice() {
        DMatrixRMaj m = Matrices.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
        DMatrixRMaj slice = Matrices.rows(m, 1, 3);
        assertArrayEquals(new double[] {3, 4, 5, 6}, Matrices.values(slice));
        slice.set(0, 0, 99);
        assertEquals(3.0, m.get(1, 0));
    }
}
