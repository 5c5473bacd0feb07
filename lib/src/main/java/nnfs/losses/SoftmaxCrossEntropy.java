package nnfs.losses;

import org.ejml.data.DMatrixRMaj;

import nnfs.activations.Softmax;
import nnfs.data.Targets;

/**
 * Softmax followed by categorical cross-entropy, with the short backward pass the two allow together.
 *
 * <pre>
 * forward:   ŷ = softmax(z),  L = mean_i(−log ŷ_i,k)
 * backward:  ∂L/∂z_ij = (ŷ_ij − y_ij) / n
 * </pre>
 *
 * <p>The chain rule through softmax's Jacobian and cross-entropy's gradient collapses to "probabilities minus the
 * one-hot truth": no Jacobian, no division by ŷ. It gives the same numbers as {@link Softmax#backward} after
 * {@link CategoricalCrossEntropy#backward} (up to rounding) in a fraction of the time.
 */
public final class SoftmaxCrossEntropy {

    /** Only its target check is used, which keeps no state. */
    private static final CategoricalCrossEntropy TARGET_CHECK = new CategoricalCrossEntropy();

    private final Softmax activation = new Softmax();
    private final CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
    private final DMatrixRMaj dinputs = new DMatrixRMaj(0, 0);

    /** Applies softmax to {@code inputs} (kept in {@link #output()}) and returns the mean cross-entropy. */
    public double forward(DMatrixRMaj inputs, Targets yTrue) {
        activation.forward(inputs);
        return loss.calculate(activation.output(), yTrue);
    }

    /** {@link #forward(DMatrixRMaj, Targets)} for class labels. */
    public double forward(DMatrixRMaj inputs, int[] labels) {
        return forward(inputs, Targets.classes(labels));
    }

    /** {@link #forward(DMatrixRMaj, Targets)} for one-hot labels. */
    public double forward(DMatrixRMaj inputs, DMatrixRMaj oneHot) {
        return forward(inputs, Targets.values(oneHot));
    }

    /**
     * Computes {@link #dinputs()}, the gradient with respect to the softmax inputs, from {@code dvalues}: the softmax
     * outputs ({@link #output()}) as in the book.
     */
    public void backward(DMatrixRMaj dvalues, Targets yTrue) {
        gradient(dvalues, yTrue, dinputs);
    }

    /**
     * The combined gradient (ŷ − y)/n of the mean cross-entropy with respect to the softmax inputs, written into
     * {@code out} (reshaped to fit), from the softmax outputs {@code probabilities}. {@link nnfs.model.Model} uses it
     * when a network ends in softmax and is trained with categorical cross-entropy.
     */
    public static void gradient(DMatrixRMaj probabilities, Targets yTrue, DMatrixRMaj out) {
        TARGET_CHECK.checkTargets("backward", probabilities, yTrue);
        int n = probabilities.numRows;
        int cols = probabilities.numCols;
        int[] labels = yTrue instanceof Targets.Classes classes ? classes.labels()
                : Softmax.classes(((Targets.Values) yTrue).matrix());   // one-hot rows: the true class is the 1
        out.setTo(probabilities);
        for (int i = 0; i < n; i++) {
            out.data[i * cols + labels[i]] -= 1.0;
        }
        for (int k = 0; k < n * cols; k++) {
            out.data[k] /= n;
        }
    }

    /** {@link #backward(DMatrixRMaj, Targets)} for class labels. */
    public void backward(DMatrixRMaj dvalues, int[] labels) {
        backward(dvalues, Targets.classes(labels));
    }

    /** {@link #backward(DMatrixRMaj, Targets)} for one-hot labels. */
    public void backward(DMatrixRMaj dvalues, DMatrixRMaj oneHot) {
        backward(dvalues, Targets.values(oneHot));
    }

    /** The softmax probabilities from the last {@link #forward} call. */
    public DMatrixRMaj output() {
        return activation.output();
    }

    /** The gradient from the last {@link #backward} call, shaped like the softmax inputs. */
    public DMatrixRMaj dinputs() {
        return dinputs;
    }

    /** The softmax half. */
    public Softmax activation() {
        return activation;
    }

    /** The cross-entropy half. */
    public CategoricalCrossEntropy loss() {
        return loss;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy";
    }
}
