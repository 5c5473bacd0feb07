package nnfs.optimizers;

import org.ejml.data.DMatrixRMaj;

import nnfs.layers.Trainable;

/**
 * One running average (or sum) per parameter of a layer: a matrix shaped like the weights and one shaped like the
 * biases. SGD keeps its momentums in one, Adagrad and RMSprop their caches, Adam one of each.
 */
public record ParameterState(DMatrixRMaj weights, DMatrixRMaj biases) {

    /** Zeros shaped like the layer's weights and biases. */
    public static ParameterState zerosLike(Trainable layer) {
        return new ParameterState(new DMatrixRMaj(layer.weights().numRows, layer.weights().numCols),
                new DMatrixRMaj(layer.biases().numRows, layer.biases().numCols));
    }

    /** A deep copy. */
    public ParameterState copy() {
        return new ParameterState(weights.copy(), biases.copy());
    }
}
