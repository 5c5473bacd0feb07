package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import java.util.function.DoubleUnaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.data.Targets;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.Loss;

/** Chapter 3's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter03Test {

    // --- 3.1 ---------------------------------------------------------------------------------------------------

    private static Chapter03.BatchPrediction predicting(double accuracy, int worst) {
        return new Chapter03.BatchPrediction() {
            public double accuracy() {
                return accuracy;
            }

            public int worstSample() {
                return worst;
            }
        };
    }

    @Test
    void batchPrediction() {
        assertPasses("3.1", () -> Chapter03.checkBatchPrediction(predicting(0.5, 2)));
        assertFails("3.1", () -> Chapter03.checkBatchPrediction(predicting(0.75, 2)),
                "accuracy: your prediction 0.75 is too high", "classes 0 and 1 tie");
        assertFails("3.1", () -> Chapter03.checkBatchPrediction(predicting(0.25, 2)),
                "accuracy: your prediction 0.25 is too low", "share of rows");
        assertFails("3.1", () -> Chapter03.checkBatchPrediction(predicting(0.5, 1)),
                "worstSample: your prediction 1.0 is too low", "an unsure row is not the worst one");
        assertFails("3.1", () -> Chapter03.checkBatchPrediction(predicting(0.5, 3)),
                "worstSample: your prediction 3.0 is too high", "−ln p is largest where p");
        assertFails("3.1", () -> Chapter03.checkBatchPrediction(predicting(0.5, 4)), "from 0 to 3, got 4");
        assertNotAttempted("3.1", () -> Chapter03.checkBatchPrediction(new Chapter03.BatchPrediction() {
            public double accuracy() {
                throw stub("3.1");
            }

            public int worstSample() {
                throw stub("3.1");
            }
        }));
    }

    // --- 3.2 ---------------------------------------------------------------------------------------------------

    /** Accuracy with ties going to the first ({@code lastWins} false) or last largest value, as {right, n}. */
    private static int[] counts(DMatrixRMaj outputs, int[] labels, boolean lastWins) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < outputs.numCols; j++) {
                double v = outputs.get(i, j);
                double b = outputs.get(i, best);
                if (v > b || lastWins && v == b) {
                    best = j;
                }
            }
            right += best == labels[i] ? 1 : 0;
        }
        return new int[] {right, labels.length};
    }

    @Test
    void accuracy() {
        assertPasses("3.2", () -> Chapter03.checkAccuracy((o, l) -> {
            int[] c = counts(o, l, false);
            return (double) c[0] / c[1];
        }));
        assertFails("3.2", () -> Chapter03.checkAccuracy((o, l) -> counts(o, l, false)[0]),
                "accuracy of the book's batch: expected 0.6667, got 2.0", "divide it by the number of samples");
        assertFails("3.2", () -> Chapter03.checkAccuracy((o, l) -> {
            int[] c = counts(o, l, false);
            return c[0] / c[1];
        }), "expected 0.6667, got 0.0", "integer division");
        assertFails("3.2", () -> Chapter03.checkAccuracy((o, l) -> {
            int[] c = counts(o, l, false);
            return 1 - (double) c[0] / c[1];
        }), "share of wrong predictions");
        assertFails("3.2", () -> Chapter03.checkAccuracy((o, l) -> {
            int[] c = counts(o, l, true);
            return (double) c[0] / c[1];
        }), "accuracy of a batch with ties: expected 0.5, got 1.0", "not >=");
        assertNotAttempted("3.2", () -> Chapter03.checkAccuracy((o, l) -> {
            throw stub("3.2");
        }));
    }

    // --- 3.3 ---------------------------------------------------------------------------------------------------

    /** A cross-entropy whose per-sample loss is {@code f(p)} of the true class's probability p. */
    private static Loss crossEntropy(DoubleUnaryOperator f) {
        return new Loss() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
                int[] labels = yTrue instanceof Targets.Classes c ? c.labels()
                        : Matrices.argmaxRows(((Targets.Values) yTrue).matrix());
                sampleLosses.reshape(yPred.numRows, 1);
                for (int i = 0; i < yPred.numRows; i++) {
                    sampleLosses.data[i] = f.applyAsDouble(yPred.get(i, labels[i]));
                }
                return sampleLosses;
            }

            @Override
            public void backward(DMatrixRMaj dvalues, Targets yTrue) {
                throw new UnsupportedOperationException("backward: chapter 4");
            }
        };
    }

    /** The one-hot formula −Σ_j y_ij log(g(ŷ_ij)), row by row: with g the identity, 0 · log 0 gives NaN. */
    private static Loss fullSum(DoubleUnaryOperator g) {
        return new Loss() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
                DMatrixRMaj y = yTrue instanceof Targets.Values v ? v.matrix() : oneHot(((Targets.Classes) yTrue)
                        .labels(), yPred.numCols);
                DMatrixRMaj out = new DMatrixRMaj(yPred.numRows, 1);
                for (int i = 0; i < yPred.numRows; i++) {
                    for (int j = 0; j < yPred.numCols; j++) {
                        out.data[i] -= y.get(i, j) * Math.log(g.applyAsDouble(yPred.get(i, j)));
                    }
                }
                return out;
            }

            @Override
            public void backward(DMatrixRMaj dvalues, Targets yTrue) {
                throw new UnsupportedOperationException("backward: chapter 4");
            }
        };
    }

    private static DMatrixRMaj oneHot(int[] labels, int classes) {
        DMatrixRMaj m = new DMatrixRMaj(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            m.set(i, labels[i], 1);
        }
        return m;
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    }

    @Test
    void crossEntropy() {
        assertPasses("3.3", () -> Chapter03.checkCrossEntropy(CategoricalCrossEntropy::new));
        assertPasses("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> -Math.log(clip(p)))));
        assertPasses("3.3", () -> Chapter03.checkCrossEntropy(() -> fullSum(Chapter03Test::clip)));
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> -Math.log(p))),
                "sample losses (predictions of 0 and 1, labels [0, 1])[0, 0]: expected 16.12, got Infinity",
                "clip every prediction to [1e-7, 1 − 1e-7]");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> -Math.log(Math.max(p, 1e-7)))),
                "[1, 0]: expected 1.0e-7, got -0.0", "clip the top as well");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> -Math.log(Math.min(p,
                1 - 1e-7)))), "clip the bottom as well");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> -Math.log(p + 1e-7))),
                "no loss may be negative");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> fullSum(p -> p)),
                "(predictions of 0 and 1, labels [0, 1])[0, 0]: expected 16.12, got NaN", "0 · log 0 is NaN");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> Math.log(clip(p)))),
                "mind the minus sign");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> -Math.log10(clip(p)))),
                "Math.log10 is not");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> new Loss() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
                int[] predicted = Matrices.argmaxRows(yPred);
                DMatrixRMaj out = new DMatrixRMaj(yPred.numRows, 1);
                for (int i = 0; i < yPred.numRows; i++) {
                    out.data[i] = -Math.log(clip(yPred.get(i, predicted[i])));
                }
                return out;
            }

            @Override
            public void backward(DMatrixRMaj dvalues, Targets yTrue) {
            }
        }), "sample losses (predictions of 0 and 1, labels [0, 1])", "not the row's largest one");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> new Loss() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
                int[] labels = ((Targets.Classes) yTrue).labels();
                DMatrixRMaj out = new DMatrixRMaj(1, yPred.numRows);
                for (int i = 0; i < yPred.numRows; i++) {
                    out.data[i] = -Math.log(clip(yPred.get(i, labels[i])));
                }
                return out;
            }

            @Override
            public void backward(DMatrixRMaj dvalues, Targets yTrue) {
            }
        }), "expected a 3×1 matrix, got 1×3", "as a column");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> new Loss() {
            @Override
            public DMatrixRMaj forward(DMatrixRMaj yPred, Targets yTrue) {
                for (int k = 0; k < yPred.getNumElements(); k++) {
                    yPred.data[k] = clip(yPred.data[k]);       // clipped in place
                }
                return new CategoricalCrossEntropy().forward(yPred, yTrue);
            }

            @Override
            public void backward(DMatrixRMaj dvalues, Targets yTrue) {
            }
        }), "changed the predictions", "predictions of 0 and 1");
        assertFails("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> {
            throw new ClassCastException("Targets$Values cannot be cast to Targets$Classes");
        })), "your forward threw ClassCastException");
        assertNotAttempted("3.3", () -> Chapter03.checkCrossEntropy(() -> crossEntropy(p -> {
            throw stub("3.3");
        })));
    }

    // --- 3.4 ---------------------------------------------------------------------------------------------------

    private static Chapter03.TwoBatches batches(DMatrixRMaj right, DMatrixRMaj wrong) {
        return new Chapter03.TwoBatches() {
            public DMatrixRMaj allRight() {
                return right;
            }

            public DMatrixRMaj allWrong() {
                return wrong;
            }
        };
    }

    /** Rows [p, (1 − p)/2, (1 − p)/2] rotated so that p sits at column {@code at(i)}. */
    private static DMatrixRMaj rows(double p, int... at) {
        DMatrixRMaj m = new DMatrixRMaj(3, 3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m.set(i, j, j == at[i] ? p : (1 - p) / 2);
            }
        }
        return m;
    }

    @Test
    void rightButCostly() {
        DMatrixRMaj barelyRight = rows(0.34, 0, 1, 2);
        DMatrixRMaj closelyWrong = Matrices.of(new double[] {0.49, 0.51, 0}, new double[] {0, 0.49, 0.51},
                new double[] {0.51, 0, 0.49});
        assertPasses("3.4", () -> Chapter03.checkRightButCostly(batches(barelyRight, closelyWrong)));
        assertFails("3.4", () -> Chapter03.checkRightButCostly(batches(rows(0.9, 0, 1, 2), closelyWrong)),
                "is not higher than", "how little can a right row give it");
        assertFails("3.4", () -> Chapter03.checkRightButCostly(batches(closelyWrong, closelyWrong)),
                "allRight(): the accuracy is 0.0, not 1");
        assertFails("3.4", () -> Chapter03.checkRightButCostly(batches(barelyRight, barelyRight)),
                "allWrong(): the accuracy is 1.0, not 0");
        assertFails("3.4", () -> Chapter03.checkRightButCostly(batches(Matrices.of(new double[] {0.5, 0.2, 0.2},
                new double[] {0.2, 0.5, 0.3}, new double[] {0.2, 0.3, 0.5}), closelyWrong)), "row 0 sums to 0.9");
        assertFails("3.4", () -> Chapter03.checkRightButCostly(batches(Matrices.of(new double[] {1.5, -0.25, -0.25},
                new double[] {0.2, 0.5, 0.3}, new double[] {0.2, 0.3, 0.5}), closelyWrong)), "which is no probability");
        assertFails("3.4", () -> Chapter03.checkRightButCostly(batches(new DMatrixRMaj(2, 3), closelyWrong)),
                "expected a 3 × 3 matrix");
        assertNotAttempted("3.4", () -> Chapter03.checkRightButCostly(new Chapter03.TwoBatches() {
            public DMatrixRMaj allRight() {
                throw stub("3.4");
            }

            public DMatrixRMaj allWrong() {
                throw stub("3.4");
            }
        }));
    }
}
