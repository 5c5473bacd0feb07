package nnfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnfs.Matrices;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.FashionMnist;
import nnfs.data.Idx;
import nnfs.data.Targets;
import nnfs.io.ModelFile;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.layers.Regularizer;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.model.LayerParameters;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/**
 * Bad inputs, each tried for real, with the message the user sees. The table {@code docs/bad-inputs.md} is generated
 * from these very messages: the test fails when the committed file differs, and
 * {@code mvn -o -q -pl lib test -Dtest=BadInputsTest -Dnnfs.writeBadInputs=true} rewrites it.
 */
class BadInputsTest {

    interface Attempt {
        void run() throws Exception;
    }

    private record Case(String area, String tried, Attempt attempt) {
    }

    private Path dir;
    private final List<Case> cases = new ArrayList<>();

    private void add(String area, String tried, Attempt attempt) {
        cases.add(new Case(area, tried, attempt));
    }

    static Model classifier() {
        NumpyRandom random = new NumpyRandom(1);
        return new Model().add(new Dense(2, 8, random)).add(new ReLU()).add(new Dense(8, 3, random))
                .add(new Softmax()).set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build()
                .printTo(null);
    }

    static DMatrixRMaj x(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.getNumElements(); k++) {
            m.data[k] = 0.1 * (k % 7) - 0.3;
        }
        return m;
    }

    private void cases() throws IOException {
        NumpyRandom r = new NumpyRandom(2);
        // Shapes at each layer.
        add("shapes", "Dense(2→3).forward with 4 columns", () -> new Dense(2, 3, r).forward(x(5, 4)));
        add("shapes", "Dense.backward with gradients of the wrong width", () -> {
            Dense d = new Dense(2, 3, r);
            d.forward(x(5, 2));
            d.backward(x(5, 4));
        });
        add("shapes", "ReLU.backward with a gradient of another shape than its input", () -> {
            ReLU relu = new ReLU();
            relu.forward(x(5, 3));
            relu.backward(x(4, 3));
        });
        add("shapes", "Softmax.backward before forward", () -> new Softmax().backward(x(2, 3)));
        add("shapes", "Dropout.backward with a gradient of another shape", () -> {
            Dropout d = new Dropout(0.2, r);
            d.forward(x(5, 3), true);
            d.backward(x(5, 2));
        });
        add("shapes", "Model.build with dense layers that do not fit (2→8 then 4→3)", () -> new Model()
                .add(new Dense(2, 8, r)).add(new ReLU()).add(new Dense(4, 3, r)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build());
        add("shapes", "Model.predict with 3 features for a 2-input model", () -> classifier().predict(x(4, 3), 2));
        add("shapes", "Model.train with 3 features for a 2-input model",
                () -> classifier().train(x(4, 3), Targets.classes(new int[] {0, 1, 2, 0}), 1, 2, 1, null));
        add("shapes", "Model.setParameters with weights of the wrong shape", () -> classifier().setParameters(List.of(
                new LayerParameters(x(3, 8), x(1, 8)), new LayerParameters(x(8, 3), x(1, 3)))));
        add("shapes", "Dense(0, 3): a layer without inputs", () -> new Dense(0, 3, r));
        // Labels and targets.
        add("labels", "categorical cross-entropy with label 5 for 3 classes", () -> new CategoricalCrossEntropy()
                .forward(Matrices.of(new double[] {0.2, 0.3, 0.5}), Targets.classes(new int[] {5})));
        add("labels", "categorical cross-entropy with label -1", () -> new CategoricalCrossEntropy()
                .forward(Matrices.of(new double[] {0.2, 0.3, 0.5}), Targets.classes(new int[] {-1})));
        add("labels", "one-hot targets with 4 columns for 3 outputs", () -> new CategoricalCrossEntropy()
                .forward(Matrices.of(new double[] {0.2, 0.3, 0.5}), Targets.values(Matrices.of(new double[] {0, 1, 0,
                        0}))));
        add("labels", "binary cross-entropy with a target of 2", () -> new BinaryCrossEntropy()
                .forward(Matrices.column(0.3), Targets.values(Matrices.column(2))));
        add("labels", "mean squared error with 2 target columns for 1 output", () -> new MeanSquaredError()
                .forward(Matrices.column(0.3, 0.1), Targets.values(Matrices.of(new double[] {1, 2}, new double[] {3, 4}))));
        add("labels", "Model.train with 3 samples and 2 labels",
                () -> classifier().train(x(3, 2), Targets.classes(new int[] {0, 1}), 1, 2, 1, null));
        add("labels", "Model.train with NaN in the samples", () -> {
            DMatrixRMaj bad = x(3, 2);
            bad.set(1, 1, Double.NaN);
            classifier().train(bad, Targets.classes(new int[] {0, 1, 2}), 1, 2, 1, null);
        });
        // Empty batches.
        add("empty", "Model.train with no samples",
                () -> classifier().train(new DMatrixRMaj(0, 2), Targets.classes(new int[0]), 1, 2, 1, null));
        add("empty", "Dense.forward with an empty batch", () -> new Dense(2, 3, r).forward(new DMatrixRMaj(0, 2)));
        add("empty", "Model.predict with no samples", () -> classifier().predict(new DMatrixRMaj(0, 2), 4));
        // Hyperparameters.
        add("hyperparameters", "SGD with learning rate 0", () -> new SGD(0, 0, 0));
        add("hyperparameters", "SGD with learning rate -0.1", () -> new SGD(-0.1, 0, 0));
        add("hyperparameters", "Adam with learning rate NaN", () -> new Adam(Double.NaN, 0, 1e-7, 0.9, 0.999));
        add("hyperparameters", "SGD with momentum 1.5", () -> new SGD(1, 0, 1.5));
        add("hyperparameters", "RMSprop with a negative decay", () -> new RMSprop(0.001, -1e-4, 1e-7, 0.9));
        add("hyperparameters", "Adam with beta1 = 1", () -> new Adam(0.001, 0, 1e-7, 1.0, 0.999));
        add("hyperparameters", "Dropout with rate 1", () -> new Dropout(1.0, r));
        add("hyperparameters", "Dropout with rate -0.1", () -> new Dropout(-0.1, r));
        add("hyperparameters", "a negative L2 regularization", () -> new Regularizer(0, -5e-4, 0, 0));
        add("hyperparameters", "RegressionAccuracy with precision 0", () -> new RegressionAccuracy(0));
        add("training", "Model.train with batch size 0",
                () -> classifier().train(x(4, 2), Targets.classes(new int[] {0, 1, 2, 0}), 1, 0, 1, null));
        add("training", "Model.train with 0 epochs",
                () -> classifier().train(x(4, 2), Targets.classes(new int[] {0, 1, 2, 0}), 0, 2, 1, null));
        add("training", "Model.train with printEvery 0",
                () -> classifier().train(x(4, 2), Targets.classes(new int[] {0, 1, 2, 0}), 1, 2, 0, null));
        add("training", "Model.train before build", () -> new Model().add(new Dense(2, 3, r)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy())
                .train(x(2, 2), Targets.classes(new int[] {0, 1}), 1, 1, 1, null));
        add("training", "Model.train without an optimizer", () -> new Model().add(new Dense(2, 3, r))
                .add(new Softmax()).set(new CategoricalCrossEntropy(), null, new CategoricalAccuracy()).build()
                .train(x(2, 2), Targets.classes(new int[] {0, 1}), 1, 1, 1, null));
        add("training", "Model.build without layers", () -> new Model()
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build());
        add("training", "Model.build without a loss", () -> new Model().add(new Dense(2, 3, r)).build());
        add("training", "training that diverges (SGD, learning rate 1e6)", () -> {
            DMatrixRMaj xs = Matrices.column(1, 2, 3, 4);
            new Model().add(new Dense(1, 1, new NumpyRandom(3))).set(new MeanSquaredError(), new SGD(1e6, 0, 0),
                    new RegressionAccuracy()).build().printTo(null)
                    .train(Dataset.of(xs, Matrices.column(2, 4, 6, 8)), 200, 1, 1000, null);
        });
        // Files.
        add("files", "FashionMnist.load of a directory that does not exist",
                () -> FashionMnist.load(dir.resolve("no-such-directory")));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        add("files", "FashionMnist.load of an empty directory", () -> FashionMnist.load(empty));
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        byte[] images = Idx.encode(new Idx.Array(new int[] {2, 28, 28}, new byte[2 * 28 * 28]));
        byte[] labels = Idx.encode(new Idx.Array(new int[] {2}, new byte[] {3, 4}));
        for (String name : FashionMnist.OFFICIAL_MD5.keySet()) {
            Files.write(corrupt.resolve(name), gzip(name.contains("images") ? images : labels));
        }
        Files.write(corrupt.resolve("t10k-images-idx3-ubyte.gz"), Arrays2.cut(gzip(images), 40));
        add("files", "FashionMnist.load with a truncated test images file", () -> FashionMnist.load(corrupt));
        Path notGzip = Files.createDirectories(dir.resolve("not-gzip"));
        for (String name : FashionMnist.OFFICIAL_MD5.keySet()) {
            Files.write(notGzip.resolve(name), gzip(name.contains("images") ? images : labels));
        }
        Files.write(notGzip.resolve("train-labels-idx1-ubyte.gz"), labels);
        add("files", "FashionMnist.load with a labels file that is not gzip-compressed",
                () -> FashionMnist.load(notGzip));
        Path badLabel = Files.createDirectories(dir.resolve("bad-label"));
        for (String name : FashionMnist.OFFICIAL_MD5.keySet()) {
            Files.write(badLabel.resolve(name), gzip(name.contains("images") ? images : labels));
        }
        Files.write(badLabel.resolve("train-labels-idx1-ubyte.gz"),
                gzip(Idx.encode(new Idx.Array(new int[] {2}, new byte[] {3, 12}))));
        add("files", "FashionMnist.load with a label of 12", () -> FashionMnist.load(badLabel));
        Path png = Files.createDirectories(dir.resolve("png/train/3"));
        Files.writeString(png.resolve("0001.png"), "not a picture");
        add("files", "FashionMnist.readPngs with a file that is not a PNG",
                () -> FashionMnist.readPngs(dir.resolve("png/train")));
        add("files", "Model.load of a file that does not exist", () -> Model.load(dir.resolve("missing.safetensors")));
        Path idxFile = dir.resolve("labels.idx");
        Files.write(idxFile, labels);
        add("files", "Model.load of an IDX file", () -> Model.load(idxFile));
        Path params = dir.resolve("parameters.safetensors");
        classifier().saveParameters(params);
        add("files", "Model.load of a parameter file", () -> Model.load(params));
        add("files", "loadParameters into a model of other shapes", () -> new Model().add(new Dense(2, 4, r))
                .add(new Softmax()).set(new CategoricalCrossEntropy(), null, new CategoricalAccuracy()).build()
                .loadParameters(params));
        Path flipped = dir.resolve("flipped.safetensors");
        byte[] model = ModelFile.encode(classifier(), false);
        model[model.length - 3] ^= 0x10;
        Files.write(flipped, model);
        add("files", "Model.load of a file with one bit flipped in a weight", () -> Model.load(flipped));
        Path nan = dir.resolve("nan.safetensors");
        Model withNaN = classifier();
        withNaN.trainableLayers().get(1).weights().set(2, 1, Double.NaN);
        withNaN.save(nan);
        add("files", "Model.load of a model whose weights hold NaN", () -> Model.load(nan));
        Path picture = dir.resolve("photo.png");
        Files.writeString(picture, "GIF89a but not really");
        add("files", "FashionMnist.prepareImage of a file that is not a picture",
                () -> FashionMnist.prepareImage(picture));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Small byte-array helpers. */
    static final class Arrays2 {
        static byte[] cut(byte[] b, int length) {
            return java.util.Arrays.copyOf(b, length);
        }
    }

    private static final Map<Class<?>, Boolean> ACCEPTED = Map.of(IllegalArgumentException.class, true,
            IllegalStateException.class, true, nnfs.data.DatasetFormatException.class, true,
            nnfs.io.ModelFileException.class, true, nnfs.model.TrainingDivergedException.class, true);

    @Test
    void everyBadInputGetsAClearMessageAndTheTableIsCurrent(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cases();
        StringBuilder table = new StringBuilder();
        table.append("# Bad inputs and the messages they get\n\n")
                .append("Every row is tried by `lib/src/test/java/nnfs/reliability/BadInputsTest.java`, and this file ")
                .append("is generated from the messages it receives: the test fails when they change. Regenerate it ")
                .append("with\n`mvn -o -q -pl lib test -Dtest=BadInputsTest -Dnnfs.writeBadInputs=true`. Paths of ")
                .append("the test's scratch directory read `<dir>`.\n\n")
                .append("| # | Area | What was tried | Exception | Message |\n|---|---|---|---|---|\n");
        List<String> unclear = new ArrayList<>();
        int n = 0;
        for (Case c : cases) {
            n++;
            Throwable thrown = null;
            try {
                c.attempt().run();
            } catch (Throwable t) {
                thrown = t;
            }
            if (thrown == null) {
                unclear.add(c.tried() + ": no error at all");
                continue;
            }
            String message = String.valueOf(thrown.getMessage()).replace(dir.toString(), "<dir>");
            if (!ACCEPTED.containsKey(thrown.getClass()) || !message.contains("expect")) {
                unclear.add(c.tried() + ": " + thrown);
            }
            table.append("| ").append(n).append(" | ").append(c.area()).append(" | ").append(c.tried())
                    .append(" | ").append(thrown.getClass().getSimpleName()).append(" | ")
                    .append(message.replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        assertEquals(List.of(), unclear, "messages that do not say what was expected, or unexpected exception types");
        assertTrue(n >= 30, "cases: " + n);
        Path committed = Path.of("..", "docs", "bad-inputs.md");
        String generated = table.toString();
        if (Boolean.getBoolean("nnfs.writeBadInputs")) {
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        String current = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
        if (!current.equals(generated)) {
            Path fresh = Path.of("target", "bad-inputs.md");
            Files.writeString(fresh, generated, StandardCharsets.UTF_8);
            fail("docs/bad-inputs.md is not what the code prints now (the new table is in lib/" + fresh + "); "
                    + "regenerate it with: mvn -o -q -pl lib test -Dtest=BadInputsTest -Dnnfs.writeBadInputs=true");
        }
        System.out.println("BadInputsTest: " + n + " bad inputs tried, each refused with a clear message "
                + "(docs/bad-inputs.md)");
    }
}
