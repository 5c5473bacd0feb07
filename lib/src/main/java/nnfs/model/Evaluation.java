package nnfs.model;

import java.util.Locale;

/** The result of {@link Model#evaluate}: the mean data loss and the accuracy over a whole data set. */
public record Evaluation(double loss, double accuracy) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "validation, acc: %.3f, loss: %.3f", accuracy, loss);
    }
}
