package nnfs.random;

import static nnfs.Assertions2.assertBitsEqual;
import static nnfs.Assertions2.assertMatrixBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Fixtures;

/** NumPy's legacy streams, reproduced to the last bit (oracle: make_fixtures.py run with the machine's NumPy). */
class NumpyRandomTest {

    @Test
    void platformMathIsBound() {
        // Without the C math library a few Gaussians in ten thousand would differ in their last bit.
        assertTrue(PlatformMath.isNative(), "JNA could not bind the C math library");
    }

    @Test
    void randnStreamMatchesNumpyBitForBit() {
        NumpyRandom random = new NumpyRandom(0);
        assertBitsEqual(Fixtures.doubles("randn_seed0"), random.randn(2000));
        assertBitsEqual(Fixtures.doubles("randn_seed12345"), new NumpyRandom(12345).randn(300));
    }

    @Test
    void randStreamMatchesNumpyBitForBit() {
        DMatrixRMaj expected = new DMatrixRMaj(1, 500, true, Fixtures.doubles("rand_seed0"));
        assertMatrixBitsEqual(expected, new NumpyRandom(0).rand(1, 500));
    }

    @Test
    void firstDrawsAreTheWellKnownOnes() {
        // np.random.seed(0); np.random.randn() is 1.764052345967664, then 0.4001572083672233.
        NumpyRandom random = new NumpyRandom(0);
        assertEquals(1.764052345967664, random.randn());
        assertEquals(0.4001572083672233, random.randn());
        // np.random.seed(0); np.random.rand() is 0.5488135039273248.
        assertEquals(0.5488135039273248, new NumpyRandom(0).rand());
    }

    @Test
    void reseedingRestartsTheStream() {
        NumpyRandom random = new NumpyRandom(0);
        double first = random.randn();
        random.randn(1001);
        random.seed(0);
        assertEquals(first, random.randn());
    }

    @Test
    void shuffleAndPermutationMatchNumpy() {
        NumpyRandom random = new NumpyRandom(0);
        int[] a = new int[20];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        random.shuffle(a);
        assertArrayEquals(Fixtures.ints("shuffle20_seed0"), a);
        assertArrayEquals(Fixtures.ints("permutation300_seed7"), new NumpyRandom(7).permutation(300));
    }

    @Test
    void oneTrialMatricesAreTheDrawsOfTheGeneralWalk() {
        // fillBinomial(1, p, ·) has a loop of its own for dropout's masks; it must give the stream of binomial(1, p)
        for (double p : new double[] {0.9, 0.1, 0.5, 0.7, 0.3, 1e-3, 0.999, 1.0, 0.8, 0.2}) {
            for (long seed : new long[] {0, 1, 42}) {
                NumpyRandom one = new NumpyRandom(seed);
                double[] expected = new double[20_000];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = one.binomial(1, p);
                }
                DMatrixRMaj filled = new NumpyRandom(seed).binomial(1, p, 100, 200);
                assertArrayEquals(expected, filled.data, 0.0, "p = " + p + ", seed " + seed);
            }
        }
        // After an odd number of 32-bit words, a draw's two words straddle the regeneration of the state every 312
        // draws: the loop takes those draws one by one.
        for (double p : new double[] {0.9, 0.1}) {
            NumpyRandom one = new NumpyRandom(3);
            one.nextUInt32();
            double[] expected = new double[5_000];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = one.binomial(1, p);
            }
            NumpyRandom odd = new NumpyRandom(3);
            odd.nextUInt32();
            assertArrayEquals(expected, odd.binomial(1, p, 50, 100).data, 0.0, "p = " + p + ", odd start");
            assertEquals(one.nextUInt32(), odd.nextUInt32(), "the generators must be left in the same state");
        }
    }

    @Test
    void scaledOneTrialMatricesAreTheDrawsTimesTheValue() {
        // dropout's mask in one pass: value where binomial(1, p) draws 1, 0 where it draws 0, the same stream as the
        // general walk drawing one element at a time
        for (double p : new double[] {0.9, 0.5, 0.2, 1.0, 0.0}) {
            for (long seed : new long[] {0, 7}) {
                NumpyRandom one = new NumpyRandom(seed);
                double[] expected = new double[123 * 77];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = one.binomial(1, p) == 0 ? 0.0 : 1.0 / 0.9;
                }
                DMatrixRMaj mask = new DMatrixRMaj(123, 77);
                NumpyRandom random = new NumpyRandom(seed);
                random.fillBernoulli(p, 1.0 / 0.9, mask);
                assertArrayEquals(expected, mask.data, 0.0, "p = " + p + ", seed " + seed);
                assertEquals(one.nextUInt32(), random.nextUInt32(), "the generators must be left in the same state");
            }
        }
        var bad = assertThrows(IllegalArgumentException.class,
                () -> new NumpyRandom(0).fillBernoulli(0.5, Double.NaN, new DMatrixRMaj(2, 2)));
        assertEquals("NumpyRandom.fillBernoulli: expected a finite value for the draws of 1, got NaN", bad.getMessage());
        var badP = assertThrows(IllegalArgumentException.class,
                () -> new NumpyRandom(0).fillBernoulli(1.5, 2.0, new DMatrixRMaj(2, 2)));
        assertEquals("NumpyRandom.binomial: expected p in [0, 1], got 1.5", badP.getMessage());
    }

    @Test
    void binomialMatchesNumpy() {
        assertMatrixBitsEqual(Fixtures.matrix("binomial_1_0.9_seed0"), new NumpyRandom(0).binomial(1, 0.9, 10, 20));
        assertMatrixBitsEqual(Fixtures.matrix("binomial_1_0.3_seed3"), new NumpyRandom(3).binomial(1, 0.3, 10, 20));
        NumpyRandom five = new NumpyRandom(5);
        int[] tens = new int[200];
        for (int i = 0; i < tens.length; i++) {
            tens[i] = five.binomial(10, 0.5);
        }
        assertArrayEquals(Fixtures.ints("binomial_10_0.5_seed5"), tens);
        NumpyRandom eleven = new NumpyRandom(11);
        int[] twenties = new int[200];
        for (int i = 0; i < twenties.length; i++) {
            twenties[i] = eleven.binomial(20, 0.8);
        }
        assertArrayEquals(Fixtures.ints("binomial_20_0.8_seed11"), twenties);
    }

    @Test
    void badArgumentsSayWhatWasExpected() {
        var negative = assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertEquals("NumpyRandom.seed: expected a seed in [0, 2^32 - 1] as NumPy requires, got -1",
                negative.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(0).binomial(1, 1.5));
        assertEquals("NumpyRandom.binomial: expected p in [0, 1], got 1.5", p.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> new NumpyRandom(0).binomial(1000, 0.5));
    }
}
