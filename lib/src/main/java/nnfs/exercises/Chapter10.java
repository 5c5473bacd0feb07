package nnfs.exercises;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.data.Targets;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.layers.Regularizer;
import nnfs.layers.Trainable;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.Accuracy;
import nnfs.metrics.BinaryAccuracy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.ConfusionMatrix;
import nnfs.metrics.RegressionAccuracy;
import nnfs.model.History;
import nnfs.model.LayerParameters;
import nnfs.model.Model;
import nnfs.model.TrainingStoppedException;
import nnfs.optimizers.Adam;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The checks of chapter 10's exercises: the {@code Model} class. */
public final class Chapter10 {

    private Chapter10() {
    }

    // --- 10.1 -------------------------------------------------------------------------------------------------------

    /** Exercise 10.1's prediction, for the models A, B and C of the task, in that order. */
    public interface ModelFacts {
        /** {@code parameterCount()} of A, B and C. */
        long[] parameterCounts();

        /** {@code usesCombinedGradient()} of A, B and C. */
        boolean[] combinedGradients();
    }

    /** The three models of exercise 10.1: A, B, C. */
    static List<Model> predictionModels() {
        NumpyRandom random = new NumpyRandom(0);
        Model a = new Model()
                .add(new Dense(3, 16, random)).add(new ReLU()).add(new Dropout(0.2, random))
                .add(new Dense(16, 4, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build();
        Model b = new Model()
                .add(new Dense(5, 8, random)).add(new ReLU())
                .add(new Dense(8, 1, random)).add(new Sigmoid())
                .set(new MeanSquaredError(), new Adam(), new BinaryAccuracy()).build();
        Model c = new Model()
                .add(new Dense(2, 1, random)).add(new Sigmoid())
                .set(new BinaryCrossEntropy(), new SGD(), new BinaryAccuracy()).build();
        return List.of(a, b, c);
    }

    /**
     * Exercise 10.1 (predict): the parameter counts of three models (132, 57 and 3) and which of them start the
     * backward pass with the combined gradient (A: softmax + CCE, yes; B: sigmoid + MSE, no; C: sigmoid + BCE, yes).
     */
    public static void checkModelPrediction(ModelFacts prediction) {
        Exercise exercise = Exercise.of("10.1", "predict what build() finds");
        List<Model> models = predictionModels();
        String[] names = {"A", "B", "C"};
        long[] counts = exercise.call("parameterCounts()", prediction::parameterCounts);
        exercise.require(counts != null && counts.length == 3, "parameterCounts(): expected three numbers, for A, B"
                + " and C, got " + (counts == null ? "null" : counts.length));
        DMatrixRMaj truth = new DMatrixRMaj(1, 3);
        DMatrixRMaj predicted = new DMatrixRMaj(1, 3);
        DMatrixRMaj weightsOnly = new DMatrixRMaj(1, 3);
        DMatrixRMaj withActivations = new DMatrixRMaj(1, 3);
        for (int m = 0; m < 3; m++) {
            truth.data[m] = models.get(m).parameterCount();
            predicted.data[m] = counts[m];
            long biases = 0;
            for (Trainable layer : models.get(m).trainableLayers()) {
                biases += layer.biases().getNumElements();
            }
            weightsOnly.data[m] = truth.data[m] - biases;
        }
        exercise.prediction("parameter counts (A, B, C)", truth, predicted,
                Hint.ifEqual(weightsOnly, "did you count the biases? A dense layer has one per neuron"),
                Hint.otherwise("a dense layer with i inputs and j neurons has i·j weights and j biases;"
                        + " activations and dropout have no parameters"));
        exercise.verified("parameter counts of A, B and C");
        boolean[] combined = exercise.call("combinedGradients()", prediction::combinedGradients);
        exercise.require(combined != null && combined.length == 3, "combinedGradients(): expected three answers, for"
                + " A, B and C, got " + (combined == null ? "null" : combined.length));
        String[] advice = {
            "build() looks at the last layer and the loss only: the dropout layer in the middle changes nothing",
            "the short gradient exists for softmax + categorical cross-entropy and for sigmoid + binary"
                    + " cross-entropy; here the sigmoid is followed by mean squared error",
            "sigmoid followed by binary cross-entropy has a combined gradient too, (ŷ − y)/(J·n)"};
        for (int m = 0; m < 3; m++) {
            boolean real = models.get(m).usesCombinedGradient();
            exercise.require(combined[m] == real, "combined gradient of model " + names[m] + ": your prediction "
                    + combined[m] + " is not what build() chose: " + advice[m]);
        }
        exercise.verified("which models use the combined gradient");
        exercise.pass();
    }

    // --- 10.2 -------------------------------------------------------------------------------------------------------

    /** The reference of exercise 10.2: the accuracy of one class (its recall), counted over samples of that class. */
    private static final class ClassAccuracy extends Accuracy {
        private final int c;

        ClassAccuracy(int c) {
            this.c = c;
        }

        @Override
        public long[] compare(DMatrixRMaj predictions, Targets yTrue) {
            int[] labels = labels(yTrue);
            long right = 0;
            long total = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    total++;
                    if (predictions.data[i] == c) {
                        right++;
                    }
                }
            }
            return new long[] {right, total};
        }
    }

