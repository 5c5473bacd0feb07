package nnfs.layers;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Fixtures;
import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.check.GradientCheck;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

class DenseTest {

    // The book's running example: 3 samples of 4 inputs into 3 neurons.
    static final DMatrixRMaj INPUTS = Matrices.of(
            new double[] {1, 2, 3, 2.5},
            new double[] {2, 5, -1, 2},
            new double[] {-1.5, 2.7, 3.3, -0.8});
    // One row per neuron, as the book first writes them; the layer stores the transpose (inputs × neurons).
    static final DMatrixRMaj NEURON_WEIGHTS = Matrices.of(
            new double[] {0.2, 0.8, -0.5, 1},
            new double[] {0.5, -0.91, 0.26, -0.5},
            new double[] {-0.26, -0.27, 0.17, 0.87});
    static final DMatrixRMaj BIASES = Matrices.row(2, 3, 0.5);

    static Dense bookLayer() {
        return Dense.withParameters(org.ejml.dense.row.CommonOps_DDRM.transpose(NEURON_WEIGHTS, null), BIASES);
    }

    @Test
    void forwardGivesTheBookOutputs() {
        Dense layer = bookLayer();
        layer.forward(INPUTS);
        DMatrixRMaj expected = Matrices.of(
                new double[] {4.8, 1.21, 2.385},
                new double[] {8.9, -1.81, 0.2},
                new double[] {1.41, 1.051, 0.026});
        assertMatrixEquals(expected, layer.output(), 1e-12);
    }

    @Test
    void backpropagationThroughReluAndOneStepMatchNumpy() {
        // The book's "combine everything" example: dense → ReLU, ReLU's output used as its own gradient,
        // then one SGD step with learning rate 0.001. Oracle: make_fixtures.py.
        Dense layer = bookLayer();
        ReLU relu = new ReLU();
        layer.forward(INPUTS);
        relu.forward(layer.output());
        relu.backward(relu.output().copy());
        layer.backward(relu.dinputs());
        assertMatrixEquals(Fixtures.matrix("book_layer_backprop", "outputs"), layer.output(), 1e-12);
        assertMatrixEquals(Fixtures.matrix("book_layer_backprop", "dweights"), layer.dweights(), 1e-12);
        assertMatrixEquals(Fixtures.matrix("book_layer_backprop", "dbiases"), layer.dbiases(), 1e-12);
        assertMatrixEquals(Fixtures.matrix("book_layer_backprop", "dinputs"), layer.dinputs(), 1e-12);
        SGD sgd = new SGD(0.001, 0.0, 0.0);
        sgd.preUpdate();
        sgd.update(layer);
        sgd.postUpdate();
        assertMatrixEquals(Fixtures.matrix("book_layer_backprop", "weights_after"), layer.weights(), 1e-12);
        assertMatrixEquals(Fixtures.matrix("book_layer_backprop", "biases_after"), layer.biases(), 1e-12);
        // The book prints these rounded: first row of weights 0.179515 0.5003665 -0.262746.
        assertEquals(0.179515, layer.weights().get(0, 0), 1e-12);
        assertEquals(1.98489, layer.biases().get(0, 0), 1e-12);
    }

    @Test
    void gradientsPassTheFiniteDifferenceCheck() {
        NumpyRandom random = new NumpyRandom(1);
        Dense layer = new Dense(4, 5, random);
        layer.setParameters(random.randn(4, 5), random.randn(1, 5));
        GradientCheck.Report report = GradientCheck.layer(layer, random.randn(6, 4), random.randn(6, 5));
        assertTrue(report.passes(1e-7), report.toString());
        assertEquals(3, report.comparisons().size());
    }

    @Test
    void initialWeightsAreSmallAndBiasesZero() {
        Dense layer = new Dense(2, 64, new NumpyRandom(0));
        assertEquals(0.01 * 1.764052345967664, layer.weights().get(0, 0), 0.0);
        for (double b : layer.biases().data) {
            assertEquals(0.0, b);
        }
        assertEquals("Dense(2→64)", layer.toString());
    }

