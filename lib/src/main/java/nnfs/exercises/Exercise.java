package nnfs.exercises;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.check.GradientCheck;

/**
 * One exercise being checked: the toolkit every chapter's checks are written with.
 *
 * <pre>
 * Exercise exercise = Exercise.of("4.2", "a dense layer's backward pass");
 * MyDense layer = exercise.call("new MyDense(...)", () -> create.get());      // a stub's throw: "not attempted"
 * exercise.compare("dbiases", reference.dbiases(), layer.dbiases(),
 *         Hint.ifEqual(firstRowOfDvalues, "did you sum over the batch?"));     // ✘ at the first difference
 * exercise.verified("dweights, dbiases and dinputs equal Dense's on 3 batches");
 * exercise.pass();                                                            // ✔ Exercise 4.2 (...): ...
 * </pre>
 *
 * <p>Every comparison stops at the first wrong element with an {@link ExerciseFailure}: its message names the element,
 * the expected and the found value, and the first {@link Hint} that recognises the answer. The student's code runs
 * only inside {@link #call} and {@link #run}, which turn the student edition's stub into {@link NotAttempted} and any
 * other exception into a failure that says where it was thrown. {@link #pass} prints one line with what was verified.
 */
public final class Exercise {

    /**
     * Two numbers agree when they differ by at most this much relative to the larger of the expected value and a
     * thousandth of the largest expected value of the matrix: wide enough for another order of additions, far too
     * narrow for a wrong formula.
     */
    public static final double TOLERANCE = 1e-9;

    /** A gradient check passes when its worst relative error is at most this (a correct backward pass gives ~1e-9). */
    public static final double GRADIENT_TOLERANCE = 1e-6;

    private final String number;
    private final String title;
    private final List<String> verified = new ArrayList<>();

    private Exercise(String number, String title) {
        this.number = number;
        this.title = title;
    }

    /** Starts the check of exercise {@code number} ("4.2"), titled as in the notebook. */
    public static Exercise of(String number, String title) {
        Checks.requireNonNull("Exercise", "of", number, "an exercise number");
        Checks.requireNonNull("Exercise", "of", title, "a title");
        return new Exercise(number, title);
    }

    public String number() {
        return number;
    }

    public String title() {
        return title;
    }

    /**
     * Runs the student's code and returns its result. {@code what} names the code in messages, e.g.
     * {@code "MyDense.backward"}. The stub's {@code UnsupportedOperationException("exercise …")} becomes
     * {@link NotAttempted}; any other exception a failure naming it and where it was thrown.
     */
    public <T> T call(String what, Supplier<T> code) {
        try {
            return code.get();
        } catch (ExerciseFailure e) {
            throw e;
        } catch (UnsupportedOperationException e) {
            if (isStub(e)) {
                throw new NotAttempted(number, "✘ Exercise " + number + " not attempted yet: " + what
                        + " still throws the stub \"" + e.getMessage() + "\". Replace that throw with your code, run"
                        + " its cell again, then this one.", e);
            }
            throw threw(what, e);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            throw threw(what, e);
        }
    }

    /** {@link #call} for code that returns nothing. */
    public void run(String what, Runnable code) {
        call(what, () -> {
            code.run();
            return null;
        });
    }

