package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.activations.ActivationFunction;
import nnfs.activations.Softmax;
import nnfs.data.Targets;
import nnfs.losses.SoftmaxCrossEntropy;

/** Chapter 5's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter05Test {

    // --- 5.1 ---------------------------------------------------------------------------------------------------

    @Test
    void gradientPrediction() {
        assertPasses("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {0.1, 0.25, -0.35}));
        assertFails("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {0.2, 0.5, -0.7}),
                "row 0 of dinputs[0, 0]: your prediction 0.2 is too high", "divided by n = 2");
        assertFails("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {-0.1, -0.25, 0.35}),
                "ŷ − y, not y − ŷ");
        assertFails("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {0.2 / 3, 0.5 / 3, -0.7 / 3}),
                "not the classes");
        assertFails("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {0, 0, -1 / 0.3 / 2}),
                "−y/ŷ/n");
        assertFails("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {0.1, 0.25, 0.15}),
                "subtract 1 at the true class");
        assertFails("5.1", () -> Chapter05.checkGradientPrediction(() -> new double[] {0.1, 0.25}),
                "expected one number per class");
        assertNotAttempted("5.1", () -> Chapter05.checkGradientPrediction(() -> {
            throw stub("5.1");
        }));
    }

    // --- 5.2 ---------------------------------------------------------------------------------------------------

    private interface Entry {
        double at(double[] s, int j, int k);
    }

    private static Chapter05.JacobianFunction jacobian(Entry entry) {
        return s -> {
            int k = s.numCols;
            DMatrixRMaj j = new DMatrixRMaj(k, k);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    j.set(a, b, entry.at(s.data, a, b));
                }
            }
            return j;
        };
    }

    private static double dot(double[] s) {
        double sum = 0;
        for (double v : s) {
            sum += v * v;
        }
        return sum;
    }

    @Test
    void jacobian() {
        assertPasses("5.2", () -> Chapter05.checkJacobian(jacobian((s, j, k) -> s[j] * ((j == k ? 1 : 0) - s[k]))));
        assertPasses("5.2", () -> Chapter05.checkJacobian(s -> {
            DMatrixRMaj outer = new DMatrixRMaj(s.numCols, s.numCols);
            CommonOps_DDRM.multTransA(s, s, outer);                  // sᵀ·s
            DMatrixRMaj j = CommonOps_DDRM.diag(s.data);
            CommonOps_DDRM.subtractEquals(j, outer);
            return j;
        }));
        assertFails("5.2", () -> Chapter05.checkJacobian(jacobian((s, j, k) -> -s[j] * s[k])),
                "Jacobian (3 classes)[0, 0]", "the diagonal is missing");
        assertFails("5.2", () -> Chapter05.checkJacobian(jacobian((s, j, k) -> (j == k ? s[j] : 0) - dot(s))),
                "subtracted the dot product");
        assertFails("5.2", () -> Chapter05.checkJacobian(jacobian((s, j, k) -> j == k ? s[j] * (1 - s[j]) : 0)),
                "[0, 1]", "off the diagonal");
        assertFails("5.2", () -> Chapter05.checkJacobian(jacobian((s, j, k) -> s[j] * s[k] - (j == k ? s[j] : 0))),
                "the signs are the other way round");
        assertFails("5.2", () -> Chapter05.checkJacobian(s -> {
            DMatrixRMaj outer = new DMatrixRMaj(1, 1);
            CommonOps_DDRM.multTransB(s, s, outer);                  // s·sᵀ: 1 × 1
            DMatrixRMaj j = CommonOps_DDRM.diag(s.data);
            CommonOps_DDRM.subtractEquals(j, outer);                 // EJML refuses
            return j;
        }), "EJML refused", "multTransA(s, s, out)");
        assertFails("5.2", () -> Chapter05.checkJacobian(s -> {
            DMatrixRMaj outer = new DMatrixRMaj(1, 1);
            CommonOps_DDRM.multTransB(s, s, outer);
            return outer;
        }), "expected a 3×3 matrix, got 1×1", "1 × 1 dot product");
        assertFails("5.2", () -> Chapter05.checkJacobian(s -> {
            for (int k = 0; k < s.numCols; k++) {
                s.data[k] = s.data[k] * (1 - s.data[k]);             // overwrites the probabilities
            }
            return CommonOps_DDRM.diag(s.data);
        }), "changed the probabilities");
        assertNotAttempted("5.2", () -> Chapter05.checkJacobian(s -> {
            throw stub("5.2");
        }));
    }

    // --- 5.3 ---------------------------------------------------------------------------------------------------

    /** A softmax whose backward builds each sample's Jacobian from {@code source} ("y", "x", "row 0") by {@code entry}. */
    private static ActivationFunction softmax(String source, Entry entry) {
        Softmax forward = new Softmax();
        return new ActivationFunction() {
            @Override
            protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
                forward.forward(x);
                y.setTo(forward.output());
            }

            @Override
            protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
                if (source.equals("stub")) {
                    throw stub("5.3");
                }
                int cols = y.numCols;
                for (int i = 0; i < y.numRows; i++) {
                    DMatrixRMaj from = source.equals("x") ? x : y;
                    int row = source.equals("row 0") ? 0 : i;
                    double[] s = Matrices.values(Matrices.rows(from, row, row + 1));
                    for (int j = 0; j < cols; j++) {
                        double sum = 0;
                        for (int k = 0; k < cols; k++) {
                            sum += entry.at(s, j, k) * dy.get(i, k);
                        }
                        dx.set(i, j, sum);
                    }
                }
            }
        };
    }

    private static final Entry RIGHT = (s, j, k) -> (j == k ? s[j] : 0) - s[j] * s[k];

    @Test
    void softmaxBackward() {
        assertPasses("5.3", () -> Chapter05.checkSoftmaxBackward(Softmax::new));
        assertPasses("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("y", RIGHT)));
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("x", RIGHT)),
                "dinputs (batch of 4 × 3)[0, 0]", "not from the inputs x");
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("row 0", RIGHT)),
                "[1, 0]", "its own row of y");
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("y", (s, j, k) -> j == k ? s[j] : 0)),
                "diag(y) alone");
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("y", (s, j, k) -> -s[j] * s[k])),
                "the diagonal diag(y) is missing");
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("y",
                (s, j, k) -> j == k ? s[j] * (1 - s[j]) : 0)), "only the diagonal of the Jacobian");
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("y",
                (s, j, k) -> (j == k ? s[j] : 0) - dot(s))), "not the dot product");
        assertFails("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("y", (s, j, k) -> j == k ? 1 : 0)),
                "softmax changes the gradient");
        assertNotAttempted("5.3", () -> Chapter05.checkSoftmaxBackward(() -> softmax("stub", RIGHT)));
    }

    // --- 5.4 ---------------------------------------------------------------------------------------------------

    private static int[] labels(Targets targets) {
        return targets instanceof Targets.Classes c ? c.labels()
                : Matrices.argmaxRows(((Targets.Values) targets).matrix());
    }

    /** (p − y)/n with the 1 subtracted at {@code at(i)}, scaled by {@code sign} and divided by {@code divisor}. */
    private static DMatrixRMaj combined(DMatrixRMaj p, int[] at, double sign, double divisor) {
        DMatrixRMaj g = p.copy();
        for (int i = 0; i < g.numRows; i++) {
            g.add(i, at[i], -1);
        }
        CommonOps_DDRM.scale(sign / divisor, g);
        return g;
    }

    @Test
    void combinedGradient() {
        assertPasses("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> {
            SoftmaxCrossEntropy s = new SoftmaxCrossEntropy();
            s.backward(p, t);
            return s.dinputs();
        }));
        assertPasses("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> combined(p, labels(t), 1, p.numRows)));
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> combined(p, labels(t), 1, 1)),
                "dinputs (the chapter's batch, labels [0, 1, 1])[0, 0]: expected -0.1, got -0.3", "divide by n");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> combined(p, labels(t), -1, p.numRows)),
                "ŷ − y, not y − ŷ");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> combined(p, labels(t), 1, p.numCols)),
                "(6 random samples of 4 classes)", "not of classes");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> {
            DMatrixRMaj g = p.copy();
            int[] l = labels(t);
            for (int i = 0; i < g.numRows; i++) {
                g.add(i, l[i], -1.0 / g.numRows);                  // ŷ − y / n
            }
            return g;
        }), "subtract first, then divide");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> {
            DMatrixRMaj g = new DMatrixRMaj(p.numRows, p.numCols);
            int[] l = labels(t);
            for (int i = 0; i < g.numRows; i++) {
                g.set(i, l[i], -1.0 / p.get(i, l[i]) / p.numRows);
            }
            return g;
        }), "−y/ŷ/n");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> combined(p, Matrices.argmaxRows(p), 1,
                p.numRows)), "(6 random samples of 4 classes)", "not at its predicted class");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> {
            CommonOps_DDRM.divide(p, p.numRows);                   // in place
            return p;
        }), "changed the probabilities");
        assertFails("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> combined(p,
                ((Targets.Classes) t).labels(), 1, p.numRows)), "threw ClassCastException");
        assertNotAttempted("5.4", () -> Chapter05.checkCombinedGradient((p, t) -> {
            throw stub("5.4");
        }));
    }

    // --- 5.5 ---------------------------------------------------------------------------------------------------

    @Test
    void underflowGap() {
        assertPasses("5.5", () -> Chapter05.checkUnderflowGap(() -> new double[] {709.5, 710}));
        assertPasses("5.5", () -> Chapter05.checkUnderflowGap(() -> new double[] {709.78, 709.79}));
        assertFails("5.5", () -> Chapter05.checkUnderflowGap(() -> new double[] {745, 745.5}),
                "already [[-inf  inf  nan]]", "the trouble starts lower");
        assertFails("5.5", () -> Chapter05.checkUnderflowGap(() -> new double[] {700, 700.5}),
                "the boundary lies higher");
        assertFails("5.5", () -> Chapter05.checkUnderflowGap(() -> new double[] {700, 720}), "narrow it down");
        assertFails("5.5", () -> Chapter05.checkUnderflowGap(() -> new double[] {710}), "expected two gaps");
        assertNotAttempted("5.5", () -> Chapter05.checkUnderflowGap(() -> {
            throw stub("5.5");
        }));
    }
}
