package nnfs.model;

import static nnfs.Assertions2.assertMatrixEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnfs.Fixtures;
import nnfs.Matrices;
import nnfs.activations.Linear;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.layers.Regularizer;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.BinaryAccuracy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.optimizers.Adam;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/** The Model class on the book's chapter-10 to chapter-12 examples, and its bookkeeping. */
class ModelTest {

    /** 0/1 labels as a one-column matrix, as the binary examples want them. */
    static DMatrixRMaj column(int[] labels) {
        DMatrixRMaj m = new DMatrixRMaj(labels.length, 1);
        for (int i = 0; i < labels.length; i++) {
            m.data[i] = labels[i];
        }
        return m;
    }

    static Model logisticRegression(NumpyRandom random, double learningRate) {
        return new Model()
                .add(new Dense(2, 64, random, Regularizer.l2(5e-4))).add(new ReLU())
                .add(new Dense(64, 1, random)).add(new Sigmoid())
                .set(new BinaryCrossEntropy(), new Adam().withLearningRate(learningRate).withDecay(5e-7),
                        new BinaryAccuracy())
                .build().printTo(null);
    }

    @Test
    void binaryLogisticRegressionFollowsNumpyAndGeneralises() {
        NumpyRandom random = new NumpyRandom(0);
        Dataset spiral = Datasets.spiral(100, 2, random);
        Dataset test = Datasets.spiral(100, 2, random);
        Dataset train = Dataset.of(spiral.X(), column(spiral.labels()));
        Dataset validation = Dataset.of(test.X(), column(test.labels()));
        Model model = logisticRegression(random, 0.005);
        assertTrue(model.usesCombinedGradient());

        History history = model.train(train, 2000, Model.FULL_BATCH, 100, validation);
        for (Object row : (List<?>) Fixtures.get("logistic", "lr_0.005")) {
            List<?> r = (List<?>) row;
            History.Epoch epoch = history.epochs().get(((Number) r.get(0)).intValue() - 1);
            double loss = ((Number) r.get(1)).doubleValue();
            assertEquals(loss, epoch.loss(), loss * 1e-6, "loss at epoch " + epoch.epoch());
            assertEquals(((Number) r.get(2)).doubleValue(), epoch.accuracy(), 1e-12);
            assertEquals(((Number) r.get(3)).doubleValue(), epoch.validationAccuracy(), 1e-12);
        }
        model.train(train, 8000, Model.FULL_BATCH, 1000, null);
        Evaluation result = model.evaluate(validation, Model.FULL_BATCH);
        assertTrue(result.accuracy() >= 0.9, "validation accuracy " + result.accuracy());
    }

    @Test
    void theBooksDefaultLearningRateUnderfits() {
        // Adam's default 0.001 as in the book: the training curve follows NumPy's, and validation stays near 0.77.
        NumpyRandom random = new NumpyRandom(0);
        Dataset spiral = Datasets.spiral(100, 2, random);
        Dataset test = Datasets.spiral(100, 2, random);
        Model model = logisticRegression(random, 0.001);
        History history = model.train(Dataset.of(spiral.X(), column(spiral.labels())), 2000, Model.FULL_BATCH, 100,
                Dataset.of(test.X(), column(test.labels())));
        List<?> last = (List<?>) ((List<?>) Fixtures.get("logistic", "lr_0.001")).get(19);
        assertEquals(((Number) last.get(3)).doubleValue(), history.last().validationAccuracy(), 1e-12);
        assertEquals(((Number) last.get(1)).doubleValue(), history.last().loss(), 1e-6);
    }

