package nnfs.metrics;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import nnfs.Checks;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How often each true class was predicted as each class: row = the true class, column = the prediction. The diagonal
 * holds the right answers; everything off it shows which classes the model mixes up.
 */
public final class ConfusionMatrix {

    private final long[][] counts;
    private final List<String> names;

    private ConfusionMatrix(long[][] counts, List<String> names) {
        this.counts = counts;
        this.names = names;
    }

    /** Counts the pairs (actual[i], predicted[i]); labels must be in [0, classNames.size()). */
    public static ConfusionMatrix of(int[] actual, int[] predicted, List<String> classNames) {
        Checks.requireNonNull("ConfusionMatrix", "of", actual, "the true labels");
        Checks.requireNonNull("ConfusionMatrix", "of", predicted, "the predicted labels");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix.of: expected one prediction per label ("
                    + actual.length + "), got " + predicted.length);
        }
        int k = classNames.size();
        long[][] counts = new long[k][k];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= k || predicted[i] < 0 || predicted[i] >= k) {
                throw new IllegalArgumentException("ConfusionMatrix.of: expected labels in [0, " + k + "), got "
                        + actual[i] + " (true) and " + predicted[i] + " (predicted) at sample " + i);
            }
            counts[actual[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, List.copyOf(classNames));
    }

    /** How many samples of class {@code actual} were predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** The share of class {@code c}'s samples predicted as {@code c} (its recall). */
    public double recall(int c) {
        long total = 0;
        for (long n : counts[c]) {
            total += n;
        }
        return total == 0 ? Double.NaN : (double) counts[c][c] / total;
    }

    /** The share of all samples on the diagonal. */
    public double accuracy() {
        long right = 0;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            for (int j = 0; j < counts.length; j++) {
                total += counts[i][j];
                right += i == j ? counts[i][j] : 0;
            }
        }
        return (double) right / total;
    }

    /** As a table: one row per true class, one column per predicted class. */
    public Table table() {
        Table t = Table.create("confusion matrix (rows: true class, columns: predicted)");
        t.addColumns(StringColumn.create("true \\ predicted", names));
        for (int j = 0; j < names.size(); j++) {
            int[] column = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                column[i] = Math.toIntExact(counts[i][j]);
            }
            t.addColumns(IntColumn.create(names.get(j), column));
        }
        return t;
    }

    /** As a heat map: darker cells for larger counts. */
    public BufferedImage plot(String title) {
        int k = names.size();
        List<Number[]> heat = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                heat.add(new Number[] {j, k - 1 - i, counts[i][j]});
            }
        }
        List<String> rowsTopDown = new ArrayList<>(names);
        java.util.Collections.reverse(rowsTopDown);
        HeatMapChart chart = new HeatMapChartBuilder().width(760).height(640).title(title)
                .xAxisTitle("predicted").yAxisTitle("true class").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setPlotContentSize(1.0);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setRangeColors(new java.awt.Color[] {new java.awt.Color(247, 251, 255),
            new java.awt.Color(107, 174, 214), new java.awt.Color(8, 48, 107)});
        chart.addSeries("counts", names, rowsTopDown, heat);
        return BitmapEncoder.getBufferedImage(chart);
    }

    @Override
    public String toString() {
        return table().printAll();
    }
}
