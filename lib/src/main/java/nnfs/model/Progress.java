package nnfs.model;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a long training run: one line, rewritten in place with a carriage return, giving the epoch,
 * the step, the epoch's loss and accuracy so far, the learning rate, and the time spent and left.
 *
 * <p>It stays silent for the first {@link #DELAY_NANOS} (a short run prints only the book's lines) and is rewritten at
 * most every {@link #INTERVAL_NANOS}. Before a regular line is printed, {@link #clear} blanks it, so that the book's
 * lines read as before both in a terminal (which overwrites characters) and in a notebook (where a carriage return
 * discards the text before it on its line).
 */
final class Progress {

    /** How long a run goes before the line appears. */
    static final long DELAY_NANOS = 2_000_000_000L;

    /** The shortest time between two updates. */
    static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private final int epochs;
    private final int steps;
    private long lastShown;
    private int shownLength;

    Progress(PrintStream out, LongSupplier clock, int epochs, int steps) {
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastShown = start - INTERVAL_NANOS;
        this.epochs = epochs;
        this.steps = steps;
    }

    /** After step {@code step} (0-based) of epoch {@code epoch} (1-based): rewrites the line when it is time. */
    void update(int epoch, int step, double loss, double accuracy, double learningRate) {
        long now = clock.getAsLong();
        if (now - start < DELAY_NANOS || now - lastShown < INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        long done = (long) (epoch - 1) * steps + step + 1;
        long total = (long) epochs * steps;
        double elapsed = (now - start) / 1e9;
        double left = elapsed / done * (total - done);
        String line = String.format(Locale.ROOT, "epoch %d/%d, step %d/%d, loss: %.3f, acc: %.3f, lr: %.3g, "
                + "%s elapsed, %s left", epoch, epochs, step + 1, steps, loss, accuracy, learningRate,
                duration(elapsed), duration(left));
        int pad = Math.max(0, shownLength - line.length());
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
        shownLength = line.length();
    }

    /** Blanks the line, when one is shown, leaving the cursor at its start. */
    void clear() {
        if (shownLength > 0) {
            out.print("\r" + " ".repeat(shownLength) + "\r");
            shownLength = 0;
        }
    }

    /** 0:07, 12:30, 1:02:03. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
