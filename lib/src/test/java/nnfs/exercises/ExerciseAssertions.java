package nnfs.exercises;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What every chapter's exercise tests assert: a check passes, fails with a hint, or reports "not attempted". */
final class ExerciseAssertions {

    private ExerciseAssertions() {
    }

    /** The check passes and prints its one ✔ line for {@code exercise}; returns that line. */
    static String assertPasses(String exercise, Runnable check) {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            check.run();
        } finally {
            System.setOut(saved);
        }
        String printed = captured.toString(StandardCharsets.UTF_8).strip();
        assertTrue(printed.startsWith("✔ Exercise " + exercise + " ("), "expected a ✔ line, got: " + printed);
        assertTrue(printed.lines().count() == 1, "one line, got: " + printed);
        return printed;
    }

    /** The check fails for {@code exercise} with a message holding every fragment; returns the message. */
    static String assertFails(String exercise, Runnable check, String... fragments) {
        ExerciseFailure failure = assertThrows(ExerciseFailure.class, check::run);
        String message = failure.getMessage();
        assertTrue(message.startsWith("✘ Exercise " + exercise + ": ") && !(failure instanceof NotAttempted),
                "expected a ✘ failure of exercise " + exercise + ", got: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "expected the message to contain '" + fragment + "', got: "
                    + message);
        }
        return message;
    }

    /** The check reports the student edition's stub as "not attempted". */
    static void assertNotAttempted(String exercise, Runnable check) {
        ExerciseFailure failure = assertThrows(ExerciseFailure.class, check::run);
        assertInstanceOf(NotAttempted.class, failure, failure.getMessage());
        assertTrue(failure.getMessage().startsWith("✘ Exercise " + exercise + " not attempted yet: "),
                failure.getMessage());
    }

    /** What the student edition's stub throws. */
    static UnsupportedOperationException stub(String exercise) {
        return new UnsupportedOperationException("exercise " + exercise + ": write this");
    }
}
