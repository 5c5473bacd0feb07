package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.layers.Dropout;
import nnfs.layers.Layer;
import nnfs.random.NumpyRandom;

/** Chapter 8's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter08Test {

    // --- 8.1 ---------------------------------------------------------------------------------------------------

    private static Chapter08.DropoutPrediction predicting(double[] output, double[] dinputs) {
        return new Chapter08.DropoutPrediction() {
            public double[] output() {
                return output;
            }

            public double[] dinputs() {
                return dinputs;
            }
        };
    }

    private static final double[] RIGHT_DINPUTS = {0.5, 0, -1.0, 1.25};

    @Test
    void dropoutPrediction() {
        assertPasses("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2.5, 0, 0.625, 5},
                RIGHT_DINPUTS)));
        assertPasses("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2 / 0.8, -0.0,
            0.5 / 0.8, 4 / 0.8}, new double[] {0.4 / 0.8, 0, -0.8 / 0.8, 1 / 0.8})));
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2, 0, 0.5, 4},
                RIGHT_DINPUTS)), "output[0, 0]: your prediction 2.0 is too low", "scales the kept values up");
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {10, 0, 2.5, 20},
                RIGHT_DINPUTS)), "is too high", "not by the rate");
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {1.6, 0, 0.4, 3.2},
                RIGHT_DINPUTS)), "scales the kept values down");
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2.5, -1.25, 0.625, 5},
                RIGHT_DINPUTS)), "output[0, 1]: your prediction -1.25 is too low", "output = inputs ⊙ mask");
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2.5, 0, 0.625, 5},
                new double[] {0.4, 0.4, -0.8, 1.0})), "dinputs[0, 0]", "its gradient is 0");
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2.5, 0, 0.625, 5},
                new double[] {0.4, 0, -0.8, 1.0})), "1/(1 − rate) included");
        assertFails("8.1", () -> Chapter08.checkDropoutPrediction(predicting(new double[] {2.5, 0, 0.625},
                RIGHT_DINPUTS)), "expected four numbers");
        assertNotAttempted("8.1", () -> Chapter08.checkDropoutPrediction(new Chapter08.DropoutPrediction() {
            public double[] output() {
                throw stub("8.1");
            }

            public double[] dinputs() {
                throw stub("8.1");
            }
        }));
    }

    // --- 8.2 ---------------------------------------------------------------------------------------------------

    private enum Mistake {
        NONE, NO_SCALE, BY_RATE, TIMES_KEEP, KEEP_WITH_RATE, COLUMNS, NO_DROP, SAME_MASK, OUTPUT_IS_MASK,
        BACKWARD_UNMASKED, BACKWARD_NEW_MASK, BACKWARD_COINS, INFERENCE_SCALES, INFERENCE_DRAWS, INFERENCE_KEEPS_MASK,
        STUB
    }

    /** A dropout layer as a student might write it, with at most one mistake. */
    private static final class StudentDropout implements Layer {
        private final double rate;
        private final NumpyRandom random;
        private final Mistake mistake;
        private DMatrixRMaj mask;
        private DMatrixRMaj output;
        private DMatrixRMaj dinputs;

        StudentDropout(double rate, NumpyRandom random, Mistake mistake) {
            this.rate = rate;
            this.random = random;
            this.mistake = mistake;
        }

        private DMatrixRMaj draw(int rows, int cols) {
            double keep = 1 - rate;
            double p = mistake == Mistake.KEEP_WITH_RATE ? rate : keep;
            double divisor = switch (mistake) {
                case NO_SCALE -> 1;
                case BY_RATE -> rate;
                case TIMES_KEEP -> 1 / keep;
                default -> keep;
            };
            DMatrixRMaj m = new DMatrixRMaj(rows, cols);
            for (int k = 0; k < rows * cols; k++) {
                double coin = random.binomial(1, p) / divisor;
                if (mistake == Mistake.COLUMNS) {
                    m.set(k % rows, k / rows, coin);
                } else {
                    m.data[k] = coin;
                }
            }
            return m;
        }

        @Override
        public void forward(DMatrixRMaj inputs) {
            forward(inputs, true);
        }

        @Override
        public void forward(DMatrixRMaj inputs, boolean training) {
            if (mistake == Mistake.STUB) {
                throw stub("8.2");
            }
            if (training) {
                if (mistake == Mistake.NO_DROP) {
                    mask = new DMatrixRMaj(inputs.numRows, inputs.numCols);
                    mask.fill(1);
                } else if (mistake != Mistake.SAME_MASK || mask == null) {
                    mask = draw(inputs.numRows, inputs.numCols);
                }
            } else {
                if (mistake == Mistake.INFERENCE_DRAWS) {
                    draw(inputs.numRows, inputs.numCols);
                }
                if (mistake != Mistake.INFERENCE_KEEPS_MASK) {
                    mask = new DMatrixRMaj(inputs.numRows, inputs.numCols);
                    mask.fill(mistake == Mistake.INFERENCE_SCALES ? 1 - rate : 1);
                }
            }
            output = new DMatrixRMaj(inputs.numRows, inputs.numCols);
            for (int k = 0; k < output.getNumElements(); k++) {
                boolean identity = !training && mistake == Mistake.INFERENCE_KEEPS_MASK;
                output.data[k] = mistake == Mistake.OUTPUT_IS_MASK ? mask.data[k]
                        : identity ? inputs.data[k] : inputs.data[k] * mask.data[k];
            }
        }

        @Override
        public void backward(DMatrixRMaj dvalues) {
            DMatrixRMaj m = switch (mistake) {
                case BACKWARD_NEW_MASK -> draw(dvalues.numRows, dvalues.numCols);
                default -> mask;
            };
            dinputs = new DMatrixRMaj(dvalues.numRows, dvalues.numCols);
            for (int k = 0; k < dinputs.getNumElements(); k++) {
                dinputs.data[k] = switch (mistake) {
                    case BACKWARD_UNMASKED -> dvalues.data[k];
                    case BACKWARD_COINS -> dvalues.data[k] * (m.data[k] == 0 ? 0 : 1);
                    default -> dvalues.data[k] * m.data[k];
                };
            }
        }

        @Override
        public DMatrixRMaj output() {
            return output;
        }

        @Override
        public DMatrixRMaj dinputs() {
            return dinputs;
        }
    }

    private static void checkWith(Mistake mistake) {
        Chapter08.checkDropoutLayer((rate, random) -> new StudentDropout(rate, random, mistake));
    }

    @Test
    void dropoutLayer() {
        assertPasses("8.2", () -> Chapter08.checkDropoutLayer(Dropout::new));
        assertPasses("8.2", () -> checkWith(Mistake.NONE));
        assertFails("8.2", () -> checkWith(Mistake.NO_SCALE),
                "training-mode output on ones, that is your mask (rate 0.2)[0, 0]: expected 1.25, got 1.0",
                "divide the kept values by 1 − rate");
        assertFails("8.2", () -> checkWith(Mistake.BY_RATE), "not by the rate");
        assertFails("8.2", () -> checkWith(Mistake.TIMES_KEEP), "scales the kept values down");
        assertFails("8.2", () -> checkWith(Mistake.KEEP_WITH_RATE), "p is the probability of keeping, 1 − rate");
        assertFails("8.2", () -> checkWith(Mistake.COLUMNS), "row by row");
        assertFails("8.2", () -> checkWith(Mistake.NO_DROP), "in training mode the layer must drop values");
        assertFails("8.2", () -> checkWith(Mistake.SAME_MASK), "second training-mode output",
                "draw a new mask at every training-mode forward pass");
        assertFails("8.2", () -> checkWith(Mistake.OUTPUT_IS_MASK), "multiply the inputs by the mask");
        assertFails("8.2", () -> checkWith(Mistake.BACKWARD_UNMASKED), "dinputs after the second pass",
                "its gradient is 0");
        assertFails("8.2", () -> checkWith(Mistake.BACKWARD_NEW_MASK), "backward draws nothing");
        assertFails("8.2", () -> checkWith(Mistake.BACKWARD_COINS), "1/(1 − rate) included");
        assertFails("8.2", () -> checkWith(Mistake.INFERENCE_SCALES), "inference-mode output",
                "no correction at inference");
        assertFails("8.2", () -> checkWith(Mistake.INFERENCE_KEEPS_MASK), "dinputs after the inference pass",
                "must not use the last training mask");
        assertFails("8.2", () -> checkWith(Mistake.INFERENCE_DRAWS), "training-mode output after the inference pass",
                "leaves the random generator alone");
        assertNotAttempted("8.2", () -> checkWith(Mistake.STUB));
    }

    // --- 8.3 ---------------------------------------------------------------------------------------------------

    @Test
    void spread() {
        assertPasses("8.3", () -> Chapter08.checkSpread(() -> new double[] {0.1, 0.11}));
        assertPasses("8.3", () -> Chapter08.checkSpread(() -> new double[] {0.1046, 0.1047}));
        assertFails("8.3", () -> Chapter08.checkSpread(() -> new double[] {0.09, 0.1}), "still below 1: the boundary"
                + " lies higher");
        assertFails("8.3", () -> Chapter08.checkSpread(() -> new double[] {0.11, 0.12}), "the boundary lies lower");
        assertFails("8.3", () -> Chapter08.checkSpread(() -> new double[] {0.05, 0.2}), "narrow it down");
        assertFails("8.3", () -> Chapter08.checkSpread(() -> new double[] {0.1}), "expected two rates");
        assertNotAttempted("8.3", () -> Chapter08.checkSpread(() -> {
            throw stub("8.3");
        }));
    }
}
