package nnfs.model;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnfs.plots.Plots;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link Model#train} recorded: one row per optimizer step and one per epoch, with the loss split into its data
 * and regularization parts, the accuracy and the learning rate. Epoch rows also hold the validation loss and accuracy
 * when a validation set was given (NaN otherwise).
 */
public final class History {

    /** One optimizer step: the metrics of its batch, before the update. */
    public record Step(int epoch, int step, double loss, double dataLoss, double regularizationLoss,
            double accuracy, double learningRate) {
    }

    /** One epoch: the data loss and accuracy accumulated over its batches, and the validation results. */
    public record Epoch(int epoch, double loss, double dataLoss, double regularizationLoss, double accuracy,
            double learningRate, double validationLoss, double validationAccuracy) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Epoch> epochs = new ArrayList<>();

    void add(Step step) {
        steps.add(step);
    }

    void add(Epoch epoch) {
        epochs.add(epoch);
    }

    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    public List<Epoch> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch's row. */
    public Epoch last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("History.last: no epoch has been recorded");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The per-step rows as a table: epoch, step, loss, data_loss, reg_loss, accuracy, learning_rate. */
    public Table stepTable() {
        Table t = Table.create("steps");
        t.addColumns(IntColumn.create("epoch", steps.stream().mapToInt(Step::epoch).toArray()),
                IntColumn.create("step", steps.stream().mapToInt(Step::step).toArray()),
                DoubleColumn.create("loss", steps.stream().mapToDouble(Step::loss).toArray()),
                DoubleColumn.create("data_loss", steps.stream().mapToDouble(Step::dataLoss).toArray()),
                DoubleColumn.create("reg_loss", steps.stream().mapToDouble(Step::regularizationLoss).toArray()),
                DoubleColumn.create("accuracy", steps.stream().mapToDouble(Step::accuracy).toArray()),
                DoubleColumn.create("learning_rate", steps.stream().mapToDouble(Step::learningRate).toArray()));
        return t;
    }

    /** The per-epoch rows as a table, with validation_loss and validation_accuracy (NaN when not measured). */
    public Table epochTable() {
        Table t = Table.create("epochs");
        t.addColumns(IntColumn.create("epoch", epochs.stream().mapToInt(Epoch::epoch).toArray()),
                DoubleColumn.create("loss", epochs.stream().mapToDouble(Epoch::loss).toArray()),
                DoubleColumn.create("data_loss", epochs.stream().mapToDouble(Epoch::dataLoss).toArray()),
                DoubleColumn.create("reg_loss", epochs.stream().mapToDouble(Epoch::regularizationLoss).toArray()),
                DoubleColumn.create("accuracy", epochs.stream().mapToDouble(Epoch::accuracy).toArray()),
                DoubleColumn.create("learning_rate", epochs.stream().mapToDouble(Epoch::learningRate).toArray()),
                DoubleColumn.create("validation_loss", epochs.stream().mapToDouble(Epoch::validationLoss).toArray()),
                DoubleColumn.create("validation_accuracy",
                        epochs.stream().mapToDouble(Epoch::validationAccuracy).toArray()));
        return t;
    }

    /** Writes the per-epoch table to a CSV file. */
    public void saveCsv(Path file) throws IOException {
        epochTable().write().csv(file.toFile());
    }

    /**
     * Loss and accuracy against the epoch, training and (where measured) validation, side by side. With one epoch
     * of many steps the curves are drawn per step instead. The loss panel compares like with like (see
     * {@link #lossCurves()}).
     */
    public BufferedImage plot(String title) {
        if (epochs.size() < 2 && steps.size() > 1) {
            double[] x = steps.stream().mapToDouble(s -> s.step()).toArray();
            return Plots.trainingCurves(title, x, steps.stream().mapToDouble(Step::loss).toArray(),
                    steps.stream().mapToDouble(Step::accuracy).toArray());
        }
        double[] x = epochs.stream().mapToDouble(Epoch::epoch).toArray();
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        accuracy.put("training", epochs.stream().mapToDouble(Epoch::accuracy).toArray());
        if (hasValidation()) {
            accuracy.put("validation", epochs.stream().mapToDouble(Epoch::validationAccuracy).toArray());
        }
        return Plots.sideBySide(Plots.lines(title + ": loss", "epoch", "loss", x, lossCurves()),
                Plots.lines(title + ": accuracy", "epoch", "accuracy", x, accuracy));
    }

    /**
     * The per-epoch curves of {@link #plot}'s loss panel, by legend. The validation loss is a data loss only (a
     * penalty on the weights says nothing about the validation data), so the training curve drawn next to it is the
     * data loss too; when the model has a regularization penalty, the full training loss (data + regularization,
     * what the optimizer minimises) is a third curve.
     */
    Map<String, double[]> lossCurves() {
        Map<String, double[]> loss = new LinkedHashMap<>();
        boolean regularized = epochs.stream().anyMatch(e -> e.regularizationLoss() != 0);
        loss.put(regularized ? "training, data loss" : "training",
                epochs.stream().mapToDouble(Epoch::dataLoss).toArray());
        if (hasValidation()) {
            loss.put(regularized ? "validation, data loss" : "validation",
                    epochs.stream().mapToDouble(Epoch::validationLoss).toArray());
        }
        if (regularized) {
            loss.put("training, data + regularization", epochs.stream().mapToDouble(Epoch::loss).toArray());
        }
        return loss;
    }

    private boolean hasValidation() {
        return !epochs.isEmpty() && epochs.stream().allMatch(e -> !Double.isNaN(e.validationLoss()));
    }

    @Override
    public String toString() {
        return "History(" + epochs.size() + " epochs, " + steps.size() + " steps)";
    }
}
