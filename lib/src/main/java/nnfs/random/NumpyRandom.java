package nnfs.random;

import org.ejml.data.DMatrixRMaj;

import nnfs.math.Simd;

/**
 * A random generator that reproduces NumPy's legacy global generator ({@code np.random.seed}, {@code randn},
 * {@code rand}, {@code shuffle}, {@code permutation}, {@code binomial}) bit for bit.
 *
 * <p>The book seeds NumPy with {@code nnfs.init()} (seed 0) and then draws its data and its initial weights from that
 * one stream. Passing one {@code NumpyRandom(0)} to the datasets and layers in the same order gives the same numbers
 * in Java.
 *
 * <p>Under the hood: the 32-bit Mersenne Twister MT19937, seeded the way NumPy's {@code RandomState.seed(int)} does
 * (Knuth's linear initialiser); doubles built from two 32-bit draws (53 random bits); Gaussians from the polar
 * Box–Muller method, which produces two values per accepted pair and keeps the second for the next call.
 *
 * <p>Not thread-safe: give each thread its own generator.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private static final NumpyRandom GLOBAL = new NumpyRandom(0);
    /** Whether the twister and the one-trial draws use {@link VectorDraws} (the same bits, several at a time). */
    private static final boolean SIMD = Simd.ENABLED;

    private final int[] state = new int[N];
    /** The outputs for the current state: state[k] tempered, computed for all 624 at once when the state is regenerated. */
    private final int[] tempered = new int[N];
    private int position;
    private boolean hasSpareGaussian;
    private double spareGaussian;
    private long seed;
    // The inversion sampler's constants for the last (n, p), as NumPy caches them; they are the same numbers either
    // way, but exp and log through the C library cost more than the draw itself.
    private int binomialN = -1;
    private double binomialP = Double.NaN;
    private double binomialQn;
    private long binomialBound;

    /** A generator in the state {@code np.random.seed(seed)} leaves NumPy's global generator in. */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /**
     * The process-wide generator that the convenience constructors (such as {@code new Dense(2, 3)}) draw from, like
     * the book's implicit use of NumPy's global state. It starts seeded with 0, as after {@code nnfs.init()}.
     * Notebooks and tests pass their own generator instead, so that a cell run twice gives the same numbers.
     */
    public static NumpyRandom global() {
        return GLOBAL;
    }

    /** Re-seeds this generator, exactly as {@code np.random.seed(seed)}. The seed must fit in 32 unsigned bits. */
    public void seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException(
                    "NumpyRandom.seed: expected a seed in [0, 2^32 - 1] as NumPy requires, got " + seed);
        }
        this.seed = seed;
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            // state[i] = 1812433253 * (state[i-1] ^ (state[i-1] >>> 30)) + i   (mod 2^32)
            int previous = state[i - 1];
            state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
        }
        position = N;
        hasSpareGaussian = false;
        spareGaussian = 0.0;
    }

    /** The next raw 32-bit output of the Mersenne Twister, as an unsigned value in a {@code long}. */
    public long nextUInt32() {
        return nextWord() & 0xffffffffL;
    }

    /** The next output as Java holds it: the 32 bits in an int. */
    private int nextWord() {
        if (position >= N) {
            regenerate();
        }
        return tempered[position++];
    }

    private void regenerate() {
        // -(y & 1) & MATRIX_A is MATRIX_A when y is odd and 0 when even, without a branch to mispredict.
        int[] mt = state;
        int k = 0;
        if (SIMD) {
            k = VectorDraws.twist(mt, k, N - M, M, UPPER_MASK, LOWER_MASK, MATRIX_A);
        }
        for (; k < N - M; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        if (SIMD) {
            k = VectorDraws.twist(mt, k, N - 1, M - N, UPPER_MASK, LOWER_MASK, MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
            mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        // Tempering, for all the outputs of this state in one loop that the JIT turns into SIMD instructions (each
        // output is drawn on its own: one word at a time, this took about half of a dropout mask's time).
        int[] out = tempered;
        for (int t = 0; t < N; t++) {
            int v = mt[t];
            v ^= (v >>> 11);
            v ^= (v << 7) & 0x9d2c5680;
            v ^= (v << 15) & 0xefc60000;
            v ^= (v >>> 18);
            out[t] = v;
        }
        position = 0;
    }

    /** A uniform double in [0, 1), as {@code np.random.rand()}: 27 + 26 random bits over 2^53. */
    public double rand() {
        int first = nextWord();
        int second = nextWord();
        return bits53(first, second) * 0x1.0p-53;
    }

    /**
     * The 53-bit integer m = a · 2^26 + b of which a draw in [0, 1) is m · 2^-53: a is the first word's top 27 bits and
     * b the second's top 26, as NumPy's random_double computes (a · 67108864.0 + b) / 9007199254740992.0 (both
     * exact: m < 2^53, and scaling by a power of two).
     */
    private static long bits53(int first, int second) {
        return ((long) (first >>> 5) << 26) | (second >>> 6);
    }

    /** A standard normal draw, as {@code np.random.randn()}. */
    public double randn() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * rand() - 1.0;
            x2 = 2.0 * rand() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        // Polar Box–Muller: f = sqrt(-2 ln(r²) / r²); both f·x1 and f·x2 are standard normal.
        double f = Math.sqrt(-2.0 * PlatformMath.log(r2) / r2);
        spareGaussian = f * x1;
        hasSpareGaussian = true;
        return f * x2;
    }

    /** {@code n} standard normal draws, as {@code np.random.randn(n)}. */
    public double[] randn(int n) {
        requireNonNegative("randn", n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = randn();
        }
        return values;
    }

    /** A rows × cols matrix of standard normal draws filled row by row, as {@code np.random.randn(rows, cols)}. */
    public DMatrixRMaj randn(int rows, int cols) {
        requireNonNegative("randn", rows);
        requireNonNegative("randn", cols);
        return new DMatrixRMaj(rows, cols, true, randn(rows * cols));
    }

    /** A rows × cols matrix of uniform draws in [0, 1), as {@code np.random.rand(rows, cols)}. */
    public DMatrixRMaj rand(int rows, int cols) {
        requireNonNegative("rand", rows);
        requireNonNegative("rand", cols);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = rand();
        }
        return m;
    }

    /**
     * A uniform integer in [0, max], NumPy's {@code random_interval}: draw 32 bits (64 when max needs them), keep the
     * bits under the smallest all-ones mask covering max, and try again while the value is above max.
     */
    public long randomInterval(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("NumpyRandom.randomInterval: expected max >= 0, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xffffffffL) {
            do {
                value = nextUInt32() & mask;
            } while (value > max);
        } else {
            do {
                value = ((nextUInt32() << 32) | nextUInt32()) & mask;
            } while (value > max);
        }
        return value;
    }

    /** Shuffles in place, as {@code np.random.shuffle(a)}: Fisher–Yates from the last element down. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Shuffles in place, as {@code np.random.shuffle(a)} on a 1-d float array. */
    public void shuffle(double[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) randomInterval(i);
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code 0, 1, …, n−1} in random order, as {@code np.random.permutation(n)}. */
    public int[] permutation(int n) {
        requireNonNegative("permutation", n);
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i;
        }
        shuffle(keys);
        return keys;
    }

    /**
     * One draw of the number of successes in {@code n} trials of probability {@code p}, as
     * {@code np.random.binomial(n, p)}. NumPy's legacy generator inverts the cumulative distribution when
     * {@code n·min(p, 1−p) ≤ 30}, which covers every use in the course (dropout masks draw with n = 1); larger means are
     * rejected rather than answered with a different stream.
     */
    public int binomial(int n, double p) {
        if (n < 0) {
            throw new IllegalArgumentException("NumpyRandom.binomial: expected n >= 0, got " + n);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("NumpyRandom.binomial: expected p in [0, 1], got " + p);
        }
        if (n == 0 || p == 0.0) {
            return 0;
        }
        if (p <= 0.5) {
            requireInversionRange(n, p);
            return binomialInversion(n, p);
        }
        double q = 1.0 - p;
        requireInversionRange(n, q);
        return n - binomialInversion(n, q);
    }

    private static void requireInversionRange(int n, double p) {
        if (p * n > 30.0) {
            throw new UnsupportedOperationException("NumpyRandom.binomial: n·min(p, 1−p) = " + (p * n)
                    + " is above 30, where NumPy switches to its BTPE sampler; only the inversion range is implemented");
        }
    }

    /** Computes P(X = 0) = qⁿ and the walk's bound for (n, p) unless they are the ones computed last. */
    private void prepareInversion(int n, double p) {
        if (n != binomialN || Double.doubleToLongBits(p) != Double.doubleToLongBits(binomialP)) {
            double q = 1.0 - p;
            double np = n * p;
            binomialQn = PlatformMath.exp(n * PlatformMath.log(q));
            binomialBound = (long) Math.min(n, np + 10.0 * Math.sqrt(np * q + 1));
            binomialN = n;
            binomialP = p;
        }
    }

    private int binomialInversion(int n, double p) {
        // Inversion: walk up the cumulative distribution P(X = 0), P(X = 1), … until it passes a uniform draw.
        double q = 1.0 - p;
        prepareInversion(n, p);
        double qn = binomialQn;
        long bound = binomialBound;
        long x = 0;
        double px = qn;
        double u = rand();
        while (u > px) {
            x++;
            if (x > bound) {
                x = 0;
                px = qn;
                u = rand();
            } else {
                u -= px;
                px = ((n - x + 1) * p * px) / (x * q);
            }
        }
        return (int) x;
    }

    /** A rows × cols matrix of binomial draws filled row by row, as {@code np.random.binomial(n, p, size=(rows, cols))}. */
    public DMatrixRMaj binomial(int n, double p, int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        fillBinomial(n, p, m);
        return m;
    }

    /** Overwrites every element of {@code out} with a binomial draw, row by row, without allocating. */
    public void fillBinomial(int n, double p, DMatrixRMaj out) {
        if (n == 1) {
            // dropout's masks: one trial per element, each draw written as it is (1 where it is 1)
            fillBernoulli(p, 1.0, out);
            return;
        }
        int size = out.getNumElements();
        if (size == 0) {
            return;
        }
        // The same draws as calling binomial(n, p) for each element, with the checks made once.
        out.data[0] = binomial(n, p);
        if (n == 0 || p == 0.0) {
            java.util.Arrays.fill(out.data, 1, size, 0.0);
        } else if (p <= 0.5) {
            for (int k = 1; k < size; k++) {
                out.data[k] = binomialInversion(n, p);
            }
        } else {
            double q = 1.0 - p;
            for (int k = 1; k < size; k++) {
                out.data[k] = n - binomialInversion(n, q);
            }
        }
    }

    /**
     * Overwrites every element of {@code out} with {@code value} × binomial(1, p), drawn as
     * {@code fillBinomial(1, p, out)} draws: element k is {@code value} where that draw is 1 and 0 where it is 0.
     * Dropout's mask, binomial(1, keep) / keep, in one pass over the matrix.
     */
    public void fillBernoulli(double p, double value, DMatrixRMaj out) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("NumpyRandom.fillBernoulli: expected a finite value for the draws of 1, got "
                    + value);
        }
        int size = out.getNumElements();
        if (size == 0) {
            return;
        }
        // The same draws as calling binomial(1, p) for each element, with the checks made once; the rest go through the
        // one-trial loop below, in a form the JIT keeps tight
        out.data[0] = binomial(1, p) == 0 ? 0.0 : value;   // checks p
        if (p == 0.0) {
            java.util.Arrays.fill(out.data, 1, size, 0.0);
        } else {
            fillBernoulli(Math.min(p, 1.0 - p), p > 0.5 ? 0.0 : value, p > 0.5 ? value : 0.0, out.data, size);
        }
    }

    /**
     * Elements 1 to size − 1 of {@code out} drawn as {@code binomialInversion(1, p)} draws them, written as {@code one}
     * where the draw is 1 and {@code zero} where it is 0 (swapped, the complement 1 − X; or a mask's values): the walk
     * for n = 1 written out. With one trial the bound is 1, so a draw u gives 0 when
     * u ≤ P(X = 0) = q, 1 when the rest u − q is at most P(X = 1) = (p·q)/q as the walk computes it, and otherwise
     * (rounding left a gap below 1) a new draw, exactly as the walk restarts. {@code NumpyRandomTest} compares the two streams.
     */
    private void fillBernoulli(double p, double one, double zero, double[] out, int size) {
        prepareInversion(1, p);
        double q = 1.0 - p;
        double qn = binomialQn;
        double p1 = (p * qn) / q;
        // A draw u is m · 2^-53 exactly, for the 53-bit integer m = bits53 of its two words, as rand() draws it.
        // Both tests on u grow with m, so each is a threshold on m, found once: u > qn is m ≥ above, and the walk's
        // restart (u > qn and u − qn > p1, which is u − qn > p1 alone since p1 ≥ 0) is m ≥ restart. The loop then
        // compares integers and has no branch; a block of draws that reached the restart is drawn again one by one
        // (for one trial none of millions of values of p tried reaches it: the largest draw, 1 − 2^-53, stays below
        // qn + p1; it is kept so that the loop is the walk for every p). 4.5 ns a draw instead of 8.6; with
        // VectorDraws, four draws at a time, 1.5 ns.
        long above = firstWhere(m -> m * 0x1.0p-53 > qn);
        long restart = firstWhere(m -> m * 0x1.0p-53 - qn > p1);
        int k = 1;
        while (k < size) {
            int at = position;
            if (at > N - 2) {
                // the next draw's two words are not both in the current state: rand() regenerates it
                out[k++] = bernoulli(qn, p1, one, zero);
                continue;
            }
            // as many draws as the current state's words give, read as rand() reads them
            int[] words = tempered;
            int first = k;
            int end = Math.min(size, k + (N - at) / 2);
            long largest = 0;
            int steps = SIMD ? (end - k) / VectorDraws.DRAWS_PER_STEP : 0;
            if (steps > 0) {
                // four draws at a time, the same integers and comparisons; a restart shows as largest = restart
                if (VectorDraws.threshold(words, at, out, k, steps, above, restart, Double.doubleToRawLongBits(zero),
                        Double.doubleToRawLongBits(one))) {
                    largest = restart;
                }
                k += steps * VectorDraws.DRAWS_PER_STEP;
                at += steps * VectorDraws.WORDS_PER_STEP;
            }
            for (; k < end; k++) {
                long m = bits53(words[at], words[at + 1]);
                at += 2;
                largest = Math.max(largest, m);
                out[k] = m >= above ? one : zero;
            }
            if (largest >= restart) {
                // position is still where this block started: its words are drawn again, with the restarts
                for (k = first; k < end; k++) {
                    out[k] = bernoulli(qn, p1, one, zero);
                }
                continue;
            }
            position = at;
        }
    }

    /** One draw of the walk for n = 1: 0 (as {@code zero}) when u ≤ qn, else 1, after its restarts. */
    private double bernoulli(double qn, double p1, double one, double zero) {
        double u = rand();
        while (u - qn > p1) {
            u = rand();
        }
        return u > qn ? one : zero;
    }

    /** The smallest m in [0, 2^53] for which the test holds (2^53 when none does); the test must grow with m. */
    private static long firstWhere(java.util.function.LongPredicate test) {
        long low = 0;
        long high = 1L << 53;   // the test is taken to hold here: no draw reaches it
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (test.test(middle)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private static void requireNonNegative(String method, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("NumpyRandom." + method + ": expected a size >= 0, got " + n);
        }
    }

    @Override
    public String toString() {
        return "NumpyRandom(MT19937, seeded with " + seed + ")";
    }
}
