package nnfs.io;

import static nnfs.Assertions2.assertMatrixBitsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnfs.Matrices;
import nnfs.activations.Linear;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.activations.Step;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.layers.Regularizer;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.MeanAbsoluteError;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.BinaryAccuracy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.model.LayerParameters;
import nnfs.model.Model;
import nnfs.optimizers.Adagrad;
import nnfs.optimizers.Adam;
import nnfs.optimizers.Optimizer;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** Saving and loading whole models and parameter files. */
class ModelFileTest {

    static Dataset spiral() {
        return Datasets.spiral(20, 3, new NumpyRandom(1));
    }

    /** A classifier using every layer type, trained a little with the given optimizer. */
    static Model classifier(Optimizer<?> optimizer) {
        NumpyRandom random = new NumpyRandom(2);
        Model model = new Model()
                .add(new Dense(2, 16, random, new Regularizer(1e-5, 5e-4, 2e-5, 5e-4))).add(new ReLU())
                .add(new Dropout(0.1, random))
                .add(new Dense(16, 8, random)).add(new Sigmoid())
                .add(new Dense(8, 8, random)).add(new Linear())
                .add(new Dense(8, 8, random)).add(new Step())
                .add(new Dense(8, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), optimizer, new CategoricalAccuracy()).build().printTo(null);
        model.train(spiral(), 5, 16, 100, null);
        return model;
    }

    @Test
    void everyLayerAndOptimizerSurvivesTheRoundTrip(@TempDir Path dir) throws IOException {
        List<Supplier<Optimizer<?>>> optimizers = List.of(() -> new SGD(0.5, 1e-3, 0.9), () -> new SGD(),
                () -> new Adagrad(), () -> new RMSprop(0.02, 1e-5, 1e-7, 0.999), () -> new Adam(0.05, 5e-7, 1e-7, 0.9,
                        0.999));
        DMatrixRMaj x = spiral().X();
        for (Supplier<Optimizer<?>> make : optimizers) {
            Model model = classifier(make.get());
            Path file = dir.resolve("model.safetensors");
            model.save(file);
            Model loaded = Model.load(file).printTo(null);
            assertMatrixBitsEqual(model.predict(x, 64), loaded.predict(x, 64));
            assertEquals(model.toString(), loaded.toString());
            assertEquals(model.optimizer().toString(), loaded.optimizer().toString());
            assertEquals(0, loaded.optimizer().iterations(), "without state the optimizer starts afresh");
        }
    }

    @Test
    void binaryAndRegressionModelsToo(@TempDir Path dir) throws IOException {
        NumpyRandom random = new NumpyRandom(3);
        Model binary = new Model().add(new Dense(2, 4, random)).add(new ReLU()).add(new Dense(4, 1, random))
                .add(new Sigmoid()).set(new BinaryCrossEntropy(), new Adam(), new BinaryAccuracy()).build();
        Model regression = new Model().add(new Dense(1, 4, random)).add(new ReLU()).add(new Dense(4, 1, random))
                .add(new Linear()).set(new MeanAbsoluteError(), null, new RegressionAccuracy(0.01)).build();
        Model mse = new Model().add(new Dense(1, 1, random))
                .set(new MeanSquaredError(), new SGD(), new RegressionAccuracy()).build();
        DMatrixRMaj x2 = Matrices.of(new double[] {0.1, 0.2}, new double[] {-1, 3});
        DMatrixRMaj x1 = Matrices.column(0.5, -2);
        for (Object[] c : new Object[][] {{binary, x2}, {regression, x1}, {mse, x1}}) {
            Model model = (Model) c[0];
            Path file = dir.resolve("m.safetensors");
            model.save(file);
            Model loaded = Model.load(file);
            assertMatrixBitsEqual(model.predict((DMatrixRMaj) c[1], 8), loaded.predict((DMatrixRMaj) c[1], 8));
            assertEquals(model.toString(), loaded.toString());
        }
    }

