package nnfs.math;

import org.ejml.data.DMatrixRMaj;

/** The plain Java kernels of {@link Products}, with the layer's Wᵀ and dWᵀ work buffers. */
final class JavaProducts implements DenseProducts {

    private final DMatrixRMaj wT = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dwT = new DMatrixRMaj(0, 0);

    @Override
    public void forward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj b, DMatrixRMaj z) {
        Products.transpose(w, wT);
        Products.forward(x, w, wT, b, z);
    }

    @Override
    public void backward(DMatrixRMaj x, DMatrixRMaj d, DMatrixRMaj w, DMatrixRMaj dw, DMatrixRMaj db,
            DMatrixRMaj dx) {
        Products.transpose(w, wT);
        Products.backward(x, d, w, wT, dw, dwT, db, dx);
    }

    @Override
    public String name() {
        return "Java";
    }
}
