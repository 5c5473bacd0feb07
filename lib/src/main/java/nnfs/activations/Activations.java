package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/** Checks shared by the activations. */
final class Activations {

    private Activations() {
    }

    /** backward must follow forward, and dvalues must have the shape of the forward inputs. */
    static void requireBackwardShape(Object who, DMatrixRMaj inputs, DMatrixRMaj dvalues) {
        if (inputs == null) {
            throw new IllegalStateException(who + ".backward: call forward first; there are no inputs yet");
        }
        Checks.requireShape(who, "backward", dvalues, inputs.numRows, inputs.numCols,
                "dvalues (the output's shape)");
    }
}
