package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import nnfs.layers.Dense;
import nnfs.layers.Trainable;
import nnfs.random.NumpyRandom;

/** Chapter 1's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter01Test {

    // --- 1.1 ---------------------------------------------------------------------------------------------------

    @Test
    void layerPrediction() {
        assertPasses("1.1", () -> Chapter01.checkLayerPrediction(() -> new double[] {-2.5, -1.5}));
        assertFails("1.1", () -> Chapter01.checkLayerPrediction(() -> new double[] {-3.5, -1.0}),
                "outputs[0, 0]: your prediction -3.5 is too low", "adds its bias");
        assertFails("1.1", () -> Chapter01.checkLayerPrediction(() -> new double[] {-4.0, 0.0}), "its own bias");
        assertFails("1.1", () -> Chapter01.checkLayerPrediction(() -> new double[] {1.5, 4.5}), "mind the sign");
        assertFails("1.1", () -> Chapter01.checkLayerPrediction(() -> new double[] {-2.5, 1.0}),
                "outputs[0, 1]: your prediction 1.0 is too high", "Σ_i x_i · w_n,i + b_n");
        assertFails("1.1", () -> Chapter01.checkLayerPrediction(() -> new double[] {-2.5, -1.5, 0}),
                "expected one output per neuron (2 numbers), got 3");
        assertNotAttempted("1.1", () -> Chapter01.checkLayerPrediction(() -> {
            throw stub("1.1");
        }));
    }

    // --- 1.2 ---------------------------------------------------------------------------------------------------

    /** Z = X·Wᵀ + b, with the biases added by {@code bias(i, j)}. */
    private static DMatrixRMaj layer(DMatrixRMaj x, DMatrixRMaj w, double[] b, boolean transpose, BiasRule bias) {
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, w.numRows);
        if (transpose) {
            CommonOps_DDRM.multTransB(x, w, z);
        } else {
            CommonOps_DDRM.mult(x, w, z);
        }
        for (int i = 0; i < z.numRows; i++) {
            for (int j = 0; j < z.numCols; j++) {
                z.add(i, j, bias.of(b, i, j));
            }
        }
        return z;
    }

    private interface BiasRule {
        double of(double[] b, int i, int j);
    }

    @Test
    void layerForward() {
        assertPasses("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> layer(x, w, b, true, (v, i, j) -> v[j])));
        assertPasses("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> {
            double[][] z = new double[x.numRows][w.numRows];
            for (int i = 0; i < x.numRows; i++) {
                for (int j = 0; j < w.numRows; j++) {
                    for (int k = 0; k < x.numCols; k++) {
                        z[i][j] += x.get(i, k) * w.get(j, k);
                    }
                    z[i][j] += b[j];
                }
            }
            return new DMatrixRMaj(z);
        }));
        assertFails("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> layer(x, w, b, false, (v, i, j) -> v[j])),
                "Z (3 samples, 3 inputs, 3 neurons)", "multiply by Wᵀ");
        assertFails("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> layer(x, w, b, true, (v, i, j) -> 0)),
                "add the biases");
        assertFails("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> layer(x, w, b, true, (v, i, j) -> v[i])),
                "bias j belongs to neuron j");
        assertFails("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> layer(x, w, b, true,
                (v, i, j) -> i == 0 ? v[j] : 0)), "not only the first");
        assertFails("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> CommonOps_DDRM.transpose(layer(x, w, b,
                true, (v, i, j) -> v[j]), null)), "that is Zᵀ");
        assertFails("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> {
            DMatrixRMaj z = layer(x, w, b, true, (v, i, j) -> v[j]);
            x.setTo(z);   // reuses the inputs' matrix for the result
            return x;
        }), "changed its inputs");
        assertNotAttempted("1.2", () -> Chapter01.checkLayerForward((x, w, b) -> {
            throw stub("1.2");
        }));
    }

    // --- 1.3 ---------------------------------------------------------------------------------------------------

    /** A student's dense layer, right unless one mistake is switched on. */
    private static final class MyDense implements Trainable {
        private final DMatrixRMaj weights;
        private final DMatrixRMaj biases;
        private final String mistake;
        private DMatrixRMaj output = new DMatrixRMaj(1, 1);
        private boolean sized;

        MyDense(int nInputs, int nNeurons, NumpyRandom random, String mistake) {
            this.mistake = mistake;
            if (mistake.equals("stub")) {
                throw stub("1.3");
            }
            switch (mistake) {
                case "unscaled" -> weights = random.randn(nInputs, nNeurons);
                case "drawn transposed" -> weights = CommonOps_DDRM.transpose(scaled(random.randn(nNeurons, nInputs)),
                        null);
                case "fresh generator" -> weights = scaled(new NumpyRandom(0).randn(nInputs, nNeurons));
                case "neurons × inputs" -> weights = scaled(random.randn(nNeurons, nInputs));
                default -> weights = scaled(random.randn(nInputs, nNeurons));
            }
            biases = new DMatrixRMaj(1, nNeurons);
        }

        private static DMatrixRMaj scaled(DMatrixRMaj m) {
            CommonOps_DDRM.scale(0.01, m);
            return m;
        }

        public void forward(DMatrixRMaj inputs) {
            if (mistake.equals("forward stub")) {
                throw stub("1.3");
            }
            int neurons = biases.numCols;
            if (!(mistake.equals("sized once") && sized)) {
                output = new DMatrixRMaj(inputs.numRows, neurons);
                sized = true;
            }
            if (mistake.equals("neurons × inputs")) {
                CommonOps_DDRM.multTransB(inputs, weights, output);
            } else if (mistake.equals("sized once")) {
                DMatrixRMaj z = new DMatrixRMaj(inputs.numRows, neurons);
                CommonOps_DDRM.mult(inputs, weights, z);
                System.arraycopy(z.data, 0, output.data, 0, z.getNumElements());
            } else {
                CommonOps_DDRM.mult(inputs, weights, output);
            }
            if (!mistake.equals("no bias")) {
                for (int i = 0; i < inputs.numRows; i++) {
                    for (int j = 0; j < neurons; j++) {
                        output.add(i, j, biases.get(0, j));
                    }
                }
            }
        }

        public DMatrixRMaj output() {
            return output;
        }

        public DMatrixRMaj weights() {
            return weights;
        }

        public DMatrixRMaj biases() {
            return mistake.equals("copied biases") ? biases.copy() : biases;
        }

        public void backward(DMatrixRMaj dvalues) {
            throw new UnsupportedOperationException("backward: chapter 4");
        }

        public DMatrixRMaj dinputs() {
            throw new UnsupportedOperationException("dinputs: chapter 4");
        }

        public DMatrixRMaj dweights() {
            throw new UnsupportedOperationException("dweights: chapter 4");
        }

        public DMatrixRMaj dbiases() {
            throw new UnsupportedOperationException("dbiases: chapter 4");
        }
    }

    private static void checkWith(String mistake) {
        Chapter01.checkDense((in, out, random) -> new MyDense(in, out, random, mistake));
    }

    @Test
    void dense() {
        assertPasses("1.3", () -> checkWith("none"));
        assertPasses("1.3", () -> Chapter01.checkDense(Dense::new));
        assertFails("1.3", () -> checkWith("unscaled"), "layer 1 weights[0, 0]", "0.01 times");
        assertFails("1.3", () -> checkWith("drawn transposed"), "drawn as neurons × inputs and then transposed");
        assertFails("1.3", () -> checkWith("fresh generator"), "a new NumpyRandom(0) starts the stream again");
        assertFails("1.3", () -> checkWith("neurons × inputs"), "expected a 2×3 matrix, got 3×2",
                "inputs × neurons");
        assertFails("1.3", () -> checkWith("no bias"), "output with biases (0.5, −1, 2)[0, 0]", "ignores the biases");
        assertFails("1.3", () -> checkWith("copied biases"), "not a copy");
        assertFails("1.3", () -> checkWith("sized once"), "output on a batch of 2: expected a 2×3 matrix, got 300×3",
                "reshape");
        assertNotAttempted("1.3", () -> checkWith("stub"));
        assertNotAttempted("1.3", () -> checkWith("forward stub"));
    }

    // --- 1.4 ---------------------------------------------------------------------------------------------------

    @Test
    void stableScale() {
        assertPasses("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0.12, 0.13}));
        assertPasses("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0.1235, 0.1245}));
        assertFails("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0.125, 0.13}), "the boundary lies"
                + " lower");
        assertFails("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0.01, 0.011}), "the boundary lies"
                + " higher");
        assertFails("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0.01, 1}), "narrow it down");
        assertFails("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0, 0.01}), "expected 0 < lo < hi");
        assertFails("1.4", () -> Chapter01.checkStableScale(() -> new double[] {0.12}), "expected two weight scales");
        assertNotAttempted("1.4", () -> Chapter01.checkStableScale(() -> {
            throw stub("1.4");
        }));
    }
}
