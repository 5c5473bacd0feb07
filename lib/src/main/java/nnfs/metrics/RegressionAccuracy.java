package nnfs.metrics;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.data.Targets;

/**
 * Accuracy for regression: a prediction counts as right when it is within a tolerance of the target.
 *
 * <pre>
 * right_ij = |ŷ_ij − y_ij| &lt; precision,     precision = std(y) / 250    (from the training targets, set once)
 * </pre>
 *
 * <p>The 250 is the book's choice: a larger divisor makes the measure stricter.
 */
public final class RegressionAccuracy extends Accuracy {

    /** The book's divisor: precision = std(y) / 250. */
    public static final double DIVISOR = 250.0;

    private Double precision;

    /** The precision is set from the targets at the first {@link #init} (the training set, in a model). */
    public RegressionAccuracy() {
    }

    /** A fixed precision. */
    public RegressionAccuracy(double precision) {
        this.precision = Checks.requirePositive("RegressionAccuracy", "precision", precision);
    }

    /** Sets the precision to std(y)/250 unless it is already set. */
    @Override
    public void init(Targets yTrue) {
        if (precision == null) {
            precision = standardDeviation(values("init", yTrue)) / DIVISOR;
        }
    }

    /** Sets the precision to std(y)/250 again, from these targets. */
    public void reinit(Targets yTrue) {
        precision = null;
        init(yTrue);
    }

    /** The tolerance, or NaN before it is known. */
    public double precision() {
        return precision == null ? Double.NaN : precision;
    }

    @Override
    public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
        DMatrixRMaj y = values("calculate", yTrue);
        init(yTrue);
        Checks.requireShape(this, "calculate", predictions, y.numRows, y.numCols, "predictions of the targets' shape");
        long right = 0;
        int n = y.getNumElements();
        for (int k = 0; k < n; k++) {
            if (Math.abs(predictions.data[k] - y.data[k]) < precision) {
                right++;
            }
        }
        return new long[] {right, n};
    }

    private DMatrixRMaj values(String method, Targets yTrue) {
        if (!(yTrue instanceof Targets.Values values)) {
            throw new IllegalArgumentException(this + "." + method + ": expected a matrix of target values, got class "
                    + "labels");
        }
        return values.matrix();
    }

    /** The population standard deviation of all elements, as {@code np.std}. */
    static double standardDeviation(DMatrixRMaj m) {
        int n = m.getNumElements();
        double mean = 0.0;
        for (int k = 0; k < n; k++) {
            mean += m.data[k];
        }
        mean /= n;
        double squares = 0.0;
        for (int k = 0; k < n; k++) {
            double d = m.data[k] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / n);
    }

    @Override
    public String toString() {
        return precision == null ? "RegressionAccuracy" : "RegressionAccuracy(precision=" + precision + ")";
    }
}
