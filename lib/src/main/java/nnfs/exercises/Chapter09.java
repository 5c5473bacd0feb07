package nnfs.exercises;

import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.Matrices;
import nnfs.activations.Linear;
import nnfs.check.GradientCheck;
import nnfs.data.Dataset;
import nnfs.data.Targets;
import nnfs.layers.Dense;
import nnfs.losses.Loss;
import nnfs.losses.MeanAbsoluteError;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.Accuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.optimizers.Adam;
import nnfs.optimizers.Optimizer;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The checks of chapter 9's exercises: regression. */
public final class Chapter09 {

    private Chapter09() {
    }

    // --- 9.1 ---------------------------------------------------------------------------------------------------

    /** Exercise 9.1's prediction for the targets and predictions of {@link #checkAccuracyPrediction}. */
    public interface AccuracyPrediction {
        /** std(y) / 250. */
        double precision();

        /** The share of predictions within the precision of their targets. */
        double accuracy();
    }

    static final double[] PREDICTION_TARGETS = {0, 1, 2, 3, 4};
    static final double[] PREDICTION_OUTPUTS = {0.005, 0.994, 2.001, 3.0075, 4.0};

    /**
     * Exercise 9.1 (predict): the targets (0, 1, 2, 3, 4) and the predictions (0.005, 0.994, 2.001, 3.0075, 4.0).
     * std(y) = √2, so the precision is √2/250 ≈ 0.00566, and three of the five errors (0.005, 0.001, 0) are smaller:
     * accuracy 0.6. The truth is the library's RegressionAccuracy.
     */
    public static void checkAccuracyPrediction(AccuracyPrediction prediction) {
        Exercise exercise = Exercise.of("9.1", "predict a regression accuracy");
        double precision = exercise.call("precision()", prediction::precision);
        double accuracy = exercise.call("accuracy()", prediction::accuracy);
        Targets y = Targets.values(Matrices.column(PREDICTION_TARGETS));
        RegressionAccuracy reference = new RegressionAccuracy();
        reference.init(y);
        double trueAccuracy = reference.calculate(Matrices.column(PREDICTION_OUTPUTS), y);
        exercise.prediction("precision", reference.precision(), precision,
                Hint.ifEqual(Math.sqrt(2.5) / 250, "that is the sample standard deviation (dividing by n − 1):"
                        + " np.std, and the library, divide by n"),
                Hint.ifEqual(2.0 / 250, "that is the variance divided by 250: take its square root first"),
                Hint.ifEqual(Math.sqrt(2), "that is std(y) itself: the precision divides it by 250"),
                Hint.when(m -> Math.abs(m.get(0, 0) - reference.precision()) < 1e-3 * reference.precision(), "close,"
                        + " but rounded: write the precision as an exact expression, such as Math.sqrt(...) / 250"),
                Hint.otherwise("precision = std(y) / 250, with std(y) = √(mean of (y − mean y)²)"));
        exercise.prediction("accuracy", trueAccuracy, accuracy,
                Hint.ifEqual(0.8, "compare the size of each error, |ŷ − y|, with std(y)/250 (np.std divides by n):"
                        + " an error of −0.006 is too large"),
                Hint.ifEqual(1.0, "not every prediction is within std(y)/250 of its target"),
                Hint.otherwise("accuracy = the share of the five predictions with |ŷ − y| < precision"));
        exercise.verified("the precision √2/250 and the accuracy equal RegressionAccuracy's");
        exercise.pass();
    }

    // --- 9.2 ---------------------------------------------------------------------------------------------------

    private interface ElementGradient {
        double of(double prediction, double target);
    }

