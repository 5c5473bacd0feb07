package nnfs.plots;

import java.awt.Color;

/**
 * The colour of each class in plots. Up to three classes follow the book's matplotlib "brg" map (blue, red, green);
 * more use the ten "tab10" colours.
 */
public final class ClassColors {

    private static final Color[] BRG = {new Color(0, 0, 255), new Color(255, 0, 0), new Color(0, 160, 0)};

    private static final Color[] TAB10 = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    private ClassColors() {
    }

    /** The colour of class {@code label} in a plot of {@code classCount} classes. */
    public static Color of(int label, int classCount) {
        Color[] palette = classCount <= BRG.length ? BRG : TAB10;
        return palette[Math.floorMod(label, palette.length)];
    }

    /** A pale version of the class colour, for the background regions of a decision-boundary plot. */
    public static Color pale(int label, int classCount) {
        Color c = of(label, classCount);
        float mix = 0.72f;
        return new Color(Math.round(c.getRed() + (255 - c.getRed()) * mix),
                Math.round(c.getGreen() + (255 - c.getGreen()) * mix),
                Math.round(c.getBlue() + (255 - c.getBlue()) * mix));
    }
}