    private static boolean isStub(UnsupportedOperationException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).startsWith("exercise ");
    }

    private ExerciseFailure threw(String what, Throwable e) {
        String where = whereInTheNotebook(e);
        return new ExerciseFailure(number, "✘ Exercise " + number + ": " + what + " threw "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (where.isEmpty() ? "" : " (" + where + ")"), e);
    }

    /**
     * Where in the student's cells an exception was thrown, from its first stack frame in code the notebook declared
     * (the Java kernels compile each cell with JShell, which names the source "#12" and the classes
     * "REPL.$JShell$12$MyDense"); empty when no such frame is found.
     */
    static String whereInTheNotebook(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String file = frame.getFileName();
            if (file != null && file.startsWith("#") && frame.getLineNumber() > 0) {
                String type = frame.getClassName();
                type = type.substring(type.lastIndexOf('$') + 1);
                String method = frame.getMethodName();
                String name = type.isEmpty() || type.matches("\\d+") ? method : type + "." + method;
                return "in " + name + ", line " + frame.getLineNumber() + " of the snippet that declares it";
            }
        }
        return "";
    }

    /**
     * Checks that {@code actual} has the shape of {@code expected} and the same values; otherwise fails at the first
     * difference, with the first hint that recognises {@code actual}.
     */
    public Exercise compare(String name, DMatrixRMaj expected, DMatrixRMaj actual, Hint... hints) {
        if (actual == null) {
            throw fail(name + ": expected a " + shape(expected) + " matrix, got null", null, hints);
        }
        if (actual.numRows != expected.numRows || actual.numCols != expected.numCols) {
            throw fail(name + ": expected a " + shape(expected) + " matrix, got " + shape(actual), actual, hints);
        }
        int[] at = firstDifference(expected, actual);
        if (at != null) {
            double e = expected.get(at[0], at[1]);
            double a = actual.get(at[0], at[1]);
            String[] both = distinguish(e, a);
            String where = expected.getNumElements() == 1 ? name : name + "[" + at[0] + ", " + at[1] + "]";
            throw fail(where + ": expected " + both[0] + ", got " + both[1], actual, hints);
        }
        return this;
    }

    /** {@link #compare(String, DMatrixRMaj, DMatrixRMaj, Hint...)} for one number. */
    public Exercise compare(String name, double expected, double actual, Hint... hints) {
        return compare(name, Hint.scalar(expected), Hint.scalar(actual), hints);
    }

    /**
     * Checks a prediction against what really happens without giving the answer away: on a mismatch it says which
     * element is wrong and whether the prediction is too high or too low, not the right value.
     */
    public Exercise prediction(String name, DMatrixRMaj truth, DMatrixRMaj predicted, Hint... hints) {
        if (predicted == null) {
            throw fail(name + ": expected a prediction, got null", null, hints);
        }
        if (predicted.numRows != truth.numRows || predicted.numCols != truth.numCols) {
            throw fail(name + ": the real result is a " + shape(truth) + " matrix, your prediction is "
                    + shape(predicted), predicted, hints);
        }
        int[] at = firstDifference(truth, predicted);
        if (at != null) {
            double t = truth.get(at[0], at[1]);
            double p = predicted.get(at[0], at[1]);
            String where = truth.getNumElements() == 1 ? name : name + "[" + at[0] + ", " + at[1] + "]";
            String direction = Double.isNaN(t) || Double.isNaN(p) ? "not what happens" : p > t ? "too high" : "too low";
            throw fail(where + ": your prediction " + distinguish(t, p)[1] + " is " + direction, predicted, hints);
        }
        return this;
    }

    /** {@link #prediction(String, DMatrixRMaj, DMatrixRMaj, Hint...)} for one number. */
    public Exercise prediction(String name, double truth, double predicted, Hint... hints) {
        return prediction(name, Hint.scalar(truth), Hint.scalar(predicted), hints);
    }

    /**
     * Checks that every comparison of a finite-difference gradient check passes ({@link #GRADIENT_TOLERANCE}), and
     * records the worst relative error for {@link #pass}.
     */
    public Exercise gradientCheck(GradientCheck.Report report, Hint... hints) {
        for (GradientCheck.Comparison c : report.comparisons()) {
            double error = c.relativeError();
            if (!(error <= GRADIENT_TOLERANCE)) {
                throw fail("the gradient check of " + c.name() + " fails: relative error " + scientific(error)
                        + " between your gradient and the finite differences (a correct backward pass gives about"
                        + " 1e-9)", c.analytic(), hints);
            }
        }
        verified("gradient check passes (largest relative error " + scientific(report.worstRelativeError()) + ")");
        return this;
    }

    /** Fails with {@code message} (and the first hint recognising {@code answer}) unless {@code condition} holds. */
    public Exercise require(boolean condition, String message, DMatrixRMaj answer, Hint... hints) {
        if (!condition) {
            throw fail(message, answer, hints);
        }
        return this;
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    public Exercise require(boolean condition, String message) {
        return require(condition, message, null);
    }

    /** Adds a line to what {@link #pass} reports, e.g. "forward equals Sigmoid's on 3 batches". */
    public Exercise verified(String what) {
        verified.add(what);
        return this;
    }

    /** Prints "✔ Exercise N.k (title): what was verified." */
    public void pass() {
        String what = verified.isEmpty() ? "" : ": " + String.join("; ", verified);
        System.out.println("✔ Exercise " + number + " (" + title + ")" + what + ".");
    }

    /** The failure "✘ Exercise N.k: message: hint", with the first hint that recognises {@code answer}. */
    public ExerciseFailure fail(String message, DMatrixRMaj answer, Hint... hints) {
        String advice = null;
        for (Hint hint : hints) {
            if (answer != null && hint.recognises().test(answer) || answer == null && isGeneral(hint)) {
                advice = hint.advice();
                break;
            }
        }
        return new ExerciseFailure(number, "✘ Exercise " + number + ": " + message
                + (advice == null ? "" : ": " + advice), null);
    }

    private static boolean isGeneral(Hint hint) {
        try {
            return hint.recognises().test(new DMatrixRMaj(0, 0));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The row and column of the first element where the two differ by more than {@link #TOLERANCE}, or null. */
    static int[] firstDifference(DMatrixRMaj expected, DMatrixRMaj actual) {
        if (expected.numRows != actual.numRows || expected.numCols != actual.numCols) {
            return new int[] {0, 0};
        }
        double scale = 0.0;
        for (int k = 0; k < expected.getNumElements(); k++) {
            if (Double.isFinite(expected.data[k])) {
                scale = Math.max(scale, Math.abs(expected.data[k]));
            }
        }
        for (int k = 0; k < expected.getNumElements(); k++) {
            double e = expected.data[k];
            double a = actual.data[k];
            // An infinite expected value is matched only by the same infinity (its tolerance would be infinite).
            boolean same = e == a || Double.isNaN(e) && Double.isNaN(a)
                    || Double.isFinite(e) && Math.abs(a - e) <= TOLERANCE * Math.max(Math.abs(e), 1e-3 * scale);
            if (!same) {
                return new int[] {k / expected.numCols, k % expected.numCols};
            }
        }
        return null;
    }

    /**
     * The two numbers as short as they can be written and still look different: four significant digits unless they
     * agree there ("expected 0.3104, got 0.0"; "expected 0.310400012, got 0.310400015").
     */
    static String[] distinguish(double expected, double actual) {
        for (int digits = 4; digits <= 17; digits++) {
            String e = format(expected, digits);
            String a = format(actual, digits);
            if (!e.equals(a) || digits == 17) {
                return new String[] {e, a};
            }
        }
        throw new AssertionError("unreachable");
    }

    static String format(double v, int digits) {
        if (v == 0.0 || !Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
        double magnitude = Math.abs(v);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            String plain = rounded.stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String mantissa = rounded.unscaledValue().abs().toString();
        mantissa = mantissa.replaceAll("0+$", "");
        mantissa = mantissa.isEmpty() ? "0" : mantissa;
        int exponent = rounded.precision() - rounded.scale() - 1;
        String m = mantissa.charAt(0) + "." + (mantissa.length() == 1 ? "0" : mantissa.substring(1));
        return (v < 0 ? "-" : "") + m + "e" + exponent;
    }

    static String scientific(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1e", v) : Double.toString(v);
    }

    static String shape(DMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }

    @Override
    public String toString() {
        return "Exercise " + number + " (" + title + ")";
    }
}
