package nnfs.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

import org.knowm.xchart.style.markers.Marker;

/**
 * A filled square of a fixed size in pixels, whatever the chart's marker size: the cells of a decision-boundary
 * background, sized to tile the plot area.
 */
final class FixedSquare extends Marker {

    private final double size;

    FixedSquare(double size) {
        this.size = size;
    }

    @Override
    public void paint(Graphics2D g, double xOffset, double yOffset, int markerSize) {
        g.fill(new Rectangle2D.Double(xOffset - size / 2, yOffset - size / 2, size, size));
    }
}
