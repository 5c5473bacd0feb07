package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

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
        int size = x.getNumElements();
        for (int k = 0; k < size; k++) {
            y.data[k] = Math.max(0.0, x.data[k]);
        }
    }

    @Override
    protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        int size = dy.getNumElements();
        for (int k = 0; k < size; k++) {
            dx.data[k] = x.data[k] > 0.0 ? dy.data[k] : 0.0;
        }
    }
}
