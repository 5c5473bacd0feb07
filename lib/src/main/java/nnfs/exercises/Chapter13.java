package nnfs.exercises;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.LayerParameters;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/** The checks of chapter 13's exercises: saving and loading. */
public final class Chapter13 {

    private Chapter13() {
    }

    // --- 13.1 -------------------------------------------------------------------------------------------------------

    /** Exercise 13.1's prediction, for the two models of the task: Fashion-MNIST's 784-128-128-10, then 2-64-3. */
    public interface FileFacts {
        /** How many numbers (weights and biases) {@code saveParameters} stores for each model. */
        long[] numbers();

        /** How many bytes those numbers take as float64, for each model. */
        long[] bytes();
    }

    private static Model classifier(int... sizes) {
        NumpyRandom random = new NumpyRandom(13);
        Model model = new Model();
        for (int i = 0; i + 1 < sizes.length; i++) {
            model.add(new Dense(sizes[i], sizes[i + 1], random));
            if (i + 2 < sizes.length) {
                model.add(new ReLU());
            }
        }
        return model.add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build().printTo(null);
    }

    /**
     * Exercise 13.1 (predict): the numbers a parameter file holds (118 282 and 387) and their bytes as float64 (8
     * each). The check builds both models; it also saves the small one and checks that the file holds at least those
     * bytes (the rest is the file's header).
     */
    public static void checkFileSize(FileFacts prediction) {
        Exercise exercise = Exercise.of("13.1", "predict what a parameter file holds");
        List<Model> models = List.of(classifier(784, 128, 128, 10), classifier(2, 64, 3));
        DMatrixRMaj counts = new DMatrixRMaj(1, 2);
        DMatrixRMaj weightsOnly = new DMatrixRMaj(1, 2);
        for (int m = 0; m < 2; m++) {
            counts.data[m] = models.get(m).parameterCount();
            for (LayerParameters p : models.get(m).parameters()) {
                weightsOnly.data[m] += p.weights().getNumElements();
            }
        }
        long[] numbers = exercise.call("numbers()", prediction::numbers);
        exercise.require(numbers != null && numbers.length == 2, "numbers(): expected two counts, for the"
                + " Fashion-MNIST model and the spiral model, got " + (numbers == null ? "null" : numbers.length));
        exercise.prediction("numbers in the file (784-128-128-10, 2-64-3)", counts, row(numbers),
                Hint.ifEqual(weightsOnly, "did you count the biases? The file holds them too, one per neuron"),
                Hint.otherwise("each dense layer of i inputs and j neurons stores i·j weights and j biases"));
        exercise.verified("the numbers each parameter file holds");
        long[] bytes = exercise.call("bytes()", prediction::bytes);
        exercise.require(bytes != null && bytes.length == 2, "bytes(): expected two sizes, got "
                + (bytes == null ? "null" : bytes.length));
        DMatrixRMaj eight = counts.copy();
        DMatrixRMaj four = counts.copy();
        for (int m = 0; m < 2; m++) {
            eight.data[m] *= 8;
            four.data[m] *= 4;
        }
        exercise.prediction("bytes of those numbers as float64", eight, row(bytes),
                Hint.ifEqual(four, "4 bytes is a float32; a Java double, float64, takes 8"),
                Hint.otherwise("every number is one double of 8 bytes"));
        Path file = null;
        try {
            file = Files.createTempFile("nnfs-exercise-13.1-", ".safetensors");
            models.get(1).saveParameters(file);
            exercise.require(Files.size(file) >= (long) eight.data[1], "the saved file is smaller than its numbers:"
                    + " this should not happen; please report it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
        exercise.verified("their size in bytes, and a saved file that holds them");
        exercise.pass();
    }

    /** The answers as one row, for {@link Exercise#prediction}. */
    private static DMatrixRMaj row(long[] values) {
        return Matrices.row(java.util.Arrays.stream(values).asDoubleStream().toArray());
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file: the system cleans its temporary folder
            }
        }
    }

