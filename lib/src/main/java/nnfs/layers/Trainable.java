package nnfs.layers;

import org.ejml.data.DMatrixRMaj;

/**
 * A layer with parameters an optimizer can change: weights and biases, and the gradients {@link Layer#backward}
 * leaves for them. The optimizer updates {@link #weights()} and {@link #biases()} in place.
 */
public interface Trainable extends Layer {

    DMatrixRMaj weights();

    DMatrixRMaj biases();

    DMatrixRMaj dweights();

    DMatrixRMaj dbiases();

    /** The layer's share of the loss from regularization (0 when it has none). */
    default double regularizationLoss() {
        return 0.0;
    }
}
