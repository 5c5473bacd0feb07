package nnfs.exercises;

import java.util.function.Predicate;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * Advice for one typical wrong answer. A check passes its hints along with a comparison; when the answer is wrong, the
 * first hint that recognises it is added to the message, so that the student reads "did you sum over the batch?"
 * rather than only a wrong number.
 *
 * <p>The strongest hints are computed: the check works out what the typical mistake would have produced (the first
 * row of {@code dvalues} instead of the column sums, the L2 bias gradient taken with the weights, ...) and
 * {@link #ifEqual} recognises exactly that answer.
 *
 * @param advice what to tell the student, phrased as a question or a reminder
 * @param recognises true for the answers this advice is about
 */
public record Hint(String advice, Predicate<DMatrixRMaj> recognises) {

    public Hint {
        Checks.requireNonNull("Hint", "new", advice, "advice");
        Checks.requireNonNull("Hint", "new", recognises, "a test of the answer");
    }

    /** Recognises an answer equal, within the checks' tolerance, to {@code wrongResult}: what the mistake gives. */
    public static Hint ifEqual(DMatrixRMaj wrongResult, String advice) {
        DMatrixRMaj wrong = wrongResult.copy();
        return new Hint(advice, answer -> Exercise.firstDifference(wrong, answer) == null);
    }

    /** {@link #ifEqual(DMatrixRMaj, String)} for a single number. */
    public static Hint ifEqual(double wrongResult, String advice) {
        return ifEqual(scalar(wrongResult), advice);
    }

    /** Recognises an answer of the given shape (a typical sign of a sum over the wrong axis, or a missing transpose). */
    public static Hint ifShape(int rows, int cols, String advice) {
        return new Hint(advice, answer -> answer.numRows == rows && answer.numCols == cols);
    }

    /** Recognises the answers that pass {@code test}. */
    public static Hint when(Predicate<DMatrixRMaj> test, String advice) {
        return new Hint(advice, test);
    }

    /** Recognises every answer: the general reminder, given last, when no specific mistake was recognised. */
    public static Hint otherwise(String advice) {
        return new Hint(advice, answer -> true);
    }

    static DMatrixRMaj scalar(double value) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.data[0] = value;
        return m;
    }
}
