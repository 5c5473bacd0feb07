package nnfs.layers;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;

/**
 * L1 and L2 penalties on a layer's weights and biases, added to the loss to keep parameters small.
 *
 * <pre>
 * loss:      L_reg = λ1w Σ|w| + λ2w Σw² + λ1b Σ|b| + λ2b Σb²
 * gradient:  ∂L_reg/∂w = λ1w · sign(w) + 2 λ2w · w          sign(0) counted as +1, as in the book
 *            ∂L_reg/∂b = λ1b · sign(b) + 2 λ2b · b          (b, not w: one of the source notes has w here, a bug)
 * </pre>
 */
public record Regularizer(double weightL1, double weightL2, double biasL1, double biasL2) {

    /** No penalty at all. */
    public static final Regularizer NONE = new Regularizer(0, 0, 0, 0);

    public Regularizer {
        Checks.requireNonNegative("Regularizer", "weightL1", weightL1);
        Checks.requireNonNegative("Regularizer", "weightL2", weightL2);
        Checks.requireNonNegative("Regularizer", "biasL1", biasL1);
        Checks.requireNonNegative("Regularizer", "biasL2", biasL2);
    }

    /** The same L2 strength λ on weights and biases: the book's {@code weight_regularizer_l2=λ, bias_regularizer_l2=λ}. */
    public static Regularizer l2(double lambda) {
        return new Regularizer(0, lambda, 0, lambda);
    }

    /** The same L1 strength λ on weights and biases. */
    public static Regularizer l1(double lambda) {
        return new Regularizer(lambda, 0, lambda, 0);
    }

    /** True when every strength is zero. */
    public boolean isNone() {
        return weightL1 == 0 && weightL2 == 0 && biasL1 == 0 && biasL2 == 0;
    }

    /** The penalty for these parameters. */
    public double loss(DMatrixRMaj weights, DMatrixRMaj biases) {
        return penalty(weights, weightL1, weightL2) + penalty(biases, biasL1, biasL2);
    }

    /** Adds the penalty's gradient to {@code dweights} and {@code dbiases}. */
    public void addGradient(DMatrixRMaj weights, DMatrixRMaj dweights, DMatrixRMaj biases, DMatrixRMaj dbiases) {
        addGradient(weights, dweights, weightL1, weightL2);
        addGradient(biases, dbiases, biasL1, biasL2);
    }

    private static double penalty(DMatrixRMaj p, double l1, double l2) {
        double sum = 0.0;
        int n = p.getNumElements();
        if (l1 > 0) {
            double abs = 0.0;
            for (int k = 0; k < n; k++) {
                abs += Math.abs(p.data[k]);
            }
            sum += l1 * abs;
        }
        if (l2 > 0) {
            double squares = 0.0;
            for (int k = 0; k < n; k++) {
                squares += p.data[k] * p.data[k];
            }
            sum += l2 * squares;
        }
        return sum;
    }

    private static void addGradient(DMatrixRMaj p, DMatrixRMaj dp, double l1, double l2) {
        int n = p.getNumElements();
        if (l1 > 0) {
            for (int k = 0; k < n; k++) {
                dp.data[k] += p.data[k] < 0 ? -l1 : l1;
            }
        }
        if (l2 > 0) {
            for (int k = 0; k < n; k++) {
                dp.data[k] += 2 * l2 * p.data[k];
            }
        }
    }

    /** {@code L2(5.0E-4)} for the common case, the four strengths otherwise. */
    @Override
    public String toString() {
        if (isNone()) {
            return "no regularization";
        }
        if (weightL1 == 0 && biasL1 == 0 && weightL2 == biasL2) {
            return "L2(" + weightL2 + ")";
        }
        if (weightL2 == 0 && biasL2 == 0 && weightL1 == biasL1) {
            return "L1(" + weightL1 + ")";
        }
        return "Regularizer(weightL1=" + weightL1 + ", weightL2=" + weightL2 + ", biasL1=" + biasL1 + ", biasL2="
                + biasL2 + ")";
    }
}
