package nnfs.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.layers.Dense;

/**
 * Each optimizer's parameters after one and two steps, against values worked out by hand.
 *
 * <p>The layer is Dense(2→1) with weights (1, −2) and bias 0.5, fed the sample (1, 2) with an upstream gradient of 1.
 * A dense layer's gradients do not depend on its weights, so every step sees the same ones: g_w = (1, 2), g_b = 1.
 */
class OptimizersTest {

    static Dense layer() {
        return Dense.withParameters(Matrices.column(1.0, -2.0), Matrices.row(0.5));
    }

    /** Runs {@code steps} steps and returns {w1, w2, b}. */
    static double[] run(Optimizer<?> optimizer, Dense layer, int steps) {
        for (int s = 0; s < steps; s++) {
            layer.forward(Matrices.row(1.0, 2.0));
            layer.backward(Matrices.row(1.0));
            optimizer.preUpdate();
            optimizer.update(layer);
            optimizer.postUpdate();
        }
        return new double[] {layer.weights().get(0, 0), layer.weights().get(1, 0), layer.biases().get(0, 0)};
    }

    static void assertParameters(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-15, "parameter " + i);
        }
    }

    @Test
    void sgd() {
        // θ ← θ − 0.1·g
        assertParameters(new double[] {0.9, -2.2, 0.4}, run(new SGD(0.1, 0, 0), layer(), 1));
        assertParameters(new double[] {0.8, -2.4, 0.3}, run(new SGD(0.1, 0, 0), layer(), 2));
    }

    @Test
    void sgdWithMomentum() {
        // v1 = −0.1·g = (−0.1, −0.2 | −0.1);  v2 = 0.9·v1 − 0.1·g = (−0.19, −0.38 | −0.19)
        assertParameters(new double[] {0.9, -2.2, 0.4}, run(new SGD(0.1, 0, 0.9), layer(), 1));
        assertParameters(new double[] {1 - 0.1 - 0.19, -2 - 0.2 - 0.38, 0.5 - 0.1 - 0.19},
                run(new SGD(0.1, 0, 0.9), layer(), 2));
    }

    @Test
    void sgdWithDecay() {
        // η0 = 1, decay = 0.5: step 1 uses η = 1, step 2 uses η = 1/(1 + 0.5) = 2/3
        assertParameters(new double[] {0.0, -4.0, -0.5}, run(new SGD(1.0, 0.5, 0), layer(), 1));
        assertParameters(new double[] {-2.0 / 3, -4 - 4.0 / 3, -0.5 - 2.0 / 3}, run(new SGD(1.0, 0.5, 0), layer(), 2));
    }

    @Test
    void adagrad() {
        double eps = 1e-7;
        // c1 = g², θ1 = θ0 − 0.1·g/(√c1 + ε);  c2 = 2g², θ2 = θ1 − 0.1·g/(√c2 + ε)
        double w1 = 1 - 0.1 * 1 / (1 + eps);
        double w2 = -2 - 0.1 * 2 / (2 + eps);
        double b = 0.5 - 0.1 * 1 / (1 + eps);
        assertParameters(new double[] {w1, w2, b}, run(new Adagrad(0.1, 0, eps), layer(), 1));
        assertParameters(new double[] {w1 - 0.1 / (Math.sqrt(2) + eps), w2 - 0.2 / (Math.sqrt(8) + eps),
            b - 0.1 / (Math.sqrt(2) + eps)}, run(new Adagrad(0.1, 0, eps), layer(), 2));
    }

    @Test
    void rmsprop() {
        double eps = 1e-7;
        // c1 = 0.1·g², c2 = 0.9·c1 + 0.1·g² = 0.19·g²
        double w1 = 1 - 0.01 * 1 / (Math.sqrt(0.1) + eps);
        double w2 = -2 - 0.01 * 2 / (Math.sqrt(0.4) + eps);
        double b = 0.5 - 0.01 * 1 / (Math.sqrt(0.1) + eps);
        assertParameters(new double[] {w1, w2, b}, run(new RMSprop(0.01, 0, eps, 0.9), layer(), 1));
        assertParameters(new double[] {w1 - 0.01 / (Math.sqrt(0.19) + eps), w2 - 0.02 / (Math.sqrt(0.76) + eps),
            b - 0.01 / (Math.sqrt(0.19) + eps)}, run(new RMSprop(0.01, 0, eps, 0.9), layer(), 2));
    }

    @Test
    void adam() {
        double eps = 1e-7;
        // With constant gradients the bias corrections make m̂ = g and ĉ = g² at every step,
        // so each step moves θ by −η·g/(|g| + ε).
        double w1 = 1 - 0.1 * 1 / (1 + eps);
        double w2 = -2 - 0.1 * 2 / (2 + eps);
        double b = 0.5 - 0.1 * 1 / (1 + eps);
        assertParameters(new double[] {w1, w2, b}, run(new Adam(0.1, 0, eps, 0.9, 0.999), layer(), 1));
        double[] two = run(new Adam(0.1, 0, eps, 0.9, 0.999), layer(), 2);
        assertEquals(w1 - 0.1 / (1 + eps), two[0], 1e-14);
        assertEquals(w2 - 0.2 / (2 + eps), two[1], 1e-14);
        assertEquals(b - 0.1 / (1 + eps), two[2], 1e-14);
    }

    @Test
    void adamStateHoldsTheRawMomentumAndCache() {
        Dense layer = layer();
        Adam adam = new Adam(0.1, 0, 1e-7, 0.9, 0.999);
        assertNull(adam.stateOf(layer));
        run(adam, layer, 2);
        Adam.State state = adam.stateOf(layer);
        // m2 = 0.9·(0.1·g) + 0.1·g = 0.19·g;  c2 = 0.999·(0.001·g²) + 0.001·g² = 0.001999·g²
        assertEquals(0.19 * 2, state.momentums().weights().get(1, 0), 1e-15);
        assertEquals(0.001999 * 4, state.cache().weights().get(1, 0), 1e-15);
        assertEquals(2, adam.iterations());
    }

    @Test
    void decayScheduleOfTheSources() {
        // η0 = 1, decay = 0.1, steps 0…19, as printed in the sources.
        double[] expected = {1.0, 0.9090909090909091, 0.8333333333333334, 0.7692307692307692, 0.7142857142857143,
            0.6666666666666666, 0.625, 0.588235294117647, 0.5555555555555556, 0.5263157894736842, 0.5,
            0.47619047619047616, 0.45454545454545453, 0.4347826086956522, 0.41666666666666663, 0.4,
            0.3846153846153846, 0.37037037037037035, 0.35714285714285715, 0.3448275862068965};
        SGD sgd = new SGD(1.0, 0.1, 0);
        Dense layer = layer();
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], Optimizer.decayedLearningRate(1.0, 0.1, step), 0.0);
            layer.forward(Matrices.row(1.0, 2.0));
            layer.backward(Matrices.row(1.0));
            sgd.preUpdate();
            assertEquals(expected[step], sgd.currentLearningRate(), 0.0);
            sgd.update(layer);
            sgd.postUpdate();
        }
    }

    @Test
    void bookDefaultsAndToString() {
        assertEquals("SGD(learningRate=1.0, decay=0.0, momentum=0.0)", new SGD().toString());
        assertEquals("Adagrad(learningRate=1.0, decay=0.0, epsilon=1.0E-7)", new Adagrad().toString());
        assertEquals("RMSprop(learningRate=0.001, decay=0.0, epsilon=1.0E-7, rho=0.9)", new RMSprop().toString());
        assertEquals("Adam(learningRate=0.05, decay=5.0E-7, epsilon=1.0E-7, beta1=0.9, beta2=0.999)",
                new Adam().withLearningRate(0.05).withDecay(5e-7).toString());
    }

    @Test
    void badHyperparametersAreRejected() {
        var lr = assertThrows(IllegalArgumentException.class, () -> new SGD(0.0, 0, 0));
        assertEquals("SGD: expected learningRate > 0, got 0.0", lr.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> new Adam().withLearningRate(-0.01));
        assertEquals("Adam: expected learningRate > 0, got -0.01", negative.getMessage());
        var decay = assertThrows(IllegalArgumentException.class, () -> new Adagrad().withDecay(-1));
        assertEquals("Adagrad: expected decay >= 0, got -1.0", decay.getMessage());
        var momentum = assertThrows(IllegalArgumentException.class, () -> new SGD().withMomentum(1.0));
        assertEquals("SGD: expected momentum in [0, 1), got 1.0", momentum.getMessage());
        var rho = assertThrows(IllegalArgumentException.class, () -> new RMSprop().withRho(Double.NaN));
        assertEquals("RMSprop: expected rho in [0, 1), got NaN", rho.getMessage());
    }

    @Test
    void stateIsKeptPerLayer() {
        Dense a = layer();
        Dense b = layer();
        SGD sgd = new SGD(0.1, 0, 0.9);
        run(sgd, a, 1);
        DMatrixRMaj velocityA = sgd.stateOf(a).weights();
        assertNull(sgd.stateOf(b));
        assertEquals(-0.1, velocityA.get(0, 0), 1e-16);
    }
}
