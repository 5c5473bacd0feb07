package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

/**
 * The identity, used on the output of a regression network so that the model definition still names an activation.
 *
 * <pre>
 * forward:   y = x
 * backward:  dx = dy            (the derivative of x is 1)
 * </pre>
 *
 * <p>Both results are copies, never the argument itself, so that changing one does not change the other.
 */
public final class Linear extends ActivationFunction {

    @Override
    protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
        y.setTo(x);
    }

    @Override
    protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        dx.setTo(dy);
    }
}
