package nnfs.random;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two loops of {@link NumpyRandom} that dropout's masks spend their time in, with SIMD instructions through the
 * JDK's vector API: the Mersenne Twister's regeneration of its state, and the one-trial draws. Both are integer
 * arithmetic (shifts, masks, subtractions), so each lane gives exactly the bits of the plain loop; the plain loops stay
 * in {@link NumpyRandom} and run when {@link nnfs.math.Simd} is off, and {@code NumpyRandomTest} compares the streams.
 * Only {@link NumpyRandom} calls this class, and only when {@link nnfs.math.Simd#ENABLED} is true.
 */
final class VectorDraws {

    /** Eight 32-bit words: the twister's state, eight elements at a time. */
    private static final VectorSpecies<Integer> WORDS = IntVector.SPECIES_256;
    /** The same 256 bits as four 64-bit lanes: four draws, each made of two consecutive words. */
    private static final VectorSpecies<Long> DRAWS = LongVector.SPECIES_256;

    static final int WORDS_PER_STEP = 8;
    static final int DRAWS_PER_STEP = 4;

    private VectorDraws() {
    }

    /**
     * mt[k] = mt[k + offset] ^ (y >>> 1) ^ (MATRIX_A if y is odd), y = (mt[k] & UPPER) | (mt[k + 1] & LOWER), for k from
     * {@code from} in steps of eight while k + 8 ≤ {@code to}; returns the first k not done. Eight lanes at once give
     * the plain loop's result as long as they do not read what they write: they read mt[k + 1 … k + 8], whose last word
     * this step does not write, and mt[k + offset …], which for the state's two parts (offset 397, and −227 once the
     * first 227 words are new) is either not yet written or written by an earlier step.
     */
    static int twist(int[] mt, int from, int to, int offset, int upperMask, int lowerMask, int matrixA) {
        int k = from;
        for (; k + WORDS_PER_STEP <= to; k += WORDS_PER_STEP) {
            IntVector here = IntVector.fromArray(WORDS, mt, k);
            IntVector next = IntVector.fromArray(WORDS, mt, k + 1);
            IntVector y = here.and(upperMask).or(next.and(lowerMask));
            IntVector odd = y.and(1).neg().and(matrixA);
            IntVector.fromArray(WORDS, mt, k + offset)
                    .lanewise(VectorOperators.XOR, y.lanewise(VectorOperators.LSHR, 1))
                    .lanewise(VectorOperators.XOR, odd)
                    .intoArray(mt, k);
        }
        return k;
    }

    /**
     * {@code steps} × 4 one-trial draws into out[k …], from the tempered words at words[at …] (two per draw, read as
     * {@code NumpyRandom.rand} reads them): out is {@code oneBits} where the draw's 53-bit integer m is at least
     * {@code above}, else {@code zeroBits} (both the raw bits of a double). Returns true when some m reached
     * {@code restart} (the sign of the lanes' OR), where the caller draws the block again one by one.
     *
     * <p>Per lane: the 64-bit lane holds the first word in its low half and the second in its high half (the vector
     * API reinterprets lanes in little-endian order), so m = ((low >>> 5) << 26) | (lane >>> 38). The comparisons are
     * the sign of a difference (all values are below 2^54, nothing overflows): m ≥ above exactly when above − 1 − m is
     * negative, and −(that sign bit) selects the bits of one value or the other.
     */
    static boolean threshold(int[] words, int at, double[] out, int k, int steps, long above, long restart,
            long zeroBits, long oneBits) {
        long aboveMinusOne = above - 1;
        long restartMinusOne = restart - 1;
        long flip = zeroBits ^ oneBits;
        LongVector reached = LongVector.zero(DRAWS);
        for (int s = 0; s < steps; s++) {
            LongVector pair = IntVector.fromArray(WORDS, words, at).reinterpretAsLongs();
            LongVector m = pair.and(0xffffffffL).lanewise(VectorOperators.LSHR, 5).lanewise(VectorOperators.LSHL, 26)
                    .or(pair.lanewise(VectorOperators.LSHR, 38));
            LongVector isOne = m.neg().add(aboveMinusOne).lanewise(VectorOperators.LSHR, 63);
            reached = reached.or(m.neg().add(restartMinusOne));
            isOne.neg().and(flip).lanewise(VectorOperators.XOR, zeroBits).reinterpretAsDoubles().intoArray(out, k);
            at += WORDS_PER_STEP;
            k += DRAWS_PER_STEP;
        }
        return reached.reduceLanes(VectorOperators.OR) < 0;
    }
}