    @Test
    void outputIsResizedForEachBatch() {
        Dense layer = new Dense(2, 3, new NumpyRandom(0));
        layer.forward(new DMatrixRMaj(10, 2));
        assertEquals(10, layer.output().numRows);
        layer.forward(new DMatrixRMaj(4, 2));
        assertEquals(4, layer.output().numRows);
    }

    @Test
    void wrongShapesAreReportedWithTheLayerAndBothShapes() {
        Dense layer = new Dense(784, 128, new NumpyRandom(0));
        var columns = assertThrows(IllegalArgumentException.class, () -> layer.forward(new DMatrixRMaj(5, 28)));
        assertEquals("Dense(784→128).forward: expected 784 input columns, got 28 (a (5×28) matrix)",
                columns.getMessage());
        Dense small = new Dense(2, 3, new NumpyRandom(0));
        var early = assertThrows(IllegalStateException.class, () -> small.backward(new DMatrixRMaj(1, 3)));
        assertEquals("Dense(2→3).backward: expected forward to be called first, got no inputs yet", early.getMessage());
        small.forward(new DMatrixRMaj(4, 2));
        var grad = assertThrows(IllegalArgumentException.class, () -> small.backward(new DMatrixRMaj(4, 2)));
        assertEquals("Dense(2→3).backward: expected dvalues (the output's shape) of shape (4×3), got (4×2)",
                grad.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> small.forward(new DMatrixRMaj(0, 2)));
        assertEquals("Dense(2→3).forward: expected inputs with at least one row (sample), got an empty (0×2) matrix",
                empty.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3, new NumpyRandom(0)));
        assertEquals("Dense: expected nInputs >= 1, got 0", zero.getMessage());
    }

    @Test
    void nanInputsAreReportedWithTheirPosition() {
        Dense layer = new Dense(2, 3, new NumpyRandom(0));
        DMatrixRMaj x = new DMatrixRMaj(3, 2);
        x.set(2, 1, Double.NaN);
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(x));
        assertEquals("Dense(2→3).forward: expected finite inputs, got NaN at row 2, column 1", e.getMessage());
    }

    @Test
    void setParametersChecksShapesAndKeepsTheSameMatrices() {
        Dense layer = new Dense(2, 3, new NumpyRandom(0));
        DMatrixRMaj w = layer.weights();
        layer.setParameters(Matrices.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}), Matrices.row(7, 8, 9));
        assertEquals(6.0, w.get(1, 2));
        var e = assertThrows(IllegalArgumentException.class,
                () -> layer.setParameters(new DMatrixRMaj(3, 2), Matrices.row(0, 0, 0)));
        assertEquals("Dense(2→3).setParameters: expected weights of shape (2×3), got (3×2)", e.getMessage());
    }

    @Test
    void backwardParametersGivesTheSameGradientsWithoutDinputs() {
        NumpyRandom random = new NumpyRandom(3);
        DMatrixRMaj x = random.randn(5, 4);
        DMatrixRMaj d = random.randn(5, 3);
        Dense full = bookLayer();
        Dense first = bookLayer();
        full.forward(x);
        full.backward(d);
        first.forward(x);
        first.backwardParameters(d);
        assertMatrixEquals(full.dweights(), first.dweights(), 0.0);
        assertMatrixEquals(full.dbiases(), first.dbiases(), 0.0);
        var e = assertThrows(IllegalStateException.class, first::dinputs);
        assertEquals("Dense(4→3).dinputs: not computed: the last backward pass was backwardParameters (a model's "
                + "first layer skips its dinputs); call backward(dvalues) for them", e.getMessage());
        first.backward(d);
        assertMatrixEquals(full.dinputs(), first.dinputs(), 0.0);
    }
}
