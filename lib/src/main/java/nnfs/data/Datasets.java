package nnfs.data;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.random.NumpyRandom;
import nnfs.random.PlatformMath;

/**
 * The book's toy datasets, computed with the same formulas and the same random draws as the {@code nnfs} Python
 * package, so that the same seed gives the same points.
 */
public final class Datasets {

    private Datasets() {
    }

    /** {@link #spiral(int, int, NumpyRandom)} drawing from {@link NumpyRandom#global()}. */
    public static Dataset spiral(int samples, int classes) {
        return spiral(samples, classes, NumpyRandom.global());
    }

    /**
     * Interleaved spiral arms, one per class, {@code samples} points each: the classic data that no straight line can
     * separate. For class c and point i:
     *
     * <pre>
     * r = i / (samples − 1)                                       radius from 0 to 1
     * t = 4c + 4·i / (samples − 1) + 0.2 · randn()                angle, with noise
     * x = (r · sin(2.5 t), r · cos(2.5 t))
     * </pre>
     */
    public static Dataset spiral(int samples, int classes, NumpyRandom random) {
        check("spiral", samples, classes, random);
        DMatrixRMaj X = new DMatrixRMaj(samples * classes, 2);
        int[] y = new int[samples * classes];
        double[] r = linspace(0.0, 1.0, samples);
        for (int c = 0; c < classes; c++) {
            double[] t = linspace(c * 4.0, (c + 1) * 4.0, samples);
            double[] noise = random.randn(samples);
            for (int i = 0; i < samples; i++) {
                double angle = (t[i] + noise[i] * 0.2) * 2.5;
                int row = c * samples + i;
                X.set(row, 0, r[i] * PlatformMath.sin(angle));
                X.set(row, 1, r[i] * PlatformMath.cos(angle));
                y[row] = c;
            }
        }
        return Dataset.of(X, y);
    }

    /** {@link #vertical(int, int, NumpyRandom)} drawing from {@link NumpyRandom#global()}. */
    public static Dataset vertical(int samples, int classes) {
        return vertical(samples, classes, NumpyRandom.global());
    }

    /**
     * Vertical blobs, one per class, that a straight line can separate: for class c,
     * {@code x = (0.1·randn() + c/3, 0.1·randn() + 0.5)}. All the x-noise of a class is drawn before its y-noise.
     */
    public static Dataset vertical(int samples, int classes, NumpyRandom random) {
        check("vertical", samples, classes, random);
        DMatrixRMaj X = new DMatrixRMaj(samples * classes, 2);
        int[] y = new int[samples * classes];
        for (int c = 0; c < classes; c++) {
            double[] dx = random.randn(samples);
            double[] dy = random.randn(samples);
            for (int i = 0; i < samples; i++) {
                int row = c * samples + i;
                X.set(row, 0, dx[i] * 0.1 + c / 3.0);
                X.set(row, 1, dy[i] * 0.1 + 0.5);
                y[row] = c;
            }
        }
        return Dataset.of(X, y);
    }

    /** {@link #sine(int)} with the book's 1000 samples. */
    public static Dataset sine() {
        return sine(1000);
    }

    /**
     * One period of a sine wave for regression, no randomness: {@code x_i = i / samples} and
     * {@code y_i = sin(2π x_i)} for {@code i = 0 … samples−1}, both as one-column matrices.
     */
    public static Dataset sine(int samples) {
        Checks.requireAtLeastOne("Datasets.sine", "samples", samples);
        DMatrixRMaj X = new DMatrixRMaj(samples, 1);
        DMatrixRMaj y = new DMatrixRMaj(samples, 1);
        double twoPi = 2 * Math.PI;
        for (int i = 0; i < samples; i++) {
            double x = (double) i / samples;
            X.data[i] = x;
            y.data[i] = PlatformMath.sin(twoPi * x);
        }
        return Dataset.of(X, y);
    }

    /**
     * Shuffles the samples in place, keeping each with its target, as the book does with
     * {@code keys = np.array(range(n)); np.random.shuffle(keys); X = X[keys]; y = y[keys]}: the same seed gives the
     * same order as NumPy. Returns {@code data}. No second copy of the samples is made (Fashion-MNIST's training set
     * is 376 MB of doubles).
     */
    public static Dataset shuffle(Dataset data, NumpyRandom random) {
        Checks.requireNonNull("Datasets", "shuffle", data, "a data set");
        Checks.requireNonNull("Datasets", "shuffle", random, "a random generator");
        int n = data.size();
        int[] keys = random.permutation(n);
        // Row i of the result is row keys[i] of the original: follow each cycle of the permutation with one spare row.
        DMatrixRMaj X = data.X();
        int cols = X.numCols;
        double[] spare = new double[cols];
        boolean[] placed = new boolean[n];
        int[] labels = data.y() instanceof Targets.Classes c ? c.labels() : null;
        DMatrixRMaj targets = data.y() instanceof Targets.Values v ? v.matrix() : null;
        double[] spareTarget = targets == null ? null : new double[targets.numCols];
        for (int start = 0; start < n; start++) {
            if (placed[start]) {
                continue;
            }
            System.arraycopy(X.data, start * cols, spare, 0, cols);
            int spareLabel = labels == null ? 0 : labels[start];
            if (targets != null) {
                System.arraycopy(targets.data, start * targets.numCols, spareTarget, 0, targets.numCols);
            }
            int i = start;
            while (true) {
                placed[i] = true;
                int from = keys[i];
                if (from == start) {
                    System.arraycopy(spare, 0, X.data, i * cols, cols);
                    if (labels != null) {
                        labels[i] = spareLabel;
                    }
                    if (targets != null) {
                        System.arraycopy(spareTarget, 0, targets.data, i * targets.numCols, targets.numCols);
                    }
                    break;
                }
                System.arraycopy(X.data, from * cols, X.data, i * cols, cols);
                if (labels != null) {
                    labels[i] = labels[from];
                }
                if (targets != null) {
                    System.arraycopy(targets.data, from * targets.numCols, targets.data, i * targets.numCols,
                            targets.numCols);
                }
                i = from;
            }
        }
        return data;
    }

    /**
     * {@code n} evenly spaced values from {@code start} to {@code stop}, both included, computed as NumPy's
     * {@code linspace} does: {@code start + i·step} with {@code step = (stop − start)/(n − 1)}, and the last value set
     * to {@code stop} exactly.
     */
    public static double[] linspace(double start, double stop, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Datasets.linspace: expected n >= 0, got " + n);
        }
        double[] values = new double[n];
        if (n == 1) {
            values[0] = start;
            return values;
        }
        double delta = stop - start;
        double step = delta / (n - 1);
        for (int i = 0; i < n; i++) {
            values[i] = step == 0.0 ? (i / (double) (n - 1)) * delta + start : i * step + start;
        }
        if (n > 1) {
            values[n - 1] = stop;
        }
        return values;
    }

    private static void check(String name, int samples, int classes, NumpyRandom random) {
        Checks.requireAtLeastOne("Datasets." + name, "samples", samples);
        Checks.requireAtLeastOne("Datasets." + name, "classes", classes);
        Checks.requireNonNull("Datasets", name, random, "a random generator");
    }
}