    @Test
    void sineRegressionFollowsNumpyAndFits() {
        NumpyRandom random = new NumpyRandom(0);
        Dataset data = Datasets.sine();
        Model model = new Model()
                .add(new Dense(1, 64, random, 0.1)).add(new ReLU())
                .add(new Dense(64, 64, random, 0.1)).add(new ReLU())
                .add(new Dense(64, 1, random, 0.1)).add(new Linear())
                .set(new MeanSquaredError(), new Adam(0.005, 1e-3, 1e-7, 0.9, 0.999), new RegressionAccuracy())
                .build().printTo(null);
        assertFalse(model.usesCombinedGradient());
        History history = model.train(data, 1000, Model.FULL_BATCH, 100, null);
        for (Object row : (List<?>) Fixtures.get("sine_regression")) {
            List<?> r = (List<?>) row;
            int epoch = ((Number) r.get(0)).intValue();
            double loss = ((Number) r.get(1)).doubleValue();
            assertEquals(loss, history.epochs().get(epoch - 1).loss(), loss * 1e-5, "loss at epoch " + epoch);
        }
        model.train(data, 9000, Model.FULL_BATCH, 1000, null);
        Evaluation result = model.evaluate(data, Model.FULL_BATCH);
        assertTrue(result.accuracy() >= 0.9, "regression accuracy " + result.accuracy());
    }

