package nnfs.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.Softmax;
import nnfs.data.Targets;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.Loss;
import nnfs.metrics.Accuracy;
import nnfs.random.NumpyRandom;

/** The checks of chapter 3's exercises: loss and accuracy. */
public final class Chapter03 {

    private Chapter03() {
    }

    // --- 3.1 -------------------------------------------------------------------------------------------------------

    /** Exercise 3.1's batch: four samples of three classes, with a tie in row 1 and a confident mistake in row 2. */
    private static final DMatrixRMaj PREDICTION_BATCH = Matrices.of(
            new double[] {0.6, 0.3, 0.1},
            new double[] {0.4, 0.4, 0.2},
            new double[] {0.05, 0.15, 0.8},
            new double[] {0.2, 0.7, 0.1});
    private static final int[] PREDICTION_LABELS = {0, 1, 1, 1};

    /** Exercise 3.1's prediction. */
    public interface BatchPrediction {
        /** The accuracy of the batch. */
        double accuracy();

        /** The index (0 to 3) of the sample with the largest loss. */
        int worstSample();
    }

    /**
     * Exercise 3.1 (predict): the accuracy of a batch whose row 1 ties between classes 0 and 1 (true class 1; argmax
     * takes the first, so it is wrong), and which sample has the largest loss (row 2, which gives its true class 0.15).
     * The accuracy is 0.5.
     */
    public static void checkBatchPrediction(BatchPrediction prediction) {
        Exercise exercise = Exercise.of("3.1", "predict accuracy and the worst sample");
        double accuracy = Accuracy.ofOutputs(PREDICTION_BATCH, PREDICTION_LABELS);
        DMatrixRMaj losses = new CategoricalCrossEntropy().forward(PREDICTION_BATCH,
                Targets.classes(PREDICTION_LABELS)).copy();
        int worst = 0;
        for (int i = 1; i < losses.numRows; i++) {
            worst = losses.get(i, 0) > losses.get(worst, 0) ? i : worst;
        }
        double predictedAccuracy = exercise.call("accuracy()", prediction::accuracy);
        int predictedWorst = exercise.call("worstSample()", prediction::worstSample);
        exercise.prediction("accuracy", accuracy, predictedAccuracy,
                Hint.ifEqual(0.75, "look at sample 1: classes 0 and 1 tie at 0.4, and argmax (NumPy's, and"
                        + " Matrices.argmaxRows) takes the first of equal values"),
                Hint.otherwise("accuracy = the share of rows whose largest probability sits at the true class"));
        exercise.require(predictedWorst >= 0 && predictedWorst < 4, "worstSample(): expected a sample index from 0 to"
                + " 3, got " + predictedWorst);
        exercise.prediction("worstSample", worst, predictedWorst,
                Hint.ifEqual(1, "a sample's loss, −ln p, depends only on p, the probability it gives its true class:"
                        + " an unsure row is not the worst one if another row gives its true class less"),
                Hint.otherwise("−ln p is largest where p, the probability of the true class, is smallest"));
        exercise.verified("accuracy " + accuracy + " (the tie in sample 1 goes to class 0), and sample " + worst
                + " has the largest loss");
        exercise.pass();
    }

    // --- 3.2 -------------------------------------------------------------------------------------------------------

    /** Exercise 3.2: the accuracy of a classifier's outputs for class labels. */
    @FunctionalInterface
    public interface AccuracyFunction {
        double of(DMatrixRMaj outputs, int[] labels);
    }

