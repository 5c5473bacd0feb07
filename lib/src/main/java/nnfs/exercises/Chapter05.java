package nnfs.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.ejml.MatrixDimensionException;
import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.Softmax;
import nnfs.check.GradientCheck;
import nnfs.data.Targets;
import nnfs.layers.Layer;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.SoftmaxCrossEntropy;
import nnfs.random.NumpyRandom;

/** The checks of chapter 5's exercises: softmax and cross-entropy together. */
public final class Chapter05 {

    private Chapter05() {
    }

    // --- 5.1 -------------------------------------------------------------------------------------------------------

    /** Exercise 5.1's batch: two samples, true classes 2 and 0. */
    private static final DMatrixRMaj PREDICTION_PROBABILITIES = Matrices.of(
            new double[] {0.2, 0.5, 0.3},
            new double[] {0.6, 0.3, 0.1});
    private static final int[] PREDICTION_LABELS = {2, 0};

    /**
     * Exercise 5.1 (predict): row 0 of the combined gradient for the batch ŷ = [[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]]
     * with true classes [2, 0]: (ŷ₀ − y₀)/2 = (0.1, 0.25, −0.35).
     */
    public static void checkGradientPrediction(Supplier<double[]> prediction) {
        Exercise exercise = Exercise.of("5.1", "predict the combined gradient");
        SoftmaxCrossEntropy combined = new SoftmaxCrossEntropy();
        combined.backward(PREDICTION_PROBABILITIES, PREDICTION_LABELS);
        DMatrixRMaj truth = Matrices.rows(combined.dinputs(), 0, 1);
        double[] predicted = exercise.call("predictedRow0()", prediction);
        exercise.require(predicted != null && predicted.length == 3, "predictedRow0(): expected one number per class"
                + " (3), got " + (predicted == null ? "null" : predicted.length));
        double[] p = {0.2, 0.5, 0.3};
        double[] y = {0, 0, 1};
        exercise.prediction("row 0 of dinputs", truth, Matrices.row(predicted),
                Hint.ifEqual(row(p, y, 1, 1), "the loss is the mean over the batch's 2 samples, so its gradient is"
                        + " divided by n = 2"),
                Hint.ifEqual(row(p, y, -1, 2), "ŷ − y, not y − ŷ: the true class's logit must go up, so its"
                        + " gradient is negative"),
                Hint.ifEqual(row(p, y, 1, 3), "n counts the samples (2), not the classes (3)"),
                Hint.ifEqual(Matrices.row(0, 0, -1 / 0.3 / 2), "that is −y/ŷ/n, cross-entropy's gradient with respect"
                        + " to the probabilities; with respect to the logits softmax's Jacobian is part of it"),
                Hint.ifEqual(Matrices.row(0.1, 0.25, 0.15), "subtract 1 at the true class: ŷ_k − 1 for the true"
                        + " class k, then divide by n"),
                Hint.otherwise("(ŷ − y)/n: the probabilities minus the one-hot truth, divided by the number of"
                        + " samples"));
        exercise.verified("row 0 is (ŷ₀ − y₀)/n, as SoftmaxCrossEntropy computes it");
        exercise.pass();
    }

    /** sign · (p − y) / n as a row. */
    private static DMatrixRMaj row(double[] p, double[] y, double sign, double n) {
        DMatrixRMaj out = new DMatrixRMaj(1, p.length);
        for (int j = 0; j < p.length; j++) {
            out.data[j] = sign * (p[j] - y[j]) / n;
        }
        return out;
    }

    // --- 5.2 -------------------------------------------------------------------------------------------------------

    /** Exercise 5.2: the softmax Jacobian of one sample. */
    @FunctionalInterface
    public interface JacobianFunction {
        /** J = diag(s) − s sᵀ for the probabilities {@code s} of one sample (a 1 × k row); returns k × k. */
        DMatrixRMaj of(DMatrixRMaj s);
    }

    private static final String OUTER_PRODUCT = "s is a 1 × k row, so the k × k outer product of s with itself is"
            + " sᵀ·s (CommonOps_DDRM.multTransA(s, s, out)); s·sᵀ (multTransB) is the 1 × 1 dot product";

