package nnfs.model;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;

import nnfs.Checks;
import nnfs.activations.Activation;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Targets;
import nnfs.io.ModelFile;
import nnfs.layers.Dense;
import nnfs.layers.Layer;
import nnfs.layers.Trainable;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.Loss;
import nnfs.losses.SigmoidBinaryCrossEntropy;
import nnfs.losses.SoftmaxCrossEntropy;
import nnfs.metrics.Accuracy;
import nnfs.optimizers.Optimizer;

/**
 * A network as one object: layers in order, a loss, an optimizer and an accuracy, with the training loop of the
 * book's chapters 10 to 12 written once.
 *
 * <pre>
 * Model model = new Model()
 *         .add(new Dense(2, 64, random)).add(new ReLU())
 *         .add(new Dense(64, 3, random)).add(new Softmax())
 *         .set(new CategoricalCrossEntropy(), new Adam(0.05, 5e-7, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
 *         .build();
 * model.train(data, 10_000, Model.FULL_BATCH, 100, validation);
 * </pre>
 *
 * <p>{@link #build()} is the book's {@code finalize()}, renamed because {@code finalize} is a method every Java object
 * already has (the garbage collector's {@code Object.finalize}). It checks that the layers fit together, collects the
 * trainable ones, and chooses how the gradient enters the network: when the last layer is softmax and the loss
 * categorical cross-entropy (or sigmoid and binary cross-entropy) it uses the combined gradient ŷ − y, otherwise the
 * loss's own backward pass followed by the last activation's.
 */
public final class Model {

    /** A batch size that puts the whole data set in one batch: one optimizer step per epoch. */
    public static final int FULL_BATCH = Integer.MAX_VALUE;

    /** How the gradient enters the network. */
    private enum Head {
        LOSS_THEN_ACTIVATION, SOFTMAX_CROSS_ENTROPY, SIGMOID_BINARY_CROSS_ENTROPY
    }

    private final List<Layer> layers = new ArrayList<>();
    private Loss loss;
    private Optimizer<?> optimizer;
    private Accuracy accuracy;
    private PrintStream log = System.out;
    private boolean showProgress = true;
    private java.util.function.LongSupplier clock = System::nanoTime;
    private Progress progress;

    // Set by build().
    private boolean built;
    private List<Trainable> trainables = List.of();
    private Head head;

    /**
     * At most this many samples go through the network at once in {@link #predict} and {@link #evaluate}, whatever
     * batch size they are given: a whole test set in one pass gives every layer a 10 MB output (10 000 samples x 128
     * neurons), which the JVM allocates outside its young generation and the system must page in on the first call;
     * 512 rows keep every buffer under a megabyte, reused from chunk to chunk. The Java kernels sum each element in
     * an order that does not depend on the number of rows. OpenBLAS sums the rows at the edge of its 8-row blocks
     * differently: 512 is a multiple of 16, so both of its threads get whole blocks in every chunk but the last, and
     * the 10 000 test images give the one-pass bits; for other sample counts the last rows may differ in the last bit.
     */
    static final int INFERENCE_ROWS = 512;

    // Buffers reused from batch to batch.
    private final DMatrixRMaj batchX = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj headGradient = new DMatrixRMaj(0, 0);
    private final DMatrixRMaj batchPredictions = new DMatrixRMaj(0, 1);
    private final BatchTargets batchTargets = new BatchTargets();

    /** Appends a layer. */
    public Model add(Layer layer) {
        Checks.requireNonNull("Model", "add", layer, "a layer");
        layers.add(layer);
        built = false;
        return this;
    }

    /** Sets the loss, the optimizer (null for a model that only predicts) and the accuracy. */
    public Model set(Loss loss, Optimizer<?> optimizer, Accuracy accuracy) {
        Checks.requireNonNull("Model", "set", loss, "a loss");
        Checks.requireNonNull("Model", "set", accuracy, "an accuracy");
        this.loss = loss;
        this.optimizer = optimizer;
        this.accuracy = accuracy;
        built = false;
        return this;
    }

