package nnfs.math;

/**
 * Element-wise loops of the training step that the JIT compiler does not turn into SIMD instructions by itself. Each
 * is written here as the plain loop, the readable reference, and runs as {@link VectorElementwise} when
 * {@link Simd#ENABLED}: the same numbers either way.
 */
public final class Elementwise {

    private Elementwise() {
    }

    /** y[k] = max(0, x[k]) for k below n (ReLU's forward pass). */
    public static void relu(double[] x, double[] y, int n) {
        if (Simd.ENABLED) {
            VectorElementwise.relu(x, y, n);
        } else {
            plainRelu(x, y, n);
        }
    }

    static void plainRelu(double[] x, double[] y, int n) {
        for (int k = 0; k < n; k++) {
            y[k] = Math.max(0.0, x[k]);
        }
    }

    /** dx[k] = dy[k] where x[k] &gt; 0, else 0, for k below n (ReLU's backward pass). */
    public static void reluGradient(double[] x, double[] dy, double[] dx, int n) {
        if (Simd.ENABLED) {
            VectorElementwise.reluGradient(x, dy, dx, n);
        } else {
            plainReluGradient(x, dy, dx, n);
        }
    }

    static void plainReluGradient(double[] x, double[] dy, double[] dx, int n) {
        for (int k = 0; k < n; k++) {
            dx[k] = x[k] > 0.0 ? dy[k] : 0.0;
        }
    }

    /** z[k·cols + j] += b[j] for every row k below rows and column j below cols (a bias on every row of a batch). */
    public static void addToEveryRow(double[] z, int rows, int cols, double[] b) {
        if (Simd.ENABLED) {
            VectorElementwise.addToEveryRow(z, rows, cols, b);
        } else {
            plainAddToEveryRow(z, rows, cols, b);
        }
    }

    static void plainAddToEveryRow(double[] z, int rows, int cols, double[] b) {
        for (int k = 0; k < rows; k++) {
            int row = k * cols;
            for (int j = 0; j < cols; j++) {
                z[row + j] += b[j];
            }
        }
    }
}