    /**
     * Exercise 5.2: the softmax Jacobian of one sample, for three rows of logits (3, 4 and 2 classes): compared with
     * diag(s) − s sᵀ and with the finite-difference Jacobian of the library's {@link Softmax}.
     */
    public static void checkJacobian(JacobianFunction jacobian) {
        Exercise exercise = Exercise.of("5.2", "the softmax Jacobian");
        double[][] logits = {{2.0, 1.0, 0.1}, {0.5, -1.0, 3.0, 0.0}, {1.5, -0.5}};
        List<GradientCheck.Comparison> comparisons = new ArrayList<>();
        for (double[] z : logits) {
            int k = z.length;
            DMatrixRMaj s = softmax(Matrices.row(z));
            DMatrixRMaj given = s.copy();
            DMatrixRMaj answer = exercise.call("softmaxJacobian", () -> {
                try {
                    return jacobian.of(given);
                } catch (MatrixDimensionException e) {
                    throw exercise.fail("softmaxJacobian: EJML refused a product of mismatched shapes (" + e.getMessage()
                            + ")", null, Hint.otherwise(OUTER_PRODUCT));
                }
            });
            exercise.require(Matrices.maxAbsDifference(given, s) == 0.0, "softmaxJacobian changed the probabilities"
                    + " it was given: build the Jacobian in a new matrix");
            double[] p = s.data;
            double dot = 0.0;
            for (double v : p) {
                dot += v * v;
            }
            final double sumOfSquares = dot;
            String name = "Jacobian (" + k + " classes)";
            exercise.compare(name, jacobian(p, (j, l) -> (j == l ? p[j] : 0) - p[j] * p[l]), answer,
                    Hint.ifShape(1, 1, OUTER_PRODUCT),
                    Hint.ifEqual(jacobian(p, (j, l) -> (j == l ? p[j] : 0) - sumOfSquares), "you subtracted the dot"
                            + " product Σ s_j² from every entry: the term subtracted is the outer product, entry"
                            + " (j, k) = s_j · s_k (" + OUTER_PRODUCT + ")"),
                    Hint.ifEqual(jacobian(p, (j, l) -> -p[j] * p[l]), "the diagonal is missing: ∂S_j/∂z_j = S_j (1 −"
                            + " S_j), so diag(S) adds S_j there (δ_jk = 1 on the diagonal)"),
                    Hint.ifEqual(jacobian(p, (j, l) -> j == l ? p[j] * (1 - p[j]) : 0), "off the diagonal ∂S_j/∂z_k ="
                            + " −S_j S_k is not 0: every logit sits in the denominator of every probability"),
                    Hint.ifEqual(jacobian(p, (j, l) -> p[j] * p[l] - (j == l ? p[j] : 0)), "J = diag(S) − S Sᵀ: the"
                            + " signs are the other way round"),
                    Hint.otherwise("J[j][k] = s_j (δ_jk − s_k): s_j (1 − s_j) on the diagonal, −s_j s_k off it"));
            comparisons.add(new GradientCheck.Comparison(name, answer.copy(), numericJacobian(z)));
        }
        exercise.verified("equals diag(s) − s sᵀ for 3, 4 and 2 classes, and leaves s as it was");
        exercise.gradientCheck(new GradientCheck.Report("softmaxJacobian", comparisons));
        exercise.pass();
    }

    private interface Entry {
        double at(int j, int k);
    }

    private static DMatrixRMaj jacobian(double[] p, Entry entry) {
        DMatrixRMaj out = new DMatrixRMaj(p.length, p.length);
        for (int j = 0; j < p.length; j++) {
            for (int k = 0; k < p.length; k++) {
                out.set(j, k, entry.at(j, k));
            }
        }
        return out;
    }

    /** ∂S_j/∂z_k of the library's softmax by central differences: row j, column k. */
    private static DMatrixRMaj numericJacobian(double[] z) {
        int k = z.length;
        DMatrixRMaj out = new DMatrixRMaj(k, k);
        for (int j = 0; j < k; j++) {
            int row = j;
            DMatrixRMaj slopes = GradientCheck.numeric(point -> softmax(point).get(0, row), Matrices.row(z));
            for (int l = 0; l < k; l++) {
                out.set(j, l, slopes.get(0, l));
            }
        }
        return out;
    }

    private static DMatrixRMaj softmax(DMatrixRMaj logits) {
        Softmax softmax = new Softmax();
        softmax.forward(logits);
        return softmax.output().copy();
    }

    // --- 5.3 -------------------------------------------------------------------------------------------------------

    /** How a (possibly mistaken) backward pass builds one sample's Jacobian from its probabilities s. */
    private interface JacobianRule {
        double at(double[] s, int j, int k);
    }

