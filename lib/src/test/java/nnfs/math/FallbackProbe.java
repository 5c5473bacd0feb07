package nnfs.math;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

import nnfs.layers.Dense;
import nnfs.random.NumpyRandom;

/**
 * Run in a separate JVM by {@link BackendsTest}: one forward and backward pass of a layer large enough for the fast
 * path; prints the backend line, the layer's backend and a fingerprint of every number it computed.
 */
public final class FallbackProbe {

    private FallbackProbe() {
    }

    public static void main(String[] args) {
        System.out.println(Products.backend());
        System.out.println(run());
    }

    /** "Java: <hash of the bits of output, dweights, dbiases, dinputs>" for a 256→128 layer and a batch of 64. */
    static String run() {
        NumpyRandom random = new NumpyRandom(5);
        Dense layer = new Dense(256, 128, random);
        DMatrixRMaj x = random.randn(64, 256);
        DMatrixRMaj d = random.randn(64, 128);
        layer.forward(x);
        layer.backward(d);
        return layer.productsBackend() + ": " + fingerprint(layer.output()) + " " + fingerprint(layer.dweights()) + " "
                + fingerprint(layer.dbiases()) + " " + fingerprint(layer.dinputs());
    }

    private static int fingerprint(DMatrixRMaj m) {
        long[] bits = new long[m.getNumElements()];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = Double.doubleToLongBits(m.data[k]);
        }
        return Arrays.hashCode(bits);
    }
}
