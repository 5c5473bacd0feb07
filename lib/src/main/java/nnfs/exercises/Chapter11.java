package nnfs.exercises;

import java.util.function.IntSupplier;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.Evaluation;
import nnfs.model.History;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/** The checks of chapter 11's exercises: training and evaluating in batches. */
public final class Chapter11 {

    private Chapter11() {
    }

    // --- 11.1 -------------------------------------------------------------------------------------------------------

    /** The data set sizes n and batch sizes b of exercise 11.1, case by case. */
    static final int[][] CASES = {{1000, 128}, {300, 300}, {10_000, 32}, {60_000, 128}, {3000, 1000}};

    /** Exercise 11.1's prediction, one number per case of the task, in its order. */
    public interface BatchFacts {
        /** The optimizer steps of one epoch. */
        int[] stepsPerEpoch();

        /** How many samples the last batch of an epoch holds. */
        int[] lastBatch();
    }

    /**
     * Exercise 11.1 (predict): steps per epoch, ⌈n / b⌉, and the size of the last batch, n − (steps − 1)·b. The truth
     * is what {@code Model.train} does: a tiny model trains one epoch on each data set and its history is counted.
     */
    public static void checkBatchCounts(BatchFacts prediction) {
        Exercise exercise = Exercise.of("11.1", "predict the batches of an epoch");
        int cases = CASES.length;
        DMatrixRMaj steps = new DMatrixRMaj(1, cases);
        DMatrixRMaj last = new DMatrixRMaj(1, cases);
        DMatrixRMaj floor = new DMatrixRMaj(1, cases);
        DMatrixRMaj remainder = new DMatrixRMaj(1, cases);
        DMatrixRMaj full = new DMatrixRMaj(1, cases);
        for (int c = 0; c < cases; c++) {
            int n = CASES[c][0];
            int b = CASES[c][1];
            History history = tinyModel().train(Dataset.of(new DMatrixRMaj(n, 2), new int[n]), 1, b, Integer.MAX_VALUE, null);
            int s = history.steps().size();
            steps.data[c] = s;
            last.data[c] = n - (s - 1) * b;
            floor.data[c] = n / b;
            remainder.data[c] = n % b;
            full.data[c] = b;
        }
        int[] stepAnswer = exercise.call("stepsPerEpoch()", prediction::stepsPerEpoch);
        exercise.require(stepAnswer != null && stepAnswer.length == cases, "stepsPerEpoch(): expected " + cases
                + " numbers, one per case, got " + (stepAnswer == null ? "null" : stepAnswer.length));
        exercise.prediction("steps per epoch", steps, row(stepAnswer),
                Hint.ifEqual(floor, "the last, smaller batch is a step too: an epoch takes ⌈n / b⌉ steps, not ⌊n / b⌋"),
                Hint.otherwise("one step per batch, and the batches cover all n samples: ⌈n / b⌉"));
        exercise.verified("the steps per epoch of " + cases + " data sets");
        int[] lastAnswer = exercise.call("lastBatch()", prediction::lastBatch);
        exercise.require(lastAnswer != null && lastAnswer.length == cases, "lastBatch(): expected " + cases
                + " numbers, one per case, got " + (lastAnswer == null ? "null" : lastAnswer.length));
        exercise.prediction("size of the last batch", last, row(lastAnswer),
                Hint.ifEqual(remainder, "n mod b is right only when b does not divide n: when it does, the last"
                        + " batch is a full one of b samples, not an empty one"),
                Hint.ifEqual(full, "the last batch holds only the samples left after the full ones"),
                Hint.otherwise("the last batch holds n − (steps − 1)·b samples"));
        exercise.verified("the size of each last batch");
        exercise.pass();
    }

