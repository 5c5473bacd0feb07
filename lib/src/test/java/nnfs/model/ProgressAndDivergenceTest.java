package nnfs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.Matrices;
import nnfs.activations.Linear;
import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Layer;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.optimizers.Adam;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The progress line of long runs, and training that diverges. */
class ProgressAndDivergenceTest {

    /** A clock that moves {@code stepNanos} each time it is read. */
    static final class FakeClock implements java.util.function.LongSupplier {
        private final long stepNanos;
        private long now;

        FakeClock(long stepNanos) {
            this.stepNanos = stepNanos;
        }

        @Override
        public long getAsLong() {
            now += stepNanos;
            return now;
        }
    }

    /** A 2-16-3 classifier, always with the same first weights; {@code first} layers go in front of it. */
    static Model classifier(Layer... first) {
        NumpyRandom random = new NumpyRandom(5);
        Model model = new Model();
        for (Layer layer : first) {
            model.add(layer);
        }
        return model.add(new Dense(2, 16, random)).add(new ReLU()).add(new Dense(16, 3, random))
                .add(new Softmax()).set(new CategoricalCrossEntropy(), new Adam(0.01, 1e-4, 1e-7, 0.9, 0.999),
                        new CategoricalAccuracy()).build();
    }

    static String run(Model model, Dataset data, int epochs, int batchSize, int printEvery) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        model.train(data, epochs, batchSize, printEvery, data);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What Jupyter shows: the text before a carriage return on its line is discarded (nbclient's rule). */
    static String asNotebookShowsIt(String text) {
        return Pattern.compile(".*\r(?=[^\n])").matcher(text).replaceAll("");
    }

    @Test
    void longRunsShowOneLineRewrittenInPlaceAndKeepTheBooksLines() {
        Dataset data = Datasets.spiral(50, 3, new NumpyRandom(6));
        String plain = run(classifier().showProgress(false), data, 6, 16, 5);
        assertFalse(plain.contains("\r"), "quiet when asked");
        // Each read of the clock moves 0.1 s: the line appears after 2 s and is rewritten at most every 0.25 s.
        String shown = run(classifier().clock(new FakeClock(100_000_000L)), data, 6, 16, 5);
        assertTrue(shown.contains("\r"), shown);
        assertEquals(plain, asNotebookShowsIt(shown), "in a notebook the book's lines are exactly as before");

        List<String> updates = new ArrayList<>();
        Matcher m = Pattern.compile("\r(epoch \\d+/6, step \\d+/10, loss: \\d\\.\\d{3}, acc: \\d\\.\\d{3}, lr: "
                + "[0-9.e-]+, \\d+:\\d\\d elapsed, \\d+:\\d\\d left) *").matcher(shown);
        while (m.find()) {
            updates.add(m.group(1));
        }
        assertTrue(updates.size() >= 5, "updates: " + updates);
        // 60 steps of 0.1 s or more: at most one update per 0.25 s once the first 2 s have gone.
        assertTrue(updates.size() <= 30, "updates: " + updates.size());
        assertTrue(updates.get(updates.size() - 1).startsWith("epoch 6/6"), updates.toString());
        // In a terminal the line is blanked before each regular line: no progress text runs into the book's lines.
        for (String line : shown.split("\n")) {
            String last = line.substring(line.lastIndexOf('\r') + 1);
            assertTrue(last.startsWith("epoch: ") || last.startsWith("step: ") || last.startsWith("training, ")
                    || last.startsWith("validation, "), "line: " + last);
        }
    }

    @Test
    void shortRunsPrintOnlyTheBooksLines() {
        Dataset data = Datasets.spiral(20, 3, new NumpyRandom(6));
        String output = run(classifier(), data, 3, 8, 2);
        assertFalse(output.contains("\r"), output);
    }

    @Test
    void progressFormatsItsTimes() {
        assertEquals("0:07", Progress.duration(7.2));
        assertEquals("12:30", Progress.duration(750));
        assertEquals("1:02:03", Progress.duration(3723));
    }

    @Test
    void divergenceStopsWithTheStepAndALowerLearningRate() {
        NumpyRandom random = new NumpyRandom(8);
        DMatrixRMaj x = Matrices.column(1, 2, 3, 4, 5, 6, 7, 8);
        DMatrixRMaj y = Matrices.column(2, 4, 6, 8, 10, 12, 14, 16);
        Model model = new Model().add(new Dense(1, 4, random)).add(new ReLU()).add(new Dense(4, 1, random))
                .add(new Linear()).set(new MeanSquaredError(), new SGD(10.0, 0, 0), new RegressionAccuracy())
                .build().printTo(null);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> model.train(Dataset.of(x, y), 100, 2, 1, null));
        String expected = "Model.train: expected a finite loss, got a data loss (NaN|Infinity) at epoch "
                + e.epoch() + ", step " + e.step() + ": training diverged and stopped there, before that step "
                + "changed any weight. Try a lower learning rate than 10.0 \\(e.g. 1.0\\)";
        assertTrue(e.getMessage().matches(expected), e.getMessage());
        assertTrue(e.epoch() >= 1 && e.step() >= 0);
        assertNotNull(e.history());
        assertEquals((e.epoch() - 1) * 4 + e.step(), e.history().steps().size(), "every step before it recorded");
        for (LayerParameters p : model.parameters()) {
            assertNull(Matrices.firstNonFinite(p.weights()), "no update with the broken gradients");
        }
    }

    @Test
    void samplesWithNaNAreRefusedBeforeTraining() {
        Model model = classifier().printTo(null);
        DMatrixRMaj x = Matrices.of(new double[] {0.1, Double.NaN}, new double[] {0.3, 0.4});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.train(Dataset.of(x, new int[] {0, 1}), 1, 2, 1, null));
        assertEquals("Model.train: expected finite samples X, got NaN at row 0, column 1", e.getMessage());
    }
}
