package nnfs.layers;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.random.NumpyRandom;

/**
 * Dropout: while training, each input is zeroed with probability {@code rate}; the survivors are scaled up by
 * 1/(1 − rate) so that the expected sum stays the same ("inverted" dropout). At inference it passes inputs through.
 *
 * <pre>
 * training:   mask_ij = Bernoulli(1 − rate) / (1 − rate)      output = inputs ⊙ mask
 * inference:  output = inputs
 * backward:   dinputs = dvalues ⊙ mask                          (mask of ones at inference)
 * </pre>
 *
 * <p>The mask is drawn with NumPy's {@code binomial(1, 1 − rate, size=inputs.shape)} from the generator given to the
 * constructor, so a seed gives the same masks as the Python original.
 */
public final class Dropout implements Layer {

    private final double rate;
    private final NumpyRandom random;
    // Per-batch buffers, resized only when the batch shape changes.
    private final DMatrixRMaj mask = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj output = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);
    private boolean frozen;
    private boolean forwardDone;

    /** Dropout drawing from {@link NumpyRandom#global()}, as the book's does from NumPy's global state. */
    public Dropout(double rate) {
        this(rate, NumpyRandom.global());
    }

    /** Dropout of the given rate (the fraction of inputs zeroed while training), drawing masks from {@code random}. */
    public Dropout(double rate, NumpyRandom random) {
        this.rate = Checks.requireFraction("Dropout", "rate", rate);
        Checks.requireNonNull("Dropout", "new", random, "a random generator");
        this.random = random;
    }

    /** Training-mode forward pass, as the book's {@code Layer_Dropout.forward}. */
    @Override
    public void forward(DMatrixRMaj inputs) {
        forward(inputs, true);
    }

    @Override
    public void forward(DMatrixRMaj inputs, boolean training) {
        Checks.requireNonNull(this, "forward", inputs, "inputs");
        output.reshape(inputs.numRows, inputs.numCols);
        boolean reuse = frozen && mask.numRows == inputs.numRows && mask.numCols == inputs.numCols;
        if (!training) {
            mask.reshape(inputs.numRows, inputs.numCols);
            mask.fill(1.0);
        } else if (!reuse) {
            // mask = binomial(1, keep) / keep, drawn row by row as NumPy draws it: a draw of 1 is written as 1 / keep
            // (computed once, as the division of 1.0 by keep gives it)
            double keep = 1.0 - rate;
            mask.reshape(inputs.numRows, inputs.numCols);
            random.fillBernoulli(keep, 1.0 / keep, mask);
        }
        for (int k = 0; k < inputs.getNumElements(); k++) {
            output.data[k] = inputs.data[k] * mask.data[k];
        }
        forwardDone = true;
    }

    @Override
    public void backward(DMatrixRMaj dvalues) {
        if (!forwardDone) {
            throw new IllegalStateException(this + ".backward: expected forward to be called first, got no mask yet");
        }
        Checks.requireShape(this, "backward", dvalues, mask.numRows, mask.numCols, "dvalues (the output's shape)");
        dinputs.reshape(dvalues.numRows, dvalues.numCols);
        for (int k = 0; k < dvalues.getNumElements(); k++) {
            dinputs.data[k] = dvalues.data[k] * mask.data[k];
        }
    }

    /**
     * While frozen, training-mode forward passes reuse the last mask instead of drawing a new one (as long as the
     * batch shape stays the same): a gradient check needs the same function at every nudge.
     */
    public void freezeMask(boolean freeze) {
        this.frozen = freeze;
    }

    /** The fraction of inputs dropped while training. */
    public double rate() {
        return rate;
    }

    /** The last mask: 0 where an input was dropped, 1/(1 − rate) where it was kept (all ones at inference). */
    public DMatrixRMaj mask() {
        return mask;
    }

    @Override
    public DMatrixRMaj output() {
        return output;
    }

    @Override
    public DMatrixRMaj dinputs() {
        return dinputs;
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