    /**
     * Exercise 5.3: softmax's backward pass in a subclass of {@code ActivationFunction}: compared with
     * {@link Softmax} on a batch of 4 samples of 3 classes and one of 1 sample of 5, then gradient-checked.
     */
    public static void checkSoftmaxBackward(Supplier<? extends Layer> create) {
        Exercise exercise = Exercise.of("5.3", "softmax's backward pass");
        NumpyRandom random = new NumpyRandom(53);
        Layer layer = exercise.call("new MySoftmax()", create::get);
        for (int[] shape : new int[][] {{4, 3}, {1, 5}}) {
            DMatrixRMaj x = random.randn(shape[0], shape[1]);
            for (int k = 0; k < x.getNumElements(); k++) {
                x.data[k] *= 2;
            }
            DMatrixRMaj dvalues = random.randn(shape[0], shape[1]);
            Softmax reference = new Softmax();
            reference.forward(x);
            reference.backward(dvalues);
            DMatrixRMaj y = reference.output();
            exercise.run("your forward", () -> layer.forward(x.copy()));
            exercise.run("your backward", () -> layer.backward(dvalues.copy()));
            JacobianRule right = (s, j, k) -> (j == k ? s[j] : 0) - s[j] * s[k];
            List<Hint> hints = new ArrayList<>();
            hints.add(Hint.ifEqual(backward(x, dvalues, right, false), "build each Jacobian from the outputs y (the"
                    + " probabilities), not from the inputs x"));
            if (shape[0] > 1) {
                hints.add(Hint.ifEqual(backward(y, dvalues, right, true), "each sample has its own Jacobian, built"
                        + " from its own row of y"));
            }
            hints.add(Hint.ifEqual(backward(y, dvalues, (s, j, k) -> j == k ? s[j] : 0, false), "that is diag(y)"
                    + " alone: the outer product y yᵀ is subtracted from it"));
            hints.add(Hint.ifEqual(backward(y, dvalues, (s, j, k) -> -s[j] * s[k], false), "the diagonal diag(y) is"
                    + " missing: J = diag(y) − y yᵀ"));
            hints.add(Hint.ifEqual(backward(y, dvalues, (s, j, k) -> j == k ? s[j] * (1 - s[j]) : 0, false), "that"
                    + " is only the diagonal of the Jacobian: the entries −y_j y_k off the diagonal count too"));
            hints.add(Hint.ifEqual(backward(y, dvalues, (s, j, k) -> (j == k ? s[j] : 0) - dot(s, s), false),
                    "the subtracted term is the outer product, entry (j, k) = y_j · y_k, not the dot product"
                            + " Σ y_j²"));
            hints.add(Hint.ifEqual(dvalues, "softmax changes the gradient: multiply each row of dvalues by that"
                    + " sample's Jacobian"));
            hints.add(Hint.otherwise("dx_i = J_i · dy_i for each sample i, with J_i = diag(y_i) − y_i y_iᵀ built from"
                    + " that sample's probabilities"));
            exercise.compare("dinputs (batch of " + shape[0] + " × " + shape[1] + ")", reference.dinputs(),
                    exercise.call("dinputs()", layer::dinputs), hints.toArray(new Hint[0]));
        }
        exercise.verified("dinputs equals Softmax's on batches of 4 × 3 and 1 × 5");
        DMatrixRMaj x = random.randn(3, 4);
        exercise.gradientCheck(exercise.call("your layer", () -> GradientCheck.layer(create.get(), x,
                random.randn(3, 4))));
        exercise.pass();
    }

