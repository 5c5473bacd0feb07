package nnfs.math;

import static nnfs.Assertions2.assertMatrixEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnfs.random.NumpyRandom;

/** The dense layer's products against EJML, the readable reference, on shapes of every kind. */
class ProductsTest {

    @ParameterizedTest(name = "batch {0}, in {1}, out {2}")
    @CsvSource({"1,1,1", "5,2,3", "300,2,64", "300,64,3", "7,64,64", "128,784,128", "3,1,9", "9,9,1", "4,13,13"})
    void forwardAndBackwardEqualEjml(int batch, int in, int out) {
        NumpyRandom random = new NumpyRandom(batch * 1000L + in * 10L + out);
        DMatrixRMaj x = random.randn(batch, in);
        // Some exact zeros, as after a ReLU: the kernels skip them.
        for (int k = 0; k < x.getNumElements(); k += 3) {
            x.data[k] = 0.0;
        }
        DMatrixRMaj w = random.randn(in, out);
        DMatrixRMaj b = random.randn(1, out);
        DMatrixRMaj d = random.randn(batch, out);
        DMatrixRMaj wT = new DMatrixRMaj(0, 0);
        Products.transpose(w, wT);
        assertMatrixEquals(CommonOps_DDRM.transpose(w, null), wT, 0.0);

        DMatrixRMaj z = new DMatrixRMaj(0, 0);
        Products.forward(x, w, wT, b, z);
        DMatrixRMaj expectedZ = new DMatrixRMaj(batch, out);
        CommonOps_DDRM.mult(x, w, expectedZ);
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < out; j++) {
                expectedZ.add(i, j, b.get(0, j));
            }
        }
        double tolerance = 1e-12 * Math.max(in, out);
        assertMatrixEquals(expectedZ, z, tolerance);

        DMatrixRMaj dw = new DMatrixRMaj(0, 0);
        DMatrixRMaj dwT = new DMatrixRMaj(0, 0);
        DMatrixRMaj db = new DMatrixRMaj(0, 0);
        DMatrixRMaj dx = new DMatrixRMaj(0, 0);
        Products.backward(x, d, w, wT, dw, dwT, db, dx);
        assertMatrixEquals(CommonOps_DDRM.multTransA(x, d, null), dw, 1e-12 * batch);
        assertMatrixEquals(CommonOps_DDRM.sumCols(d, null), db, 1e-12 * batch);
        assertMatrixEquals(CommonOps_DDRM.multTransB(d, w, null), dx, tolerance);
    }
}
