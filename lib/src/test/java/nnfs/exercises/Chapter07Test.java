package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.layers.Regularizer;

/** Chapter 7's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter07Test {

    // --- 7.1 ---------------------------------------------------------------------------------------------------

    private static Chapter07.PenaltyPrediction predicting(double loss, double dweight, double dbias) {
        return new Chapter07.PenaltyPrediction() {
            public double regularizationLoss() {
                return loss;
            }

            public double dweightOfZero() {
                return dweight;
            }

            public double dbias() {
                return dbias;
            }
        };
    }

    @Test
    void penaltyPrediction() {
        assertPasses("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.975, 0.1, -0.2)));
        assertPasses("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.1 * 4 + 0.05 * 6.5 + 0.2 * 1.25,
                0.1, 2 * 0.2 * -0.5)));
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.725, 0.1, -0.2)),
                "regularization loss: your prediction 0.725 is too low", "the biases have a penalty of their own");
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(1.55, 0.1, -0.2)),
                "the factor 2 belongs to its gradient");
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(1.1, 0.1, -0.2)),
                "λ1 goes with Σ|w|");
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.975, 0.0, -0.2)),
                "zero weight's gradient: your prediction 0.0 is too low", "sign(0) as +1");
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.975, 0.1, -0.6)),
                "the source notes' bug");
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.975, 0.1, -0.1)),
                "the derivative of λ b² is 2λb");
        assertFails("7.1", () -> Chapter07.checkPenaltyPrediction(predicting(0.975, 0.1, -0.15)),
                "their own strengths");
        assertNotAttempted("7.1", () -> Chapter07.checkPenaltyPrediction(new Chapter07.PenaltyPrediction() {
            public double regularizationLoss() {
                throw stub("7.1");
            }

            public double dweightOfZero() {
                throw stub("7.1");
            }

            public double dbias() {
                throw stub("7.1");
            }
        }));
    }

    // --- 7.2 ---------------------------------------------------------------------------------------------------

    /** λ1·Σ f(p) + λ2·factor·Σ p², for weights and biases with the given strengths. */
    private static double sum(DMatrixRMaj p, double l1, double l2, boolean absolute, double factor) {
        double s = 0;
        for (int k = 0; k < p.getNumElements(); k++) {
            s += l1 * (absolute ? Math.abs(p.data[k]) : p.data[k]) + factor * l2 * p.data[k] * p.data[k];
        }
        return s;
    }

    @Test
    void penaltyLoss() {
        assertPasses("7.2", () -> Chapter07.checkPenaltyLoss(Regularizer::loss));
        assertPasses("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> sum(w, r.weightL1(), r.weightL2(), true, 1)
                + sum(b, r.biasL1(), r.biasL2(), true, 1)));
        assertFails("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> sum(w, r.weightL1(), r.weightL2(), true, 1)),
                "regularization loss of the 3×4 layer, weightL2 0.05, biasL2 0.08", "add the biases' penalty");
        assertFails("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> sum(w, r.weightL1(), r.weightL2(), true, 2)
                + sum(b, r.biasL1(), r.biasL2(), true, 2)), "belongs to its gradient");
        assertFails("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> sum(w, r.weightL2(), r.weightL1(), true, 1)
                + sum(b, r.biasL2(), r.biasL1(), true, 1)), "weightL1 goes with Σ|w|");
        assertFails("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> sum(w, r.weightL1(), r.weightL2(), false, 1)
                + sum(b, r.biasL1(), r.biasL2(), false, 1)), "2×3 layer, weightL1 0.03", "absolute values");
        assertFails("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> {
            w.data[0] = 0;
            return r.loss(w, b);
        }), "your code changed the weights or biases");
        assertNotAttempted("7.2", () -> Chapter07.checkPenaltyLoss((r, w, b) -> {
            throw stub("7.2");
        }));
    }

    // --- 7.3 ---------------------------------------------------------------------------------------------------

    private interface Element {
        double of(double p, double l1, double l2);
    }

    private static final Element RIGHT = (p, l1, l2) -> l1 * (p < 0 ? -1 : 1) + 2 * l2 * p;

    private static void add(DMatrixRMaj p, DMatrixRMaj dp, double l1, double l2, Element rule) {
        for (int k = 0; k < p.getNumElements(); k++) {
            dp.data[k] += rule.of(p.data[k], l1, l2);
        }
    }

    /** A student's gradient: one rule for the weights, another for the biases. */
    private static Chapter07.PenaltyGradient gradient(Element forWeights, Element forBiases) {
        return (r, w, dw, b, db) -> {
            add(w, dw, r.weightL1(), r.weightL2(), forWeights);
            add(b, db, r.biasL1(), r.biasL2(), forBiases);
        };
    }

    @Test
    void penaltyGradient() {
        assertPasses("7.3", () -> Chapter07.checkPenaltyGradient(Regularizer::addGradient));
        assertPasses("7.3", () -> Chapter07.checkPenaltyGradient(gradient(RIGHT, RIGHT)));
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) -> {
            add(w, dw, r.weightL1(), r.weightL2(), RIGHT);
            for (int k = 0; k < db.getNumElements(); k++) {
                db.data[k] += r.biasL1() * (b.data[k] < 0 ? -1 : 1) + 2 * r.biasL2() * w.data[k];
            }
        }), "dbiases of the 3×4 layer, weightL2 0.05, biasL2 0.08[0, 0]", "the source notes' bug");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) ->
                add(w, dw, r.weightL1(), r.weightL2(), RIGHT)), "the biases have their own penalty");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) -> {
            add(w, dw, r.weightL1(), r.weightL2(), RIGHT);
            add(b, db, r.weightL1(), r.weightL2(), RIGHT);
        }), "the biases use their own strengths");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient(gradient(
                (p, l1, l2) -> l1 * Math.signum(p) + 2 * l2 * p, RIGHT)), "dweights of the 2×2 layer with a zero weight", "sign(0) as +1");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient(gradient(RIGHT,
                (p, l1, l2) -> l1 * Math.signum(p) + 2 * l2 * p)), "a bias of exactly 0 gets +λ1b");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient(gradient((p, l1, l2) -> l1 * (p < 0 ? -1 : 1) + l2 * p,
                RIGHT)), "the derivative of λ w² is 2λw");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) -> {
            dw.zero();
            add(w, dw, r.weightL1(), r.weightL2(), RIGHT);
            add(b, db, r.biasL1(), r.biasL2(), RIGHT);
        }), "do not overwrite it");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) -> {
            add(w, dw, r.weightL1(), r.weightL2(), RIGHT);
            add(w, dw, r.weightL1(), r.weightL2(), RIGHT);
            add(b, db, r.biasL1(), r.biasL2(), RIGHT);
        }), "dweights += λ1w·sign(w) + 2·λ2w·w");
        assertFails("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) -> {
            add(w, dw, r.weightL1(), r.weightL2(), RIGHT);
            add(b, db, r.biasL1(), r.biasL2(), RIGHT);
            w.data[0] += 1;
        }), "your code changed the weights or biases");
        assertNotAttempted("7.3", () -> Chapter07.checkPenaltyGradient((r, w, dw, b, db) -> {
            throw stub("7.3");
        }));
    }

    // --- 7.4 ---------------------------------------------------------------------------------------------------

    @Test
    void l1Sparsity() {
        assertPasses("7.4", () -> Chapter07.checkL1Sparsity(() -> new double[] {0.0025, 0.003}));
        assertFails("7.4", () -> Chapter07.checkL1Sparsity(() -> new double[] {0.001, 0.0015}),
                "fewer than half: a stronger penalty is needed");
        assertFails("7.4", () -> Chapter07.checkL1Sparsity(() -> new double[] {0.005, 0.006}),
                "are already switched off: the boundary lies lower");
        assertFails("7.4", () -> Chapter07.checkL1Sparsity(() -> new double[] {0.001, 0.01}), "narrow it down");
        assertFails("7.4", () -> Chapter07.checkL1Sparsity(() -> new double[] {-0.001, 0.001}), "expected 0 < lo < hi");
        assertNotAttempted("7.4", () -> Chapter07.checkL1Sparsity(() -> {
            throw stub("7.4");
        }));
    }
}
