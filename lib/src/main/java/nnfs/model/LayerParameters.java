package nnfs.model;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;

/** The weights and biases of one trainable layer, as copies. */
public record LayerParameters(DMatrixRMaj weights, DMatrixRMaj biases) {

    public LayerParameters {
        if (weights == null || biases == null) {
            throw new IllegalArgumentException("LayerParameters: expected weights and biases, got "
                    + (weights == null ? "no weights" : "no biases"));
        }
    }

    @Override
    public String toString() {
        return "LayerParameters(weights " + Matrices.shape(weights) + ", biases " + Matrices.shape(biases) + ")";
    }
}
