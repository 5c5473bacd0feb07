package nnfs.math;

import org.ejml.data.DMatrixRMaj;

/**
 * The three products of one dense layer, behind which sits either the plain Java kernels of {@link Products} (the
 * readable reference, bit for bit the same on every machine) or OpenBLAS (fast on large layers). A dense layer gets
 * one from {@link Products#forLayer} and keeps it: an implementation may hold work buffers sized for that layer.
 *
 * <pre>
 * forward:   Z  = X · W + b
 * backward:  dW = Xᵀ · D,   db = Σ_rows D,   dX = D · Wᵀ
 * </pre>
 */
public interface DenseProducts {

    /** Z = X · W + b. Z is reshaped to batch × out and must not be an input. */
    void forward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj z);

    /**
     * dW = Xᵀ·D, db = Σ_rows D and, unless {@code dx} is null, dX = D·Wᵀ. The outputs are reshaped to fit and must not
     * be inputs.
     */
    void backward(DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w, DMatrixRMaj dw, DMatrixRMaj db, DMatrixRMaj dx);

    /** "Java" or "OpenBLAS": which code computes the products. */
    String name();
}