    /** Where the training and validation lines go; {@code null} for none. */
    public Model printTo(PrintStream log) {
        this.log = log;
        return this;
    }

    /**
     * Whether {@link #train} shows its progress line on long runs (the default): one line rewritten in place with the
     * epoch, step, loss, accuracy, learning rate, and the time spent and left. It appears only after two seconds and
     * changes at most four times a second; {@code false} keeps only the book's lines.
     */
    public Model showProgress(boolean show) {
        this.showProgress = show;
        return this;
    }

    /** The clock of the progress line, in nanoseconds (tests use a fake one). */
    Model clock(java.util.function.LongSupplier clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Checks the model and prepares it for training (the book's {@code finalize}): at least one layer, each dense
     * layer reading as many inputs as the dense layer before it has neurons, a loss and an accuracy. A model with a
     * single layer is fine (one of the source notes' {@code finalize} fails on it). The last layer is normally an
     * activation, whose {@code predictions} turn outputs into predictions; without one the outputs are the
     * predictions, as with {@link nnfs.activations.Linear}.
     */
    public Model build() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Model.build: expected at least one layer, got none (use add)");
        }
        if (loss == null || accuracy == null) {
            throw new IllegalStateException("Model.build: expected a loss and an accuracy (use set), got "
                    + (loss == null ? "no loss" : "no accuracy"));
        }
        Dense previous = null;
        int previousIndex = -1;
        List<Trainable> found = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Dense dense) {
                if (previous != null && dense.nInputs() != previous.nNeurons()) {
                    throw new IllegalStateException("Model.build: " + dense + " (layer " + i + ") expects "
                            + dense.nInputs() + " inputs, but " + previous + " (layer " + previousIndex + ") gives "
                            + previous.nNeurons());
                }
                previous = dense;
                previousIndex = i;
            }
            if (layer instanceof Trainable trainable) {
                found.add(trainable);
            }
        }
        trainables = List.copyOf(found);
        Layer last = layers.get(layers.size() - 1);
        if (last instanceof Softmax && loss instanceof CategoricalCrossEntropy) {
            head = Head.SOFTMAX_CROSS_ENTROPY;
        } else if (last instanceof Sigmoid && loss instanceof BinaryCrossEntropy) {
            head = Head.SIGMOID_BINARY_CROSS_ENTROPY;
        } else {
            head = Head.LOSS_THEN_ACTIVATION;
        }
        built = true;
        return this;
    }

    /** {@link #train(DMatrixRMaj, Targets, int, int, int, Dataset)} on a data set. */
    public History train(Dataset data, int epochs, int batchSize, int printEvery, Dataset validation) {
        Checks.requireNonNull("Model", "train", data, "a training set");
        return train(data.X(), data.y(), epochs, batchSize, printEvery, validation);
    }

    /**
     * Trains the model, as the book's {@code Model.train}.
     *
     * <p>Each epoch goes through the samples in order in batches of {@code batchSize} ({@link #FULL_BATCH} for one
     * batch of everything): forward in training mode, loss and accuracy of the batch, backward, one optimizer step.
     * The epoch's data loss and accuracy are accumulated over all its samples; its regularization loss is taken
     * after its last step (in full-batch training, before its only update, like its data loss).
     *
     * <p>Printing follows the book. In full-batch training an epoch line every {@code printEvery} epochs. With
     * batches, each epoch prints its number, a step line every {@code printEvery} steps (and for the last step), and
     * a "training" summary. The validation line follows each printed epoch. Everything is also recorded, every step
     * and every epoch (validation included), in the returned {@link History}. On long runs a progress line is shown
     * too (see {@link #showProgress}).
     *
     * <p>When a step's loss is NaN or infinite, training stops before that step updates anything, with a
     * {@link TrainingDivergedException} naming the epoch and step (and holding the history so far): continuing would
     * only print NaN for the remaining epochs.
     *
     * <p>When the thread is interrupted (a notebook's Interrupt Kernel), training stops once the step that is running
     * has finished (and, after an epoch's last step, its validation), with a {@link TrainingInterruptedException}
     * that holds the history so far; the model keeps the weights of that step.
     *
     * @param validation a data set to evaluate after each epoch, or null
     */
    public History train(DMatrixRMaj X, Targets y, int epochs, int batchSize, int printEvery, Dataset validation) {
        requireBuilt("train");
        if (optimizer == null) {
            throw new IllegalStateException("Model.train: expected an optimizer (use set), got none");
        }
        Checks.requireAtLeastOne("Model.train", "epochs", epochs);
        Checks.requireAtLeastOne("Model.train", "batchSize", batchSize);
        Checks.requireAtLeastOne("Model.train", "printEvery", printEvery);
        Checks.requireNonNull("Model", "train", X, "samples X");
        Checks.requireNonNull("Model", "train", y, "targets y");
        Checks.requireRows("Model", "train", X, "samples X");
        if (X.numRows != y.size()) {
            throw new IllegalArgumentException("Model.train: expected one target per sample (" + X.numRows
                    + " samples), got " + y.size() + " targets");
        }
        Checks.requireFinite("Model", "train", X, "samples X");
        accuracy.init(y);
        int n = X.numRows;
        int size = Math.min(batchSize, n);
        int steps = (n + size - 1) / size;
        boolean fullBatch = steps == 1;
        History history = new History();
        progress = log != null && showProgress ? new Progress(log, clock, epochs, steps) : null;
        try {
            trainEpochs(X, y, epochs, batchSize, printEvery, validation, n, size, steps, fullBatch, history);
        } finally {
            if (progress != null) {
                progress.clear();
                log.flush();
            }
            progress = null;
        }
        return history;
    }

    private void trainEpochs(DMatrixRMaj X, Targets y, int epochs, int batchSize, int printEvery, Dataset validation,
            int n, int size, int steps, boolean fullBatch, History history) {

        for (int epoch = 1; epoch <= epochs; epoch++) {
            stopIfInterrupted(epoch, 0, history);
            boolean printEpoch = epoch % printEvery == 0 || epoch == epochs;
            if (!fullBatch && log != null) {
                print("epoch: " + epoch);
            }
            double lossSum = 0.0;
            long lossCount = 0;
            long right = 0;
            long compared = 0;
            double learningRate = optimizer.currentLearningRate();
            double stepRegularizationLoss = 0.0;
            for (int step = 0; step < steps; step++) {
                if (step > 0) {
                    stopIfInterrupted(epoch, step, history);
                }
                int from = step * size;
                int to = Math.min(n, from + size);
                DMatrixRMaj batch = fullBatch ? X : rows(X, from, to);
                Targets batchY = fullBatch ? y : batchTargets.rows(y, from, to);

                DMatrixRMaj out = forward(batch, true);
                DMatrixRMaj sampleLosses = loss.forward(out, batchY);
                double stepLossSum = sum(sampleLosses);
                lossSum += stepLossSum;
                lossCount += sampleLosses.getNumElements();
                double dataLoss = stepLossSum / sampleLosses.getNumElements();
                double regularizationLoss = regularizationLoss();
                if (!Double.isFinite(dataLoss) || !Double.isFinite(regularizationLoss)) {
                    throw diverged(epoch, step, dataLoss, regularizationLoss, history);
                }
                stepRegularizationLoss = regularizationLoss;
                long[] counts = accuracy.compare(predictionsInto(out), batchY);
                right += counts[0];
                compared += counts[1];
                double stepAccuracy = (double) counts[0] / counts[1];

                backward(out, batchY);
                optimizer.preUpdate();
                learningRate = optimizer.currentLearningRate();
                for (Trainable layer : trainables) {
                    optimizer.update(layer);
                }
                optimizer.postUpdate();

                history.add(new History.Step(epoch, step, dataLoss + regularizationLoss, dataLoss,
                        regularizationLoss, stepAccuracy, learningRate));
                if (!fullBatch && log != null && (step % printEvery == 0 || step == steps - 1)) {
                    print("step: " + step + ", " + metrics(stepAccuracy, dataLoss, regularizationLoss, learningRate));
                }
                if (progress != null) {
                    progress.update(epoch, step, lossSum / lossCount + regularizationLoss, (double) right / compared,
                            learningRate);
                }
            }
            double dataLoss = lossSum / lossCount;
            // One step per epoch: the epoch is that step, measured before its update (the book's chapter 10 loop).
            // With batches: the regularization loss after the epoch's last update (the book's accumulated metrics).
            double regularizationLoss = fullBatch ? stepRegularizationLoss : regularizationLoss();
            double epochAccuracy = (double) right / compared;
            if (log != null && fullBatch && printEpoch) {
                print("epoch: " + epoch + ", " + metrics(epochAccuracy, dataLoss, regularizationLoss, learningRate));
            } else if (log != null && !fullBatch) {
                print("training, " + metrics(epochAccuracy, dataLoss, regularizationLoss, learningRate));
            }
            Evaluation checked = null;
            if (validation != null) {
                checked = measure(validation.X(), validation.y(), batchSize);
                if (printEpoch || !fullBatch) {
                    print(checked.toString());
                }
            }
            history.add(new History.Epoch(epoch, dataLoss + regularizationLoss, dataLoss, regularizationLoss,
                    epochAccuracy, learningRate, checked == null ? Double.NaN : checked.loss(),
                    checked == null ? Double.NaN : checked.accuracy()));
        }
    }

    private TrainingDivergedException diverged(int epoch, int step, double dataLoss, double regularizationLoss,
            History history) {
        double lr = optimizer.currentLearningRate();
        String which = !Double.isFinite(dataLoss) ? "data loss " + dataLoss : "regularization loss "
                + regularizationLoss;
        return new TrainingDivergedException(String.format(Locale.ROOT, "Model.train: expected a finite loss, got a "
                + "%s at epoch %d, step %d: training diverged and stopped there, before that step changed any weight. "
                + "Try a lower learning rate than %s (e.g. %s)%s", which, epoch, step, lr, lr / 10,
                regularizationLoss != 0 && !Double.isFinite(regularizationLoss) ? " or smaller regularization" : ""),
                epoch, step, history);
    }

    /** Between two steps: ends training when the thread was interrupted, keeping its interrupt status. */
    private static void stopIfInterrupted(int epoch, int step, History history) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TrainingInterruptedException(String.format(Locale.ROOT, "Model.train: interrupted before "
                    + "epoch %d, step %d; the model keeps the weights of the step before, and the exception's "
                    + "history() holds the %d epochs and %d steps recorded", epoch, step, history.epochs().size(),
                    history.steps().size()), epoch, step, history);
        }
    }

    /** {@link #evaluate(DMatrixRMaj, Targets, int)} on a data set. */
    public Evaluation evaluate(Dataset data, int batchSize) {
        Checks.requireNonNull("Model", "evaluate", data, "a data set");
        return evaluate(data.X(), data.y(), batchSize);
    }

    /**
     * The mean data loss and the accuracy over a whole data set, in inference mode (no dropout), computed batch by
     * batch and accumulated over all samples; prints the book's "validation" line.
     */
    public Evaluation evaluate(DMatrixRMaj X, Targets y, int batchSize) {
        Evaluation result = measure(X, y, batchSize);
        print(result.toString());
        return result;
    }

    private Evaluation measure(DMatrixRMaj X, Targets y, int batchSize) {
        requireBuilt("evaluate");
        Checks.requireAtLeastOne("Model.evaluate", "batchSize", batchSize);
        Checks.requireRows("Model", "evaluate", X, "samples X");
        if (X.numRows != y.size()) {
            throw new IllegalArgumentException("Model.evaluate: expected one target per sample (" + X.numRows
                    + " samples), got " + y.size() + " targets");
        }
        accuracy.init(y);
        int n = X.numRows;
        int size = Math.min(Math.min(batchSize, n), INFERENCE_ROWS);
        double lossSum = 0.0;
        long lossCount = 0;
        long right = 0;
        long compared = 0;
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            DMatrixRMaj batch = size == n ? X : rows(X, from, to);
            Targets batchY = size == n ? y : batchTargets.rows(y, from, to);
            DMatrixRMaj out = forward(batch, false);
            DMatrixRMaj sampleLosses = loss.forward(out, batchY);
            // One running sum over all samples, in their order: the same bits however the samples are chunked.
            lossSum = sum(sampleLosses, lossSum);
            lossCount += sampleLosses.getNumElements();
            long[] counts = accuracy.compare(predictionsInto(out), batchY);
            right += counts[0];
            compared += counts[1];
        }
        return new Evaluation(lossSum / lossCount, (double) right / compared);
    }

    /** The network's outputs for {@code X} in inference mode, computed in batches; a new matrix, one row per sample. */
    public DMatrixRMaj predict(DMatrixRMaj X, int batchSize) {
        requireBuilt("predict");
        Checks.requireAtLeastOne("Model.predict", "batchSize", batchSize);
        Checks.requireRows("Model", "predict", X, "samples X");
        int n = X.numRows;
        int size = Math.min(Math.min(batchSize, n), INFERENCE_ROWS);
        DMatrixRMaj result = null;
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            DMatrixRMaj out = forward(size == n ? X : rows(X, from, to), false);
            if (result == null) {
                result = new DMatrixRMaj(n, out.numCols);
            }
            System.arraycopy(out.data, 0, result.data, from * out.numCols, (to - from) * out.numCols);
        }
        return result;
    }

    /** What the model predicts for {@code X}: classes, 0/1 values or numbers, from its last activation. */
    public DMatrixRMaj predictions(DMatrixRMaj X, int batchSize) {
        return predictionsOf(predict(X, batchSize));
    }

    /** The last layer's {@code predictions} of these outputs, or a copy of them when it is not an activation. */
    private DMatrixRMaj predictionsOf(DMatrixRMaj outputs) {
        Layer last = layers.get(layers.size() - 1);
        return last instanceof Activation activation ? activation.predictions(outputs) : outputs.copy();
    }

    /** {@link #predictionsOf} into a buffer reused from batch to batch (valid until the next batch). */
    private DMatrixRMaj predictionsInto(DMatrixRMaj outputs) {
        Layer last = layers.get(layers.size() - 1);
        if (last instanceof Activation activation) {
            activation.predictions(outputs, batchPredictions);
        } else {
            batchPredictions.setTo(outputs);
        }
        return batchPredictions;
    }

    /**
     * The targets of one batch, in buffers kept from batch to batch: class labels need an array of the batch's
     * length, so one is kept for the full batches and one for the shorter last batch.
     */
    private static final class BatchTargets {
        private Targets.Classes full = Targets.classes();
        private Targets.Classes last = Targets.classes();
        private final DMatrixRMaj values = new DMatrixRMaj(0, 0);
        private final Targets.Values valuesView = Targets.values(values);

        Targets rows(Targets y, int from, int to) {
            int n = to - from;
            if (y instanceof Targets.Classes classes) {
                if (full.labels().length != n && last.labels().length != n) {
                    if (full.labels().length == 0) {
                        full = Targets.classes(new int[n]);
                    } else {
                        last = Targets.classes(new int[n]);
                    }
                }
                Targets.Classes buffer = full.labels().length == n ? full : last;
                System.arraycopy(classes.labels(), from, buffer.labels(), 0, n);
                return buffer;
            }
            DMatrixRMaj m = ((Targets.Values) y).matrix();
            values.reshape(n, m.numCols);
            System.arraycopy(m.data, from * m.numCols, values.data, 0, n * m.numCols);
            return valuesView;
        }
    }

    /**
     * One forward pass through every layer; returns the last layer's output (owned by that layer, overwritten by the
     * next pass).
     */
    public DMatrixRMaj forward(DMatrixRMaj X, boolean training) {
        DMatrixRMaj input = X;
        for (Layer layer : layers) {
            layer.forward(input, training);
            input = layer.output();
        }
        return input;
    }

    /** One backward pass from the loss's gradient at {@code output} down to the first layer. */
    public void backward(DMatrixRMaj output, Targets y) {
        requireBuilt("backward");
        DMatrixRMaj dvalues;
        int start;
        switch (head) {
            case SOFTMAX_CROSS_ENTROPY -> {
                SoftmaxCrossEntropy.gradient(output, y, headGradient);
                dvalues = headGradient;
                start = layers.size() - 2;
            }
            case SIGMOID_BINARY_CROSS_ENTROPY -> {
                SigmoidBinaryCrossEntropy.gradient(output, y, headGradient);
                dvalues = headGradient;
                start = layers.size() - 2;
            }
            default -> {
                loss.backward(output, y);
                dvalues = loss.dinputs();
                start = layers.size() - 1;
            }
        }
        for (int i = start; i > 0; i--) {
            Layer layer = layers.get(i);
            layer.backward(dvalues);
            dvalues = layer.dinputs();
        }
        if (start >= 0) {
            // Nothing reads the first layer's dinputs (they would be the gradient with respect to the data): a dense
            // layer skips computing them.
            Layer first = layers.get(0);
            if (first instanceof Dense dense) {
                dense.backwardParameters(dvalues);
            } else {
                first.backward(dvalues);
            }
        }
    }

    /** The sum of every trainable layer's regularization loss. */
    public double regularizationLoss() {
        double sum = 0.0;
        for (Trainable layer : trainables) {
            sum += layer.regularizationLoss();
        }
        return sum;
    }

    /** Copies of every trainable layer's weights and biases, in layer order (the book's {@code get_parameters}). */
    public List<LayerParameters> parameters() {
        requireBuilt("parameters");
        List<LayerParameters> list = new ArrayList<>();
        for (Trainable layer : trainables) {
            list.add(new LayerParameters(layer.weights().copy(), layer.biases().copy()));
        }
        return list;
    }

    /** Sets every trainable layer's weights and biases (the book's {@code set_parameters}); shapes must match. */
    public void setParameters(List<LayerParameters> parameters) {
        requireBuilt("setParameters");
        Checks.requireNonNull("Model", "setParameters", parameters, "a list of parameters");
        if (parameters.size() != trainables.size()) {
            throw new IllegalArgumentException("Model.setParameters: expected parameters for " + trainables.size()
                    + " trainable layers, got " + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            Trainable layer = trainables.get(i);
            LayerParameters p = parameters.get(i);
            if (layer instanceof Dense dense) {
                dense.setParameters(p.weights(), p.biases());
            } else {
                Checks.requireShape(layer, "setParameters", p.weights(), layer.weights().numRows,
                        layer.weights().numCols, "weights");
                Checks.requireShape(layer, "setParameters", p.biases(), layer.biases().numRows,
                        layer.biases().numCols, "biases");
                layer.weights().setTo(p.weights());
                layer.biases().setTo(p.biases());
            }
        }
    }

    /**
     * Saves the whole model to a file (architecture, weights, optimizer settings; see {@link ModelFile}), as the
     * book's {@code model.save}. The file is replaced atomically.
     */
    public void save(Path file) throws IOException {
        ModelFile.save(this, file);
    }

    /** Saves the whole model with the optimizer's state, so that training can resume from the file. */
    public void saveWithOptimizerState(Path file) throws IOException {
        ModelFile.save(this, file, true);
    }

    /** Loads a model saved with {@link #save}, as the book's {@code Model.load}. */
    public static Model load(Path file) throws IOException {
        return ModelFile.load(file);
    }

    /** Saves only the weights and biases, as the book's {@code model.save_parameters}. */
    public void saveParameters(Path file) throws IOException {
        ModelFile.saveParameters(this, file);
    }

    /** Loads weights and biases saved with {@link #saveParameters} into this model, as the book's {@code load_parameters}. */
    public void loadParameters(Path file) throws IOException {
        ModelFile.loadParameters(this, file);
    }

    /** The last layer, whose {@code predictions} turn outputs into predictions, or null when it is not an activation. */
    public Activation outputActivation() {
        requireBuilt("outputActivation");
        return layers.get(layers.size() - 1) instanceof Activation activation ? activation : null;
    }

    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public List<Trainable> trainableLayers() {
        requireBuilt("trainableLayers");
        return trainables;
    }

    public Loss loss() {
        return loss;
    }

    public Optimizer<?> optimizer() {
        return optimizer;
    }

    public Accuracy accuracy() {
        return accuracy;
    }

    /** True when the combined softmax (or sigmoid) + cross-entropy gradient is in use. */
    public boolean usesCombinedGradient() {
        requireBuilt("usesCombinedGradient");
        return head != Head.LOSS_THEN_ACTIVATION;
    }

    /** The number of weights and biases in all trainable layers. */
    public long parameterCount() {
        long count = 0;
        for (Layer layer : layers) {
            if (layer instanceof Trainable t) {
                count += t.weights().getNumElements() + t.biases().getNumElements();
            }
        }
        return count;
    }

    private void requireBuilt(String method) {
        if (!built) {
            throw new IllegalStateException("Model." + method + ": expected a built model, got one not built since its "
                    + "last add() or set(): call build()");
        }
    }

    private DMatrixRMaj rows(DMatrixRMaj X, int from, int to) {
        batchX.reshape(to - from, X.numCols);
        System.arraycopy(X.data, from * X.numCols, batchX.data, 0, (to - from) * X.numCols);
        return batchX;
    }

    private static double sum(DMatrixRMaj m) {
        return sum(m, 0.0);
    }

    /** {@code start} plus the elements of {@code m}, added one by one in their order. */
    private static double sum(DMatrixRMaj m, double start) {
        double s = start;
        for (int k = 0; k < m.getNumElements(); k++) {
            s += m.data[k];
        }
        return s;
    }

    private static String metrics(double accuracy, double dataLoss, double regularizationLoss, double learningRate) {
        return String.format(Locale.ROOT, "acc: %.3f, loss: %.3f (data_loss: %.3f, reg_loss: %.3f), lr: %s", accuracy,
                dataLoss + regularizationLoss, dataLoss, regularizationLoss, learningRate);
    }

    private void print(String line) {
        if (progress != null) {
            progress.clear();
        }
        if (log != null) {
            log.println(line);
        }
    }

    /** The layers with their indices, then the loss, optimizer and accuracy. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Model (").append(layers.size()).append(" layers, ")
                .append(parameterCount()).append(" parameters)\n");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            s.append(String.format(Locale.ROOT, "  %2d  %s%n", i, layer));
        }
        s.append("  loss: ").append(loss).append(built && head != Head.LOSS_THEN_ACTIVATION
                ? " (combined with the last activation for the backward pass)" : "").append('\n');
        s.append("  optimizer: ").append(optimizer).append('\n');
        s.append("  accuracy: ").append(accuracy);
        return s.toString();
    }
}
