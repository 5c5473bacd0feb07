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

    /** The same width as {@link VectorProducts#S}, for the same reason. */
    private static final VectorSpecies<Double> S = VectorProducts.S;
    private static final int L = S.length();

    private VectorElementwise() {
    }

    /** The widest vector the processor has, in doubles (the kernels need four). */
    static int hardwareLanes() {
        return DoubleVector.SPECIES_PREFERRED.length();
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

    static void sgdStep(double[] theta, double[] g, int n, double lr) {
        double step = -lr;
        int k = 0;
        for (; k + L <= n; k += L) {
            DoubleVector t = DoubleVector.fromArray(S, theta, k);
            t.add(DoubleVector.fromArray(S, g, k).mul(step)).intoArray(theta, k);
        }
        for (; k < n; k++) {
            theta[k] += -lr * g[k];
        }
    }

    static void momentumStep(double[] theta, double[] g, double[] v, int n, double lr, double momentum) {
        int k = 0;
        for (; k + L <= n; k += L) {
            DoubleVector vk = DoubleVector.fromArray(S, v, k).mul(momentum)
                    .sub(DoubleVector.fromArray(S, g, k).mul(lr));
            vk.intoArray(v, k);
            DoubleVector.fromArray(S, theta, k).add(vk).intoArray(theta, k);
        }
        for (; k < n; k++) {
            v[k] = momentum * v[k] - lr * g[k];
            theta[k] += v[k];
        }
    }

    static void adagradStep(double[] theta, double[] g, double[] c, int n, double lr, double epsilon) {
        double step = -lr;
        int k = 0;
        for (; k + L <= n; k += L) {
            DoubleVector gk = DoubleVector.fromArray(S, g, k);
            DoubleVector ck = DoubleVector.fromArray(S, c, k).add(gk.mul(gk));
            ck.intoArray(c, k);
            DoubleVector update = gk.mul(step).div(ck.sqrt().add(epsilon));
            DoubleVector.fromArray(S, theta, k).add(update).intoArray(theta, k);
        }
        for (; k < n; k++) {
            c[k] += g[k] * g[k];
            theta[k] += -lr * g[k] / (Math.sqrt(c[k]) + epsilon);
        }
    }

    static void rmspropStep(double[] theta, double[] g, double[] c, int n, double lr, double rho, double epsilon) {
        double step = -lr;
        double keep = 1 - rho;
        int k = 0;
        for (; k + L <= n; k += L) {
            DoubleVector gk = DoubleVector.fromArray(S, g, k);
            DoubleVector ck = DoubleVector.fromArray(S, c, k).mul(rho).add(gk.mul(gk).mul(keep));
            ck.intoArray(c, k);
            DoubleVector update = gk.mul(step).div(ck.sqrt().add(epsilon));
            DoubleVector.fromArray(S, theta, k).add(update).intoArray(theta, k);
        }
        for (; k < n; k++) {
            c[k] = rho * c[k] + (1 - rho) * (g[k] * g[k]);
            theta[k] += -lr * g[k] / (Math.sqrt(c[k]) + epsilon);
        }
    }

    static void adamStep(double[] theta, double[] g, double[] m, double[] c, int n, double lr, double beta1,
            double beta2, double correction1, double correction2, double epsilon) {
        DoubleVector step = DoubleVector.broadcast(S, -lr);
        DoubleVector b1 = DoubleVector.broadcast(S, beta1);
        DoubleVector b2 = DoubleVector.broadcast(S, beta2);
        DoubleVector keep1 = DoubleVector.broadcast(S, 1 - beta1);
        DoubleVector keep2 = DoubleVector.broadcast(S, 1 - beta2);
        DoubleVector k1 = DoubleVector.broadcast(S, correction1);
        DoubleVector k2 = DoubleVector.broadcast(S, correction2);
        DoubleVector eps = DoubleVector.broadcast(S, epsilon);
        int k = 0;
        for (; k + L <= n; k += L) {
            DoubleVector gk = DoubleVector.fromArray(S, g, k);
            DoubleVector mk = DoubleVector.fromArray(S, m, k).mul(b1).add(gk.mul(keep1));
            DoubleVector ck = DoubleVector.fromArray(S, c, k).mul(b2).add(gk.mul(gk).mul(keep2));
            mk.intoArray(m, k);
            ck.intoArray(c, k);
            DoubleVector root = ck.div(k2).lanewise(VectorOperators.SQRT);
            DoubleVector update = mk.div(k1).mul(step).div(root.add(eps));
            DoubleVector.fromArray(S, theta, k).add(update).intoArray(theta, k);
        }
        for (; k < n; k++) {
            m[k] = beta1 * m[k] + (1 - beta1) * g[k];
            c[k] = beta2 * c[k] + (1 - beta2) * (g[k] * g[k]);
            double mHat = m[k] / correction1;
            double cHat = c[k] / correction2;
            theta[k] += -lr * mHat / (Math.sqrt(cHat) + epsilon);
        }
    }
}
