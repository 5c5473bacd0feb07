package nnfs.layers;

import org.ejml.data.DMatrixRMaj;

/**
 * One step of a network: it turns a batch of inputs into a batch of outputs ({@link #forward}) and, given how the
 * loss changes with its outputs, works out how the loss changes with its inputs ({@link #backward}).
 *
 * <p>Rows are samples, columns are features, as in the book. A layer owns its {@link #output()} and
 * {@link #dinputs()} matrices and reuses them from call to call (they are resized when the batch size changes): copy
 * one with {@code .copy()} to keep it past the next call.
 */
public interface Layer {

    /** Computes {@link #output()} from {@code inputs}. The inputs are kept by reference for {@link #backward}. */
    void forward(DMatrixRMaj inputs);

    /**
     * Forward pass in training or in inference mode. Only layers that behave differently while training (dropout)
     * care; the others ignore the flag.
     */
    default void forward(DMatrixRMaj inputs, boolean training) {
        forward(inputs);
    }

    /**
     * Computes {@link #dinputs()}, the gradient of the loss with respect to this layer's inputs, from
     * {@code dvalues}, the gradient with respect to its outputs; trainable layers also compute their parameters'
     * gradients. Must follow a {@link #forward} call.
     */
    void backward(DMatrixRMaj dvalues);

    /** The result of the last {@link #forward} call: one row per sample. */
    DMatrixRMaj output();

    /** The result of the last {@link #backward} call: same shape as the last inputs. */
    DMatrixRMaj dinputs();
}