    @Test
    void withOptimizerStateTrainingResumesExactly(@TempDir Path dir) throws IOException {
        // Without dropout (whose masks would come from a new generator) the continuation is bit for bit the same.
        Dataset data = spiral();
        Supplier<Model> make = () -> {
            NumpyRandom random = new NumpyRandom(4);
            return new Model().add(new Dense(2, 16, random, Regularizer.l2(5e-4))).add(new ReLU())
                    .add(new Dense(16, 3, random)).add(new Softmax())
                    .set(new CategoricalCrossEntropy(), new Adam(0.05, 5e-3, 1e-7, 0.9, 0.999),
                            new CategoricalAccuracy()).build().printTo(null);
        };
        Model straight = make.get();
        straight.train(data, 30, 16, 100, null);

        Model first = make.get();
        first.train(data, 15, 16, 100, null);
        Path file = dir.resolve("checkpoint.safetensors");
        first.saveWithOptimizerState(file);
        Model resumed = Model.load(file).printTo(null);
        assertEquals(first.optimizer().iterations(), resumed.optimizer().iterations());
        resumed.train(data, 15, 16, 100, null);

        List<LayerParameters> a = straight.parameters();
        List<LayerParameters> b = resumed.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertMatrixBitsEqual(a.get(i).weights(), b.get(i).weights());
            assertMatrixBitsEqual(a.get(i).biases(), b.get(i).biases());
        }
    }

    @Test
    void parameterFilesLoadIntoAModelBuiltInCode(@TempDir Path dir) throws IOException {
        Model trained = classifier(new Adam());
        Path file = dir.resolve("params.safetensors");
        trained.saveParameters(file);
        Model fresh = classifier(new SGD());
        fresh.loadParameters(file);
        assertMatrixBitsEqual(trained.predict(spiral().X(), 64), fresh.predict(spiral().X(), 64));

        NumpyRandom random = new NumpyRandom(9);
        Model other = new Model().add(new Dense(2, 5, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new SGD(), new CategoricalAccuracy()).build();
        ModelFileException e = assertThrows(ModelFileException.class, () -> other.loadParameters(file));
        assertEquals(file + ": the parameters do not fit this model: Model.setParameters: expected parameters for 1 "
                + "trainable layers, got 5", e.getMessage());
        ModelFileException kind = assertThrows(ModelFileException.class, () -> Model.load(file));
        assertEquals(file + ": expected format nnfs-model in the metadata, got nnfs-parameters (a parameter file: "
                + "load it with loadParameters)", kind.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ bad files

    /** A model file with a hand-written architecture and the given tensors. */
    static byte[] modelFile(String architecture, Map<String, DMatrixRMaj> tensors) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "nnfs-model");
        metadata.put("version", "1");
        metadata.put("architecture", architecture);
        return SafeTensors.encode(tensors, metadata);
    }

    static String loadError(String architecture, Map<String, DMatrixRMaj> tensors) {
        return assertThrows(ModelFileException.class, () -> ModelFile.decode(modelFile(architecture, tensors), "m"))
                .getMessage();
    }

    static final String DENSE_2_3 = "{\"type\":\"Dense\",\"inputs\":2,\"neurons\":3,\"weightL1\":0.0,\"weightL2\":0.0,"
            + "\"biasL1\":0.0,\"biasL2\":0.0}";
    static final String TAIL = "],\"loss\":{\"type\":\"CategoricalCrossEntropy\"},\"accuracy\":{\"type\":"
            + "\"CategoricalAccuracy\"}}";

    static Map<String, DMatrixRMaj> dense23() {
        Map<String, DMatrixRMaj> t = new LinkedHashMap<>();
        t.put("layers.0.weights", new DMatrixRMaj(2, 3));
        t.put("layers.0.biases", new DMatrixRMaj(1, 3));
        return t;
    }

    @Test
    void aMinimalHandWrittenFileLoads() throws ModelFileException {
        Model m = ModelFile.decode(modelFile("{\"layers\":[" + DENSE_2_3 + ",{\"type\":\"Softmax\"}" + TAIL, dense23()),
                "m");
        assertEquals(2, m.layers().size());
        assertEquals(null, m.optimizer());
        assertEquals(3, m.predict(Matrices.row(1, 2), 1).numCols);
    }

    @Test
    void everyArchitectureMistakeIsNamed() {
        assertEquals("m: expected the architecture as JSON, got malformed JSON: expected a value, got the end of the "
                + "text at character 10", loadError("{\"layers\":", dense23()));
        assertEquals("m: expected the architecture to list at least one layer, got null", loadError("{}", dense23()));
        assertEquals("m: expected the architecture to have only [accuracy, layers, loss, optimizer], got 'code'",
                loadError("{\"code\":\"rm -rf /\",\"layers\":[]}", dense23()));
        assertEquals("m: expected layer 0 to be one of Dense, Dropout, ReLU, Sigmoid, Softmax, Linear, Step, got "
                + "\"java.lang.Runtime\"", loadError("{\"layers\":[{\"type\":\"java.lang.Runtime\"}" + TAIL, dense23()));
        assertEquals("m: expected layer 0 to have only [biasL1, biasL2, inputs, neurons, type, weightL1, weightL2], "
                + "got 'init'", loadError("{\"layers\":[" + DENSE_2_3.replace("}", ",\"init\":1}") + TAIL, dense23()));
        assertEquals("m: expected layer 0 inputs to be a whole number from 1 to 100000000, got -2",
                loadError("{\"layers\":[" + DENSE_2_3.replace("\"inputs\":2", "\"inputs\":-2") + TAIL, dense23()));
        assertEquals("m: layer 0: Regularizer: expected weightL2 >= 0, got -1.0",
                loadError("{\"layers\":[" + DENSE_2_3.replace("\"weightL2\":0.0", "\"weightL2\":-1.0") + TAIL,
                        dense23()));
        assertEquals("m: layer 1: Dropout: expected rate in [0, 1), got 1.5", loadError("{\"layers\":[" + DENSE_2_3
                + ",{\"type\":\"Dropout\",\"rate\":1.5}" + TAIL, dense23()));
        assertEquals("m: expected the loss to be one of CategoricalCrossEntropy, BinaryCrossEntropy, MeanSquaredError, "
                + "MeanAbsoluteError, got \"Custom\"", loadError("{\"layers\":[" + DENSE_2_3 + "],\"loss\":{\"type\":"
                + "\"Custom\"},\"accuracy\":{\"type\":\"CategoricalAccuracy\"}}", dense23()));
        assertEquals("m: the optimizer: Adam: expected learningRate > 0, got -0.1", loadError("{\"layers\":["
                + DENSE_2_3 + TAIL.replace("}}", "},\"optimizer\":{\"type\":\"Adam\",\"learningRate\":-0.1,\"decay\":"
                + "0.0,\"epsilon\":1e-7,\"beta1\":0.9,\"beta2\":0.999}}"), dense23()));
        Map<String, DMatrixRMaj> two = dense23();
        two.put("layers.1.weights", new DMatrixRMaj(4, 3));
        two.put("layers.1.biases", new DMatrixRMaj(1, 3));
        String second = DENSE_2_3.replace("\"inputs\":2", "\"inputs\":4");
        assertEquals("m: expected layers that fit together, got: Model.build: Dense(4→3) (layer 1) expects 4 inputs, "
                + "but Dense(2→3) (layer 0) gives 3", loadError("{\"layers\":[" + DENSE_2_3 + "," + second + TAIL, two));
    }

    @Test
    void everyTensorMistakeIsNamed() {
        Map<String, DMatrixRMaj> missing = dense23();
        missing.remove("layers.0.biases");
        assertEquals("m: expected a tensor 'layers.0.biases' of shape (1×3), got none",
                loadError("{\"layers\":[" + DENSE_2_3 + TAIL, missing));
        Map<String, DMatrixRMaj> wrong = dense23();
        wrong.put("layers.0.weights", new DMatrixRMaj(3, 2));
        assertEquals("m: expected tensor 'layers.0.weights' of shape (2×3), got (3×2)",
                loadError("{\"layers\":[" + DENSE_2_3 + TAIL, wrong));
        Map<String, DMatrixRMaj> extra = dense23();
        extra.put("layers.7.weights", new DMatrixRMaj(1, 1));
        assertEquals("m: expected only the tensors the architecture needs, got an extra one: 'layers.7.weights'",
                loadError("{\"layers\":[" + DENSE_2_3 + TAIL, extra));
        Map<String, DMatrixRMaj> nan = dense23();
        nan.get("layers.0.weights").set(1, 2, Double.NaN);
        assertEquals("m: expected finite values in layers.0.weights, got NaN at row 1, column 2",
                loadError("{\"layers\":[" + DENSE_2_3 + TAIL, nan));
        Map<String, DMatrixRMaj> inf = dense23();
        inf.get("layers.0.biases").set(0, 0, Double.NEGATIVE_INFINITY);
        assertEquals("m: expected finite values in layers.0.biases, got -Infinity at row 0, column 0",
                loadError("{\"layers\":[" + DENSE_2_3 + TAIL, inf));
    }

    @Test
    void formatAndVersionAreChecked() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "nnfs-model");
        metadata.put("version", "2");
        byte[] newer = SafeTensors.encode(dense23(), metadata);
        assertEquals("m: expected version 1 of nnfs-model, got 2",
                assertThrows(ModelFileException.class, () -> ModelFile.decode(newer, "m")).getMessage());
        byte[] plain = SafeTensors.encode(dense23(), Map.of());
        assertEquals("m: expected format nnfs-model in the metadata, got none",
                assertThrows(ModelFileException.class, () -> ModelFile.decode(plain, "m")).getMessage());
        byte[] noArchitecture = SafeTensors.encode(dense23(), Map.of("format", "nnfs-model", "version", "1"));
        assertEquals("m: expected an architecture in the metadata, got none",
                assertThrows(ModelFileException.class, () -> ModelFile.decode(noArchitecture, "m")).getMessage());
    }

    @Test
    void aModelWithAHomeMadeLayerIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keep.safetensors");
        classifier(new SGD()).save(file);
        byte[] before = Files.readAllBytes(file);
        Model odd = new Model().add(new nnfs.layers.Layer() {
            @Override
            public void forward(DMatrixRMaj inputs) {
            }

            @Override
            public void backward(DMatrixRMaj dvalues) {
            }

            @Override
            public DMatrixRMaj output() {
                return null;
            }

            @Override
            public DMatrixRMaj dinputs() {
                return null;
            }
        }).set(new MeanSquaredError(), new SGD(), new RegressionAccuracy()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> odd.save(file));
        assertTrue(e.getMessage().startsWith("ModelFile.save: expected the library's layers"), e.getMessage());
        assertEquals(List.of(before.length), List.of(Files.readAllBytes(file).length));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the old file is untouched");
        Model.load(file);
    }
}
