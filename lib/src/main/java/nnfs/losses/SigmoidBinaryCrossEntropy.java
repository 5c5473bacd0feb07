package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.activations.Sigmoid;
import nnfs.data.Targets;

/**
 * Sigmoid followed by binary cross-entropy, with the short backward pass the two allow together.
 *
 * <pre>
 * forward:   ŷ = σ(z),  L = mean over samples of (1/J) Σ_j −[y log ŷ + (1 − y) log(1 − ŷ)]
 * backward:  ∂L/∂z_ij = (ŷ_ij − y_ij) / J / n
 * </pre>
 *
 * <p>σ'(z) = ŷ(1 − ŷ) cancels the denominators of the cross-entropy gradient, as softmax's Jacobian does for
 * categorical cross-entropy.
 */
public final class SigmoidBinaryCrossEntropy {

    /** Only its target check is used, which keeps no state. */
    private static final BinaryCrossEntropy TARGET_CHECK = new BinaryCrossEntropy();

    private final Sigmoid activation = new Sigmoid();
    private final BinaryCrossEntropy loss = new BinaryCrossEntropy();
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);

    /** Applies the sigmoid to {@code inputs} (kept in {@link #output()}) and returns the mean binary cross-entropy. */
    public double forward(DMatrixRMaj inputs, DMatrixRMaj targets) {
        activation.forward(inputs);
        return loss.calculate(activation.output(), targets);
    }

    /** Computes {@link #dinputs()} from the sigmoid outputs {@code dvalues} ({@link #output()}, as in the book). */
    public void backward(DMatrixRMaj dvalues, DMatrixRMaj targets) {
        gradient(dvalues, Targets.values(targets), dinputs);
    }

    /** The combined gradient (ŷ − y)/J/n into {@code out} (reshaped to fit), from the sigmoid outputs. */
    public static void gradient(DMatrixRMaj probabilities, Targets yTrue, DMatrixRMaj out) {
        if (!(yTrue instanceof Targets.Values values)) {
            throw new IllegalArgumentException(TARGET_CHECK + ".backward: expected a matrix of 0/1 targets shaped like the "
                    + "predictions, got class labels");
        }
        TARGET_CHECK.checkTargets("backward", probabilities, yTrue);
        int n = probabilities.numRows;
        int outputs = probabilities.numCols;
        double[] y = values.matrix().data;
        out.reshape(n, outputs);
        for (int k = 0; k < n * outputs; k++) {
            out.data[k] = (probabilities.data[k] - y[k]) / outputs / n;
        }
    }

    public DMatrixRMaj output() {
        return activation.output();
    }

    public DMatrixRMaj dinputs() {
        return dinputs;
    }

    public Sigmoid activation() {
        return activation;
    }

    public BinaryCrossEntropy loss() {
        return loss;
    }

    @Override
    public String toString() {
        return "SigmoidBinaryCrossEntropy";
    }
}
