package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

/**
 * The step function, the first activation of the book: a neuron either fires or does not.
 *
 * <pre>
 * forward:   y = 1 if x &gt; 0, else 0
 * backward:  dx = 0                     (flat on both sides of 0, undefined at 0)
 * </pre>
 *
 * <p>Its zero gradient is exactly why it cannot be trained by backpropagation: no signal reaches the weights.
 */
public final class Step extends ActivationFunction {

    @Override
    protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
        int size = x.getNumElements();
        for (int k = 0; k < size; k++) {
            y.data[k] = x.data[k] > 0.0 ? 1.0 : 0.0;
        }
    }

    @Override
    protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        dx.zero();
    }
}