    private static Model tinyModel() {
        NumpyRandom random = new NumpyRandom(0);
        return new Model().add(new Dense(2, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build().printTo(null);
    }

    /** The answers as one row, for {@link Exercise#prediction}. */
    private static DMatrixRMaj row(int[] values) {
        return Matrices.row(java.util.Arrays.stream(values).asDoubleStream().toArray());
    }

    // --- 11.2 -------------------------------------------------------------------------------------------------------

    /** Exercise 11.2's code: a model's mean data loss and accuracy over a data set, in batches. */
    public interface BatchEvaluator {
        Evaluation evaluate(Model model, Dataset data, int batchSize);
    }

    /** The model of exercise 11.2: a spiral classifier with dropout, trained a little, silent. */
    static Model evaluationModel() {
        NumpyRandom random = new NumpyRandom(11);
        Dataset train = Datasets.spiral(100, 3, random);
        Model model = new Model()
                .add(new Dense(2, 32, random)).add(new ReLU()).add(new Dropout(0.3, random))
                .add(new Dense(32, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam().withLearningRate(0.02), new CategoricalAccuracy())
                .build().printTo(null);
        model.train(train, 30, 32, Integer.MAX_VALUE, null);
        return model;
    }

    /** The data exercise 11.2 evaluates on: 150 spiral points the model has not seen. */
    static Dataset evaluationData() {
        return Datasets.spiral(50, 3, new NumpyRandom(12));
    }

    /** The batch sizes exercise 11.2 tries: the whole set, uneven last batches, one larger than the set. */
    static final int[] BATCH_SIZES = {150, 64, 7, 1000};

    /**
     * Exercise 11.2: the student's evaluation in batches against {@code Model.evaluate} for four batch sizes; hints
     * recognise the mean of the batch means (for loss and accuracy) and a last batch left out.
     */
    public static void checkBatchEvaluation(BatchEvaluator evaluator) {
        Exercise exercise = Exercise.of("11.2", "evaluation in batches");
        Model model = evaluationModel();
        Dataset data = evaluationData();
        for (int b : BATCH_SIZES) {
            Evaluation expected = model.evaluate(data, b);
            double[] batchMeans = batchMeans(model, data, b, false);
            double[] withoutLast = batchMeans(model, data, b, true);
            Evaluation got = exercise.call("your evaluate(model, data, " + b + ")",
                    () -> evaluator.evaluate(model, data, b));
            exercise.require(got != null, "evaluate must return an Evaluation(loss, accuracy), got null");
            String on = " with batches of " + b;
            exercise.compare("mean loss" + on, expected.loss(), got.loss(),
                    Hint.ifEqual(batchMeans[0], "that is the mean of the batches' means: the last batch is smaller,"
                            + " so add up the samples' losses and divide by the number of samples"),
                    Hint.ifEqual(withoutLast[0], "the last batch, with the samples left over, was left out"),
                    Hint.otherwise("run each batch forward in inference mode, model.forward(X, false) (dropout off),"
                            + " add up model.loss().forward(...)'s per-sample losses and divide by the samples"));
            exercise.compare("accuracy" + on, expected.accuracy(), got.accuracy(),
                    Hint.ifEqual(batchMeans[1], "that is the mean of the batches' accuracies: add up the counts"
                            + " {right, compared} of every batch, then divide once"),
                    Hint.ifEqual(withoutLast[1], "the last batch, with the samples left over, was left out"),
                    Hint.otherwise("add up model.accuracy().compare(predictions, y) over the batches, in inference"
                            + " mode, and divide right by compared at the end"));
        }
        exercise.verified("mean loss and accuracy of 150 samples against Model.evaluate, in batches of 150, 64, 7"
                + " and 1000");
        exercise.pass();
    }

    /**
     * The typical wrong answers of 11.2: {mean of the batches' mean losses, mean of their accuracies}, over every
     * batch or without the last, partial one (with no partial batch, over every batch).
     */
    private static double[] batchMeans(Model model, Dataset data, int b, boolean dropPartial) {
        int n = data.size();
        int batches = 0;
        double lossMeans = 0.0;
        double accuracyMeans = 0.0;
        for (int from = 0; from < n; from += b) {
            int to = Math.min(n, from + b);
            if (dropPartial && to - from < b && from > 0) {
                break;
            }
            Evaluation e = model.evaluate(data.rows(from, to), b);
            lossMeans += e.loss();
            accuracyMeans += e.accuracy();
            batches++;
        }
        return new double[] {lossMeans / batches, accuracyMeans / batches};
    }

    // --- 11.3 -------------------------------------------------------------------------------------------------------

    /** The batch sizes exercise 11.3 compares; each divides the 300 training samples. */
    public static final int[] BUDGET_BATCH_SIZES = {10, 20, 30, 50, 100, 300};

    /** The optimizer steps every run of exercise 11.3 takes. */
    public static final int STEP_BUDGET = 600;

    /**
     * Exercise 11.3's experiment: a 2-64-3 network (Adam, learning rate 0.05) trained on 300 spiral points in batches of {@code batchSize} for
     * {@value #STEP_BUDGET} optimizer steps in all (so {@code STEP_BUDGET · batchSize / 300} epochs), validated on 300
     * other points every epoch. Silent; the same seeds for every batch size.
     */
    public static History budgetRun(int batchSize) {
        boolean known = false;
        for (int b : BUDGET_BATCH_SIZES) {
            known |= b == batchSize;
        }
        if (!known) {
            throw new IllegalArgumentException("Chapter11.budgetRun: expected one of the batch sizes 10, 20, 30, 50,"
                    + " 100, 300, got " + batchSize);
        }
        NumpyRandom random = new NumpyRandom(3);
        Dataset train = Datasets.spiral(100, 3, random);
        Dataset validation = Datasets.spiral(100, 3, random);
        Dataset shuffled = train.select(random.permutation(train.size()));
        Model model = new Model()
                .add(new Dense(2, 64, random)).add(new ReLU())
                .add(new Dense(64, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam().withLearningRate(0.05), new CategoricalAccuracy())
                .build().printTo(null);
        int epochs = STEP_BUDGET * batchSize / train.size();
        return model.train(shuffled, epochs, batchSize, Integer.MAX_VALUE, validation);
    }

    /**
     * Exercise 11.3 (explore): which batch size, with the same budget of optimizer steps, ends with the highest
     * validation accuracy. The check runs all six and compares the student's choice with the best.
     */
    public static void checkBestBatchSize(IntSupplier answer) {
        Exercise exercise = Exercise.of("11.3", "the best batch size for a budget of steps");
        int chosen = exercise.call("myBestBatchSize()", () -> answer.getAsInt());
        int index = -1;
        for (int i = 0; i < BUDGET_BATCH_SIZES.length; i++) {
            if (BUDGET_BATCH_SIZES[i] == chosen) {
                index = i;
            }
        }
        exercise.require(index >= 0, "expected one of the batch sizes 10, 20, 30, 50, 100, 300, got " + chosen);
        double[] validation = new double[BUDGET_BATCH_SIZES.length];
        double[] training = new double[BUDGET_BATCH_SIZES.length];
        int best = 0;
        int bestTraining = 0;
        for (int i = 0; i < BUDGET_BATCH_SIZES.length; i++) {
            History.Epoch last = budgetRun(BUDGET_BATCH_SIZES[i]).last();
            validation[i] = last.validationAccuracy();
            training[i] = last.accuracy();
            best = validation[i] > validation[best] ? i : best;
            bestTraining = training[i] > training[bestTraining] ? i : bestTraining;
        }
        if (index != best) {
            String advice = index == bestTraining && bestTraining != best
                    ? "that run ends with the best training accuracy; the question is about the validation accuracy"
                    : String.format(java.util.Locale.ROOT, "batches of %d end at a validation accuracy of %.3f;"
                            + " another batch size ends higher: compare last().validationAccuracy() of every run",
                            chosen, validation[index]);
            exercise.require(false, "batch size " + chosen + " is not the best: " + advice);
        }
        exercise.verified("the batch size whose run of " + STEP_BUDGET + " steps ends with the highest validation"
                + " accuracy, among six");
        exercise.pass();
    }
}