    /** dx_i = J(s_i) · dy_i with each J built by {@code rule}, from row i of {@code s} or from row 0 for all. */
    private static DMatrixRMaj backward(DMatrixRMaj s, DMatrixRMaj dy, JacobianRule rule, boolean firstRowOnly) {
        DMatrixRMaj dx = new DMatrixRMaj(dy.numRows, dy.numCols);
        int cols = dy.numCols;
        for (int i = 0; i < dy.numRows; i++) {
            double[] row = Matrices.values(Matrices.rows(s, firstRowOnly ? 0 : i, (firstRowOnly ? 0 : i) + 1));
            for (int j = 0; j < cols; j++) {
                double sum = 0.0;
                for (int k = 0; k < cols; k++) {
                    sum += rule.at(row, j, k) * dy.get(i, k);
                }
                dx.set(i, j, sum);
            }
        }
        return dx;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    // --- 5.4 -------------------------------------------------------------------------------------------------------

    /** Exercise 5.4: the combined softmax + cross-entropy gradient. */
    @FunctionalInterface
    public interface CombinedGradient {
        /** ∂L/∂z = (ŷ − y)/n, from the softmax outputs {@code probabilities} and the targets. */
        DMatrixRMaj of(DMatrixRMaj probabilities, Targets targets);
    }

    /**
     * Exercise 5.4: the combined gradient, compared with {@link SoftmaxCrossEntropy#backward} on the chapter's batch
     * (sparse and one-hot labels) and on 6 random samples of 4 classes, then with the finite-difference gradient of the
     * mean cross-entropy of the softmax with respect to the logits.
     */
    public static void checkCombinedGradient(CombinedGradient gradient) {
        Exercise exercise = Exercise.of("5.4", "the combined gradient");
        DMatrixRMaj chapter = Matrices.of(
                new double[] {0.7, 0.1, 0.2},
                new double[] {0.1, 0.5, 0.4},
                new double[] {0.02, 0.9, 0.08});
        DMatrixRMaj logits = new NumpyRandom(54).randn(6, 4);
        for (int k = 0; k < logits.getNumElements(); k++) {
            logits.data[k] *= 2;
        }
        DMatrixRMaj random = softmax(logits);
        int[] randomLabels = {1, 3, 1, 3, 0, 2};
        Object[][] cases = {
            {"the chapter's batch, labels [0, 1, 1]", chapter, Targets.classes(0, 1, 1)},
            {"the chapter's batch, one-hot labels", chapter, Targets.values(oneHot(new int[] {0, 1, 1}, 3))},
            {"6 random samples of 4 classes", random, Targets.classes(randomLabels)}};
        DMatrixRMaj last = null;
        for (Object[] c : cases) {
            DMatrixRMaj p = (DMatrixRMaj) c[1];
            Targets targets = (Targets) c[2];
            int n = p.numRows;
            int classes = p.numCols;
            int[] labels = targets instanceof Targets.Classes l ? l.labels()
                    : Matrices.argmaxRows(((Targets.Values) targets).matrix());
            SoftmaxCrossEntropy reference = new SoftmaxCrossEntropy();
            reference.backward(p, targets);
            DMatrixRMaj given = p.copy();
            DMatrixRMaj answer = exercise.call("combinedGradient", () -> {
                DMatrixRMaj g = gradient.of(given, targets);
                return g == null ? null : g.copy();
            });
            exercise.require(Matrices.maxAbsDifference(given, p) == 0.0, "combinedGradient changed the probabilities"
                    + " it was given (" + c[0] + "): work on a copy; in a network they are softmax's output(), which"
                    + " the accuracy still reads");
            DMatrixRMaj y = oneHot(labels, classes);
            List<Hint> hints = new ArrayList<>();
            hints.add(Hint.ifEqual(combine(p, y, 1, 1, 1), "the loss is the mean over the n samples: divide by n"));
            hints.add(Hint.ifEqual(combine(p, y, -1, 1, n), "ŷ − y, not y − ŷ: the true class's gradient is"
                    + " negative"));
            hints.add(Hint.ifEqual(combine(p, y, 1, 1.0 / n, 1), "(ŷ − y)/n: subtract first, then divide every"
                    + " entry (ŷ − y / n divides only y)"));
            if (n != classes) {
                hints.add(Hint.ifEqual(combine(p, y, 1, 1, classes), "n is the number of samples (rows), not of"
                        + " classes"));
            }
            hints.add(Hint.ifEqual(crossEntropyGradient(p, y), "that is −y/ŷ/n, cross-entropy's gradient with respect"
                    + " to the probabilities; the combined gradient, with respect to the logits, is (ŷ − y)/n"));
            hints.add(Hint.ifEqual(combine(p, new DMatrixRMaj(n, classes), 1, 1, n), "subtract 1 at each sample's"
                    + " true class"));
            hints.add(Hint.ifEqual(combine(p, oneHot(Matrices.argmaxRows(p), classes), 1, 1, n), "subtract 1 at each"
                    + " sample's true class (from the labels), not at its predicted class"));
            hints.add(Hint.otherwise("(ŷ − y)/n: copy the probabilities, subtract 1 at each sample's true class,"
                    + " divide every entry by n"));
            exercise.compare("dinputs (" + c[0] + ")", reference.dinputs(), answer, hints.toArray(new Hint[0]));
            last = answer;
        }
        exercise.verified("equals SoftmaxCrossEntropy's gradient for sparse and one-hot labels, and leaves the"
                + " probabilities as they were");
        Targets randomTargets = Targets.classes(randomLabels);
        DMatrixRMaj numeric = GradientCheck.numeric(z -> new SoftmaxCrossEntropy().forward(z, randomTargets),
                logits.copy());
        exercise.gradientCheck(new GradientCheck.Report("combinedGradient", List.of(
                new GradientCheck.Comparison("dinputs", last, numeric))));
        exercise.pass();
    }

    /** sign · (p − scale · y) / n. */
    private static DMatrixRMaj combine(DMatrixRMaj p, DMatrixRMaj y, double sign, double yScale, double n) {
        DMatrixRMaj out = new DMatrixRMaj(p.numRows, p.numCols);
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] = sign * (p.data[k] - yScale * y.data[k]) / n;
        }
        return out;
    }

    private static DMatrixRMaj crossEntropyGradient(DMatrixRMaj p, DMatrixRMaj y) {
        DMatrixRMaj out = new DMatrixRMaj(p.numRows, p.numCols);
        for (int k = 0; k < out.getNumElements(); k++) {
            out.data[k] = -y.data[k] / p.data[k] / p.numRows;
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

    // --- 5.5 -------------------------------------------------------------------------------------------------------

    /** The widest interval exercise 5.5 accepts. */
    public static final double GAP_PRECISION = 0.5;

    /**
     * The long way's gradient for one sample with logits [0, gap, 0] and true class 0: cross-entropy's backward, then
     * softmax's Jacobian, as the chapter computes it.
     */
    public static DMatrixRMaj longWayGradient(double gap) {
        Softmax softmax = new Softmax();
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
        softmax.forward(Matrices.row(0.0, gap, 0.0));
        loss.backward(softmax.output(), new int[] {0});
        softmax.backward(loss.dinputs());
        return softmax.dinputs().copy();
    }

    /**
     * Exercise 5.5 (explore): an interval [lo, hi], at most {@link #GAP_PRECISION} wide, such that the long way's
     * gradient for logits [0, gap, 0] (true class 0) is finite at gap = lo and not at gap = hi. The boundary is
     * ln(Double.MAX_VALUE) ≈ 709.78, where −1/ŷ₀ overflows: well before ŷ₀ itself underflows to 0 (near 745).
     */
    public static void checkUnderflowGap(Supplier<double[]> interval) {
        Exercise exercise = Exercise.of("5.5", "where the long way breaks");
        double[] answer = exercise.call("brokenGapInterval()", interval);
        exercise.require(answer != null && answer.length == 2, "expected two gaps {lo, hi}, got "
                + (answer == null ? "null" : answer.length + " numbers"));
        double lo = answer[0];
        double hi = answer[1];
        exercise.require(lo > 0 && hi > lo && Double.isFinite(hi), "expected 0 < lo < hi, got lo = " + lo + ", hi = "
                + hi);
        exercise.require(hi - lo <= GAP_PRECISION, "narrow it down: the interval is " + Exercise.format(hi - lo, 3)
                + " wide; at most " + GAP_PRECISION + " is asked for");
        DMatrixRMaj atLo = longWayGradient(lo);
        DMatrixRMaj atHi = longWayGradient(hi);
        exercise.require(Matrices.firstNonFinite(atLo) == null, "at lo = " + lo + " the long way's gradient is"
                + " already " + Matrices.format(atLo) + ": the trouble starts lower. ŷ₀ becomes exactly 0 only near"
                + " 745, but the long way divides by ŷ₀ first: what is −1/ŷ₀ when ŷ₀ is tiny but not yet 0?");
        exercise.require(Matrices.firstNonFinite(atHi) != null, "at hi = " + hi + " the long way's gradient is still"
                + " finite: the boundary lies higher");
        for (double gap : answer) {
            SoftmaxCrossEntropy combined = new SoftmaxCrossEntropy();
            combined.forward(Matrices.row(0.0, gap, 0.0), new int[] {0});
            combined.backward(combined.output(), new int[] {0});
            if (Matrices.firstNonFinite(combined.dinputs()) != null) {
                throw new IllegalStateException("Chapter05.checkUnderflowGap: the combined gradient at a gap of " + gap
                        + " is not finite: " + Matrices.format(combined.dinputs()));
            }
        }
        exercise.verified("the long way's gradient is finite at a gap of " + lo + " and not at " + hi
                + ", while the combined gradient stays finite at both");
        exercise.pass();
    }
}