    private static int[] labels(Targets yTrue) {
        return yTrue instanceof Targets.Classes c ? c.labels() : Matrices.argmaxRows(((Targets.Values) yTrue).matrix());
    }

    static final int[] FIXED_PREDICTIONS = {0, 2, 1, 2, 2, 0, 1, 1, 2, 0, 1, 2};
    static final int[] FIXED_LABELS = {0, 2, 2, 2, 1, 0, 1, 0, 2, 1, 1, 0};

    /**
     * Exercise 10.2: an accuracy of one class, {@code create.apply(c)}, whose {@code compare} counts the samples of
     * true class c that were predicted as c and the samples of class c. Its counts are compared with a confusion
     * matrix's on fixed predictions (with class labels and one-hot labels), then it runs inside a small model trained
     * in batches, whose recorded accuracies are compared with a reference run.
     */
    public static void checkClassAccuracy(IntFunction<? extends Accuracy> create) {
        Exercise exercise = Exercise.of("10.2", "the accuracy of one class");
        int[] predictedClasses = FIXED_PREDICTIONS;
        int[] labels = FIXED_LABELS;
        DMatrixRMaj predictions = new DMatrixRMaj(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            predictions.data[i] = predictedClasses[i];
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(labels, predictedClasses, List.of("0", "1", "2"));
        DMatrixRMaj oneHot = new DMatrixRMaj(labels.length, 3);
        for (int i = 0; i < labels.length; i++) {
            oneHot.set(i, labels[i], 1.0);
        }
        long allRight = 0;
        for (int c = 0; c < 3; c++) {
            allRight += confusion.count(c, c);
        }
        for (int c = 0; c < 3; c++) {
            final int k = c;
            long ofClass = 0;
            long predictedAs = 0;
            for (int j = 0; j < 3; j++) {
                ofClass += confusion.count(c, j);
                predictedAs += confusion.count(j, c);
            }
            DMatrixRMaj expected = Matrices.row(confusion.count(c, c), ofClass);
            Hint[] hints = {
                Hint.ifEqual(Matrices.row(confusion.count(c, c), predictedAs), "that divides by the samples predicted"
                        + " as " + c + "; the accuracy of class " + c + " counts the samples whose true class is " + c),
                Hint.ifEqual(Matrices.row(allRight, labels.length), "that is the accuracy over all classes: count only"
                        + " the samples whose true label is " + c),
                Hint.ifEqual(Matrices.row(confusion.count(c, c), labels.length), "the second count is how many"
                        + " samples were compared: only those of class " + c + ", not the whole batch"),
                Hint.ifEqual(Matrices.row(ofClass, confusion.count(c, c)), "return {right, compared}, in that order"),
                Hint.otherwise("right = samples with label " + c + " predicted as " + c + "; compared = samples with"
                        + " label " + c)};
            Accuracy accuracy = exercise.call("new MyClassAccuracy(" + c + ")", () -> create.apply(k));
            long[] counts = exercise.call("compare (class labels)", () -> accuracy.compare(predictions.copy(),
                    Targets.classes(labels.clone())));
            exercise.require(counts != null && counts.length == 2, "compare must return two counts {right, compared},"
                    + " got " + (counts == null ? "null" : counts.length + " numbers"));
            exercise.compare("counts of class " + c + " {right, compared}", expected, Matrices.row(counts[0],
                    counts[1]), hints);
            long[] fromOneHot;
            try {
                fromOneHot = exercise.call("compare (one-hot labels)", () -> accuracy.compare(predictions.copy(),
                        Targets.values(oneHot.copy())));
            } catch (ExerciseFailure e) {
                if (e.getCause() instanceof ClassCastException) {
                    throw exercise.fail("compare (one-hot labels) threw ClassCastException: the targets can also be a"
                            + " matrix of one-hot rows (Targets.Values); take each row's argmax as its label", null);
                }
                throw e;
            }
            exercise.require(fromOneHot != null && fromOneHot.length == 2, "compare must return two counts {right,"
                    + " compared}, got " + (fromOneHot == null ? "null" : fromOneHot.length + " numbers"));
            exercise.compare("counts of class " + c + " with one-hot labels", expected, Matrices.row(fromOneHot[0],
                    fromOneHot[1]), Hint.otherwise("with one-hot rows the label of a sample is the column of its 1"));
        }
        exercise.verified("counts equal a confusion matrix's for classes 0, 1 and 2, with class labels and one-hot"
                + " labels");
        History reference = trainWith(new ClassAccuracy(2));
        History overall = trainWith(new CategoricalAccuracy());
        Accuracy student = exercise.call("new MyClassAccuracy(2)", () -> create.apply(2));
        History history = exercise.call("a model trained with your accuracy", () -> trainWith(student));
        exercise.compare("training accuracy of every epoch", epochs(reference, false), epochs(history, false),
                Hint.ifEqual(epochs(overall, false), "that is the accuracy over all classes"),
                Hint.otherwise("the model adds up your counts over the batches of an epoch: return counts, not a"
                        + " fraction"));
        exercise.compare("validation accuracy of every epoch", epochs(reference, true), epochs(history, true));
        exercise.verified("in a model trained in batches of 32, the recorded accuracy of class 2 equals the reference"
                + " in all 10 epochs, training and validation");
        exercise.pass();
    }

    /** The small spiral model of exercise 10.2, with the given accuracy, trained 10 epochs in batches of 32. */
    private static History trainWith(Accuracy accuracy) {
        NumpyRandom random = new NumpyRandom(10);
        Dataset train = Datasets.shuffle(Datasets.spiral(100, 3, random), random);
        Dataset validation = Datasets.spiral(50, 3, random);
        Model model = new Model()
                .add(new Dense(2, 16, random)).add(new ReLU())
                .add(new Dense(16, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam().withLearningRate(0.05), accuracy)
                .build().printTo(null);
        return model.train(train, 10, 32, 1000, validation);
    }

    private static DMatrixRMaj epochs(History history, boolean validation) {
        List<History.Epoch> list = history.epochs();
        DMatrixRMaj m = new DMatrixRMaj(1, list.size());
        for (int i = 0; i < list.size(); i++) {
            m.data[i] = validation ? list.get(i).validationAccuracy() : list.get(i).accuracy();
        }
        return m;
    }

    // --- 10.3 -------------------------------------------------------------------------------------------------------

    /** The chapter's fifty points of y = 3x + 2, x = 0, 0.02, ..., 0.98. */
    public static Dataset line() {
        DMatrixRMaj x = new DMatrixRMaj(50, 1);
        DMatrixRMaj y = new DMatrixRMaj(50, 1);
        for (int i = 0; i < 50; i++) {
            x.data[i] = i / 50.0;
            y.data[i] = 3 * x.data[i] + 2;
        }
        return Dataset.of(x, y);
    }

    /** The chapter's model of a single dense layer (weights from seed 0), trained with plain SGD at this rate. */
    public static Model lineModel(double learningRate) {
        return new Model()
                .add(new Dense(1, 1, new NumpyRandom(0)))
                .set(new MeanSquaredError(), new SGD().withLearningRate(learningRate), new RegressionAccuracy())
                .build();
    }

    /** Exercise 10.3's answer. */
    public interface FastFit {
        /** A learning rate at which the accuracy reaches 1 within 60 epochs. */
        double learningRate();

        /** The first epoch (as History counts them) whose accuracy is 1, at that rate. */
        int firstPerfectEpoch();
    }

    /** The epochs the single layer needs at most in exercise 10.3 (the chapter's rate 0.5 needs 81). */
    public static final int FAST_EPOCHS = 60;

    /**
     * Exercise 10.3 (explore): a learning rate at which the single dense layer reaches accuracy 1 within 60 epochs
     * (0.67 to 0.75 do; from about 0.79 on the steps overshoot and the loss grows), and the epoch at which it does.
     */
    public static void checkFastFit(FastFit answer) {
        Exercise exercise = Exercise.of("10.3", "a faster fit");
        double rate = exercise.call("learningRate()", answer::learningRate);
        exercise.require(rate > 0 && Double.isFinite(rate), "expected a positive learning rate, got " + rate);
        int first = -1;
        History history = null;
        try {
            history = lineModel(rate).printTo(null).train(line(), 200, Model.FULL_BATCH, 1000, null);
        } catch (TrainingStoppedException e) {
            history = e.history();
        }
        for (History.Epoch e : history.epochs()) {
            if (e.accuracy() == 1.0) {
                first = e.epoch();
                break;
            }
        }
        if (first < 0) {
            boolean grows = history.epochs().isEmpty() || !(history.last().loss() < history.epochs().get(0).loss());
            exercise.require(false, "at learning rate " + rate + " the accuracy never reaches 1 in 200 epochs: "
                    + (grows ? "the loss grows, every step overshoots the minimum by more than it corrects; try a"
                            + " smaller rate" : "the loss falls too slowly; try a larger rate"));
        }
        exercise.require(first <= FAST_EPOCHS, "at learning rate " + rate + " the accuracy reaches 1 later than epoch "
                + FAST_EPOCHS + ": try a larger rate (but not so large that the steps overshoot)");
        int epoch = exercise.call("firstPerfectEpoch()", answer::firstPerfectEpoch);
        exercise.prediction("first epoch with accuracy 1 at learning rate " + rate, first, epoch,
                Hint.ifEqual(first - 1, "History counts epochs from 1: read History.Epoch.epoch() rather than a list"
                        + " index"),
                Hint.otherwise("read it from the history: the first History.Epoch whose accuracy() is 1.0"));
        exercise.verified("at learning rate " + rate + " the accuracy first reaches 1 at epoch " + first
                + ", within " + FAST_EPOCHS);
        exercise.pass();
    }

    // --- 10.4 -------------------------------------------------------------------------------------------------------

    /** Exercise 10.4: the student's training step. */
    @FunctionalInterface
    public interface TrainingStep {
        /** One optimizer step of {@code model} on {@code batch}, as Model.train takes it. */
        void step(Model model, Dataset batch);
    }

    /** The data of exercise 10.4: 60 spiral points of 3 classes. */
    private static Dataset stepData() {
        return Datasets.spiral(20, 3, new NumpyRandom(8));
    }

    /** The model of exercise 10.4: L2 on the first layer, dropout, softmax, Adam with a strong decay. */
    private static Model stepModel() {
        NumpyRandom random = new NumpyRandom(7);
        return new Model()
                .add(new Dense(2, 8, random, Regularizer.l2(1e-3))).add(new ReLU())
                .add(new Dropout(0.2, random))
                .add(new Dense(8, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam().withLearningRate(0.05).withDecay(0.5),
                        new CategoricalAccuracy())
                .build().printTo(null);
    }

    private static final int STEPS = 3;

    /** The parameters after each of three steps taken the way {@code kind} says ("right" or one mistake). */
    private static List<List<LayerParameters>> stepsTaken(String kind) {
        Model model = stepModel();
        Dataset data = stepData();
        List<List<LayerParameters>> after = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            if (kind.equals("right")) {
                model.train(data, 1, Model.FULL_BATCH, 1, null);
            } else {
                DMatrixRMaj out = model.forward(data.X(), !kind.equals("inference"));
                model.backward(out, data.y());
                if (!kind.equals("noPre")) {
                    model.optimizer().preUpdate();
                }
                List<Trainable> layers = model.trainableLayers();
                for (int k = 0; k < layers.size(); k++) {
                    if (!kind.equals("lastOnly") || k == layers.size() - 1) {
                        model.optimizer().update(layers.get(k));
                    }
                }
                if (!kind.equals("noPost")) {
                    model.optimizer().postUpdate();
                }
            }
            after.add(model.parameters());
        }
        return after;
    }

    /**
     * Exercise 10.4: one training step written with the model's pieces (forward in training mode, backward, the
     * optimizer's preUpdate, update of every trainable layer, postUpdate). Three steps are compared, parameter by
     * parameter, with Model.train's on a model with dropout, L2 and Adam with decay.
     */
    public static void checkTrainingStep(TrainingStep step) {
        Exercise exercise = Exercise.of("10.4", "one training step");
        List<List<LayerParameters>> reference = stepsTaken("right");
        String[][] mistakes = {
            {"inference", "the forward pass of a training step runs in training mode, forward(X, true): dropout is on"
                    + " while training"},
            {"noPre", "call optimizer.preUpdate() before the updates: it sets this step's decayed learning rate"},
            {"noPost", "call optimizer.postUpdate() after the updates: it counts the step, which Adam's bias"
                    + " correction and the decay need"},
            {"lastOnly", "update every layer of model.trainableLayers(), not only one"}};
        List<List<List<LayerParameters>>> wrong = new ArrayList<>();
        for (String[] mistake : mistakes) {
            wrong.add(stepsTaken(mistake[0]));
        }
        Model model = stepModel();
        Dataset data = stepData();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        model.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
        for (int s = 0; s < STEPS; s++) {
            exercise.run("your trainStep", () -> step.step(model, data));
            exercise.require(printed.size() == 0, "the model printed \"" + printed.toString(StandardCharsets.UTF_8)
                    .strip() + "\": write the step with the model's pieces instead of calling model.train or"
                    + " model.evaluate");
            List<LayerParameters> now = model.parameters();
            for (int k = 0; k < now.size(); k++) {
                for (String part : List.of("weights", "biases")) {
                    List<Hint> hints = new ArrayList<>();
                    hints.add(Hint.ifEqual(part(s == 0 ? stepModel().parameters().get(k) : reference.get(s - 1)
                            .get(k), part), "the parameters did not change: after backward, let the optimizer"
                            + " update every layer of model.trainableLayers()"));
                    for (int w = 0; w < mistakes.length; w++) {
                        hints.add(Hint.ifEqual(part(wrong.get(w).get(s).get(k), part), mistakes[w][1]));
                    }
                    hints.add(Hint.otherwise("forward(X, true), backward(output, y), then preUpdate, update(layer) for"
                            + " each trainable layer, postUpdate"));
                    exercise.compare("trainable layer " + k + " " + part + " after step " + (s + 1),
                            part(reference.get(s).get(k), part), part(now.get(k), part), hints.toArray(new Hint[0]));
                }
            }
        }
        exercise.verified("weights and biases equal Model.train's after each of 3 steps (dropout, L2, Adam with"
                + " decay)");
        exercise.pass();
    }

    private static DMatrixRMaj part(LayerParameters p, String part) {
        return part.equals("weights") ? p.weights() : p.biases();
    }
}
