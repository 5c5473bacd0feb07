package nnfs.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

import org.ejml.data.DMatrixRMaj;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import nnfs.Checks;
import nnfs.Matrices;
import nnfs.data.Dataset;
import nnfs.layers.Layer;

/**
 * Plots as images. Every method returns a {@link BufferedImage}: the last expression of a notebook cell, it renders as
 * a PNG in Jupyter (and in the HTML book); elsewhere it can be written with {@code ImageIO.write}.
 */
public final class Plots {

    /** The default size of a plot, in pixels. */
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;

    /** Cells per side of a decision-boundary background. */
    private static final int GRID = 160;

    private Plots() {
    }

    /** The samples of a classification set, coloured by class (2-d data: the first two columns). */
    public static BufferedImage scatter(Dataset data, String title) {
        return scatter(data.X(), data.labels(), title);
    }

    /** Points {@code X} (first two columns) coloured by {@code labels}. */
    public static BufferedImage scatter(DMatrixRMaj X, int[] labels, String title) {
        XYChart chart = chart(title, "x₁", "x₂");
        addClassPoints(chart, X, labels);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * What a trained classifier predicts over the whole plane, as pale regions, with the samples on top.
     *
     * @param classify turns a batch of points (one row each, two columns) into their predicted classes
     */
    public static BufferedImage decisionBoundary(Dataset data, Function<DMatrixRMaj, int[]> classify, String title) {
        DMatrixRMaj X = data.X();
        int[] labels = data.labels();
        Checks.requireColumns("Plots", "decisionBoundary", X, 2, "data");
        double[] xs = Matrices.column(X, 0);
        double[] ys = Matrices.column(X, 1);
        double[] xRange = paddedRange(xs);
        double[] yRange = paddedRange(ys);

        DMatrixRMaj grid = new DMatrixRMaj(GRID * GRID, 2);
        for (int i = 0; i < GRID; i++) {
            for (int j = 0; j < GRID; j++) {
                grid.set(i * GRID + j, 0, xRange[0] + (j + 0.5) * (xRange[1] - xRange[0]) / GRID);
                grid.set(i * GRID + j, 1, yRange[0] + (i + 0.5) * (yRange[1] - yRange[0]) / GRID);
            }
        }
        int[] predicted = classify.apply(grid);
        if (predicted == null || predicted.length != grid.numRows) {
            throw new IllegalArgumentException("Plots.decisionBoundary: expected the classifier to return "
                    + grid.numRows + " classes (one per grid point), got "
                    + (predicted == null ? "null" : predicted.length));
        }
        int classCount = Math.max(classCount(labels), classCount(predicted));

        XYChart chart = chart(title, "x₁", "x₂");
        chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
        chart.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        // Let the regions fill the plot area to its edges.
        chart.getStyler().setPlotContentSize(1.0);
        // A cell is about (plot width / GRID) pixels wide; overlap a little so that no gaps show.
        double cell = Math.ceil((double) WIDTH / GRID * 1.25) + 1;
        for (int c = 0; c < classCount; c++) {
            List<Double> cx = new ArrayList<>();
            List<Double> cy = new ArrayList<>();
            for (int k = 0; k < predicted.length; k++) {
                if (predicted[k] == c) {
                    cx.add(grid.get(k, 0));
                    cy.add(grid.get(k, 1));
                }
            }
            if (!cx.isEmpty()) {
                XYSeries region = chart.addSeries("region " + c, cx, cy);
                region.setMarker(new FixedSquare(cell));
                region.setMarkerColor(ClassColors.pale(c, classCount));
                region.setShowInLegend(false);
            }
        }
        addClassPoints(chart, X, labels);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Curves over a common x axis, one per entry of {@code series} (name → values), in insertion order.
     */
    public static BufferedImage lines(String title, String xLabel, String yLabel, double[] x,
            Map<String, double[]> series) {
        return BitmapEncoder.getBufferedImage(lineChart(title, xLabel, yLabel, x, series));
    }

    /** Like {@link #lines}, with a logarithmic y axis: for losses that fall over orders of magnitude. */
    public static BufferedImage logLines(String title, String xLabel, String yLabel, double[] x,
            Map<String, double[]> series) {
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            for (double v : e.getValue()) {
                if (!(v > 0)) {
                    throw new IllegalArgumentException("Plots.logLines: expected positive values for a log axis, got "
                            + v + " in series '" + e.getKey() + "'");
                }
            }
        }
        XYChart chart = lineChart(title, xLabel, yLabel, x, series);
        chart.getStyler().setYAxisLogarithmic(true);
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static XYChart lineChart(String title, String xLabel, String yLabel, double[] x,
            Map<String, double[]> series) {
        XYChart chart = chart(title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendVisible(series.size() > 1);
        // Below the plot, the legend never hides a curve.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        int nameLength = series.keySet().stream().mapToInt(name -> name.length() + 6).sum();
        chart.getStyler().setLegendLayout(nameLength <= 80 ? Styler.LegendLayout.Horizontal
                : Styler.LegendLayout.Vertical);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            if (e.getValue().length != x.length) {
                throw new IllegalArgumentException("Plots.lines: expected " + x.length + " values for series '"
                        + e.getKey() + "' (one per x), got " + e.getValue().length);
            }
            XYSeries s = chart.addSeries(e.getKey(), x, e.getValue());
            s.setMarker(SeriesMarkers.NONE);
        }
        if (x.length > 1 && !series.isEmpty()) {
            addTickAnchor(chart, x, series.values().iterator().next());
        }
        return chart;
    }

    /**
     * XChart puts a tick on every n-th data value (with labels like 4.074999999999999, or 715, 1,430, …) when an
     * axis's values are evenly spaced, as every linspace and every epoch count is. One invisible point half-way between
     * two samples makes the values uneven, so XChart chooses round ticks instead, without changing the axes.
     */
    private static void addTickAnchor(XYChart chart, double[] x, double[] y) {
        int k = (int) (0.37 * (x.length - 1));
        double ax = x[k] + 0.5 * (x[k + 1] - x[k]);
        double ay = y[k] + 0.5 * (y[k + 1] - y[k]);
        if (!Double.isFinite(ax) || !Double.isFinite(ay)) {
            return;
        }
        XYSeries anchor = chart.addSeries(" ", new double[] {ax}, new double[] {ay});
        anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setShowInLegend(false);
    }

    /** One curve: {@code y} against {@code x}. */
    public static BufferedImage line(String title, String xLabel, String yLabel, double[] x, double[] y) {
        return lines(title, xLabel, yLabel, x, Map.of(yLabel, y));
    }

    /** The graph of {@code f} between {@code from} and {@code to}. */
    public static BufferedImage function(String title, DoubleUnaryOperator f, double from, double to) {
        return function(title, "x", "y", f, from, to);
    }

    /** The graph of {@code f} between {@code from} and {@code to}, with axis labels. */
    public static BufferedImage function(String title, String xLabel, String yLabel, DoubleUnaryOperator f,
            double from, double to) {
        double[] x = new double[401];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + (to - from) * i / (x.length - 1);
            y[i] = f.applyAsDouble(x[i]);
        }
        return line(title, xLabel, yLabel, x, y);
    }

    /** The graph of an activation function between {@code from} and {@code to}, computed by its forward pass. */
    public static BufferedImage activation(Layer activation, double from, double to) {
        double[] x = new double[401];
        for (int i = 0; i < x.length; i++) {
            x[i] = from + (to - from) * i / (x.length - 1);
        }
        activation.forward(Matrices.column(x));
        return line(activation.toString(), "x", "y", x, Matrices.values(activation.output()));
    }

    /**
     * Loss and accuracy against the epoch, side by side, as a training log reads best.
     */
    public static BufferedImage trainingCurves(String title, double[] epochs, double[] loss, double[] accuracy) {
        BufferedImage left = lines(title + ": loss", "epoch", "loss", epochs, single("loss", loss));
        BufferedImage right = lines(title + ": accuracy", "epoch", "accuracy", epochs, single("accuracy", accuracy));
        return sideBySide(left, right);
    }

    /** Images placed left to right on one canvas (one image per cell output keeps a notebook tidy). */
    public static BufferedImage sideBySide(BufferedImage... images) {
        return grid(images.length, images);
    }

    /** Images in rows of {@code columns}, each cell the size of the largest image. */
    public static BufferedImage grid(int columns, BufferedImage... images) {
        Checks.requireAtLeastOne("Plots.grid", "columns", columns);
        if (images.length == 0) {
            throw new IllegalArgumentException("Plots.grid: expected at least one image, got none");
        }
        int w = 0;
        int h = 0;
        for (BufferedImage image : images) {
            w = Math.max(w, image.getWidth());
            h = Math.max(h, image.getHeight());
        }
        int rows = (images.length + columns - 1) / columns;
        int cols = Math.min(columns, images.length);
        BufferedImage canvas = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        for (int k = 0; k < images.length; k++) {
            g.drawImage(images[k], (k % columns) * w, (k / columns) * h, null);
        }
        g.dispose();
        return canvas;
    }

    /**
     * Small pictures in rows of {@code columns}, each enlarged {@code scale} times (without smoothing, so the pixels
     * stay visible) with its caption underneath.
     */
    public static BufferedImage imageGrid(List<BufferedImage> images, List<String> captions, int columns, int scale) {
        Checks.requireAtLeastOne("Plots.imageGrid", "columns", columns);
        Checks.requireAtLeastOne("Plots.imageGrid", "scale", scale);
        if (images.isEmpty() || captions.size() != images.size()) {
            throw new IllegalArgumentException("Plots.imageGrid: expected one caption per image and at least one "
                    + "image, got " + images.size() + " images and " + captions.size() + " captions");
        }
        int w = 0;
        int h = 0;
        for (BufferedImage image : images) {
            w = Math.max(w, image.getWidth() * scale);
            h = Math.max(h, image.getHeight() * scale);
        }
        int cellW = Math.max(w, 110) + 12;
        int cellH = h + 34;
        int rows = (images.size() + columns - 1) / columns;
        BufferedImage canvas = new BufferedImage(Math.min(columns, images.size()) * cellW, rows * cellH,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < images.size(); k++) {
            BufferedImage image = images.get(k);
            int x = (k % columns) * cellW + (cellW - image.getWidth() * scale) / 2;
            int y = (k / columns) * cellH + 6;
            g.drawImage(image, x, y, image.getWidth() * scale, image.getHeight() * scale, null);
            g.setColor(new Color(200, 200, 200));
            g.drawRect(x - 1, y - 1, image.getWidth() * scale + 1, image.getHeight() * scale + 1);
            g.setColor(Color.BLACK);
            String caption = captions.get(k);
            int textWidth = g.getFontMetrics().stringWidth(caption);
            g.drawString(caption, (k % columns) * cellW + (cellW - textWidth) / 2, y + h + 18);
        }
        g.dispose();
        return canvas;
    }

    /** A text label drawn on a white image, e.g. a caption above a grid of pictures. */
    public static BufferedImage caption(String text, int width) {
        BufferedImage image = new BufferedImage(width, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, 32);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(text, 8, 22);
        g.dispose();
        return image;
    }

    private static XYChart chart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        styler.setMarkerSize(6);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAntiAlias(true);
        styler.setSeriesColors(new Color[] {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
            new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)});
        return chart;
    }

    private static void addClassPoints(XYChart chart, DMatrixRMaj X, int[] labels) {
        if (X.numCols < 2) {
            throw new IllegalArgumentException("Plots: expected points with at least 2 columns, got "
                    + Matrices.shape(X));
        }
        if (labels.length != X.numRows) {
            throw new IllegalArgumentException("Plots: expected one label per point (" + X.numRows + "), got "
                    + labels.length);
        }
        int classCount = classCount(labels);
        Map<Integer, List<double[]>> byClass = new LinkedHashMap<>();
        for (int c = 0; c < classCount; c++) {
            byClass.put(c, new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(new double[] {X.get(i, 0), X.get(i, 1)});
        }
        for (Map.Entry<Integer, List<double[]>> e : byClass.entrySet()) {
            List<double[]> points = e.getValue();
            if (points.isEmpty()) {
                continue;
            }
            double[] px = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] py = points.stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = chart.addSeries("class " + e.getKey(), px, py);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(ClassColors.of(e.getKey(), classCount));
        }
    }

    private static int classCount(int[] labels) {
        int max = -1;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("Plots: expected class labels >= 0, got " + label);
            }
            max = Math.max(max, label);
        }
        return max + 1;
    }

    private static double[] paddedRange(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double pad = (max - min) * 0.08 + 1e-9;
        return new double[] {min - pad, max + pad};
    }

    private static Map<String, double[]> single(String name, double[] values) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(name, values);
        return m;
    }
}
