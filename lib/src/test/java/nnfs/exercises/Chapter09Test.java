package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.data.Targets;
import nnfs.losses.Loss;
import nnfs.losses.MeanAbsoluteError;
import nnfs.metrics.Accuracy;
import nnfs.metrics.RegressionAccuracy;

/** Chapter 9's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter09Test {

    // --- 9.1 ---------------------------------------------------------------------------------------------------

    private static Chapter09.AccuracyPrediction predicting(double precision, double accuracy) {
        return new Chapter09.AccuracyPrediction() {
            public double precision() {
                return precision;
            }

            public double accuracy() {
                return accuracy;
            }
        };
    }

    @Test
    void accuracyPrediction() {
        assertPasses("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2) / 250, 0.6)));
        assertPasses("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2.0 / 5 * 5) / 250, 3.0 / 5)));
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2.5) / 250, 0.8)),
                "precision: your prediction 0.006325 is too high", "sample standard deviation");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(0.008, 1.0)), "the variance");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2), 1.0)),
                "that is std(y) itself");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(0.005657, 0.6)),
                "precision: your prediction 0.005657 is too high", "close, but rounded");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(0.0056, 0.6)),
                "precision: your prediction 0.0056 is too low", "precision = std(y) / 250");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2) / 250, 0.8)),
                "accuracy: your prediction 0.8 is too high", "an error of −0.006 is too large");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2) / 250, 1.0)),
                "not every prediction");
        assertFails("9.1", () -> Chapter09.checkAccuracyPrediction(predicting(Math.sqrt(2) / 250, 0.4)),
                "is too low", "|ŷ − y| < precision");
        assertNotAttempted("9.1", () -> Chapter09.checkAccuracyPrediction(new Chapter09.AccuracyPrediction() {
            public double precision() {
                throw stub("9.1");
            }

            public double accuracy() {
                throw stub("9.1");
            }
        }));
    }

    // --- 9.2 ---------------------------------------------------------------------------------------------------

    private interface Rule {
        double of(double prediction, double target, int outputs, int n);
    }

    /** A mean absolute error whose forward pass is the library's and whose backward pass follows {@code rule}. */
    private static Loss mae(Rule rule) {
        return new Loss() {
            private final MeanAbsoluteError forward = new MeanAbsoluteError();

            @Override
            public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
                return forward.forward(yPred, yTrue);
            }

            @Override
            public void backward(DMatrixRMaj dvalues, Targets yTrue) {
                DMatrixRMaj y = ((Targets.Values) yTrue).matrix();
                dinputs.reshape(dvalues.numRows, dvalues.numCols);
                for (int k = 0; k < dvalues.getNumElements(); k++) {
                    dinputs.data[k] = rule.of(dvalues.data[k], y.data[k], dvalues.numCols, dvalues.numRows);
                }
            }
        };
    }

    @Test
    void maeGradient() {
        assertPasses("9.2", () -> Chapter09.checkMaeGradient(MeanAbsoluteError::new));
        assertPasses("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> Math.signum(p - y) / j / n)));
        assertPasses("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> (p > y ? 1.0 : -1.0)
                / (j * n))));
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> Math.signum(y - p) / j / n)),
                "dinputs (batch of 4 samples × 1 output)[0, 0]: expected -0.25, got 0.25", "the book's listing");
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> Math.signum(p - y) / j)),
                "expected -0.25, got -1.0", "divide by J and by n");
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> j == 1 ? Math.signum(p - y) / n
                : Math.signum(p - y) / j)), "dinputs (batch of 3 samples × 2 outputs)", "divide by n as well");
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> Math.signum(p - y) / n)),
                "dinputs (batch of 3 samples × 2 outputs)", "divide by J too");
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> Math.signum(p - y))),
                "divide by J and by n");
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> (p - y) / j / n)),
                "not e");
        assertFails("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> -2 * (y - p) / j / n)),
                "the squared error's gradient");
        assertNotAttempted("9.2", () -> Chapter09.checkMaeGradient(() -> mae((p, y, j, n) -> {
            throw stub("9.2");
        })));
    }

    // --- 9.3 ---------------------------------------------------------------------------------------------------

    /** A regression accuracy as a student might write it. */
    private static class StudentAccuracy extends Accuracy {
        private final int lost;          // 1: the sample standard deviation
        private final boolean resets;    // init always sets the precision again
        private final boolean signed;    // ŷ − y instead of |ŷ − y|
        private final double divisor;
        private final boolean bySamples; // total = rows
        private double precision = Double.NaN;

        StudentAccuracy(int lost, boolean resets, boolean signed, double divisor, boolean bySamples) {
            this.lost = lost;
            this.resets = resets;
            this.signed = signed;
            this.divisor = divisor;
            this.bySamples = bySamples;
        }

        @Override
        public void init(Targets yTrue) {
            if (Double.isNaN(precision) || resets) {
                DMatrixRMaj y = ((Targets.Values) yTrue).matrix();
                double mean = 0;
                for (int k = 0; k < y.getNumElements(); k++) {
                    mean += y.data[k];
                }
                mean /= y.getNumElements();
                double squares = 0;
                for (int k = 0; k < y.getNumElements(); k++) {
                    squares += (y.data[k] - mean) * (y.data[k] - mean);
                }
                precision = Math.sqrt(squares / (y.getNumElements() - lost)) / divisor;
            }
        }

        @Override
        public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
            DMatrixRMaj y = ((Targets.Values) yTrue).matrix();
            long right = 0;
            for (int k = 0; k < y.getNumElements(); k++) {
                double e = predictions.data[k] - y.data[k];
                if ((signed ? e : Math.abs(e)) < precision) {
                    right++;
                }
            }
            return new long[] {right, bySamples ? y.numRows : y.getNumElements()};
        }
    }

    @Test
    void regressionAccuracy() {
        assertPasses("9.3", () -> Chapter09.checkRegressionAccuracy(RegressionAccuracy::new));
        assertPasses("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(0, false, false, 250,
                false)));
        assertFails("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(1, false, false, 250,
                false)), "accuracy on the training data (400 values)", "sample standard deviation");
        assertFails("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(0, false, false, 1,
                false)), "divided by 250");
        assertFails("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(0, false, true, 250,
                false)), "compare the size of the error");
        assertFails("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(0, false, false, 250,
                true)), "count every value");
        assertFails("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(0, true, false, 250,
                false)), "accuracy on the validation data", "is kept");
        assertNotAttempted("9.3", () -> Chapter09.checkRegressionAccuracy(() -> new StudentAccuracy(0, false, false,
                250, false) {
            @Override
            public void init(Targets yTrue) {
                throw stub("9.3");
            }
        }));
    }

    // --- 9.4 ---------------------------------------------------------------------------------------------------

    @Test
    void outlier() {
        assertPasses("9.4", () -> Chapter09.checkOutlier(() -> new double[] {2.15, 2.25}));
        assertPasses("9.4", () -> Chapter09.checkOutlier(() -> new double[] {2.19, 2.21}));
        assertFails("9.4", () -> Chapter09.checkOutlier(() -> new double[] {2.0, 2.1}), "still below 3");
        assertFails("9.4", () -> Chapter09.checkOutlier(() -> new double[] {2.3, 2.4}), "the boundary lies lower");
        assertFails("9.4", () -> Chapter09.checkOutlier(() -> new double[] {1.0, 3.0}), "narrow it down");
        assertFails("9.4", () -> Chapter09.checkOutlier(() -> new double[] {2.2}), "expected two outlier heights");
        assertNotAttempted("9.4", () -> Chapter09.checkOutlier(() -> {
            throw stub("9.4");
        }));
    }
}
