package nnfs.exercises;

/** The student's code still throws the stub of the student edition: nothing to check yet. */
public final class NotAttempted extends ExerciseFailure {

    NotAttempted(String exercise, String message, Throwable cause) {
        super(exercise, message, cause);
    }
}
