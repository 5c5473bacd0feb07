package nnfs.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

import nnfs.activations.Linear;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.data.Datasets;
import nnfs.io.ModelFile;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.layers.Regularizer;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.BinaryAccuracy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/**
 * The models behind the frozen model files in {@code fixtures/model-files/v<version>/}, and their generator.
 *
 * <p>The files of a version are written once, by the library of that version, and then never again: the test
 * {@code FrozenFilesTest} proves that later libraries still load them and predict what they predicted. Run
 * {@link #main} (see {@code FrozenFilesTest#generate}) only to add the files of a new format version; it refuses to
 * overwrite a version that already has files.
 */
public final class FrozenFiles {

    private FrozenFiles() {
    }

    /** The probe inputs of each frozen model: two features for the classifiers, one for the regression. */
    public static DMatrixRMaj probe(int features) {
        DMatrixRMaj spiral = Datasets.spiral(10, 3, new NumpyRandom(7)).X();
        DMatrixRMaj x = new DMatrixRMaj(spiral.numRows, features);
        for (int i = 0; i < spiral.numRows; i++) {
            for (int j = 0; j < features; j++) {
                x.set(i, j, spiral.get(i, j));
            }
        }
        return x;
    }

    /** The frozen models by file stem, each trained a little so that every tensor (optimizer state too) is non-trivial. */
    public static Map<String, Model> models() {
        Map<String, Model> models = new LinkedHashMap<>();
        NumpyRandom random = new NumpyRandom(11);
        var spiral = Datasets.spiral(30, 3, new NumpyRandom(12));
        Model classifier = new Model()
                .add(new Dense(2, 12, random, new Regularizer(1e-5, 5e-4, 2e-5, 5e-4))).add(new ReLU())
                .add(new Dropout(0.1, random))
                .add(new Dense(12, 6, random)).add(new Sigmoid())
                .add(new Dense(6, 6, random)).add(new Linear())
                .add(new Dense(6, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.02, 1e-4, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build().printTo(null);
        classifier.train(spiral, 4, 32, 100, null);
        models.put("classifier-adam", classifier);

        int[] binaryLabels = new int[spiral.X().numRows];
        for (int i = 0; i < binaryLabels.length; i++) {
            binaryLabels[i] = spiral.X().get(i, 0) > 0 ? 1 : 0;
        }
        Model binary = new Model().add(new Dense(2, 8, random)).add(new ReLU()).add(new Dense(8, 1, random))
                .add(new Sigmoid()).set(new BinaryCrossEntropy(), new SGD(0.5, 1e-3, 0.9), new BinaryAccuracy())
                .build().printTo(null);
        binary.train(nnfs.data.Dataset.of(spiral.X(), binaryColumn(binaryLabels)), 5, 30, 100, null);
        models.put("binary-sgd", binary);

        DMatrixRMaj x = probe(1);
        DMatrixRMaj target = new DMatrixRMaj(x.numRows, 1);
        for (int i = 0; i < x.numRows; i++) {
            target.set(i, 0, Math.sin(3 * x.get(i, 0)));
        }
        Model regression = new Model().add(new Dense(1, 8, random)).add(new ReLU()).add(new Dense(8, 1, random))
                .add(new Linear()).set(new MeanSquaredError(), new RMSprop(0.005, 1e-3, 1e-7, 0.9),
                        new RegressionAccuracy())
                .build().printTo(null);
        regression.train(nnfs.data.Dataset.of(x, target), 5, 10, 100, null);
        models.put("regression-rmsprop", regression);
        return models;
    }

    private static DMatrixRMaj binaryColumn(int[] labels) {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            y.set(i, 0, labels[i]);
        }
        return y;
    }

    /** The number of input features of a frozen model. */
    static int features(String stem) {
        return stem.startsWith("regression") ? 1 : 2;
    }

    /** Writes every frozen file of the current version into {@code dir/v<version>}. */
    public static void generate(Path fixtures) throws IOException {
        Path dir = fixtures.resolve("v" + ModelFile.VERSION);
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " already holds frozen files: they are written once, never again");
                }
            }
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, Model> e : models().entrySet()) {
            Model model = e.getValue();
            model.save(dir.resolve(e.getKey() + ".safetensors"));
            model.saveWithOptimizerState(dir.resolve(e.getKey() + "-with-state.safetensors"));
            model.saveParameters(dir.resolve(e.getKey() + ".parameters.safetensors"));
            DMatrixRMaj predictions = model.predict(probe(features(e.getKey())), 64);
            Files.writeString(dir.resolve(e.getKey() + ".predictions.csv"), csv(predictions), StandardCharsets.UTF_8);
        }
    }

    /** One row per sample, values in Java's shortest round-trip form (every bit survives). */
    static String csv(DMatrixRMaj m) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < m.numRows; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < m.numCols; j++) {
                row.add(Double.toString(m.get(i, j)));
            }
            s.append(String.join(",", row)).append('\n');
        }
        return s.toString();
    }

    static DMatrixRMaj readCsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int cols = lines.get(0).split(",").length;
            DMatrixRMaj m = new DMatrixRMaj(lines.size(), cols);
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                for (int j = 0; j < cols; j++) {
                    m.set(i, j, Double.parseDouble(cells[j].trim().toLowerCase(Locale.ROOT)));
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code java ... nnfs.reliability.FrozenFiles <fixtures/model-files>}. */
    public static void main(String[] args) throws IOException {
        generate(Path.of(args.length > 0 ? args[0] : "src/test/resources/fixtures/model-files"));
    }
}
