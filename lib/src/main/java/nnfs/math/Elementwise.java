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

    // ---- the optimizers' updates, element by element (the formulas are in each optimizer's documentation) --------

    /** θ += −η · g (plain SGD). */
    public static void sgdStep(double[] theta, double[] g, int n, double lr) {
        if (Simd.ENABLED) {
            VectorElementwise.sgdStep(theta, g, n, lr);
            return;
        }
        for (int k = 0; k < n; k++) {
            theta[k] += -lr * g[k];
        }
    }

    /** v = μ·v − η·g; θ += v (SGD with momentum). */
    public static void momentumStep(double[] theta, double[] g, double[] v, int n, double lr, double momentum) {
        if (Simd.ENABLED) {
            VectorElementwise.momentumStep(theta, g, v, n, lr, momentum);
            return;
        }
        for (int k = 0; k < n; k++) {
            v[k] = momentum * v[k] - lr * g[k];
            theta[k] += v[k];
        }
    }

    /** c += g²; θ += −η · g / (√c + ε) (Adagrad). */
    public static void adagradStep(double[] theta, double[] g, double[] c, int n, double lr, double epsilon) {
        if (Simd.ENABLED) {
            VectorElementwise.adagradStep(theta, g, c, n, lr, epsilon);
            return;
        }
        for (int k = 0; k < n; k++) {
            c[k] += g[k] * g[k];
            theta[k] += -lr * g[k] / (Math.sqrt(c[k]) + epsilon);
        }
    }

    /** c = ρ·c + (1 − ρ)·g²; θ += −η · g / (√c + ε) (RMSprop). */
    public static void rmspropStep(double[] theta, double[] g, double[] c, int n, double lr, double rho,
            double epsilon) {
        if (Simd.ENABLED) {
            VectorElementwise.rmspropStep(theta, g, c, n, lr, rho, epsilon);
            return;
        }
        for (int k = 0; k < n; k++) {
            c[k] = rho * c[k] + (1 - rho) * (g[k] * g[k]);
            theta[k] += -lr * g[k] / (Math.sqrt(c[k]) + epsilon);
        }
    }

    /**
     * m = β₁·m + (1 − β₁)·g; c = β₂·c + (1 − β₂)·g²; θ += −η · (m / k₁) / (√(c / k₂) + ε), with the bias corrections
     * k₁ = 1 − β₁^t and k₂ = 1 − β₂^t (Adam).
     */
    public static void adamStep(double[] theta, double[] g, double[] m, double[] c, int n, double lr, double beta1,
            double beta2, double correction1, double correction2, double epsilon) {
        if (Simd.ENABLED) {
            VectorElementwise.adamStep(theta, g, m, c, n, lr, beta1, beta2, correction1, correction2, epsilon);
            return;
        }
        plainAdamStep(theta, g, m, c, n, lr, beta1, beta2, correction1, correction2, epsilon);
    }

    static void plainAdamStep(double[] theta, double[] g, double[] m, double[] c, int n, double lr, double beta1,
            double beta2, double correction1, double correction2, double epsilon) {
        for (int k = 0; k < n; k++) {
            m[k] = beta1 * m[k] + (1 - beta1) * g[k];
            c[k] = beta2 * c[k] + (1 - beta2) * (g[k] * g[k]);
            double mHat = m[k] / correction1;
            double cHat = c[k] / correction2;
            theta[k] += -lr * mHat / (Math.sqrt(cHat) + epsilon);
        }
    }
}
