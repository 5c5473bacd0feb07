package nnfs.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.random.NumpyRandom;

class PlotsTest {

    @Test
    void decisionBoundaryPaintsEachRegionInItsClassColour() {
        Dataset data = Datasets.spiral(50, 2, new NumpyRandom(0));
        // A classifier that says class 1 right of x = 0 and class 0 left of it.
        BufferedImage image = Plots.decisionBoundary(data, points -> {
            int[] c = new int[points.numRows];
            for (int i = 0; i < c.length; i++) {
                c[i] = points.get(i, 0) > 0 ? 1 : 0;
            }
            return c;
        }, "halves");
        assertEquals(Plots.WIDTH, image.getWidth());
        assertEquals(Plots.HEIGHT, image.getHeight());
        // Near the left and right edges of the plot area, away from any data point, at mid height.
        int y = Plots.HEIGHT / 2 + 60;
        assertEquals(ClassColors.pale(0, 2).getRGB(), image.getRGB(80, 120));
        assertEquals(ClassColors.pale(1, 2).getRGB(), image.getRGB(Plots.WIDTH - 25, y));
    }

    @Test
    void imagesHaveContent() {
        Dataset data = Datasets.vertical(30, 3, new NumpyRandom(0));
        BufferedImage scatter = Plots.scatter(data, "vertical");
        assertNotEquals(scatter.getRGB(0, 0), scatter.getRGB(Plots.WIDTH / 2, Plots.HEIGHT / 2 - 50) + 1);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("a", new double[] {1, 2, 3});
        series.put("b", new double[] {3, 2, 1});
        BufferedImage lines = Plots.lines("t", "x", "y", new double[] {0, 1, 2}, series);
        assertEquals(Plots.WIDTH, lines.getWidth());
        BufferedImage pair = Plots.sideBySide(lines, lines);
        assertEquals(2 * Plots.WIDTH, pair.getWidth());
    }

    @Test
    void logLinesNeedPositiveValues() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.logLines("t", "x", "y", new double[] {0, 1}, Map.of("loss", new double[] {1, 0})));
        assertEquals("Plots.logLines: expected positive values for a log axis, got 0.0 in series 'loss'",
                e.getMessage());
        assertEquals(Plots.WIDTH, Plots.logLines("t", "x", "y", new double[] {0, 1, 2},
                Map.of("loss", new double[] {1, 0.1, 0.01})).getWidth());
    }

    @Test
    void mismatchedSeriesAreReported() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Plots.lines("t", "x", "y", new double[] {0, 1}, Map.of("loss", new double[] {1})));
        assertEquals("Plots.lines: expected 2 values for series 'loss' (one per x), got 1", e.getMessage());
    }
}
