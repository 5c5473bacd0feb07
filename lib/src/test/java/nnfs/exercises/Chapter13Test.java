package nnfs.exercises;

import static nnfs.exercises.ExerciseAssertions.assertFails;
import static nnfs.exercises.ExerciseAssertions.assertNotAttempted;
import static nnfs.exercises.ExerciseAssertions.assertPasses;
import static nnfs.exercises.ExerciseAssertions.stub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.model.LayerParameters;
import nnfs.model.Model;

/** Chapter 13's checks: right answers pass, the stub is "not attempted", typical mistakes get their hint. */
class Chapter13Test {

    // --- 13.1 ---------------------------------------------------------------------------------------------------

    private static Chapter13.FileFacts facts(long[] numbers, long[] bytes) {
        return new Chapter13.FileFacts() {
            public long[] numbers() {
                return numbers;
            }

            public long[] bytes() {
                return bytes;
            }
        };
    }

    private static final long[] NUMBERS = {784 * 128 + 128 + 128 * 128 + 128 + 128 * 10 + 10, 2 * 64 + 64 + 64 * 3 + 3};
    private static final long[] BYTES = {8 * NUMBERS[0], 8 * NUMBERS[1]};

    @Test
    void fileSize() {
        assertEquals(118_282, NUMBERS[0]);
        assertPasses("13.1", () -> Chapter13.checkFileSize(facts(NUMBERS, BYTES)));
        assertNotAttempted("13.1", () -> Chapter13.checkFileSize(new Chapter13.FileFacts() {
            public long[] numbers() {
                throw stub("exercise 13.1: the numbers");
            }

            public long[] bytes() {
                throw stub("exercise 13.1: the bytes");
            }
        }));
        assertFails("13.1", () -> Chapter13.checkFileSize(facts(new long[] {784 * 128 + 128 * 128 + 128 * 10,
            2 * 64 + 64 * 3}, BYTES)), "did you count the biases?");
        assertFails("13.1", () -> Chapter13.checkFileSize(facts(NUMBERS, new long[] {4 * NUMBERS[0], 4 * NUMBERS[1]})),
                "4 bytes is a float32");
        String message = assertFails("13.1", () -> Chapter13.checkFileSize(facts(new long[] {1, 2}, BYTES)),
                "numbers in the file");
        assertTrue(!message.contains("118282") && !message.contains("118 282"), "never the answer: " + message);
    }

    // --- 13.2 ---------------------------------------------------------------------------------------------------

    /** The solution of 13.2, with switches for the typical mistakes. */
    private static Chapter13.ParameterStore store(boolean floats, boolean transposed, boolean skipBiases,
            boolean forgetSet) {
        return new Chapter13.ParameterStore() {
            public void save(Model model, Path file) throws IOException {
                try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                    for (LayerParameters p : model.parameters()) {
                        DMatrixRMaj w = p.weights();
                        for (int r = 0; r < w.numRows; r++) {
                            for (int c = 0; c < w.numCols; c++) {
                                double v = transposed ? w.get(r, c) : w.data[r * w.numCols + c];
                                write(out, v);
                            }
                        }
                        if (!skipBiases) {
                            for (int i = 0; i < p.biases().getNumElements(); i++) {
                                write(out, p.biases().data[i]);
                            }
                        }
                    }
                }
            }

            private void write(DataOutputStream out, double v) throws IOException {
                if (floats) {
                    out.writeFloat((float) v);
                } else {
                    out.writeDouble(v);
                }
            }

            private double read(DataInputStream in) throws IOException {
                return floats ? in.readFloat() : in.readDouble();
            }

            public void load(Model model, Path file) throws IOException {
                List<LayerParameters> loaded = new ArrayList<>();
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                    for (LayerParameters p : model.parameters()) {
                        DMatrixRMaj w = new DMatrixRMaj(p.weights().numRows, p.weights().numCols);
                        if (transposed) {   // read column by column what was written row by row
                            for (int c = 0; c < w.numCols; c++) {
                                for (int r = 0; r < w.numRows; r++) {
                                    w.set(r, c, read(in));
                                }
                            }
                        } else {
                            for (int i = 0; i < w.getNumElements(); i++) {
                                w.data[i] = read(in);
                            }
                        }
                        DMatrixRMaj b = p.biases().copy();
                        if (!skipBiases) {
                            for (int i = 0; i < b.getNumElements(); i++) {
                                b.data[i] = read(in);
                            }
                        }
                        loaded.add(new LayerParameters(w, b));
                    }
                }
                if (!forgetSet) {
                    model.setParameters(loaded);
                }
            }
        };
    }

    @Test
    void saveAndLoad() {
        assertPasses("13.2", () -> Chapter13.checkSaveAndLoad(store(false, false, false, false)));
        assertNotAttempted("13.2", () -> Chapter13.checkSaveAndLoad(new Chapter13.ParameterStore() {
            public void save(Model model, Path file) {
                throw stub("exercise 13.2: save");
            }

            public void load(Model model, Path file) {
                throw stub("exercise 13.2: load");
            }
        }));
        assertFails("13.2", () -> Chapter13.checkSaveAndLoad(store(true, false, false, false)),
                "layer 1 weights after loading", "written as float");
        assertFails("13.2", () -> Chapter13.checkSaveAndLoad(store(false, false, true, false)),
                "layer 1 biases after loading", "the biases were not loaded");
        assertFails("13.2", () -> Chapter13.checkSaveAndLoad(store(false, false, false, true)),
                "layer 1 weights after loading", "the fresh model's own weights");
        assertFails("13.2", () -> Chapter13.checkSaveAndLoad(store(false, true, false, false)),
                "layer 1 weights after loading", "in exactly the order save wrote them");
    }

    // --- 13.3 ---------------------------------------------------------------------------------------------------

    @Test
    void fewestBits() {
        Model model = Chapter13.trainedSpiralModel();
        int truth = Chapter13.fewestSafeBits(model);
        System.out.println("fewest mantissa bits keeping all 300 predictions: " + truth + "; changed with one less: "
                + Chapter13.changedPredictions(model, truth - 1));
        assertEquals(FEWEST, truth, "the experiment's answer, written into the notebook's solution");
        assertTrue(Chapter13.changedPredictions(model, FEWEST - 1) > 0);
        for (int bits = FEWEST; bits <= 52; bits++) {
            assertEquals(0, Chapter13.changedPredictions(model, bits), "no change at " + bits + " bits");
        }
        assertPasses("13.3", () -> Chapter13.checkFewestBits(() -> FEWEST));
        assertNotAttempted("13.3", () -> Chapter13.checkFewestBits(() -> {
            throw stub("exercise 13.3: the bits");
        }));
        assertFails("13.3", () -> Chapter13.checkFewestBits(() -> 23), "is too high", "float32's mantissa");
        assertFails("13.3", () -> Chapter13.checkFewestBits(() -> 1), "is too low");
        assertFails("13.3", () -> Chapter13.checkFewestBits(() -> 60), "expected a number of mantissa bits");
    }

    private static final int FEWEST = 9;
}
