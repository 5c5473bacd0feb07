package nnfs.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element-wise loops of {@link Elementwise} with SIMD instructions: each lane is one element, computed with the
 * same IEEE operations as the plain loop, so the numbers are the same. Only {@link Simd} decides to use this class.
 */
final class VectorElementwise {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorElementwise() {
    }

    static int lanes() {
        return L;
    }

    /** y = max(0, x), as {@code Math.max(0.0, x)} (NaN stays NaN, −0 becomes 0). */
    static void relu(double[] x, double[] y, int n) {
        relu(x, y, 0, n);
    }

    private static void relu(double[] x, double[] y, int k0, int n) {
        DoubleVector zero = DoubleVector.zero(S);
        int k = k0;
        for (; k + L <= n; k += L) {
            DoubleVector.fromArray(S, x, k).max(zero).intoArray(y, k);
        }
        for (; k < n; k++) {
            y[k] = Math.max(0.0, x[k]);
        }
    }

    /** dx = dy where x &gt; 0, else 0. */
    static void reluGradient(double[] x, double[] dy, double[] dx, int n) {
        reluGradient(x, dy, dx, 0, n);
    }

    private static void reluGradient(double[] x, double[] dy, double[] dx, int k0, int n) {
        DoubleVector zero = DoubleVector.zero(S);
        int k = k0;
        for (; k + L <= n; k += L) {
            VectorMask<Double> positive = DoubleVector.fromArray(S, x, k).compare(VectorOperators.GT, 0.0);
            zero.blend(DoubleVector.fromArray(S, dy, k), positive).intoArray(dx, k);
        }
        for (; k < n; k++) {
            dx[k] = x[k] > 0.0 ? dy[k] : 0.0;
        }
    }

    static void addToEveryRow(double[] z, int rows, int cols, double[] b) {
        for (int k = 0; k < rows; k++) {
            int row = k * cols;
            int j = 0;
            for (; j + L <= cols; j += L) {
                DoubleVector.fromArray(S, z, row + j).add(DoubleVector.fromArray(S, b, j)).intoArray(z, row + j);
            }
            for (; j < cols; j++) {
                z[row + j] += b[j];
            }
        }
    }
}
