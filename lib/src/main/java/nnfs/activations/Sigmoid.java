package nnfs.activations;

import org.ejml.data.DMatrixRMaj;

/**
 * The logistic sigmoid: squashes any number into (0, 1), smoothly, so the output says how strongly a neuron fires.
 *
 * <pre>
 * forward:   σ(x) = 1 / (1 + e^(−x))
 * backward:  dx = dy · σ(x) · (1 − σ(x))
 * </pre>
 *
 * <p>As an output layer it predicts 1 when σ(x) &gt; 0.5 (binary logistic regression).
 */
public final class Sigmoid extends ActivationFunction {

    @Override
    protected void compute(DMatrixRMaj x, DMatrixRMaj y) {
        int size = x.getNumElements();
        for (int k = 0; k < size; k++) {
            y.data[k] = 1.0 / (1.0 + Math.exp(-x.data[k]));
        }
    }

    @Override
    protected void gradient(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj dy, DMatrixRMaj dx) {
        int size = dy.getNumElements();
        for (int k = 0; k < size; k++) {
            double s = y.data[k];
            dx.data[k] = dy.data[k] * s * (1.0 - s);
        }
    }

    /** 1 where the output is above 0.5, else 0. */
    @Override
    public DMatrixRMaj predictions(DMatrixRMaj outputs) {
        DMatrixRMaj p = new DMatrixRMaj(outputs.numRows, outputs.numCols);
        for (int k = 0; k < outputs.getNumElements(); k++) {
            p.data[k] = outputs.data[k] > 0.5 ? 1.0 : 0.0;
        }
        return p;
    }
}
