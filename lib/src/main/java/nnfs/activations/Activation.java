package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.layers.Layer;

/**
 * An activation function applied to a layer's outputs. It has no parameters; {@link #predictions} turns the outputs of
 * a network's last activation into what the network predicts.
 */
public interface Activation extends Layer {

    /**
     * What the network predicts when this is its last layer: class indices for softmax (one column), 0 or 1 for
     * sigmoid, the values themselves for the others. Returns a new matrix.
     */
    default DMatrixRMaj predictions(DMatrixRMaj outputs) {
        return outputs.copy();
    }

    /**
     * {@link #predictions(DMatrixRMaj)} written into {@code into} (reshaped to fit), for a training loop that reuses
     * one buffer from batch to batch. Activations whose predictions are cheap to write in place override it.
     */
    default void predictions(DMatrixRMaj outputs, DMatrixRMaj into) {
        into.setTo(predictions(outputs));
    }
}
