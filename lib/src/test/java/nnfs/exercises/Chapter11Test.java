package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.data.Dataset;
import nnfs.model.Evaluation;
import nnfs.model.History;
import nnfs.model.Model;

/** Chapter 11's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter11Test {

    // --- 11.1 ---------------------------------------------------------------------------------------------------

    private static Chapter11.BatchFacts facts(int[] steps, int[] last) {
        return new Chapter11.BatchFacts() {
            public int[] stepsPerEpoch() {
                return steps;
            }

            public int[] lastBatch() {
                return last;
            }
        };
    }

    // the cases: (1000, 128), (300, 300), (10 000, 32), (60 000, 128), (3000, 1000)
    private static final int[] STEPS = {8, 1, 313, 469, 3};
    private static final int[] LAST = {104, 300, 16, 96, 1000};

    @Test
    void batchCounts() {
        assertPasses("11.1", () -> Chapter11.checkBatchCounts(facts(STEPS, LAST)));
        assertNotAttempted("11.1", () -> Chapter11.checkBatchCounts(new Chapter11.BatchFacts() {
            public int[] stepsPerEpoch() {
                throw stub("exercise 11.1: the steps per epoch");
            }

            public int[] lastBatch() {
                throw stub("exercise 11.1: the last batch's size");
            }
        }));
        assertFails("11.1", () -> Chapter11.checkBatchCounts(facts(new int[] {7, 1, 312, 468, 3}, LAST)),
                "steps per epoch", "⌈n / b⌉ steps, not ⌊n / b⌋");
        assertFails("11.1", () -> Chapter11.checkBatchCounts(facts(STEPS, new int[] {104, 0, 16, 96, 0})),
                "size of the last batch", "when it does, the last batch is a full one");
        assertFails("11.1", () -> Chapter11.checkBatchCounts(facts(STEPS, new int[] {128, 300, 32, 128, 1000})),
                "only the samples left after the full ones");
        assertFails("11.1", () -> Chapter11.checkBatchCounts(facts(new int[] {8, 1}, LAST)), "expected 5 numbers");
        String message = assertFails("11.1", () -> Chapter11.checkBatchCounts(facts(new int[] {9, 1, 313, 469, 3},
                LAST)), "steps per epoch");
        assertTrue(!message.contains(" 8"), "a prediction never shows the right value: " + message);
    }

    // --- 11.2 ---------------------------------------------------------------------------------------------------

    /** The solution of 11.2, with switches for the typical mistakes. */
    private static Evaluation evaluate(Model model, Dataset data, int b, boolean meanOfMeans, boolean training,
            boolean dropLast) {
        double lossSum = 0.0;
        long lossCount = 0;
        long right = 0;
        long compared = 0;
        double lossMeans = 0.0;
        double accuracyMeans = 0.0;
        int batches = 0;
        model.accuracy().init(data.y());
        for (int from = 0; from < data.size(); from += b) {
            int to = Math.min(data.size(), from + b);
            if (dropLast && from > 0 && to - from < b) {
                break;
            }
            Dataset batch = data.rows(from, to);
            DMatrixRMaj out = model.forward(batch.X(), training);
            DMatrixRMaj losses = model.loss().forward(out, batch.y());
            double batchLoss = 0.0;
            for (int i = 0; i < losses.getNumElements(); i++) {   // the buffer's array may be longer
                batchLoss += losses.data[i];
            }
            lossSum += batchLoss;
            lossCount += losses.getNumElements();
            long[] counts = model.accuracy().compare(model.outputActivation().predictions(out), batch.y());
            right += counts[0];
            compared += counts[1];
            lossMeans += batchLoss / losses.getNumElements();
            accuracyMeans += (double) counts[0] / counts[1];
            batches++;
        }
        return meanOfMeans ? new Evaluation(lossMeans / batches, accuracyMeans / batches)
                : new Evaluation(lossSum / lossCount, (double) right / compared);
    }

    @Test
    void batchEvaluation() {
        assertPasses("11.2", () -> Chapter11.checkBatchEvaluation((m, d, b) -> evaluate(m, d, b, false, false,
                false)));
        assertNotAttempted("11.2", () -> Chapter11.checkBatchEvaluation((m, d, b) -> {
            throw stub("exercise 11.2: evaluate in batches");
        }));
        assertFails("11.2", () -> Chapter11.checkBatchEvaluation((m, d, b) -> evaluate(m, d, b, true, false, false)),
                "mean loss with batches of 64", "mean of the batches' means");
        assertFails("11.2", () -> Chapter11.checkBatchEvaluation((m, d, b) -> evaluate(m, d, b, false, false, true)),
                "mean loss with batches of 64", "was left out");
        assertFails("11.2", () -> Chapter11.checkBatchEvaluation((m, d, b) -> evaluate(m, d, b, false, true, false)),
                "mean loss with batches of 150", "inference mode");
        assertFails("11.2", () -> Chapter11.checkBatchEvaluation((m, d, b) -> null), "got null");
    }

    // --- 11.3 ---------------------------------------------------------------------------------------------------

    @Test
    void bestBatchSize() {
        double[] validation = new double[Chapter11.BUDGET_BATCH_SIZES.length];
        int best = 0;
        for (int i = 0; i < validation.length; i++) {
            History history = Chapter11.budgetRun(Chapter11.BUDGET_BATCH_SIZES[i]);
            assertEquals(Chapter11.STEP_BUDGET, history.steps().size(), "every run takes the same number of steps");
            validation[i] = history.last().validationAccuracy();
            best = validation[i] > validation[best] ? i : best;
            System.out.printf("budget of %d steps, batches of %d: training %.4f, validation %.4f%n",
                    Chapter11.STEP_BUDGET, Chapter11.BUDGET_BATCH_SIZES[i], history.last().accuracy(), validation[i]);
        }
        int answer = Chapter11.BUDGET_BATCH_SIZES[best];
        assertEquals(BEST, answer, "the experiment's answer, written into the notebook's solution");
        assertPasses("11.3", () -> Chapter11.checkBestBatchSize(() -> BEST));
        assertNotAttempted("11.3", () -> Chapter11.checkBestBatchSize(() -> {
            throw stub("exercise 11.3: the batch size");
        }));
        int wrong = BEST == 300 ? 10 : 300;
        assertFails("11.3", () -> Chapter11.checkBestBatchSize(() -> wrong), "batch size " + wrong + " is not the best");
        assertFails("11.3", () -> Chapter11.checkBestBatchSize(() -> 64), "expected one of the batch sizes");
    }

    private static final int BEST = 100;
}
