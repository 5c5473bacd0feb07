package nnfs.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link Products} with SIMD instructions, through the JDK's vector API (the incubator module
 * {@code jdk.incubator.vector}): the same numbers, bit for bit, as the plain loops of {@link Products}, several
 * elements at a time.
 *
 * <p>Why the same bits: every lane computes a different output element, with exactly the multiplications and
 * additions, in exactly the order, that the plain loop uses for that element; a vector multiply or add is the IEEE
 * operation of each lane, and no fused multiply-add is used. So the width of the vectors (8 doubles with AVX-512, 4
 * with AVX2) does not change any result. The only sums across lanes are the dot products, whose plain version keeps
 * four running sums (elements t ≡ 0, 1, 2, 3 mod 4) and adds them as (s0 + s1) + (s2 + s3): here those four sums are
 * the four lanes of a 256-bit vector. {@code KernelBitsTest} compares every kernel with the plain one.
 *
 * <p>The loops are shaped so that their running values stay in registers, and they have no branches inside (on Java
 * 17 a vector that flows through a branch is boxed, which is slower than the plain loop):
 * <ul>
 * <li>{@link #rowsTimesRows}: row k of the result is a start row plus Σ_g c_kg · x_g (the forward pass of a layer with
 * at least as many outputs as inputs, and dX = D·Wᵀ). With at most four rows x_g, the result is written row by row,
 * left to right, from those rows, which stay in the first-level cache; with more, each result row is summed in
 * registers.</li>
 * <li>{@link #sumsOfScaledRows}: each of a few result rows is the sum of many scaled rows (dW = Xᵀ·D, summed over the
 * batch): up to three result rows of four vectors each stay in registers while the batch streams past, sharing its
 * loads; the batch goes in chunks of about 256 KB ({@link #chunkRows}), so that the column blocks of a wide result
 * read it from the second-level cache rather than from memory.</li>
 * <li>{@link #dots}: dot products of whole rows (a layer with fewer outputs than inputs): a tile of two input rows by
 * three outputs, six running sums of four lanes.</li>
 * </ul>
 *
 * <p>Only {@link Simd} decides to use this class, and only after checking that the module is there.
 */
final class VectorProducts {

    /**
     * Four doubles per vector, in every kernel of the library. Any width would give the same numbers, and the dot
     * products need exactly four lanes (their four running sums). One width for all matters on Java 17: where two vector
     * classes meet in the vector API's shared methods, the JIT's type profiles mix them, and code it compiled then
     * sometimes boxes every vector, which made whole training runs twice as slow at random. On AVX-512 processors that
     * split a 512-bit operation in two 256-bit halves (AMD Zen 4, as on the machine this was measured on), four lanes
     * cost nothing.
     */
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Double> S4 = S;
    private static final int L = S.length();

    /** Zeros to start a sum from (+0.0, as the plain loops start): shared, never written. */
    private static final double[] ZEROS = new double[4096];

    private VectorProducts() {
    }

    private static double[] zeros(int n) {
        return ZEROS.length >= n ? ZEROS : new double[n];
    }

    // ---- y_k = start + Σ_g c_kg · x_g -------------------------------------------------------------------------

    /**
     * y_k = start + Σ_{g < count} c[k·cStride + g] · x_g for every row k < rows, where y_k is row k of {@code y} (n
     * long), x_g is row g of {@code x} ({@code xStride} apart) and start is {@code start} (n long, the same for every
     * row) or zero when it is null. The terms are added one after the other, in g order.
     */
    static void rowsTimesRows(double[] y, int n, int rows, double[] start, double[] c, int cStride, int count,
            double[] x, int xStride) {
        double[] from = start != null ? start : zeros(n);
        switch (count) {
            case 1 -> fewRows1(y, n, 0, rows, from, c, cStride, x);
            case 2 -> fewRows2(y, n, 0, rows, from, c, cStride, x, xStride);
            case 3 -> fewRows3(y, n, 0, rows, from, c, cStride, x, xStride);
            case 4 -> fewRows4(y, n, 0, rows, from, c, cStride, x, xStride);
            default -> manyRows(y, n, 0, rows, from, c, cStride, count, x, xStride);
        }
    }

    // fewRows1-4 walk the result row by row: each row is written once, left to right, from the few rows x_g (and the
    // start row), which stay in the first-level cache; walking down the columns instead wrote every cache line of a
    // wide result several times, far apart (a 1000 × 512 result is 4 MB). They write two rows at a time, so that each
    // loaded slice of the x_g serves both: on the spiral's 300 × 64 results this took 40 % off dX = D·Wᵀ (3 terms) and
    // 20 % off the first layer's forward pass (2 terms).

    private static void fewRows1(double[] y, int n, int k0, int k1, double[] from, double[] c, int cStride, double[] x) {
        int k = k0;
        for (; k + 1 < k1; k += 2) {
            // two result rows at a time: each slice of the start row and of x_0 is loaded once for both
            double c0 = c[k * cStride];
            double e0 = c[(k + 1) * cStride];
            int yo = k * n;
            int t = 0;
            for (; t + L <= n; t += L) {
                DoubleVector f = DoubleVector.fromArray(S, from, t);
                DoubleVector x0 = DoubleVector.fromArray(S, x, t);
                f.add(x0.mul(c0)).intoArray(y, yo + t);
                f.add(x0.mul(e0)).intoArray(y, yo + n + t);
            }
            for (; t < n; t++) {
                y[yo + t] = from[t] + c0 * x[t];
                y[yo + n + t] = from[t] + e0 * x[t];
            }
        }
        if (k < k1) {
            // the last row of an odd count: manyRows adds the same terms in the same order
            manyRows(y, n, k, k1, from, c, cStride, 1, x, 0);
        }
    }

    private static void fewRows2(double[] y, int n, int k0, int k1, double[] from, double[] c, int cStride, double[] x,
            int xStride) {
        int k = k0;
        for (; k + 1 < k1; k += 2) {
            // two result rows at a time: each slice of the start row and of x_0, x_1 is loaded once for both
            int ck = k * cStride;
            double c0 = c[ck];
            double c1 = c[ck + 1];
            double e0 = c[ck + cStride];
            double e1 = c[ck + cStride + 1];
            int yo = k * n;
            int t = 0;
            for (; t + L <= n; t += L) {
                DoubleVector f = DoubleVector.fromArray(S, from, t);
                DoubleVector x0 = DoubleVector.fromArray(S, x, t);
                DoubleVector x1 = DoubleVector.fromArray(S, x, xStride + t);
                f.add(x0.mul(c0)).add(x1.mul(c1)).intoArray(y, yo + t);
                f.add(x0.mul(e0)).add(x1.mul(e1)).intoArray(y, yo + n + t);
            }
            for (; t < n; t++) {
                y[yo + t] = (from[t] + c0 * x[t]) + c1 * x[xStride + t];
                y[yo + n + t] = (from[t] + e0 * x[t]) + e1 * x[xStride + t];
            }
        }
        if (k < k1) {
            // the last row of an odd count: manyRows adds the same terms in the same order
            manyRows(y, n, k, k1, from, c, cStride, 2, x, xStride);
        }
    }

    private static void fewRows3(double[] y, int n, int k0, int k1, double[] from, double[] c, int cStride, double[] x,
            int xStride) {
        int k = k0;
        for (; k + 1 < k1; k += 2) {
            // two result rows at a time: each slice of the start row and of x_0, x_1, x_2 is loaded once for both
            int ck = k * cStride;
            double c0 = c[ck];
            double c1 = c[ck + 1];
            double c2 = c[ck + 2];
            double e0 = c[ck + cStride];
            double e1 = c[ck + cStride + 1];
            double e2 = c[ck + cStride + 2];
            int yo = k * n;
            int t = 0;
            for (; t + L <= n; t += L) {
                DoubleVector f = DoubleVector.fromArray(S, from, t);
                DoubleVector x0 = DoubleVector.fromArray(S, x, t);
                DoubleVector x1 = DoubleVector.fromArray(S, x, xStride + t);
                DoubleVector x2 = DoubleVector.fromArray(S, x, 2 * xStride + t);
                f.add(x0.mul(c0)).add(x1.mul(c1)).add(x2.mul(c2)).intoArray(y, yo + t);
                f.add(x0.mul(e0)).add(x1.mul(e1)).add(x2.mul(e2)).intoArray(y, yo + n + t);
            }
            for (; t < n; t++) {
                y[yo + t] = ((from[t] + c0 * x[t]) + c1 * x[xStride + t]) + c2 * x[2 * xStride + t];
                y[yo + n + t] = ((from[t] + e0 * x[t]) + e1 * x[xStride + t]) + e2 * x[2 * xStride + t];
            }
        }
        if (k < k1) {
            // the last row of an odd count: manyRows adds the same terms in the same order
            manyRows(y, n, k, k1, from, c, cStride, 3, x, xStride);
        }
    }

    private static void fewRows4(double[] y, int n, int k0, int k1, double[] from, double[] c, int cStride, double[] x,
            int xStride) {
        int k = k0;
        for (; k + 1 < k1; k += 2) {
            // two result rows at a time: each slice of the start row and of x_0 … x_3 is loaded once for both
            int ck = k * cStride;
            double c0 = c[ck];
            double c1 = c[ck + 1];
            double c2 = c[ck + 2];
            double c3 = c[ck + 3];
            double e0 = c[ck + cStride];
            double e1 = c[ck + cStride + 1];
            double e2 = c[ck + cStride + 2];
            double e3 = c[ck + cStride + 3];
            int yo = k * n;
            int t = 0;
            for (; t + L <= n; t += L) {
                DoubleVector f = DoubleVector.fromArray(S, from, t);
                DoubleVector x0 = DoubleVector.fromArray(S, x, t);
                DoubleVector x1 = DoubleVector.fromArray(S, x, xStride + t);
                DoubleVector x2 = DoubleVector.fromArray(S, x, 2 * xStride + t);
                DoubleVector x3 = DoubleVector.fromArray(S, x, 3 * xStride + t);
                f.add(x0.mul(c0)).add(x1.mul(c1)).add(x2.mul(c2)).add(x3.mul(c3)).intoArray(y, yo + t);
                f.add(x0.mul(e0)).add(x1.mul(e1)).add(x2.mul(e2)).add(x3.mul(e3)).intoArray(y, yo + n + t);
            }
            for (; t < n; t++) {
                y[yo + t] = (((from[t] + c0 * x[t]) + c1 * x[xStride + t]) + c2 * x[2 * xStride + t])
                        + c3 * x[3 * xStride + t];
                y[yo + n + t] = (((from[t] + e0 * x[t]) + e1 * x[xStride + t]) + e2 * x[2 * xStride + t])
                        + e3 * x[3 * xStride + t];
            }
        }
        if (k < k1) {
            // the last row of an odd count: manyRows adds the same terms in the same order
            manyRows(y, n, k, k1, from, c, cStride, 4, x, xStride);
        }
    }

    /** More than four terms: each result row is summed in registers, four vectors at a time. */
    private static void manyRows(double[] y, int n, int k0, int k1, double[] from, double[] c, int cStride, int count,
            double[] x, int xStride) {
        for (int k = k0; k < k1; k++) {
            int yOff = k * n;
            int cOff = k * cStride;
            int t = 0;
            for (; t + 4 * L <= n; t += 4 * L) {
                DoubleVector a0 = DoubleVector.fromArray(S, from, t);
                DoubleVector a1 = DoubleVector.fromArray(S, from, t + L);
                DoubleVector a2 = DoubleVector.fromArray(S, from, t + 2 * L);
                DoubleVector a3 = DoubleVector.fromArray(S, from, t + 3 * L);
                for (int g = 0; g < count; g++) {
                    double cg = c[cOff + g];
                    int xo = g * xStride + t;
                    a0 = a0.add(DoubleVector.fromArray(S, x, xo).mul(cg));
                    a1 = a1.add(DoubleVector.fromArray(S, x, xo + L).mul(cg));
                    a2 = a2.add(DoubleVector.fromArray(S, x, xo + 2 * L).mul(cg));
                    a3 = a3.add(DoubleVector.fromArray(S, x, xo + 3 * L).mul(cg));
                }
                a0.intoArray(y, yOff + t);
                a1.intoArray(y, yOff + t + L);
                a2.intoArray(y, yOff + t + 2 * L);
                a3.intoArray(y, yOff + t + 3 * L);
            }
            for (; t + L <= n; t += L) {
                DoubleVector a0 = DoubleVector.fromArray(S, from, t);
                for (int g = 0; g < count; g++) {
                    a0 = a0.add(DoubleVector.fromArray(S, x, g * xStride + t).mul(c[cOff + g]));
                }
                a0.intoArray(y, yOff + t);
            }
            for (; t < n; t++) {
                double v = from[t];
                for (int g = 0; g < count; g++) {
                    v += c[cOff + g] * x[g * xStride + t];
                }
                y[yOff + t] = v;
            }
        }
    }

    // ---- y_j = Σ_k c_kj · x_k -----------------------------------------------------------------------------------

    /**
     * For every output j < outputs: y_j = Σ_{k < count} c[k·cStride + j·cStep] · x_k, from zero, in k order, where y_j is
     * row j of {@code y} (n long) and x_k is row k of {@code x} (n long, {@code xStride} apart). The outputs go three at
     * a time, each slice of x_k loaded once for all three.
     */
    static void sumsOfScaledRows(double[] y, int n, int outputs, double[] c, int cStride, int cStep, int count,
            double[] x, int xStride) {
        int t0 = 0;
        int t1 = n;
        int chunk = chunkRows(n);
        int k0 = 0;
        do {
            int k1 = Math.min(count, k0 + chunk);
            int j = 0;
            for (; j + 2 < outputs; j += 3) {
                sumsOfScaledRows3(y, j * n, y, (j + 1) * n, y, (j + 2) * n, t0, t1, c, j * cStep, cStride, c,
                        (j + 1) * cStep, cStride, c, (j + 2) * cStep, cStride, k0, k1, x, xStride);
            }
            if (outputs - j == 2) {
                sumsOfScaledRows2(y, j * n, (j + 1) * n, t0, t1, c, j * cStep, (j + 1) * cStep, cStride, k0, k1, x,
                        xStride);
            } else if (outputs - j == 1) {
                sumOfScaledRows1(y, j * n, t0, t1, c, j * cStep, cStride, k0, k1, x, xStride);
            }
            k0 = k1;
        } while (k0 < count);
    }

    /**
     * How many rows of x the sums over the batch take at a time: about 256 KB of x, which stays in the second-level
     * cache while the result's column blocks pass over it. A sum continued in the next chunk starts from the value
     * stored by the last one, which is the same double it would have kept in a register: the terms are still added
     * one after the other in k order.
     */
    static int chunkRows(int n) {
        return Math.max(16, 32_768 / Math.max(1, n));
    }

    /**
     * {@link #sumsOfScaledRows} for two outputs, and in the same pass over x the plain sum of its rows into
     * {@code sum} (n long): a layer's dW = Xᵀ·D for two inputs together with db = Σ_k d_k, which streams the same rows.
     * The plain sum is a sum with coefficients of exactly 1 (1 · x is x).
     */
    static void twoScaledSumsAndSum(double[] y, int n, double[] c, int cStride, int count, double[] x, int xStride,
            double[] sum) {
        int chunk = chunkRows(n);
        int k0 = 0;
        do {
            int k1 = Math.min(count, k0 + chunk);
            sumsOfScaledRows3(y, 0, y, n, sum, 0, 0, n, c, 0, cStride, c, 1, cStride, ONES, 0, 0, k0, k1, x, xStride);
            k0 = k1;
        } while (k0 < count);
    }

    /** Coefficients of exactly 1, read with stride 0. */
    private static final double[] ONES = {1.0};

    /** Three outputs at once, each with its own coefficients (c array, offset, stride). */
    private static void sumsOfScaledRows3(double[] ya, int yaOff, double[] yb, int ybOff, double[] yc, int ycOff, int t0,
            int t1,
            double[] ca, int caOff, int caStride, double[] cb, int cbOff, int cbStride, double[] cc, int ccOff,
            int ccStride, int k0, int k1, double[] x, int xStride) {
        // the first chunk of rows starts from zero, the next ones from the sums stored so far
        double[] zero = zeros(t1);
        double[] sa = k0 == 0 ? zero : ya;
        double[] sb = k0 == 0 ? zero : yb;
        double[] sc = k0 == 0 ? zero : yc;
        int saOff = k0 == 0 ? 0 : yaOff;
        int sbOff = k0 == 0 ? 0 : ybOff;
        int scOff = k0 == 0 ? 0 : ycOff;
        int t = t0;
        for (; t + 4 * L <= t1; t += 4 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, sa, saOff + t);
            DoubleVector a1 = DoubleVector.fromArray(S, sa, saOff + t + L);
            DoubleVector a2 = DoubleVector.fromArray(S, sa, saOff + t + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, sa, saOff + t + 3 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, sb, sbOff + t);
            DoubleVector b1 = DoubleVector.fromArray(S, sb, sbOff + t + L);
            DoubleVector b2 = DoubleVector.fromArray(S, sb, sbOff + t + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, sb, sbOff + t + 3 * L);
            DoubleVector c0 = DoubleVector.fromArray(S, sc, scOff + t);
            DoubleVector c1 = DoubleVector.fromArray(S, sc, scOff + t + L);
            DoubleVector c2 = DoubleVector.fromArray(S, sc, scOff + t + 2 * L);
            DoubleVector c3 = DoubleVector.fromArray(S, sc, scOff + t + 3 * L);
            for (int k = k0; k < k1; k++) {
                int xo = k * xStride + t;
                double fa = ca[caOff + k * caStride];
                double fb = cb[cbOff + k * cbStride];
                double fc = cc[ccOff + k * ccStride];
                DoubleVector v0 = DoubleVector.fromArray(S, x, xo);
                DoubleVector v1 = DoubleVector.fromArray(S, x, xo + L);
                DoubleVector v2 = DoubleVector.fromArray(S, x, xo + 2 * L);
                DoubleVector v3 = DoubleVector.fromArray(S, x, xo + 3 * L);
                a0 = a0.add(v0.mul(fa));
                a1 = a1.add(v1.mul(fa));
                a2 = a2.add(v2.mul(fa));
                a3 = a3.add(v3.mul(fa));
                b0 = b0.add(v0.mul(fb));
                b1 = b1.add(v1.mul(fb));
                b2 = b2.add(v2.mul(fb));
                b3 = b3.add(v3.mul(fb));
                c0 = c0.add(v0.mul(fc));
                c1 = c1.add(v1.mul(fc));
                c2 = c2.add(v2.mul(fc));
                c3 = c3.add(v3.mul(fc));
            }
            a0.intoArray(ya, yaOff + t);
            a1.intoArray(ya, yaOff + t + L);
            a2.intoArray(ya, yaOff + t + 2 * L);
            a3.intoArray(ya, yaOff + t + 3 * L);
            b0.intoArray(yb, ybOff + t);
            b1.intoArray(yb, ybOff + t + L);
            b2.intoArray(yb, ybOff + t + 2 * L);
            b3.intoArray(yb, ybOff + t + 3 * L);
            c0.intoArray(yc, ycOff + t);
            c1.intoArray(yc, ycOff + t + L);
            c2.intoArray(yc, ycOff + t + 2 * L);
            c3.intoArray(yc, ycOff + t + 3 * L);
        }
        for (; t + L <= t1; t += L) {
            DoubleVector a0 = DoubleVector.fromArray(S, sa, saOff + t);
            DoubleVector b0 = DoubleVector.fromArray(S, sb, sbOff + t);
            DoubleVector c0 = DoubleVector.fromArray(S, sc, scOff + t);
            for (int k = k0; k < k1; k++) {
                DoubleVector v0 = DoubleVector.fromArray(S, x, k * xStride + t);
                a0 = a0.add(v0.mul(ca[caOff + k * caStride]));
                b0 = b0.add(v0.mul(cb[cbOff + k * cbStride]));
                c0 = c0.add(v0.mul(cc[ccOff + k * ccStride]));
            }
            a0.intoArray(ya, yaOff + t);
            b0.intoArray(yb, ybOff + t);
            c0.intoArray(yc, ycOff + t);
        }
        for (; t < t1; t++) {
            double a = sa[saOff + t];
            double b = sb[sbOff + t];
            double c = sc[scOff + t];
            for (int k = k0; k < k1; k++) {
                double v = x[k * xStride + t];
                a += ca[caOff + k * caStride] * v;
                b += cb[cbOff + k * cbStride] * v;
                c += cc[ccOff + k * ccStride] * v;
            }
            ya[yaOff + t] = a;
            yb[ybOff + t] = b;
            yc[ycOff + t] = c;
        }
    }

    /** Two outputs at once: each loaded slice of x_k serves both. */
    private static void sumsOfScaledRows2(double[] y, int y0, int y1, int t0, int t1, double[] c, int c0, int c1, int cStride,
            int k0, int k1, double[] x, int xStride) {
        double[] s = k0 == 0 ? zeros(t1) : y;   // the first chunk of rows starts from zero, the next from the sums so far
        int sa = k0 == 0 ? 0 : y0;
        int sb = k0 == 0 ? 0 : y1;
        int t = t0;
        for (; t + 4 * L <= t1; t += 4 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, sa + t);
            DoubleVector a1 = DoubleVector.fromArray(S, s, sa + t + L);
            DoubleVector a2 = DoubleVector.fromArray(S, s, sa + t + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, s, sa + t + 3 * L);
            DoubleVector b0 = DoubleVector.fromArray(S, s, sb + t);
            DoubleVector b1 = DoubleVector.fromArray(S, s, sb + t + L);
            DoubleVector b2 = DoubleVector.fromArray(S, s, sb + t + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, s, sb + t + 3 * L);
            for (int k = k0; k < k1; k++) {
                int xo = k * xStride + t;
                double ca = c[c0 + k * cStride];
                double cb = c[c1 + k * cStride];
                DoubleVector v0 = DoubleVector.fromArray(S, x, xo);
                DoubleVector v1 = DoubleVector.fromArray(S, x, xo + L);
                DoubleVector v2 = DoubleVector.fromArray(S, x, xo + 2 * L);
                DoubleVector v3 = DoubleVector.fromArray(S, x, xo + 3 * L);
                a0 = a0.add(v0.mul(ca));
                a1 = a1.add(v1.mul(ca));
                a2 = a2.add(v2.mul(ca));
                a3 = a3.add(v3.mul(ca));
                b0 = b0.add(v0.mul(cb));
                b1 = b1.add(v1.mul(cb));
                b2 = b2.add(v2.mul(cb));
                b3 = b3.add(v3.mul(cb));
            }
            a0.intoArray(y, y0 + t);
            a1.intoArray(y, y0 + t + L);
            a2.intoArray(y, y0 + t + 2 * L);
            a3.intoArray(y, y0 + t + 3 * L);
            b0.intoArray(y, y1 + t);
            b1.intoArray(y, y1 + t + L);
            b2.intoArray(y, y1 + t + 2 * L);
            b3.intoArray(y, y1 + t + 3 * L);
        }
        for (; t + L <= t1; t += L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, sa + t);
            DoubleVector b0 = DoubleVector.fromArray(S, s, sb + t);
            for (int k = k0; k < k1; k++) {
                DoubleVector v0 = DoubleVector.fromArray(S, x, k * xStride + t);
                a0 = a0.add(v0.mul(c[c0 + k * cStride]));
                b0 = b0.add(v0.mul(c[c1 + k * cStride]));
            }
            a0.intoArray(y, y0 + t);
            b0.intoArray(y, y1 + t);
        }
        for (; t < t1; t++) {
            double a = s[sa + t];
            double b = s[sb + t];
            for (int k = k0; k < k1; k++) {
                double v = x[k * xStride + t];
                a += c[c0 + k * cStride] * v;
                b += c[c1 + k * cStride] * v;
            }
            y[y0 + t] = a;
            y[y1 + t] = b;
        }
    }

    private static void sumOfScaledRows1(double[] y, int y0, int t0, int t1, double[] c, int c0, int cStride, int k0,
            int k1, double[] x, int xStride) {
        double[] s = k0 == 0 ? zeros(t1) : y;   // the first chunk of rows starts from zero, the next from the sums so far
        int sa = k0 == 0 ? 0 : y0;
        int t = t0;
        for (; t + 4 * L <= t1; t += 4 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, sa + t);
            DoubleVector a1 = DoubleVector.fromArray(S, s, sa + t + L);
            DoubleVector a2 = DoubleVector.fromArray(S, s, sa + t + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, s, sa + t + 3 * L);
            for (int k = k0; k < k1; k++) {
                int xo = k * xStride + t;
                double ck = c[c0 + k * cStride];
                a0 = a0.add(DoubleVector.fromArray(S, x, xo).mul(ck));
                a1 = a1.add(DoubleVector.fromArray(S, x, xo + L).mul(ck));
                a2 = a2.add(DoubleVector.fromArray(S, x, xo + 2 * L).mul(ck));
                a3 = a3.add(DoubleVector.fromArray(S, x, xo + 3 * L).mul(ck));
            }
            a0.intoArray(y, y0 + t);
            a1.intoArray(y, y0 + t + L);
            a2.intoArray(y, y0 + t + 2 * L);
            a3.intoArray(y, y0 + t + 3 * L);
        }
        for (; t + L <= t1; t += L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, sa + t);
            for (int k = k0; k < k1; k++) {
                a0 = a0.add(DoubleVector.fromArray(S, x, k * xStride + t).mul(c[c0 + k * cStride]));
            }
            a0.intoArray(y, y0 + t);
        }
        for (; t < t1; t++) {
            double a = s[sa + t];
            for (int k = k0; k < k1; k++) {
                a += c[c0 + k * cStride] * x[k * xStride + t];
            }
            y[y0 + t] = a;
        }
    }

    /** y[0 … n) = Σ_{k < count} x_k from zero, in k order: the column sums (x_k is row k of x, n long). */
    static void sumRows(double[] y, int n, int count, double[] x) {
        int chunk = chunkRows(n);
        int k0 = 0;
        do {
            int k1 = Math.min(count, k0 + chunk);
            sumRows(y, n, 0, n, k0, k1, x);
            k0 = k1;
        } while (k0 < count);
    }

    private static void sumRows(double[] y, int n, int t0, int t1, int k0, int k1, double[] x) {
        double[] s = k0 == 0 ? zeros(t1) : y;   // the first chunk of rows starts from zero, the next from the sums so far
        int t = t0;
        for (; t + 4 * L <= t1; t += 4 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, t);
            DoubleVector a1 = DoubleVector.fromArray(S, s, t + L);
            DoubleVector a2 = DoubleVector.fromArray(S, s, t + 2 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, s, t + 3 * L);
            for (int k = k0; k < k1; k++) {
                int xo = k * n + t;
                a0 = a0.add(DoubleVector.fromArray(S, x, xo));
                a1 = a1.add(DoubleVector.fromArray(S, x, xo + L));
                a2 = a2.add(DoubleVector.fromArray(S, x, xo + 2 * L));
                a3 = a3.add(DoubleVector.fromArray(S, x, xo + 3 * L));
            }
            a0.intoArray(y, t);
            a1.intoArray(y, t + L);
            a2.intoArray(y, t + 2 * L);
            a3.intoArray(y, t + 3 * L);
        }
        for (; t + L <= t1; t += L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, t);
            for (int k = k0; k < k1; k++) {
                a0 = a0.add(DoubleVector.fromArray(S, x, k * n + t));
            }
            a0.intoArray(y, t);
        }
        for (; t < t1; t++) {
            double v = s[t];
            for (int k = k0; k < k1; k++) {
                v += x[k * n + t];
            }
            y[t] = v;
        }
    }

    // ---- dot products -------------------------------------------------------------------------------------------

    /**
     * z[k·zStride + j] = bias_j + a_k · m_j for rows k < rows and j < cols, where a_k is row k of {@code a} (n long,
     * {@code aStride} apart), m_j row j of {@code m} (n long, {@code n} apart), and the dot product is the plain
     * loop's: four running sums of the elements t ≡ 0, 1, 2, 3 mod 4, the leftover elements added to the first, then
     * (s0 + s1) + (s2 + s3). Without a bias (null), the dot product itself.
     */
    static void dots(double[] a, int aStride, int rows, double[] m, int cols, int n, double[] bias, double[] z,
            int zStride) {
        dots(a, aStride, 0, rows, m, cols, n, bias, z, zStride);
    }

    private static void dots(double[] a, int aStride, int k0, int rows, double[] m, int cols, int n, double[] bias,
            double[] z, int zStride) {
        int k = k0;
        for (; k + 1 < rows; k += 2) {
            int j = 0;
            for (; j + 2 < cols; j += 3) {
                dots2x3(a, k * aStride, (k + 1) * aStride, m, j * n, n, bias, j, z, k * zStride + j,
                        (k + 1) * zStride + j);
            }
            for (; j < cols; j++) {
                z[k * zStride + j] = dot(a, k * aStride, m, j * n, n, bias, j);
                z[(k + 1) * zStride + j] = dot(a, (k + 1) * aStride, m, j * n, n, bias, j);
            }
        }
        if (k < rows) {
            for (int j = 0; j < cols; j++) {
                z[k * zStride + j] = dot(a, k * aStride, m, j * n, n, bias, j);
            }
        }
    }

    /** Rows a0, a1 of a times rows m0, m0+n, m0+2n of m: six dot products, each a's and m's slice loaded once. */
    private static void dots2x3(double[] a, int a0, int a1, double[] m, int m0, int n, double[] bias, int j,
            double[] z, int z0, int z1) {
        int m1 = m0 + n;
        int m2 = m1 + n;
        int body = n & ~3;
        DoubleVector p = DoubleVector.zero(S4);
        DoubleVector q = p;
        DoubleVector r = p;
        DoubleVector u = p;
        DoubleVector v = p;
        DoubleVector w = p;
        for (int t = 0; t < body; t += 4) {
            DoubleVector x0 = DoubleVector.fromArray(S4, a, a0 + t);
            DoubleVector x1 = DoubleVector.fromArray(S4, a, a1 + t);
            DoubleVector w0 = DoubleVector.fromArray(S4, m, m0 + t);
            DoubleVector w1 = DoubleVector.fromArray(S4, m, m1 + t);
            DoubleVector w2 = DoubleVector.fromArray(S4, m, m2 + t);
            p = p.add(x0.mul(w0));
            q = q.add(x0.mul(w1));
            r = r.add(x0.mul(w2));
            u = u.add(x1.mul(w0));
            v = v.add(x1.mul(w1));
            w = w.add(x1.mul(w2));
        }
        double p0 = p.lane(0);
        double q0 = q.lane(0);
        double r0 = r.lane(0);
        double u0 = u.lane(0);
        double v0 = v.lane(0);
        double w0 = w.lane(0);
        for (int t = body; t < n; t++) {
            double x0 = a[a0 + t];
            double x1 = a[a1 + t];
            p0 += x0 * m[m0 + t];
            q0 += x0 * m[m1 + t];
            r0 += x0 * m[m2 + t];
            u0 += x1 * m[m0 + t];
            v0 += x1 * m[m1 + t];
            w0 += x1 * m[m2 + t];
        }
        z[z0] = withBias(bias, j, (p0 + p.lane(1)) + (p.lane(2) + p.lane(3)));
        z[z0 + 1] = withBias(bias, j + 1, (q0 + q.lane(1)) + (q.lane(2) + q.lane(3)));
        z[z0 + 2] = withBias(bias, j + 2, (r0 + r.lane(1)) + (r.lane(2) + r.lane(3)));
        z[z1] = withBias(bias, j, (u0 + u.lane(1)) + (u.lane(2) + u.lane(3)));
        z[z1 + 1] = withBias(bias, j + 1, (v0 + v.lane(1)) + (v.lane(2) + v.lane(3)));
        z[z1 + 2] = withBias(bias, j + 2, (w0 + w.lane(1)) + (w.lane(2) + w.lane(3)));
    }

    private static double dot(double[] a, int a0, double[] m, int m0, int n, double[] bias, int j) {
        int body = n & ~3;
        DoubleVector p = DoubleVector.zero(S4);
        for (int t = 0; t < body; t += 4) {
            p = p.add(DoubleVector.fromArray(S4, a, a0 + t).mul(DoubleVector.fromArray(S4, m, m0 + t)));
        }
        double p0 = p.lane(0);
        for (int t = body; t < n; t++) {
            p0 += a[a0 + t] * m[m0 + t];
        }
        return withBias(bias, j, (p0 + p.lane(1)) + (p.lane(2) + p.lane(3)));
    }

    private static double withBias(double[] bias, int j, double sum) {
        return bias != null ? bias[j] + sum : sum;
    }
}