    // --- 13.2 -------------------------------------------------------------------------------------------------------

    /** Exercise 13.2's code: the parameters of a model to a file and back, in a format of the student's own. */
    public interface ParameterStore {
        /** Writes every trainable layer's weights and biases to {@code file}. */
        void save(Model model, Path file) throws IOException;

        /** Reads them back from {@code file} into {@code model}, built with the same architecture. */
        void load(Model model, Path file) throws IOException;
    }

    /** The 2-64-3 spiral classifier of exercises 13.2 and 13.3, built with weights from {@code seed}. */
    public static Model spiralModel(long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        return new Model()
                .add(new Dense(2, 64, random)).add(new ReLU())
                .add(new Dense(64, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam().withLearningRate(0.05).withDecay(5e-5),
                        new CategoricalAccuracy())
                .build().printTo(null);
    }

    /** The spiral model trained for 300 epochs on 300 points (seed 0): the model exercises 13.2 and 13.3 save. */
    public static Model trainedSpiralModel() {
        Model model = spiralModel(1);
        model.train(Datasets.spiral(100, 3, new NumpyRandom(0)), 300, Model.FULL_BATCH, Integer.MAX_VALUE, null);
        return model;
    }

    /** 300 spiral points the model has not seen, for comparing predictions. */
    public static Dataset newPoints() {
        return Datasets.spiral(100, 3, new NumpyRandom(7));
    }

    /**
     * Exercise 13.2: the student's save into a temporary file, then load into a freshly built model of the same
     * architecture (other weights); every parameter and the predictions on new points must be the same bits.
     */
    public static void checkSaveAndLoad(ParameterStore store) {
        Exercise exercise = Exercise.of("13.2", "save and reload a model's parameters");
        Model trained = trainedSpiralModel();
        Model fresh = spiralModel(99);
        List<LayerParameters> before = fresh.parameters();
        List<LayerParameters> original = trained.parameters();
        Path file = null;
        try {
            file = Files.createTempFile("nnfs-exercise-13.2-", ".bin");
            Path target = file;
            exercise.run("your save(model, file)", () -> unchecked(() -> store.save(trained, target)));
            exercise.require(Files.size(file) > 0, "save wrote an empty file");
            exercise.run("your load(model, file)", () -> unchecked(() -> store.load(fresh, target)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
        List<LayerParameters> loaded = fresh.parameters();
        for (int layer = 0; layer < original.size(); layer++) {
            DMatrixRMaj w = original.get(layer).weights();
            DMatrixRMaj b = original.get(layer).biases();
            String name = "layer " + (layer + 1) + " ";
            exercise.compare(name + "weights after loading", w, loaded.get(layer).weights(),
                    Hint.ifEqual(before.get(layer).weights(), "these are the fresh model's own weights: load must"
                            + " give the model what it read, with model.setParameters(list)"),
                    Hint.ifEqual(asFloats(w), "written as float: a float keeps about 7 digits; write and read"
                            + " doubles (writeDouble / readDouble) to get the same model back"),
                    Hint.when(m -> m.numRows == w.numCols && m.numCols == w.numRows, "weights transposed"),
                    Hint.otherwise("read the numbers back in exactly the order save wrote them: layer by layer,"
                            + " weights row by row, then biases"));
            exercise.compare(name + "biases after loading", b, loaded.get(layer).biases(),
                    Hint.ifEqual(before.get(layer).biases(), "the biases were not loaded: save and load them too,"
                            + " after each layer's weights"),
                    Hint.ifEqual(asFloats(b), "written as float: write and read doubles"),
                    Hint.otherwise("read the numbers back in exactly the order save wrote them"));
        }
        DMatrixRMaj points = newPoints().X();
        DMatrixRMaj expected = trained.predict(points, Model.FULL_BATCH);
        DMatrixRMaj got = fresh.predict(points, Model.FULL_BATCH);
        boolean same = true;
        for (int i = 0; i < expected.getNumElements(); i++) {
            same &= Double.doubleToLongBits(expected.data[i]) == Double.doubleToLongBits(got.data[i]);
        }
        exercise.require(same, "the reloaded model's outputs differ from the saved model's in their last bits");
        exercise.verified("every weight and bias of both layers read back bit for bit into a fresh model");
        exercise.verified("the reloaded model's outputs on 300 new points, bit for bit");
        exercise.pass();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DMatrixRMaj asFloats(DMatrixRMaj m) {
        DMatrixRMaj f = m.copy();
        for (int i = 0; i < f.getNumElements(); i++) {
            f.data[i] = (float) f.data[i];
        }
        return f;
    }

    // --- 13.3 -------------------------------------------------------------------------------------------------------

    /**
     * A copy of {@code model} (the architecture of {@link #spiralModel}) whose every weight and bias keeps only
     * {@code bits} bits of its 52-bit mantissa, rounded to nearest: what a file storing fewer bits would give back.
     */
    public static Model withMantissaBits(Model model, int bits) {
        if (bits < 1 || bits > 52) {
            throw new IllegalArgumentException("Chapter13.withMantissaBits: expected 1 to 52 bits, got " + bits);
        }
        List<LayerParameters> rounded = new ArrayList<>();
        for (LayerParameters p : model.parameters()) {
            rounded.add(new LayerParameters(rounded(p.weights(), bits), rounded(p.biases(), bits)));
        }
        Model copy = spiralModel(0);
        copy.setParameters(rounded);
        return copy;
    }

    private static DMatrixRMaj rounded(DMatrixRMaj m, int bits) {
        DMatrixRMaj r = m.copy();
        int drop = 52 - bits;
        if (drop == 0) {
            return r;
        }
        long mask = -1L << drop;
        long half = 1L << (drop - 1);
        for (int i = 0; i < r.getNumElements(); i++) {
            long raw = Double.doubleToRawLongBits(r.data[i]);
            r.data[i] = Double.longBitsToDouble((raw + half) & mask);
        }
        return r;
    }

    /** How many of the new points' predicted classes change when the parameters keep only {@code bits} bits. */
    public static int changedPredictions(Model model, int bits) {
        DMatrixRMaj points = newPoints().X();
        DMatrixRMaj full = model.predictions(points, Model.FULL_BATCH);
        DMatrixRMaj fewer = withMantissaBits(model, bits).predictions(points, Model.FULL_BATCH);
        int changed = 0;
        for (int i = 0; i < full.getNumElements(); i++) {
            changed += full.data[i] != fewer.data[i] ? 1 : 0;
        }
        return changed;
    }

    /** The smallest mantissa width from which on (up to 52) no prediction of the new points changes. */
    static int fewestSafeBits(Model model) {
        int bits = 52;
        while (bits > 1 && changedPredictions(model, bits - 1) == 0) {
            bits--;
        }
        return bits;
    }

    /**
     * Exercise 13.3 (explore): the fewest mantissa bits with which the trained spiral model, stored that way, still
     * predicts every one of the 300 new points as before (and so with every width above). Judged as a prediction.
     */
    public static void checkFewestBits(java.util.function.IntSupplier answer) {
        Exercise exercise = Exercise.of("13.3", "how many bits a saved parameter needs");
        int chosen = exercise.call("myFewestBits()", () -> answer.getAsInt());
        exercise.require(chosen >= 1 && chosen <= 52, "expected a number of mantissa bits from 1 to 52, got " + chosen);
        Model model = trainedSpiralModel();
        int truth = fewestSafeBits(model);
        exercise.prediction("fewest mantissa bits", truth, chosen,
                Hint.ifEqual(23, "23 is float32's mantissa: it is safe, but not the fewest"),
                Hint.ifEqual(52, "52 is float64's own: it is safe, but not the fewest"),
                Hint.otherwise("try widths with Chapter13.changedPredictions(model, bits): the answer is the"
                        + " smallest width from which on no prediction changes"));
        exercise.verified("the fewest mantissa bits that keep all 300 predictions, checked at every width above");
        exercise.pass();
    }
}
