package nnfs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.ejml.data.DMatrixRMaj;

import nnfs.data.Targets;
import nnfs.layers.Dropout;
import nnfs.layers.Layer;
import nnfs.layers.Trainable;
import nnfs.losses.Loss;
import nnfs.losses.SigmoidBinaryCrossEntropy;
import nnfs.losses.SoftmaxCrossEntropy;

/**
 * Checks a backward pass against finite differences: nudge one number up and down by h, see how much a scalar
 * changes, and compare with the gradient backpropagation computed.
 *
 * <pre>
 * ∂f/∂x ≈ (f(x + h) − f(x − h)) / 2h          central difference, error O(h²)
 * </pre>
 *
 * <p>For a layer the scalar is {@code f = Σ output ⊙ U} for a fixed upstream gradient U, whose derivative with
 * respect to the inputs is exactly what {@code backward(U)} must return. For a loss it is the loss itself.
 */
public final class GradientCheck {

    /** The finite-difference step h: small enough for the O(h²) error, large enough for rounding (~1e−16 / h). */
    public static final double STEP = 1e-6;

    private GradientCheck() {
    }

    /**
     * Checks {@code dinputs} (and {@code dweights}, {@code dbiases} for a trainable layer) of {@code layer}. For a
     * trainable layer the scalar also includes its regularization loss, whose gradient {@code backward} adds; a
     * dropout layer keeps the mask of its first pass for the whole check.
     */
    public static Report layer(Layer layer, DMatrixRMaj inputs, DMatrixRMaj upstream) {
        Dropout dropout = layer instanceof Dropout d ? d : null;
        layer.forward(inputs);
        if (dropout != null) {
            dropout.freezeMask(true);
        }
        try {
            layer.backward(upstream);
            List<Comparison> comparisons = new ArrayList<>();
            DMatrixRMaj x = inputs.copy();
            ToDoubleFunction<DMatrixRMaj> atInputs = point -> scalar(layer, point, upstream);
            comparisons.add(new Comparison("dinputs", layer.dinputs().copy(), numeric(atInputs, x)));
            if (layer instanceof Trainable trainable) {
                DMatrixRMaj dweights = trainable.dweights().copy();
                DMatrixRMaj dbiases = trainable.dbiases().copy();
                ToDoubleFunction<DMatrixRMaj> atParameters = ignored -> scalar(layer, inputs, upstream);
                comparisons.add(new Comparison("dweights", dweights, numeric(atParameters, trainable.weights())));
                comparisons.add(new Comparison("dbiases", dbiases, numeric(atParameters, trainable.biases())));
            }
            return new Report(layer.toString(), comparisons);
        } finally {
            if (dropout != null) {
                dropout.freezeMask(false);
            }
        }
    }

    /** f = Σ output ⊙ U, plus the layer's regularization loss when it has one. */
    private static double scalar(Layer layer, DMatrixRMaj inputs, DMatrixRMaj upstream) {
        double f = dot(forward(layer, inputs), upstream);
        return layer instanceof Trainable trainable ? f + trainable.regularizationLoss() : f;
    }

    /** Checks a loss's {@code dinputs}: the gradient of the mean loss with respect to the predictions. */
    public static Report loss(Loss loss, DMatrixRMaj predictions, Targets targets) {
        loss.backward(predictions, targets);
        DMatrixRMaj analytic = loss.dinputs().copy();
        DMatrixRMaj point = predictions.copy();
        DMatrixRMaj numeric = numeric(p -> loss.calculate(p, targets), point);
        return new Report(loss.toString(), List.of(new Comparison("dinputs", analytic, numeric)));
    }

    /** Checks the combined softmax + cross-entropy gradient with respect to the softmax inputs (the logits). */
    public static Report softmaxCrossEntropy(SoftmaxCrossEntropy combined, DMatrixRMaj logits, Targets targets) {
        combined.forward(logits, targets);
        combined.backward(combined.output(), targets);
        DMatrixRMaj analytic = combined.dinputs().copy();
        DMatrixRMaj numeric = numeric(z -> combined.forward(z, targets), logits.copy());
        return new Report(combined.toString(), List.of(new Comparison("dinputs", analytic, numeric)));
    }