    @Test
    void chapterTenModelWithDropoutAndL2() {
        NumpyRandom random = new NumpyRandom(0);
        Dataset train = Datasets.spiral(1000, 3, random);
        Dataset test = Datasets.spiral(100, 3, random);
        Model model = new Model()
                .add(new Dense(2, 512, random, Regularizer.l2(5e-4))).add(new ReLU()).add(new Dropout(0.1, random))
                .add(new Dense(512, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.05, 5e-5, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build().printTo(null);
        History history = model.train(train, 500, Model.FULL_BATCH, 100, test);
        assertTrue(history.last().validationAccuracy() >= 0.8, "validation accuracy "
                + history.last().validationAccuracy());
        assertTrue(history.last().regularizationLoss() > 0);
    }

    @Test
    void aSingleLayerModelIsLinearRegression() {
        // y = 3x + 2: one dense layer and nothing else, trained with plain SGD.
        DMatrixRMaj x = new DMatrixRMaj(50, 1);
        DMatrixRMaj y = new DMatrixRMaj(50, 1);
        for (int i = 0; i < 50; i++) {
            x.data[i] = i / 50.0;
            y.data[i] = 3 * x.data[i] + 2;
        }
        Model model = new Model().add(new Dense(1, 1, new NumpyRandom(0)))
                .set(new MeanSquaredError(), new SGD(0.5, 0, 0), new RegressionAccuracy(1e-3)).build().printTo(null);
        model.train(x, nnfs.data.Targets.values(y), 2000, Model.FULL_BATCH, 1000, null);
        LayerParameters p = model.parameters().get(0);
        assertEquals(3.0, p.weights().get(0, 0), 1e-6);
        assertEquals(2.0, p.biases().get(0, 0), 1e-6);
    }

    static Model small(NumpyRandom random) {
        return new Model().add(new Dense(2, 8, random)).add(new ReLU()).add(new Dense(8, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.01, 0, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build();
    }

    @Test
    void batchesPrintTheBooksLines() {
        NumpyRandom random = new NumpyRandom(3);
        Dataset data = Datasets.spiral(20, 3, random);
        Model model = small(random);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        History history = model.train(data, 2, 16, 2, data);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // 60 samples in batches of 16: steps 0..3, printed at 0, 2 and the last (3).
        assertEquals("epoch: 1", lines[0]);
        assertTrue(lines[1].matches("step: 0, acc: \\d\\.\\d{3}, loss: \\d\\.\\d{3} \\(data_loss: \\d\\.\\d{3}, "
                + "reg_loss: 0\\.000\\), lr: 0\\.01"), lines[1]);
        assertTrue(lines[2].startsWith("step: 2, "), lines[2]);
        assertTrue(lines[3].startsWith("step: 3, "), lines[3]);
        assertTrue(lines[4].startsWith("training, acc: "), lines[4]);
        assertTrue(lines[5].matches("validation, acc: \\d\\.\\d{3}, loss: \\d\\.\\d{3}"), lines[5]);
        assertEquals("epoch: 2", lines[6]);
        assertEquals(8, history.steps().size());
        assertEquals(2, history.epochs().size());
    }

    @Test
    void evaluationAccumulatesOverBatches() {
        NumpyRandom random = new NumpyRandom(4);
        Dataset data = Datasets.spiral(30, 3, random);
        Model model = small(random).printTo(null);
        model.train(data, 20, 32, 100, null);
        Evaluation whole = model.evaluate(data, Model.FULL_BATCH);
        for (int batchSize : new int[] {1, 7, 64}) {
            Evaluation batched = model.evaluate(data, batchSize);
            assertEquals(whole.loss(), batched.loss(), 1e-12);
            assertEquals(whole.accuracy(), batched.accuracy(), 0.0);
        }
        DMatrixRMaj all = model.predict(data.X(), Model.FULL_BATCH);
        assertMatrixEquals(all, model.predict(data.X(), 7), 1e-15);
        assertEquals(whole.accuracy(), nnfs.metrics.Accuracy.ofOutputs(all, data.y()), 1e-15);
        assertEquals(data.size(), model.predictions(data.X(), 10).numRows);
    }

    @Test
    void predictionGoesInChunksWithTheOnePassBits() {
        // 1 200 samples: more than one chunk of Model.INFERENCE_ROWS, and a last chunk that is not full.
        NumpyRandom random = new NumpyRandom(6);
        Dataset data = Datasets.spiral(400, 3, random);
        assertTrue(data.size() > 2 * Model.INFERENCE_ROWS);
        Model model = small(random).printTo(null);
        model.train(data, 5, 128, 100, null);
        DMatrixRMaj onePass = model.forward(data.X(), false).copy();
        // The Java kernels sum each element in an order that does not depend on the number of rows.
        assertMatrixEquals(onePass, model.predict(data.X(), Model.FULL_BATCH), 0.0);
        assertMatrixEquals(onePass, model.predict(data.X(), 1), 0.0);
        assertMatrixEquals(onePass, model.predict(data.X(), 100), 0.0);
        Evaluation whole = model.evaluate(data, Model.FULL_BATCH);
        assertEquals(whole.loss(), model.evaluate(data, 1).loss(), 0.0);
        assertEquals(whole.accuracy(), model.evaluate(data, 1).accuracy(), 0.0);
    }

    @Test
    void openBlasLayersPredictInChunksWithTheOnePassBitsWhenTheCountIsAMultipleOf16() {
        NumpyRandom random = new NumpyRandom(7);
        DMatrixRMaj X = random.randn(1024 + 16 * 7, 784);
        Model model = new Model()
                .add(new Dense(784, 128, random)).add(new ReLU())
                .add(new Dense(128, 128, random)).add(new ReLU())
                .add(new Dense(128, 10, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.001, 0, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build();
        DMatrixRMaj onePass = model.forward(X, false).copy();
        assertMatrixEquals(onePass, model.predict(X, Model.FULL_BATCH), 0.0);
        assertMatrixEquals(onePass, model.predict(X, 64), 0.0);
    }

    @Test
    void parametersCanBeCopiedIntoAnotherModel() {
        NumpyRandom random = new NumpyRandom(5);
        Dataset data = Datasets.spiral(20, 3, random);
        Model trained = small(random).printTo(null);
        trained.train(data, 50, Model.FULL_BATCH, 100, null);
        Model other = small(new NumpyRandom(99));
        other.setParameters(trained.parameters());
        assertMatrixEquals(trained.predict(data.X(), 16), other.predict(data.X(), 16), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> other.setParameters(List.of()));
        assertEquals("Model.setParameters: expected parameters for 2 trainable layers, got 0", e.getMessage());
    }

    @Test
    void historyAsTablesAndCsv(@TempDir Path dir) throws Exception {
        NumpyRandom random = new NumpyRandom(6);
        Dataset data = Datasets.spiral(10, 3, random);
        History history = small(random).printTo(null).train(data, 3, 10, 1, data);
        assertEquals(3, history.epochTable().rowCount());
        assertEquals(9, history.stepTable().rowCount());
        assertEquals(List.of("epoch", "loss", "data_loss", "reg_loss", "accuracy", "learning_rate", "validation_loss",
                "validation_accuracy"), history.epochTable().columnNames());
        Path csv = dir.resolve("history.csv");
        history.saveCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("epoch,loss,data_loss"), lines.get(0));
        assertEquals(2 * 640, history.plot("small").getWidth());
    }

    @Test
    void thePlotsLossPanelComparesDataLossWithDataLoss() {
        NumpyRandom random = new NumpyRandom(6);
        Dataset data = Datasets.spiral(10, 3, random);
        History plain = small(random).printTo(null).train(data, 3, 10, 1, data);
        var curves = plain.lossCurves();
        assertEquals(List.of("training", "validation"), List.copyOf(curves.keySet()));
        assertArrayEquals(plain.epochs().stream().mapToDouble(History.Epoch::dataLoss).toArray(),
                curves.get("training"));

        Model regularized = new Model().add(new Dense(2, 8, random, Regularizer.l2(1e-2))).add(new ReLU())
                .add(new Dense(8, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.01, 0, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build().printTo(null);
        History history = regularized.train(data, 3, 10, 1, data);
        curves = history.lossCurves();
        assertEquals(List.of("training, data loss", "validation, data loss", "training, data + regularization"),
                List.copyOf(curves.keySet()));
        for (int i = 0; i < 3; i++) {
            History.Epoch e = history.epochs().get(i);
            assertTrue(e.regularizationLoss() > 0, "epoch " + e);
            assertEquals(e.dataLoss(), curves.get("training, data loss")[i]);
            assertEquals(e.validationLoss(), curves.get("validation, data loss")[i]);
            assertEquals(e.dataLoss() + e.regularizationLoss(), curves.get("training, data + regularization")[i]);
        }
        History noValidation = small(random).printTo(null).train(data, 3, 10, 1, null);
        assertEquals(List.of("training"), List.copyOf(noValidation.lossCurves().keySet()));
    }

    @Test
    void mistakesAreReportedClearly() {
        var empty = assertThrows(IllegalStateException.class, () -> new Model().build());
        assertEquals("Model.build: expected at least one layer, got none (use add)", empty.getMessage());
        NumpyRandom random = new NumpyRandom(7);
        Model mismatched = new Model().add(new Dense(2, 64, random)).add(new ReLU()).add(new Dense(32, 3, random))
                .add(new Softmax()).set(new CategoricalCrossEntropy(), new SGD(), new CategoricalAccuracy());
        var shapes = assertThrows(IllegalStateException.class, mismatched::build);
        assertEquals("Model.build: Dense(32→3) (layer 2) expects 32 inputs, but Dense(2→64) (layer 0) gives 64",
                shapes.getMessage());
        Model unbuilt = new Model().add(new Dense(2, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new SGD(), new CategoricalAccuracy());
        Dataset data = Datasets.spiral(5, 3, random);
        var notBuilt = assertThrows(IllegalStateException.class, () -> unbuilt.train(data, 1, 1, 1, null));
        assertEquals("Model.train: expected a built model, got one not built since its last add() or set(): call build()", notBuilt.getMessage());
        unbuilt.build();
        var zero = assertThrows(IllegalArgumentException.class, () -> unbuilt.train(data, 1, 0, 1, null));
        assertEquals("Model.train: expected batchSize >= 1, got 0", zero.getMessage());
        var epochs = assertThrows(IllegalArgumentException.class, () -> unbuilt.train(data, 0, 1, 1, null));
        assertEquals("Model.train: expected epochs >= 1, got 0", epochs.getMessage());
        var wrongWidth = assertThrows(IllegalArgumentException.class,
                () -> unbuilt.predict(Matrices.of(new double[] {1, 2, 3}), 1));
        assertEquals("Dense(2→3).forward: expected 2 input columns, got 3 (a (1×3) matrix)", wrongWidth.getMessage());
    }

    @Test
    void toStringListsTheLayers() {
        String s = small(new NumpyRandom(8)).toString();
        assertTrue(s.startsWith("Model (4 layers, 51 parameters)\n   0  Dense(2→8)\n   1  ReLU\n"), s);
        assertTrue(s.contains("loss: CategoricalCrossEntropy (combined with the last activation for the backward "
                + "pass)"), s);
    }
}