    /**
     * Exercise 3.2: accuracy, compared with {@link Accuracy#ofOutputs} on the book's batch (2 of 3 right), on a batch
     * of ties and on a random batch of 40 samples, with hints for a count instead of a fraction, Java's integer
     * division, the error rate, and ties broken towards the last largest value.
     */
    public static void checkAccuracy(AccuracyFunction accuracy) {
        Exercise exercise = Exercise.of("3.2", "accuracy");
        NumpyRandom random = new NumpyRandom(32);
        DMatrixRMaj randomOutputs = softmaxRows(random.randn(40, 5));
        int[] randomLabels = new int[40];
        for (int i = 0; i < 40; i++) {
            randomLabels[i] = (int) (random.rand() * 5);
        }
        Object[][] cases = {
            {"the book's batch", Matrices.of(new double[] {0.7, 0.2, 0.1}, new double[] {0.5, 0.1, 0.4},
                    new double[] {0.02, 0.9, 0.08}), new int[] {0, 1, 1}},
            {"a batch with ties", Matrices.of(new double[] {0.4, 0.4, 0.2}, new double[] {0.3, 0.3, 0.4},
                    new double[] {0.5, 0.25, 0.25}, new double[] {0.1, 0.45, 0.45}), new int[] {1, 2, 0, 2}},
            {"40 random samples of 5 classes", randomOutputs, randomLabels}};
        for (Object[] c : cases) {
            DMatrixRMaj outputs = (DMatrixRMaj) c[1];
            int[] labels = (int[]) c[2];
            double truth = Accuracy.ofOutputs(outputs, labels);
            int n = labels.length;
            long right = Math.round(truth * n);
            int lastRight = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 1; j < outputs.numCols; j++) {
                    if (outputs.get(i, j) >= outputs.get(i, best)) {
                        best = j;
                    }
                }
                lastRight += best == labels[i] ? 1 : 0;
            }
            double answer = exercise.call("myAccuracy", () -> accuracy.of(outputs.copy(), labels.clone()));
            List<Hint> hints = new ArrayList<>();
            if (right != truth) {
                hints.add(Hint.ifEqual(right, "that is the number of right predictions: divide it by the number of"
                        + " samples"));
            }
            if (truth > 0 && truth < 1) {
                hints.add(Hint.ifEqual(0.0, "right / n with two ints is integer division in Java (2 / 3 is 0): write"
                        + " (double) right / n"));
            }
            hints.add(Hint.ifEqual(1 - truth, "that is the share of wrong predictions"));
            hints.add(Hint.ifEqual((double) lastRight / n, "on a tie the first of the largest values wins (as in"
                    + " NumPy's argmax and Matrices.argmaxRows): compare with >, not >="));
            hints.add(Hint.otherwise("accuracy = (number of rows whose argmax is the label) / (number of rows)"));
            exercise.compare("accuracy of " + c[0], truth, answer, hints.toArray(new Hint[0]));
        }
        exercise.verified("equals Accuracy.ofOutputs on the book's batch, on a batch of ties and on 40 random samples");
        exercise.pass();
    }

    // --- 3.3 -------------------------------------------------------------------------------------------------------

    /**
     * Exercise 3.3: categorical cross-entropy's {@code forward}, in a subclass of {@link Loss}: per-sample losses
     * compared with {@link CategoricalCrossEntropy}'s for sparse and one-hot labels, on the chapter's batch, on
     * predictions of exactly 0 and 1 (where clipping decides) and on random softmax outputs.
     */
    public static void checkCrossEntropy(Supplier<? extends Loss> create) {
        Exercise exercise = Exercise.of("3.3", "categorical cross-entropy with clipping");
        DMatrixRMaj chapter = Matrices.of(
                new double[] {0.7, 0.1, 0.2},
                new double[] {0.1, 0.5, 0.4},
                new double[] {0.02, 0.9, 0.08});
        DMatrixRMaj extremes = Matrices.of(
                new double[] {0.0, 1.0, 0.0},
                new double[] {0.0, 1.0, 0.0});
        DMatrixRMaj random = softmaxRows(scaled(new NumpyRandom(33).randn(8, 4), 2));
        int[] randomLabels = {0, 1, 2, 3, 3, 2, 1, 0};
        Object[][] cases = {
            {"the chapter's batch, labels [0, 1, 1]", chapter, Targets.classes(0, 1, 1)},
            {"the chapter's batch, one-hot labels", chapter, Targets.values(oneHot(new int[] {0, 1, 1}, 3))},
            {"predictions of 0 and 1, labels [0, 1]", extremes, Targets.classes(0, 1)},
            {"predictions of 0 and 1, one-hot labels", extremes, Targets.values(oneHot(new int[] {0, 1}, 3))},
            {"8 random samples of 4 classes", random, Targets.classes(randomLabels)}};
        Loss loss = exercise.call("new MyCrossEntropy()", create::get);
        for (Object[] c : cases) {
            DMatrixRMaj predictions = (DMatrixRMaj) c[1];
            Targets targets = (Targets) c[2];
            int[] labels = targets instanceof Targets.Classes classes ? classes.labels()
                    : Matrices.argmaxRows(((Targets.Values) targets).matrix());
            DMatrixRMaj expected = new CategoricalCrossEntropy().forward(predictions, targets).copy();
            DMatrixRMaj given = predictions.copy();
            DMatrixRMaj answer = exercise.call("your forward", () -> {
                DMatrixRMaj losses = loss.forward(given, targets);
                return losses == null ? null : losses.copy();
            });
            exercise.require(Matrices.maxAbsDifference(given, predictions) == 0.0, "your forward changed the"
                    + " predictions it was given (" + c[0] + "): clip each value as you read it, or a copy; in a"
                    + " network they are softmax's output, which the accuracy reads next");
            int n = predictions.numRows;
            exercise.compare("sample losses (" + c[0] + ")", expected, answer,
                    Hint.ifShape(1, n, "one loss per sample, as a column: n × 1"),
                    Hint.ifShape(n, predictions.numCols, "one loss per sample: pick the true class's probability (or"
                            + " sum −y·log ŷ over the row) to get one number per row"),
                    Hint.ifShape(1, 1, "forward returns every sample's loss, as an n × 1 column; the mean is"
                            + " calculate's job"),
                    ifSame(pick(predictions, labels, p -> -Math.log(p)), "without clipping −ln 0 is infinite,"
                            + " and a certain, correct prediction costs exactly 0: clip every prediction to [1e-7,"
                            + " 1 − 1e-7] before the log"),
                    Hint.ifEqual(pick(predictions, labels, p -> -Math.log(Math.max(p, 1e-7))), "clip the top as"
                            + " well: a prediction of 1 becomes 1 − 1e-7 (a loss of about 1e-7), so that both ends of"
                            + " [0, 1] are treated alike"),
                    ifSame(pick(predictions, labels, p -> -Math.log(Math.min(p, 1 - 1e-7))), "clip the"
                            + " bottom as well: a prediction of 0 becomes 1e-7, so its loss is −ln 1e-7 ≈ 16.1 instead"
                            + " of infinity"),
                    Hint.ifEqual(pick(predictions, labels, p -> -Math.log(p + 1e-7)), "adding 1e-7 to the"
                            + " predictions is not clipping: a prediction of 1 then costs −ln(1 + 1e-7) < 0, and no"
                            + " loss may be negative"),
                    Hint.when(Chapter03::hasNaN, "0 · log 0 is NaN in floating point (0 · −∞): clip the predictions"
                            + " before the log, or pick out the true class's probability first"),
                    Hint.ifEqual(pick(predictions, labels, p -> Math.log(clip(p))), "the loss is −ln p: mind the"
                            + " minus sign, a loss is never negative"),
                    Hint.ifEqual(pick(predictions, labels, p -> -Math.log10(clip(p))), "Math.log is the natural"
                            + " logarithm the loss uses; Math.log10 is not"),
                    Hint.ifEqual(largest(predictions), "take the probability at the true class's column (the label),"
                            + " not the row's largest one"),
                    Hint.otherwise("L_i = −ln(clip(ŷ_i,k)), k the true class of sample i, clip to [1e-7, 1 − 1e-7]"));
        }
        exercise.verified("per-sample losses equal CategoricalCrossEntropy's for sparse and one-hot labels, with"
                + " predictions of exactly 0 and 1 clipped on both sides");
        exercise.pass();
    }

    /**
     * {@link Hint#ifEqual} for a wrong result that may hold infinities, which must then be matched exactly
     * ({@code Exercise.firstDifference} scales its tolerance with the expected value, so an infinite one would match
     * any number).
     */
    private static Hint ifSame(DMatrixRMaj wrongResult, String advice) {
        DMatrixRMaj wrong = wrongResult.copy();
        Hint equal = Hint.ifEqual(wrong, advice);
        return Hint.when(answer -> {
            if (!equal.recognises().test(answer)) {
                return false;
            }
            for (int k = 0; k < wrong.getNumElements(); k++) {
                if (Double.isInfinite(wrong.data[k]) && answer.data[k] != wrong.data[k]) {
                    return false;
                }
            }
            return true;
        }, advice);
    }

    private static double clip(double p) {
        return Math.min(Math.max(p, CategoricalCrossEntropy.CLIP), 1 - CategoricalCrossEntropy.CLIP);
    }

    /** f of each sample's probability at its true class, as a column. */
    private static DMatrixRMaj pick(DMatrixRMaj predictions, int[] labels, DoubleUnaryOperator f) {
        DMatrixRMaj out = new DMatrixRMaj(predictions.numRows, 1);
        for (int i = 0; i < predictions.numRows; i++) {
            out.data[i] = f.applyAsDouble(predictions.get(i, labels[i]));
        }
        return out;
    }

    /** −ln of each row's largest (clipped) probability: the loss taken at the predicted class. */
    private static DMatrixRMaj largest(DMatrixRMaj predictions) {
        return pick(predictions, Matrices.argmaxRows(predictions), p -> -Math.log(clip(p)));
    }

    // --- 3.4 -------------------------------------------------------------------------------------------------------

    /** Exercise 3.4's answer: two batches of softmax outputs for the labels [0, 1, 2]. */
    public interface TwoBatches {
        /** Three rows of probabilities, every one predicting its label. */
        DMatrixRMaj allRight();

        /** Three rows of probabilities, none predicting its label. */
        DMatrixRMaj allWrong();
    }

    /** The labels of exercise 3.4's two batches. */
    public static final int[] TWO_BATCH_LABELS = {0, 1, 2};

    /**
     * Exercise 3.4 (explore): a batch with accuracy 1 whose loss is higher than that of a batch with accuracy 0. Both
     * must be valid softmax outputs (3 × 3, values in [0, 1], rows summing to 1).
     */
    public static void checkRightButCostly(TwoBatches batches) {
        Exercise exercise = Exercise.of("3.4", "right answers with a higher loss");
        DMatrixRMaj right = exercise.call("allRight()", batches::allRight);
        DMatrixRMaj wrong = exercise.call("allWrong()", batches::allWrong);
        requireDistributions(exercise, "allRight()", right);
        requireDistributions(exercise, "allWrong()", wrong);
        double rightAccuracy = Accuracy.ofOutputs(right, TWO_BATCH_LABELS);
        double wrongAccuracy = Accuracy.ofOutputs(wrong, TWO_BATCH_LABELS);
        exercise.require(rightAccuracy == 1.0, "allRight(): the accuracy is " + Exercise.format(rightAccuracy, 4)
                + ", not 1: every row's largest probability must sit at its label (0, 1, 2; a tie goes to the first"
                + " of the largest)");
        exercise.require(wrongAccuracy == 0.0, "allWrong(): the accuracy is " + Exercise.format(wrongAccuracy, 4)
                + ", not 0: no row's largest probability may sit at its label (a tie goes to the first of the"
                + " largest)");
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
        double rightLoss = loss.calculate(right, TWO_BATCH_LABELS);
        double wrongLoss = loss.calculate(wrong, TWO_BATCH_LABELS);
        exercise.require(rightLoss > wrongLoss, "the all-right batch's loss (" + Exercise.format(rightLoss, 4)
                + ") is not higher than the all-wrong batch's (" + Exercise.format(wrongLoss, 4) + "): the loss sees"
                + " only the probability of the true class; how little can a right row give it, and how much can a"
                + " wrong row?");
        exercise.verified("every row of allRight() is right and every row of allWrong() wrong, and yet the loss of"
                + " allRight() (" + Exercise.format(rightLoss, 4) + ") is higher than that of allWrong() ("
                + Exercise.format(wrongLoss, 4) + ")");
        exercise.pass();
    }

    private static void requireDistributions(Exercise exercise, String what, DMatrixRMaj m) {
        exercise.require(m != null && m.numRows == 3 && m.numCols == 3, what + ": expected a 3 × 3 matrix (3 samples,"
                + " 3 classes), got " + (m == null ? "null" : Exercise.shape(m)));
        for (int i = 0; i < 3; i++) {
            double sum = 0.0;
            for (int j = 0; j < 3; j++) {
                double p = m.get(i, j);
                exercise.require(p >= 0 && p <= 1, what + ": row " + i + " holds " + p + ", which is no probability:"
                        + " every value must lie in [0, 1]");
                sum += p;
            }
            exercise.require(Math.abs(sum - 1) <= 1e-9, what + ": row " + i + " sums to " + Exercise.format(sum, 10) + ": softmax outputs"
                    + " sum to 1 in every row");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static boolean hasNaN(DMatrixRMaj m) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (Double.isNaN(m.data[k])) {
                return true;
            }
        }
        return false;
    }

    private static DMatrixRMaj softmaxRows(DMatrixRMaj scores) {
        Softmax softmax = new Softmax();
        softmax.forward(scores);
        return softmax.output().copy();
    }

    private static DMatrixRMaj scaled(DMatrixRMaj m, double factor) {
        DMatrixRMaj out = m.copy();
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] *= factor;
        }
        return out;
    }

    private static DMatrixRMaj oneHot(int[] labels, int classes) {
        DMatrixRMaj out = new DMatrixRMaj(labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            out.set(i, labels[i], 1.0);
        }
        return out;
    }
}