    /** rule(ŷ, y) for every element. */
    private static DMatrixRMaj map(DMatrixRMaj predictions, DMatrixRMaj targets, ElementGradient rule) {
        DMatrixRMaj out = new DMatrixRMaj(predictions.numRows, predictions.numCols);
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] = rule.of(predictions.data[k], targets.data[k]);
        }
        return out;
    }

    /**
     * Exercise 9.2: the mean absolute error's backward pass, sign(ŷ − y)/J/n, compared with
     * {@link MeanAbsoluteError} on the chapter's example (n = 4, J = 1) and on batches of 3 × 2 and 5 × 3, then
     * gradient-checked. Hints for the book's reversed sign, the 1/n or 1/J left out, the error instead of its sign, and
     * the squared error's gradient.
     */
    public static void checkMaeGradient(Supplier<? extends Loss> create) {
        Exercise exercise = Exercise.of("9.2", "the mean absolute error's gradient");
        NumpyRandom random = new NumpyRandom(92);
        DMatrixRMaj[][] batches = {
            {Matrices.column(0.9, 0.2, -0.4, 1.5), Matrices.column(1.0, 0.0, -0.5, 0.5)},
            {random.randn(3, 2), random.randn(3, 2)},
            {random.randn(5, 3), random.randn(5, 3)}};
        for (DMatrixRMaj[] batch : batches) {
            DMatrixRMaj predictions = batch[0];
            DMatrixRMaj targets = batch[1];
            int n = predictions.numRows;
            int outputs = predictions.numCols;
            MeanAbsoluteError reference = new MeanAbsoluteError();
            reference.backward(predictions, targets);
            Loss loss = exercise.call("new MyMAE()", create::get);
            exercise.require(loss != null, "new MyMAE() returned null");
            exercise.run("your backward", () -> loss.backward(predictions.copy(), targets.copy()));
            String on = " (batch of " + n + " samples × " + outputs + " output" + (outputs == 1 ? "" : "s") + ")";
            exercise.compare("dinputs" + on, reference.dinputs(), exercise.call("your dinputs()", loss::dinputs),
                    Hint.ifEqual(map(predictions, targets, (p, y) -> Math.signum(y - p) / outputs / n), "that is the"
                            + " book's listing, sign(y − ŷ): the loss grows as ŷ moves away from y, so its gradient"
                            + " is sign(ŷ − y). With the reversed sign, gradient descent pushes every prediction away"
                            + " from its target"),
                    Hint.ifEqual(map(predictions, targets, (p, y) -> Math.signum(p - y)), "divide by J and by n: the"
                            + " loss averages over the outputs and over the samples"),
                    Hint.ifEqual(map(predictions, targets, (p, y) -> Math.signum(p - y) / outputs), "divide by n as"
                            + " well: the loss is the mean over the batch's n samples"),
                    Hint.ifEqual(map(predictions, targets, (p, y) -> Math.signum(p - y) / n), "divide by J too, the"
                            + " number of outputs per sample: each sample's loss is the mean over its J outputs"),
                    Hint.ifEqual(map(predictions, targets, (p, y) -> (p - y) / outputs / n), "the derivative of |e| is"
                            + " sign(e), not e"),
                    Hint.ifEqual(map(predictions, targets, (p, y) -> -2 * (y - p) / outputs / n), "that is the squared"
                            + " error's gradient"),
                    Hint.ifShape(n, 1, "dinputs has the shape of the predictions, one value per output"),
                    Hint.otherwise("dinputs = sign(ŷ − y) / J / n, element by element"));
        }
        exercise.verified("dinputs equals MeanAbsoluteError's on batches of 4 × 1, 3 × 2 and 5 × 3");
        DMatrixRMaj predictions = random.randn(4, 3);
        DMatrixRMaj targets = random.randn(4, 3);
        exercise.gradientCheck(exercise.call("your loss", () -> GradientCheck.loss(create.get(), predictions,
                Targets.values(targets))));
        exercise.pass();
    }

    // --- 9.3 ---------------------------------------------------------------------------------------------------

    /** The share of |ŷ − y| &lt; precision (of ŷ − y &lt; precision when {@code signed}). */
    private static double share(DMatrixRMaj predictions, DMatrixRMaj y, double precision, boolean signed) {
        int right = 0;
        for (int k = 0; k < y.getNumElements(); k++) {
            double e = predictions.data[k] - y.data[k];
            if ((signed ? e : Math.abs(e)) < precision) {
                right++;
            }
        }
        return (double) right / y.getNumElements();
    }

    /** The standard deviation of all elements, dividing by n − {@code lost}. */
    private static double std(DMatrixRMaj m, int lost) {
        double mean = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            mean += m.data[k];
        }
        mean /= m.getNumElements();
        double squares = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            squares += (m.data[k] - mean) * (m.data[k] - mean);
        }
        return Math.sqrt(squares / (m.getNumElements() - lost));
    }

    /**
     * Exercise 9.3: the regression accuracy, compared with {@link RegressionAccuracy} the way a model uses it: init
     * with the training targets, then the accuracy on the training data and on validation data whose targets have a
     * third of the spread, after a second init with the validation targets (which must keep the first precision).
     * Hints for the sample standard deviation, the variance, std(y) without /250, signed errors, a precision
     * recomputed from other targets, and a total that counts samples instead of values.
     */
    public static void checkRegressionAccuracy(Supplier<? extends Accuracy> create) {
        Exercise exercise = Exercise.of("9.3", "a regression accuracy");
        NumpyRandom random = new NumpyRandom(93);
        DMatrixRMaj yTrain = random.randn(200, 2);
        CommonOps_DDRM.scale(3, yTrain);
        double precision = std(yTrain, 0) / 250;
        // Errors around the precision, and every tenth just outside it: inside for the sample standard deviation.
        DMatrixRMaj pTrain = yTrain.copy();
        DMatrixRMaj noise = random.randn(200, 2);
        for (int k = 0; k < pTrain.getNumElements(); k++) {
            pTrain.data[k] += k % 10 != 0 ? 0.8 * precision * noise.data[k] : (k % 20 == 0 ? 1.0006 : -1.0006)
                    * precision;
        }
        DMatrixRMaj yValidation = random.randn(100, 2);
        DMatrixRMaj pValidation = yValidation.copy();
        noise = random.randn(100, 2);
        for (int k = 0; k < pValidation.getNumElements(); k++) {
            pValidation.data[k] += 0.8 * precision * noise.data[k];
        }
        Targets train = Targets.values(yTrain);
        Targets validation = Targets.values(yValidation);

        RegressionAccuracy reference = new RegressionAccuracy();
        reference.init(train);
        double onTrain = reference.calculate(pTrain, train);
        reference.init(validation);
        double onValidation = reference.calculate(pValidation, validation);

        Accuracy accuracy = exercise.call("new MyRegressionAccuracy()", create::get);
        exercise.require(accuracy != null, "new MyRegressionAccuracy() returned null");
        exercise.run("your init(training targets)", () -> accuracy.init(train));
        double answer = exercise.call("your calculate(training predictions, training targets)",
                () -> accuracy.calculate(pTrain.copy(), train));
        exercise.compare("accuracy on the training data (400 values)", onTrain, answer,
                Hint.ifEqual(share(pTrain, yTrain, std(yTrain, 1) / 250, false), "that is the sample standard"
                        + " deviation (dividing by n − 1): np.std, and the library, divide by n"),
                Hint.ifEqual(share(pTrain, yTrain, std(yTrain, 0) * std(yTrain, 0) / 250, false), "that is the"
                        + " variance divided by 250: take its square root first"),
                Hint.ifEqual(share(pTrain, yTrain, std(yTrain, 0), false), "the precision is std(y) divided by 250"),
                Hint.ifEqual(share(pTrain, yTrain, precision, true), "compare the size of the error, |ŷ − y|: a"
                        + " prediction far below its target is not right"),
                Hint.ifEqual(2 * onTrain, "count every value: the total is the number of elements, samples × outputs"),
                Hint.otherwise("the share of the values with |ŷ − y| < std(y)/250, the standard deviation of all"
                        + " the targets init was given"));
        exercise.run("your init(validation targets)", () -> accuracy.init(validation));
        double answer2 = exercise.call("your calculate(validation predictions, validation targets)",
                () -> accuracy.calculate(pValidation.copy(), validation));
        exercise.compare("accuracy on the validation data, after init(validation targets)", onValidation, answer2,
                Hint.ifEqual(share(pValidation, yValidation, std(yValidation, 0) / 250, false), "the precision comes"
                        + " from the first targets init is given (the training data) and is kept: a later init,"
                        + " or calculate on other data, must not change it"),
                Hint.ifEqual(share(pValidation, yValidation, precision, true), "compare the size of the error,"
                        + " |ŷ − y|: a prediction far below its target is not right"),
                Hint.otherwise("the share of the values with |ŷ − y| < the training data's precision"));
        exercise.verified("equals RegressionAccuracy's on training data and on validation data with another spread,"
                + " the precision set once from the training targets");
        exercise.pass();
    }

    // --- 9.4 ---------------------------------------------------------------------------------------------------

    /**
     * The data of exercise 9.4: x = 0, 0.1, …, 1 (11 points) and y = 2x + 1, with the last target raised by
     * {@code outlier}.
     */
    public static Dataset lineData(double outlier) {
        DMatrixRMaj x = new DMatrixRMaj(11, 1);
        DMatrixRMaj y = new DMatrixRMaj(11, 1);
        for (int i = 0; i <= 10; i++) {
            x.set(i, 0, i / 10.0);
            y.set(i, 0, 2 * (i / 10.0) + 1);
        }
        y.add(10, 0, outlier);
        return Dataset.of(x, y);
    }

    /**
     * A straight line ŷ = w·x + b fitted to {@link #lineData} with {@code loss}: a Dense(1→1) starting at w = b = 0,
     * a Linear output, full batch. With the squared error plain SGD(0.5) settles in 1000 steps; the absolute error's
     * gradient has the same size however close the line is, so a fixed step would hop around the best line forever,
     * and it gets Adam(0.05, decay 0.01) for 2000 steps instead. Returns {w, b}.
     */
    public static double[] fitLine(Loss loss, double outlier) {
        Dataset data = lineData(outlier);
        Dense line = Dense.withParameters(Matrices.row(0.0), Matrices.row(0.0));
        Linear output = new Linear();
        boolean absolute = loss instanceof MeanAbsoluteError;
        Optimizer<?> optimizer = absolute ? new Adam(0.05, 0.01, 1e-7, 0.9, 0.999) : new SGD(0.5, 0, 0);
        int steps = absolute ? 2000 : 1000;
        for (int step = 0; step < steps; step++) {
            line.forward(data.X());
            output.forward(line.output());
            loss.backward(output.output(), data.y());
            output.backward(loss.dinputs());
            line.backward(output.dinputs());
            optimizer.preUpdate();
            optimizer.update(line);
            optimizer.postUpdate();
        }
        return new double[] {line.weights().get(0, 0), line.biases().get(0, 0)};
    }

    private static double mseSlope(double outlier) {
        return fitLine(new MeanSquaredError(), outlier)[0];
    }

    /**
     * Exercise 9.4 (explore): an interval [lo, hi] of outlier heights, hi − lo ≤ 0.1, such that the squared-error
     * line's slope is below 3 (the true slope is 2) with the outlier at lo and at least 3 at hi. The least-squares
     * slope grows by 0.5/1.1 per unit of outlier, so the boundary is 2.2.
     */
    public static void checkOutlier(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("9.4", "how far one outlier drags each line");
        double[] answer = exercise.call("outlierInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two outlier heights {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(Double.isFinite(lo) && Double.isFinite(hi) && hi > lo, "expected lo < hi, got lo = " + lo
                + ", hi = " + hi);
        exercise.require(hi - lo <= 0.1 + 1e-12, "narrow it down: hi − lo is " + Exercise.format(hi - lo, 3)
                + "; at most 0.1 is asked for");
        double atHi = mseSlope(hi);
        exercise.require(atHi >= 3, "with an outlier of " + hi + " the squared-error line's slope is "
                + Exercise.format(atHi, 4) + ", still below 3: the outlier must be higher");
        double atLo = mseSlope(lo);
        exercise.require(atLo < 3, "with an outlier of " + lo + " the squared-error line's slope is already "
                + Exercise.format(atLo, 4) + ": the boundary lies lower");
        double absolute = fitLine(new MeanAbsoluteError(), hi)[0];
        exercise.verified("the squared-error line's slope is " + Exercise.format(atLo, 4) + " with an outlier of " + lo
                + " and " + Exercise.format(atHi, 4) + " with " + hi + " (the absolute-error line's: "
                + Exercise.format(absolute, 4) + ")");
        exercise.pass();
    }
}
