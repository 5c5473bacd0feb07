package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import java.util.function.DoubleUnaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import nnfs.activations.ActivationFunction;
import nnfs.activations.Sigmoid;
import nnfs.activations.Step;

/** Chapter 2's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter02Test {

    // --- 2.1 ---------------------------------------------------------------------------------------------------

    @Test
    void networkPrediction() {
        assertPasses("2.1", () -> Chapter02.checkNetworkPrediction(() -> new double[] {-2.8, -1.3, 6.2}));
        assertFails("2.1", () -> Chapter02.checkNetworkPrediction(() -> new double[] {-4.8, -1.8, 7.2}),
                "outputs[0, 0]: your prediction -4.8 is too low", "without its ReLU");
        assertFails("2.1", () -> Chapter02.checkNetworkPrediction(() -> new double[] {0, 0, 6.2}),
                "between the two layers only");
        assertFails("2.1", () -> Chapter02.checkNetworkPrediction(() -> new double[] {-2.8, -1.3, 6.0}),
                "[0, 2]: your prediction 6.0 is too low", "each negative one replaced by 0");
        assertFails("2.1", () -> Chapter02.checkNetworkPrediction(() -> new double[] {-2.8}),
                "expected one output per input");
        assertNotAttempted("2.1", () -> Chapter02.checkNetworkPrediction(() -> {
            throw stub("2.1");
        }));
    }

    // --- activations as a student writes them -------------------------------------------------------------------

    /** An activation with the given forward rule and backward rule (of x, y and dy). */
    private static ActivationFunction activation(DoubleUnaryOperator forward, Backward backward) {
        return new ActivationFunction() {
            @Override
            protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
                for (int k = 0; k < x.getNumElements(); k++) {
                    y.data[k] = forward.applyAsDouble(x.data[k]);
                }
            }

            @Override
            protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
                for (int k = 0; k < x.getNumElements(); k++) {
                    dx.data[k] = backward.of(x.data[k], y.data[k], dy.data[k]);
                }
            }
        };
    }

    private interface Backward {
        double of(double x, double y, double dy);
    }

    private static final DoubleUnaryOperator STEP = v -> v > 0 ? 1 : 0;
    private static final DoubleUnaryOperator SIGMOID = v -> 1 / (1 + Math.exp(-v));

    // --- 2.2 ---------------------------------------------------------------------------------------------------

    @Test
    void step() {
        assertPasses("2.2", () -> Chapter02.checkStep(Step::new));
        assertPasses("2.2", () -> Chapter02.checkStep(() -> activation(STEP, (x, y, dy) -> 0)));
        assertFails("2.2", () -> Chapter02.checkStep(() -> activation(v -> v >= 0 ? 1 : 0, (x, y, dy) -> 0)),
                "output[0, 3]: expected 0.0, got 1.0", "y = 1 only when x > 0");
        assertFails("2.2", () -> Chapter02.checkStep(() -> activation(v -> v > 0 ? 0 : 1, (x, y, dy) -> 0)),
                "the other way round");
        assertFails("2.2", () -> Chapter02.checkStep(() -> activation(STEP, (x, y, dy) -> dy)),
                "dinputs[0, 0]", "it passes no gradient back");
        assertFails("2.2", () -> Chapter02.checkStep(() -> activation(STEP, (x, y, dy) -> y * dy)),
                "not its output");
        assertFails("2.2", () -> Chapter02.checkStep(() -> activation(STEP, (x, y, dy) -> x > 0 ? 1 : 0)),
                "the step's slope is 0");
        assertNotAttempted("2.2", () -> Chapter02.checkStep(() -> activation(v -> {
            throw stub("2.2");
        }, (x, y, dy) -> 0)));
        assertNotAttempted("2.2", () -> Chapter02.checkStep(() -> activation(STEP, (x, y, dy) -> {
            throw stub("2.2");
        })));
    }

    // --- 2.3 ---------------------------------------------------------------------------------------------------

    @Test
    void sigmoid() {
        Backward right = (x, y, dy) -> dy * y * (1 - y);
        assertPasses("2.3", () -> Chapter02.checkSigmoid(Sigmoid::new));
        assertPasses("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID, right)));
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(v -> Math.exp(v) / (1 + Math.exp(v)), right)),
                "output (batch of 2 × 7)[0, 6]: expected 1.0, got NaN", "write σ(x) = 1 / (1 + e^(−x))");
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(v -> 1 / (1 + Math.exp(v)), right)),
                "the exponent is −x");
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID,
                (x, y, dy) -> dy * Math.exp(-x) / Math.pow(1 + Math.exp(-x), 2))), "write the slope with the output");
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID, (x, y, dy) -> y * (1 - y))),
                "multiply it by dy");
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID, (x, y, dy) -> dy * x * (1 - x))),
                "not the input x");
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID, (x, y, dy) -> dy * y)),
                "σ · (1 − σ), not σ");
        assertFails("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID, (x, y, dy) -> dy * (1 - y))),
                "not 1 − σ");
        assertNotAttempted("2.3", () -> Chapter02.checkSigmoid(() -> activation(SIGMOID, (x, y, dy) -> {
            throw stub("2.3");
        })));
    }

    // --- 2.4 ---------------------------------------------------------------------------------------------------

    /** Softmax of each row after subtracting shift(row, batch). */
    private static DMatrixRMaj softmax(DMatrixRMaj scores, Shift shift, boolean byRowSum) {
        DMatrixRMaj out = new DMatrixRMaj(scores.numRows, scores.numCols);
        double batchMax = CommonOps_DDRM.elementMax(scores);
        double total = 0.0;
        for (int i = 0; i < scores.numRows; i++) {
            double rowMax = Double.NEGATIVE_INFINITY;
            double rowMin = Double.POSITIVE_INFINITY;
            for (int j = 0; j < scores.numCols; j++) {
                rowMax = Math.max(rowMax, scores.get(i, j));
                rowMin = Math.min(rowMin, scores.get(i, j));
            }
            double c = shift.of(rowMax, rowMin, batchMax);
            for (int j = 0; j < scores.numCols; j++) {
                out.set(i, j, Math.exp(scores.get(i, j) - c));
                total += out.get(i, j);
            }
        }
        for (int i = 0; i < scores.numRows; i++) {
            double rowSum = 0.0;
            for (int j = 0; j < scores.numCols; j++) {
                rowSum += out.get(i, j);
            }
            for (int j = 0; j < scores.numCols; j++) {
                out.set(i, j, out.get(i, j) / (byRowSum ? rowSum : total));
            }
        }
        return out;
    }

    private interface Shift {
        double of(double rowMax, double rowMin, double batchMax);
    }

    @Test
    void softmax() {
        assertPasses("2.4", () -> Chapter02.checkSoftmax(s -> softmax(s, (max, min, batch) -> max, true)));
        assertFails("2.4", () -> Chapter02.checkSoftmax(s -> softmax(s, (max, min, batch) -> batch, true)),
                "[1, 0]: expected 0.09003, got NaN", "the C++ note's slip", "each row's own maximum");
        assertFails("2.4", () -> Chapter02.checkSoftmax(s -> softmax(s, (max, min, batch) -> 0, true)),
                "[0, 0]: expected 0.09003, got NaN", "e^1000 overflows");
        assertFails("2.4", () -> Chapter02.checkSoftmax(s -> softmax(s, (max, min, batch) -> min, true)),
                "softmax of the mixed batch[3, 1]: expected 0.0, got NaN", "the row's minimum");
        assertFails("2.4", () -> Chapter02.checkSoftmax(s -> softmax(s, (max, min, batch) -> max, false)),
                "softmax of random scores", "divide by the sum of the row");
        assertFails("2.4", () -> Chapter02.checkSoftmax(s -> {
            DMatrixRMaj e = s.copy();
            CommonOps_DDRM.elementExp(e, e);
            return e;
        }), "normalise");
        assertFails("2.4", () -> Chapter02.checkSoftmax(s -> {
            CommonOps_DDRM.elementExp(s, s);     // in place, then normalised: the caller's scores are gone
            return softmax(s, (max, min, batch) -> 0, true);
        }), "changed the scores");
        assertNotAttempted("2.4", () -> Chapter02.checkSoftmax(s -> {
            throw stub("2.4");
        }));
    }

    // --- 2.5 ---------------------------------------------------------------------------------------------------

    @Test
    void sinePieces() {
        assertPasses("2.5", () -> Chapter02.checkSinePieces(() -> 71));
        assertFails("2.5", () -> Chapter02.checkSinePieces(() -> 70), "with 70 pieces the largest error is 0.001007",
                "more pieces");
        assertFails("2.5", () -> Chapter02.checkSinePieces(() -> 100), "fewer pieces are enough already");
        assertFails("2.5", () -> Chapter02.checkSinePieces(() -> 0), "at least 1");
        assertNotAttempted("2.5", () -> Chapter02.checkSinePieces(() -> {
            throw stub("2.5");
        }));
    }
}
