package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

import nnfs.math.Elementwise;

/**
 * Rectified linear unit.
 *
 * <pre>
 * forward:   y = max(0, x)
 * backward:  dx = dy where x &gt; 0, else 0        (the derivative is 1 for x &gt; 0 and 0 otherwise)
 * </pre>
 */
public final class ReLU extends ActivationFunction {

    @Override
    protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
        Elementwise.relu(x.data, y.data, x.getNumElements());            // y = max(0, x)
    }

    @Override
    protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        Elementwise.reluGradient(x.data, dy.data, dx.data, dy.getNumElements());   // dx = dy where x > 0, else 0
    }
}
