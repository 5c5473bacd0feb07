package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import java.util.List;
import java.util.function.IntPredicate;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.data.Dataset;
import nnfs.data.Targets;
import nnfs.layers.Trainable;
import nnfs.metrics.Accuracy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.Model;

/** Chapter 10's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter10Test {

    // --- 10.1 ---------------------------------------------------------------------------------------------------

    private static Chapter10.ModelFacts facts(long[] counts, boolean[] combined) {
        return new Chapter10.ModelFacts() {
            public long[] parameterCounts() {
                return counts;
            }

            public boolean[] combinedGradients() {
                return combined;
            }
        };
    }

    @Test
    void modelPrediction() {
        boolean[] right = {true, false, true};
        assertPasses("10.1", () -> Chapter10.checkModelPrediction(facts(new long[] {132, 57, 3}, right)));
        assertFails("10.1", () -> Chapter10.checkModelPrediction(facts(new long[] {112, 48, 2}, right)),
                "your prediction 112.0 is too low", "did you count the biases?");
        assertFails("10.1", () -> Chapter10.checkModelPrediction(facts(new long[] {132, 57, 4}, right)),
                "parameter counts (A, B, C)[0, 2]: your prediction 4.0 is too high", "i·j weights and j biases");
        assertFails("10.1", () -> Chapter10.checkModelPrediction(facts(new long[] {132, 57, 3},
                new boolean[] {true, true, true})), "model B", "followed by mean squared error");
        assertFails("10.1", () -> Chapter10.checkModelPrediction(facts(new long[] {132, 57, 3},
                new boolean[] {false, false, true})), "model A", "the dropout layer in the middle");
        assertFails("10.1", () -> Chapter10.checkModelPrediction(facts(new long[] {132, 57},
                right)), "expected three numbers");
        assertNotAttempted("10.1", () -> Chapter10.checkModelPrediction(new Chapter10.ModelFacts() {
            public long[] parameterCounts() {
                throw stub("10.1");
            }

            public boolean[] combinedGradients() {
                throw stub("10.1");
            }
        }));
    }

    // --- 10.2 ---------------------------------------------------------------------------------------------------

    /** A class accuracy that counts as {@code right} and {@code compared} say, as a student would write it. */
    private interface Counting {
        long[] count(int c, int[] labels, DMatrixRMaj predictions);
    }

    private static Accuracy accuracy(int c, Counting counting) {
        return new Accuracy() {
            @Override
            public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
                int[] labels = yTrue instanceof Targets.Classes k ? k.labels()
                        : Matrices.argmaxRows(((Targets.Values) yTrue).matrix());
                return counting.count(c, labels, predictions);
            }
        };
    }

    private static long[] counts(int c, int[] labels, DMatrixRMaj p, IntPredicate counted, IntPredicate right) {
        long r = 0;
        long n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (counted.test(i)) {
                n++;
                if (right.test(i)) {
                    r++;
                }
            }
        }
        return new long[] {r, n};
    }

    @Test
    void classAccuracy() {
        assertPasses("10.2", () -> Chapter10.checkClassAccuracy(c -> accuracy(c, (k, y, p) -> counts(k, y, p,
                i -> y[i] == k, i -> p.data[i] == k))));
        assertFails("10.2", () -> Chapter10.checkClassAccuracy(c -> accuracy(c, (k, y, p) -> counts(k, y, p,
                i -> p.data[i] == k, i -> y[i] == k))), "counts of class 0", "divides by the samples predicted as 0");
        assertFails("10.2", () -> Chapter10.checkClassAccuracy(c -> accuracy(c, (k, y, p) -> counts(k, y, p,
                i -> true, i -> p.data[i] == y[i]))), "the accuracy over all classes");
        assertFails("10.2", () -> Chapter10.checkClassAccuracy(c -> accuracy(c, (k, y, p) -> counts(k, y, p,
                i -> true, i -> y[i] == k && p.data[i] == k))), "only those of class 0, not the whole batch");
        assertFails("10.2", () -> Chapter10.checkClassAccuracy(c -> accuracy(c, (k, y, p) -> {
            long[] right = counts(k, y, p, i -> y[i] == k, i -> p.data[i] == k);
            return new long[] {right[1], right[0]};
        })), "{right, compared}, in that order");
        assertFails("10.2", () -> Chapter10.checkClassAccuracy(c -> new Accuracy() {
            @Override
            public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
                int[] y = ((Targets.Classes) yTrue).labels();
                return counts(c, y, predictions, i -> y[i] == c, i -> predictions.data[i] == c);
            }
        }), "ClassCastException", "one-hot rows");
        assertFails("10.2", () -> Chapter10.checkClassAccuracy(c -> new CategoricalAccuracy()),
                "the accuracy over all classes");
        assertNotAttempted("10.2", () -> Chapter10.checkClassAccuracy(c -> accuracy(c, (k, y, p) -> {
            throw stub("10.2");
        })));
    }

    // --- 10.3 ---------------------------------------------------------------------------------------------------

    private static Chapter10.FastFit fit(double rate, int epoch) {
        return new Chapter10.FastFit() {
            public double learningRate() {
                return rate;
            }

            public int firstPerfectEpoch() {
                return epoch;
            }
        };
    }

    @Test
    void fastFit() {
        assertPasses("10.3", () -> Chapter10.checkFastFit(fit(0.7, 57)));
        assertPasses("10.3", () -> Chapter10.checkFastFit(fit(0.73, 55)));
        assertFails("10.3", () -> Chapter10.checkFastFit(fit(0.7, 56)), "too low", "History counts epochs from 1");
        assertFails("10.3", () -> Chapter10.checkFastFit(fit(0.7, 70)), "too high", "History.Epoch");
        assertFails("10.3", () -> Chapter10.checkFastFit(fit(0.5, 81)), "later than epoch 60", "try a larger rate");
        assertFails("10.3", () -> Chapter10.checkFastFit(fit(0.9, 30)), "never reaches 1", "overshoots");
        assertFails("10.3", () -> Chapter10.checkFastFit(fit(0.05, 30)), "never reaches 1", "falls too slowly");
        assertFails("10.3", () -> Chapter10.checkFastFit(fit(1e6, 30)), "never reaches 1", "smaller rate");
        assertNotAttempted("10.3", () -> Chapter10.checkFastFit(new Chapter10.FastFit() {
            public double learningRate() {
                throw stub("10.3");
            }

            public int firstPerfectEpoch() {
                throw stub("10.3");
            }
        }));
    }

    // --- 10.4 ---------------------------------------------------------------------------------------------------

    /** A step with the given parts left out or changed. */
    private static void step(Model model, Dataset batch, boolean training, boolean pre, boolean post, boolean all) {
        DMatrixRMaj out = model.forward(batch.X(), training);
        model.backward(out, batch.y());
        if (pre) {
            model.optimizer().preUpdate();
        }
        List<Trainable> layers = model.trainableLayers();
        for (int k = all ? 0 : layers.size() - 1; k < layers.size(); k++) {
            model.optimizer().update(layers.get(k));
        }
        if (post) {
            model.optimizer().postUpdate();
        }
    }

    @Test
    void trainingStep() {
        assertPasses("10.4", () -> Chapter10.checkTrainingStep((m, b) -> step(m, b, true, true, true, true)));
        assertFails("10.4", () -> Chapter10.checkTrainingStep((m, b) -> step(m, b, false, true, true, true)),
                "after step 1", "training mode");
        assertFails("10.4", () -> Chapter10.checkTrainingStep((m, b) -> step(m, b, true, false, true, true)),
                "after step 2", "preUpdate()");
        assertFails("10.4", () -> Chapter10.checkTrainingStep((m, b) -> step(m, b, true, true, false, true)),
                "after step 2", "postUpdate()");
        assertFails("10.4", () -> Chapter10.checkTrainingStep((m, b) -> step(m, b, true, true, true, false)),
                "trainable layer 0 weights after step 1", "update every layer");
        assertFails("10.4", () -> Chapter10.checkTrainingStep((m, b) -> m.forward(b.X(), true)),
                "the parameters did not change");
        assertFails("10.4", () -> Chapter10.checkTrainingStep((m, b) -> m.train(b, 1, Model.FULL_BATCH, 1, null)),
                "instead of calling model.train");
        assertNotAttempted("10.4", () -> Chapter10.checkTrainingStep((m, b) -> {
            throw stub("10.4");
        }));
    }
}