    /**
     * The central-difference gradient of {@code f} at {@code point}, nudging each element of {@code point} in place
     * (and putting it back). {@code f} must read {@code point} when called.
     */
    public static DMatrixRMaj numeric(ToDoubleFunction<DMatrixRMaj> f, DMatrixRMaj point) {
        DMatrixRMaj gradient = new DMatrixRMaj(point.numRows, point.numCols);
        for (int k = 0; k < point.getNumElements(); k++) {
            double saved = point.data[k];
            point.data[k] = saved + STEP;
            double up = f.applyAsDouble(point);
            point.data[k] = saved - STEP;
            double down = f.applyAsDouble(point);
            point.data[k] = saved;
            gradient.data[k] = (up - down) / (2 * STEP);
        }
        return gradient;
    }

    /** Checks the combined sigmoid + binary cross-entropy gradient with respect to the sigmoid inputs. */
    public static Report sigmoidBinaryCrossEntropy(SigmoidBinaryCrossEntropy combined, DMatrixRMaj logits,
            DMatrixRMaj targets) {
        combined.forward(logits, targets);
        combined.backward(combined.output(), targets);
        DMatrixRMaj analytic = combined.dinputs().copy();
        DMatrixRMaj numeric = numeric(z -> combined.forward(z, targets), logits.copy());
        return new Report(combined.toString(), List.of(new Comparison("dinputs", analytic, numeric)));
    }

    private static DMatrixRMaj forward(Layer layer, DMatrixRMaj inputs) {
        layer.forward(inputs);
        return layer.output();
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double sum = 0.0;
        for (int k = 0; k < a.getNumElements(); k++) {
            sum += a.data[k] * b.data[k];
        }
        return sum;
    }

    /** One gradient computed both ways. */
    public record Comparison(String name, DMatrixRMaj analytic, DMatrixRMaj numeric) {

        /** The largest |analytic − numeric| over the elements. */
        public double maxAbsoluteError() {
            double max = 0.0;
            for (int k = 0; k < analytic.getNumElements(); k++) {
                max = Math.max(max, Math.abs(analytic.data[k] - numeric.data[k]));
            }
            return max;
        }

        /**
         * ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖), Euclidean norms: 0 for identical gradients, about 1e−9
         * for a correct backward pass, and of order 1 for a wrong one. Zero when both gradients are zero.
         */
        public double relativeError() {
            double diff = 0.0;
            double a = 0.0;
            double n = 0.0;
            for (int k = 0; k < analytic.getNumElements(); k++) {
                double d = analytic.data[k] - numeric.data[k];
                diff += d * d;
                a += analytic.data[k] * analytic.data[k];
                n += numeric.data[k] * numeric.data[k];
            }
            double scale = Math.sqrt(a) + Math.sqrt(n);
            return scale == 0.0 ? 0.0 : Math.sqrt(diff) / scale;
        }
    }

    /** The comparisons made for one layer or loss. */
    public record Report(String subject, List<Comparison> comparisons) {

        /** The largest relative error of all the comparisons. */
        public double worstRelativeError() {
            return comparisons.stream().mapToDouble(Comparison::relativeError).max().orElse(0.0);
        }

        /** True when every relative error is at most {@code tolerance}. */
        public boolean passes(double tolerance) {
            return worstRelativeError() <= tolerance;
        }

        /** The comparison with the given name ("dinputs", "dweights", "dbiases"). */
        public Comparison get(String name) {
            return comparisons.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("GradientCheck.Report.get: expected one of "
                            + comparisons.stream().map(Comparison::name).toList() + ", got " + name));
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("Gradient check of ").append(subject).append('\n');
            for (Comparison c : comparisons) {
                s.append(String.format("  %-9s relative error %.2e   max |analytic − numeric| %.2e%n", c.name(),
                        c.relativeError(), c.maxAbsoluteError()));
            }
            return s.toString().stripTrailing();
        }
    }
}
