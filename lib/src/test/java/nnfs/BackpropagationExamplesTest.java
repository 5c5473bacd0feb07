package nnfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import nnfs.activations.ReLU;
import nnfs.layers.Dense;
import nnfs.optimizers.SGD;

/**
 * The two backpropagation loops of the chapter-4 source notebook, run with the library's Dense, ReLU and SGD.
 * Expected numbers are the ones the source prints.
 */
class BackpropagationExamplesTest {

    @Test
    void singleNeuronLoop() {
        // One neuron: weights (−3, −1, 2), bias 1, input (1, −2, 3); loss = ReLU(w·x + b)²; 200 steps of 0.001.
        Dense neuron = Dense.withParameters(Matrices.column(-3.0, -1.0, 2.0), Matrices.row(1.0));
        ReLU relu = new ReLU();
        SGD sgd = new SGD(0.001, 0, 0);
        DMatrixRMaj x = Matrices.row(1.0, -2.0, 3.0);
        double[] losses = new double[200];
        for (int iteration = 0; iteration < 200; iteration++) {
            neuron.forward(x);
            relu.forward(neuron.output());
            double out = relu.output().get(0, 0);
            losses[iteration] = out * out;
            relu.backward(Matrices.row(2 * out)); // dL/dout = 2·out
            neuron.backward(relu.dinputs());
            sgd.preUpdate();
            sgd.update(neuron);
            sgd.postUpdate();
        }
        assertEquals(36.0, losses[0], 0.0);
        // By hand: after one step w = (−3.012, −0.976, 1.964), b = 0.988, so z = 5.82 and the loss is 33.8724.
        // (The source prints 33.872397424621624 here: its printed log comes from a different run than its code.)
        assertEquals(33.8724, losses[1], 1e-12);
        // The source's code, rerun with NumPy, ends with these.
        assertEquals(0.00019563778572677975, losses[199], 1e-16);
        assertEquals(0.6009044964039991, neuron.biases().get(0, 0), 1e-14);
        // Final weights as the source prints them: [-3.3990955 -0.20180899 0.80271349].
        assertEquals(-3.3990955, neuron.weights().get(0, 0), 5e-8);
        assertEquals(-0.20180899, neuron.weights().get(1, 0), 5e-9);
        assertEquals(0.80271349, neuron.weights().get(2, 0), 5e-9);
    }

    @Test
    void layerOfThreeNeuronsLoop() {
        // 4 inputs into 3 neurons, loss = (Σ ReLU outputs)², 200 steps of 0.001, printed every 20.
        DMatrixRMaj neuronWeights = Matrices.of(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {0.5, 0.6, 0.7, 0.8},
                new double[] {0.9, 1.0, 1.1, 1.2});
        Dense layer = Dense.withParameters(CommonOps_DDRM.transpose(neuronWeights, null), Matrices.row(0.1, 0.2, 0.3));
        ReLU relu = new ReLU();
        SGD sgd = new SGD(0.001, 0, 0);
        DMatrixRMaj x = Matrices.row(1, 2, 3, 4);
        double[] printed = {466.56000000000006, 5.32959636083938, 0.41191523404899866, 0.031836212079467595,
            0.002460565465389601, 0.000190172825660145, 1.4698126966451542e-05, 1.1359926717815175e-06,
            8.779889800154524e-08, 6.7858241357822796e-09};
        for (int iteration = 0; iteration < 200; iteration++) {
            layer.forward(x);
            relu.forward(layer.output());
            double sum = CommonOps_DDRM.elementSum(relu.output());
            double loss = sum * sum;
            if (iteration % 20 == 0) {
                double expected = printed[iteration / 20];
                assertEquals(expected, loss, Math.abs(expected) * 1e-9, "loss at iteration " + iteration);
            }
            relu.backward(Matrices.row(2 * sum, 2 * sum, 2 * sum)); // ∂(Σ)²/∂out_j = 2·Σ
            layer.backward(relu.dinputs());
            sgd.preUpdate();
            sgd.update(layer);
            sgd.postUpdate();
        }
        DMatrixRMaj expectedWeights = Matrices.of(
                new double[] {-0.00698895, -0.01397789, -0.02096684, -0.02795579},
                new double[] {0.25975286, 0.11950572, -0.02074143, -0.16098857},
                new double[] {0.53548461, 0.27096922, 0.00645383, -0.25806156});
        Assertions2.assertMatrixEquals(expectedWeights, CommonOps_DDRM.transpose(layer.weights(), null), 5e-9);
        Assertions2.assertMatrixEquals(Matrices.row(-0.00698895, -0.04024714, -0.06451539), layer.biases(), 5e-9);
    }
}
