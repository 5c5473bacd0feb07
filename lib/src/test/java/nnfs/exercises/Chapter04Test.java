package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import java.util.function.UnaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import nnfs.activations.ActivationFunction;
import nnfs.activations.ReLU;
import nnfs.layers.Dense;
import nnfs.layers.Trainable;

/** Chapter 4's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter04Test {

    // --- 4.1 ---------------------------------------------------------------------------------------------------

    private static Chapter04.NeuronGradients predicting(double[] dweights, double dbias) {
        return new Chapter04.NeuronGradients() {
            public double[] dweights() {
                return dweights;
            }

            public double dbias() {
                return dbias;
            }
        };
    }

    @Test
    void neuronPrediction() {
        assertPasses("4.1", () -> Chapter04.checkNeuronPrediction(predicting(new double[] {0, 0, 0}, 0)));
        assertFails("4.1", () -> Chapter04.checkNeuronPrediction(predicting(new double[] {2, -1, 0.5}, 1)),
                "dweights[0, 0]: your prediction 2.0 is too high", "only while ReLU lets the gradient through");
        assertFails("4.1", () -> Chapter04.checkNeuronPrediction(predicting(new double[] {0, 0, 0}, 1)),
                "dbias: your prediction 1.0 is too high", "what does ReLU pass back");
        assertFails("4.1", () -> Chapter04.checkNeuronPrediction(predicting(new double[] {0, 0}, 0)),
                "expected one gradient per input (3 numbers), got 2");
        assertNotAttempted("4.1", () -> Chapter04.checkNeuronPrediction(new Chapter04.NeuronGradients() {
            public double[] dweights() {
                throw stub("4.1");
            }

            public double dbias() {
                throw stub("4.1");
            }
        }));
    }

    // --- 4.2 ---------------------------------------------------------------------------------------------------

    /** ReLU with the given backward rule, as a student would write it. */
    private static ActivationFunction reluWith(java.util.function.DoubleBinaryOperator rule) {
        return new ActivationFunction() {
            @Override
            protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
                for (int k = 0; k < x.getNumElements(); k++) {
                    y.data[k] = Math.max(0, x.data[k]);
                }
            }

            @Override
            protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
                for (int k = 0; k < x.getNumElements(); k++) {
                    dx.data[k] = rule.applyAsDouble(x.data[k], dy.data[k]);
                }
            }
        };
    }

    @Test
    void reluBackward() {
        assertPasses("4.2", () -> Chapter04.checkReluBackward(ReLU::new));
        assertPasses("4.2", () -> Chapter04.checkReluBackward(() -> reluWith((x, dy) -> x > 0 ? dy : 0)));
        assertFails("4.2", () -> Chapter04.checkReluBackward(() -> reluWith((x, dy) -> x >= 0 ? dy : 0)),
                "dinputs[0, 2]: expected 0.0, got 0.3", "test x > 0, not x >= 0");
        assertFails("4.2", () -> Chapter04.checkReluBackward(() -> reluWith((x, dy) -> dy)),
                "must be blocked where the input was not positive");
        assertFails("4.2", () -> Chapter04.checkReluBackward(() -> reluWith((x, dy) -> x > 0 ? 1 : 0)),
                "multiply it by the upstream gradient");
        assertNotAttempted("4.2", () -> Chapter04.checkReluBackward(() -> reluWith((x, dy) -> {
            throw stub("4.2");
        })));
    }

    // --- 4.3 ---------------------------------------------------------------------------------------------------

    /** The library's dense layer with one of its gradients replaced: a student's layer with one mistake. */
    private record Mistaken(Dense dense, String which, UnaryOperator<DMatrixRMaj> mistake) implements Trainable {
        private static final DMatrixRMaj[] LAST_DVALUES = new DMatrixRMaj[1];

        public void forward(DMatrixRMaj inputs) {
            dense.forward(inputs);
        }

        public void backward(DMatrixRMaj dvalues) {
            if (which.equals("stub")) {
                throw stub("4.3");
            }
            LAST_DVALUES[0] = dvalues;
            dense.backward(dvalues);
        }

        public DMatrixRMaj output() {
            return dense.output();
        }

        public DMatrixRMaj dinputs() {
            return which.equals("dinputs") ? mistake.apply(dense.dinputs()) : dense.dinputs();
        }

        public DMatrixRMaj weights() {
            return dense.weights();
        }

        public DMatrixRMaj biases() {
            return dense.biases();
        }

        public DMatrixRMaj dweights() {
            return which.equals("dweights") ? mistake.apply(dense.dweights()) : dense.dweights();
        }

        public DMatrixRMaj dbiases() {
            return which.equals("dbiases") ? mistake.apply(dense.dbiases()) : dense.dbiases();
        }
    }

    private static void checkWith(String which, UnaryOperator<DMatrixRMaj> mistake) {
        Chapter04.checkDenseBackward((w, b) -> new Mistaken(Dense.withParameters(w, b), which, mistake));
    }

    @Test
    void denseBackward() {
        assertPasses("4.3", () -> Chapter04.checkDenseBackward(Dense::withParameters));
        assertFails("4.3", () -> checkWith("dbiases", db -> {
            DMatrixRMaj mean = db.copy();
            CommonOps_DDRM.divide(mean, 5);
            return mean;
        }), "dbiases (batch of 5)[0, 0]", "sum, do not average");
        assertFails("4.3", () -> checkWith("dbiases", db -> Mistaken.LAST_DVALUES[0].copy()),
                "dbiases (batch of 5): expected a 1×3 matrix, got 5×3", "sum dvalues over the batch");
        assertFails("4.3", () -> checkWith("dbiases", db -> CommonOps_DDRM.extract(Mistaken.LAST_DVALUES[0], 0, 1, 0,
                3)), "did you sum over the batch?");
        assertFails("4.3", () -> checkWith("dweights", dw -> CommonOps_DDRM.transpose(dw, null)),
                "expected a 4×3 matrix, got 3×4", "not dvaluesᵀ · inputs");
        assertFails("4.3", () -> checkWith("dinputs", dx -> {
            DMatrixRMaj wrong = dx.copy();
            CommonOps_DDRM.scale(2, wrong);
            return wrong;
        }), "dinputs (batch of 5)[0, 0]", "dX = dvalues · Wᵀ");
        assertNotAttempted("4.3", () -> checkWith("stub", UnaryOperator.identity()));
    }

    // --- 4.4 ---------------------------------------------------------------------------------------------------

    @Test
    void centralDifference() {
        Chapter04.NumericGradient right = (f, x, h) -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double saved = x[i];
                x[i] = saved + h;
                double up = f.applyAsDouble(x);
                x[i] = saved - h;
                double down = f.applyAsDouble(x);
                x[i] = saved;
                g[i] = (up - down) / (2 * h);
            }
            return g;
        };
        assertPasses("4.4", () -> Chapter04.checkCentralDifference(right));
        assertFails("4.4", () -> Chapter04.checkCentralDifference((f, x, h) -> {
            double[] g = new double[x.length];
            double f0 = f.applyAsDouble(x);
            for (int i = 0; i < x.length; i++) {
                x[i] += h;
                g[i] = (f.applyAsDouble(x) - f0) / h;
                x[i] -= h;
            }
            return g;
        }), "forward difference");
        assertFails("4.4", () -> Chapter04.checkCentralDifference((f, x, h) -> {
            double[] g = right.of(f, x, h);
            for (int i = 0; i < g.length; i++) {
                g[i] *= 2;
            }
            return g;
        }), "divide by 2h");
        assertFails("4.4", () -> Chapter04.checkCentralDifference((f, x, h) -> {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] += h;
                double up = f.applyAsDouble(x);
                x[i] -= 2 * h;
                g[i] = (up - f.applyAsDouble(x)) / (2 * h);
            }
            return g;
        }), "your code changed x", "put each x[i] back");
        assertNotAttempted("4.4", () -> Chapter04.checkCentralDifference((f, x, h) -> {
            throw stub("4.4");
        }));
    }

    // --- 4.5 ---------------------------------------------------------------------------------------------------

    @Test
    void divergence() {
        assertPasses("4.5", () -> Chapter04.checkDivergence(() -> new double[] {0.065, 0.07}));
        assertFails("4.5", () -> Chapter04.checkDivergence(() -> new double[] {0.05, 0.055}), "the boundary lies"
                + " higher");
        assertFails("4.5", () -> Chapter04.checkDivergence(() -> new double[] {0.07, 0.075}), "the boundary lies"
                + " lower");
        assertFails("4.5", () -> Chapter04.checkDivergence(() -> new double[] {0.01, 0.1}), "narrow it down");
        assertFails("4.5", () -> Chapter04.checkDivergence(() -> new double[] {0.1}), "expected two learning rates");
        assertNotAttempted("4.5", () -> Chapter04.checkDivergence(() -> {
            throw stub("4.5");
        }));
    }
}
