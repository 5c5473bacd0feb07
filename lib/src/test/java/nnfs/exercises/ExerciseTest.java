package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;

/** The toolkit the chapters' checks are written with. */
class ExerciseTest {

    private static final DMatrixRMaj EXPECTED = Matrices.of(new double[] {1.0, 0.3104}, new double[] {-2.5, 4.0});

    @Test
    void aMatchingAnswerPassesAndSaysWhatWasVerified() {
        String line = assertPasses("9.9", () -> Exercise.of("9.9", "a test").compare("m", EXPECTED, EXPECTED.copy())
                .verified("m equals the reference").verified("twice").pass());
        assertEquals("✔ Exercise 9.9 (a test): m equals the reference; twice.", line);
    }

    @Test
    void theFirstDifferenceIsNamedWithTheFirstHintThatRecognisesTheAnswer() {
        DMatrixRMaj wrong = EXPECTED.copy();
        wrong.set(0, 1, 0.0);
        String message = assertFails("9.9", () -> Exercise.of("9.9", "t").compare("dbiases", EXPECTED, wrong,
                Hint.ifShape(2, 1, "not this one"), Hint.ifEqual(wrong, "did you sum over the batch?"),
                Hint.otherwise("not this one either")));
        assertEquals("✘ Exercise 9.9: dbiases[0, 1]: expected 0.3104, got 0.0: did you sum over the batch?", message);
    }

    @Test
    void aWrongShapeIsReportedBeforeAnyValue() {
        assertFails("9.9", () -> Exercise.of("9.9", "t").compare("dbiases", EXPECTED, new DMatrixRMaj(2, 1),
                Hint.ifShape(2, 1, "one per neuron")), "dbiases: expected a 2×2 matrix, got 2×1: one per neuron");
    }

    @Test
    void differencesInTheLastDigitsPassAndLargerOnesDoNot() {
        DMatrixRMaj close = EXPECTED.copy();
        close.data[1] *= 1 + 1e-12;
        Exercise.of("9.9", "t").compare("m", EXPECTED, close);
        DMatrixRMaj off = EXPECTED.copy();
        off.data[1] *= 1 + 1e-7;
        String message = assertFails("9.9", () -> Exercise.of("9.9", "t").compare("m", EXPECTED, off));
        assertEquals("✘ Exercise 9.9: m[0, 1]: expected 0.3104, got 0.31040003", message,
                "as many digits as it takes to see the difference");
    }

    @Test
    void aPredictionIsJudgedWithoutGivingTheAnswer() {
        String message = assertFails("9.9", () -> Exercise.of("9.9", "t").prediction("dinputs", EXPECTED,
                Matrices.of(new double[] {1.0, 0.5}, new double[] {-2.5, 4.0}), Hint.otherwise("look at row 0")));
        assertEquals("✘ Exercise 9.9: dinputs[0, 1]: your prediction 0.5 is too high: look at row 0", message);
    }

    @Test
    void theStubIsNotAttemptedAndOtherExceptionsAreFailures() {
        Exercise exercise = Exercise.of("9.9", "t");
        assertNotAttempted("9.9", () -> exercise.call("MyLayer.backward", () -> {
            throw new UnsupportedOperationException("exercise 9.9: compute dinputs");
        }));
        assertFails("9.9", () -> exercise.call("MyLayer.backward", () -> {
            throw new ArrayIndexOutOfBoundsException("Index 3 out of bounds for length 3");
        }), "MyLayer.backward threw ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 3");
        assertFails("9.9", () -> exercise.run("MyLayer.forward", () -> {
            throw new UnsupportedOperationException("no such thing");
        }), "MyLayer.forward threw UnsupportedOperationException: no such thing");
    }

    @Test
    void whereAnExceptionWasThrownIsTakenFromTheNotebooksSnippet() {
        Exception e = new IllegalStateException("boom");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("nnfs.layers.Dense", "forward", "Dense.java", 120),
            new StackTraceElement("REPL.$JShell$12$MyDense", "backward", "#12", 7)});
        assertEquals("in MyDense.backward, line 7 of the snippet that declares it", Exercise.whereInTheNotebook(e));
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("nnfs.X", "y", "X.java", 1)});
        assertEquals("", Exercise.whereInTheNotebook(e));
    }

    @Test
    void numbersAreWrittenShortlyButDistinctly() {
        assertArrayEquals(new String[] {"0.3104", "0.0"}, Exercise.distinguish(0.3104, 0.0));
        assertArrayEquals(new String[] {"1.576e-4", "1.577e-4"}, Exercise.distinguish(1.5763e-4, 1.5771e-4));
        assertEquals("2.0e-5", Exercise.format(2e-5, 4));
        assertEquals("-3.0e-5", Exercise.format(-3e-5, 4));
        assertEquals("NaN", Exercise.format(Double.NaN, 4));
        assertEquals("36.0", Exercise.format(36, 4));
        assertEquals("1.235e7", Exercise.format(12_345_678, 4));
    }

    @Test
    void firstDifferenceTreatsEqualNaNsAsEqual() {
        DMatrixRMaj a = Matrices.row(Double.NaN, 1);
        assertNull(Exercise.firstDifference(a, a.copy()));
        assertArrayEquals(new int[] {0, 0}, Exercise.firstDifference(a, Matrices.row(0, 1)));
    }

    @Test
    void anInfiniteExpectedValueIsMatchedOnlyByTheSameInfinity() {
        DMatrixRMaj infinite = Matrices.row(Double.POSITIVE_INFINITY, 1);
        assertNull(Exercise.firstDifference(infinite, infinite.copy()));
        assertArrayEquals(new int[] {0, 0}, Exercise.firstDifference(infinite, Matrices.row(5, 1)));
        assertArrayEquals(new int[] {0, 0}, Exercise.firstDifference(infinite, Matrices.row(Double.NEGATIVE_INFINITY, 1)));
    }
}
