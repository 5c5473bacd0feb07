package nnfs.exercises;

/**
 * A check found the answer to an exercise wrong (or not there yet). The message is everything the student needs:
 * it starts with "✘ Exercise N.k", names the first difference and, where the check recognises the mistake, gives a
 * hint. There is no stack trace to read through: the notebook shows the message alone, and an autograder (nbgrader)
 * sees a failed cell.
 */
public class ExerciseFailure extends RuntimeException {

    private final String exercise;

    ExerciseFailure(String exercise, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exercise = exercise;
    }

    /** The exercise's number, e.g. "4.2". */
    public String exercise() {
        return exercise;
    }
}
