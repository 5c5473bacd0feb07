package nnfs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;
import nnfs.activations.Linear;
import nnfs.activations.ReLU;
import nnfs.activations.Sigmoid;
import nnfs.activations.Softmax;
import nnfs.activations.Step;
import nnfs.layers.Dense;
import nnfs.layers.Dropout;
import nnfs.layers.Layer;
import nnfs.layers.Regularizer;
import nnfs.layers.Trainable;
import nnfs.losses.BinaryCrossEntropy;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.losses.Loss;
import nnfs.losses.MeanAbsoluteError;
import nnfs.losses.MeanSquaredError;
import nnfs.metrics.Accuracy;
import nnfs.metrics.BinaryAccuracy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.metrics.RegressionAccuracy;
import nnfs.model.LayerParameters;
import nnfs.model.Model;
import nnfs.optimizers.Adagrad;
import nnfs.optimizers.Adam;
import nnfs.optimizers.Optimizer;
import nnfs.optimizers.ParameterState;
import nnfs.optimizers.RMSprop;
import nnfs.optimizers.SGD;
import nnfs.random.NumpyRandom;

/**
 * Saving and loading, in place of the book's {@code pickle}.
 *
 * <p>A <b>model file</b> is one safetensors file: the tensors {@code layers.<i>.weights} and {@code layers.<i>.biases}
 * of each dense layer (i its position in the model), and in the metadata the format name ({@value #MODEL_FORMAT}),
 * its version and the architecture as JSON: the layers in order with their settings, the loss, the accuracy and the
 * optimizer's hyperparameters. Optionally it also holds the optimizer's state (momentums, caches, step count), so that
 * training can resume exactly where it stopped.
 *
 * <p>A <b>parameter file</b> ({@value #PARAMETERS_FORMAT}) holds only the weights and biases, {@code <k>.weights} and
 * {@code <k>.biases} for the k-th trainable layer, to be loaded into a model built in code.
 *
 * <p>Both kinds carry a <b>checksum</b> in the metadata, {@code "checksum": "sha256:<64 hex digits>"}: the SHA-256 of
 * the whole file with those 64 digits read as zeros. A flipped bit anywhere (in a weight, too, where it would otherwise
 * load as a different number) is then reported instead of loaded. It is checked after everything else, so that a
 * damaged file is refused with the most specific reason. Files without one (written before it existed, or by
 * other programs such as the NumPy writer of the tests) are still read, since the version did not change.
 *
 * <p>Loading is safe for a file from anyone. No code is ever run or looked up by name: the layer, loss, accuracy and
 * optimizer types come from a closed list, every number is range-checked, every tensor must be present with exactly
 * the shape the architecture implies (and nothing else may be there), and weights must be finite. Any problem is a
 * {@link ModelFileException}. Pickle, by contrast, runs whatever the file says.
 */
public final class ModelFile {

    public static final String MODEL_FORMAT = "nnfs-model";
    public static final String PARAMETERS_FORMAT = "nnfs-parameters";
    public static final String VERSION = "1";

    /** The largest dense layer dimension accepted in an architecture. */
    private static final long MAX_DIMENSION = 100_000_000L;

    private ModelFile() {
    }

    /** Saves a built model: architecture, weights and optimizer hyperparameters, without optimizer state. */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, false);
    }

    /** Saves a built model, with the optimizer's state when {@code withOptimizerState}. */
    public static void save(Model model, Path file, boolean withOptimizerState) throws IOException {
        AtomicFiles.write(file, encode(model, withOptimizerState));
    }

    /** The bytes {@link #save} writes. */
    public static byte[] encode(Model model, boolean withOptimizerState) {
        return seal(SafeTensors.encode(modelTensors(model, withOptimizerState),
                modelMetadata(model, withOptimizerState)));
    }

    /** Loads a model saved with {@link #save}, built and ready to predict (and to train, when it has an optimizer). */
    public static Model load(Path file) throws IOException {
        return decode(read(file, "a model file"), file.toString());
    }

    /** The bytes of a file, with a clear error when it is missing, a directory, or too large. */
    private static byte[] read(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new ModelFileException(file + ": expected " + what + ", got no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file + ": expected " + what + ", got a directory");
        }
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file + ": expected " + what + " under 2 GiB, got " + size + " bytes");
        }
        return Files.readAllBytes(file);
    }

    /** Loads a model from the bytes of a model file; {@code name} appears in error messages. */
    public static Model decode(byte[] bytes, String name) throws ModelFileException {
        SafeTensors.Contents contents = SafeTensors.decode(bytes, name);
        requireFormat(contents.metadata(), MODEL_FORMAT, name);
        String architecture = contents.metadata().get("architecture");
        if (architecture == null) {
            throw new ModelFileException(name + ": expected an architecture in the metadata, got none");
        }
        Object parsed;
        try {
            parsed = Json.parse(architecture);
        } catch (JsonException e) {
            throw new ModelFileException(name + ": expected the architecture as JSON, got malformed JSON: "
                    + e.getMessage());
        }
        Model model = new Reader(name, contents.tensors()).model(parsed);
        // Last: a damaged file is refused with the most specific reason first (a size, a type, a NaN), and a file
        // that passes every check but holds other bytes than were saved (a weight changed) with the checksum's.
        verifyChecksum(bytes, contents.metadata(), name);
        return model;
    }

    /** Saves only the weights and biases of a built model's trainable layers. */
    public static void saveParameters(Model model, Path file) throws IOException {
        AtomicFiles.write(file, encodeParameters(model));
    }

    /** The bytes {@link #saveParameters} writes. */
    public static byte[] encodeParameters(Model model) {
        Map<String, DMatrixRMaj> tensors = new LinkedHashMap<>();
        List<LayerParameters> parameters = model.parameters();
        for (int k = 0; k < parameters.size(); k++) {
            tensors.put(k + ".weights", parameters.get(k).weights());
            tensors.put(k + ".biases", parameters.get(k).biases());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", PARAMETERS_FORMAT);
        metadata.put("version", VERSION);
        metadata.put(CHECKSUM, CHECKSUM_PREFIX + "0".repeat(64));
        return seal(SafeTensors.encode(tensors, metadata));
    }

    /** Reads a parameter file: the weights and biases of each trainable layer, in order. */
    public static List<LayerParameters> loadParameters(Path file) throws IOException {
        return decodeParameters(read(file, "a parameter file"), file.toString());
    }

    /** Decodes the bytes of a parameter file; {@code name} appears in error messages. */
    public static List<LayerParameters> decodeParameters(byte[] bytes, String name) throws ModelFileException {
        SafeTensors.Contents contents = SafeTensors.decode(bytes, name);
        requireFormat(contents.metadata(), PARAMETERS_FORMAT, name);
        Map<String, DMatrixRMaj> tensors = contents.tensors();
        if (tensors.size() % 2 != 0) {
            throw new ModelFileException(name + ": expected weights and biases for each layer, got an odd number of "
                    + "tensors (" + tensors.size() + ")");
        }
        List<LayerParameters> list = new ArrayList<>();
        for (int k = 0; k < tensors.size() / 2; k++) {
            DMatrixRMaj w = tensors.get(k + ".weights");
            DMatrixRMaj b = tensors.get(k + ".biases");
            if (w == null || b == null) {
                throw new ModelFileException(name + ": expected tensors " + k + ".weights and " + k + ".biases, got "
                        + tensors.keySet());
            }
            if (b.numRows != 1 || b.numCols != w.numCols) {
                throw new ModelFileException(name + ": expected " + k + ".biases of shape (1×" + w.numCols + ") to "
                        + "match " + k + ".weights " + Matrices.shape(w) + ", got " + Matrices.shape(b));
            }
            requireFinite(name, k + ".weights", w);
            requireFinite(name, k + ".biases", b);
            list.add(new LayerParameters(w, b));
        }
        verifyChecksum(bytes, contents.metadata(), name);
        return list;
    }

    /** Loads a parameter file into a built model whose layers have the same shapes. */
    public static void loadParameters(Model model, Path file) throws IOException {
        List<LayerParameters> parameters = loadParameters(file);
        try {
            model.setParameters(parameters);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": the parameters do not fit this model: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------- writing

    private static Map<String, DMatrixRMaj> modelTensors(Model model, boolean withOptimizerState) {
        Map<String, DMatrixRMaj> tensors = new LinkedHashMap<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Trainable t) {
                tensors.put("layers." + i + ".weights", t.weights());
                tensors.put("layers." + i + ".biases", t.biases());
            }
        }
        if (withOptimizerState && model.optimizer() != null) {
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i) instanceof Trainable t) {
                    for (Map.Entry<String, ParameterState> s : stateOf(model.optimizer(), t).entrySet()) {
                        tensors.put("optimizer.layers." + i + "." + s.getKey() + ".weights", s.getValue().weights());
                        tensors.put("optimizer.layers." + i + "." + s.getKey() + ".biases", s.getValue().biases());
                    }
                }
            }
        }
        return tensors;
    }

    /** The optimizer's state for one layer, by name ("velocity", "cache", "momentums"); empty before its first step. */
    @SuppressWarnings("unchecked")
    private static Map<String, ParameterState> stateOf(Optimizer<?> optimizer, Trainable layer) {
        Map<String, ParameterState> named = new LinkedHashMap<>();
        if (optimizer instanceof Adam adam) {
            Adam.State s = adam.stateOf(layer);
            if (s != null) {
                named.put("momentums", s.momentums());
                named.put("cache", s.cache());
            }
        } else {
            ParameterState s = ((Optimizer<ParameterState>) optimizer).stateOf(layer);
            if (s != null) {
                named.put(optimizer instanceof SGD ? "velocity" : "cache", s);
            }
        }
        return named;
    }

    private static Map<String, String> modelMetadata(Model model, boolean withOptimizerState) {
        Map<String, Object> architecture = new LinkedHashMap<>();
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            layers.add(describe(layer));
        }
        architecture.put("layers", layers);
        architecture.put("loss", Map.of("type", typeOf(model.loss())));
        architecture.put("accuracy", describe(model.accuracy()));
        if (model.optimizer() != null) {
            architecture.put("optimizer", describe(model.optimizer(), withOptimizerState));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", MODEL_FORMAT);
        metadata.put("version", VERSION);
        metadata.put("architecture", Json.write(architecture));
        metadata.put(CHECKSUM, CHECKSUM_PREFIX + "0".repeat(64));
        return metadata;
    }

    private static Map<String, Object> describe(Layer layer) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (layer instanceof Dense dense) {
            d.put("type", "Dense");
            d.put("inputs", (long) dense.nInputs());
            d.put("neurons", (long) dense.nNeurons());
            Regularizer r = dense.regularizer();
            d.put("weightL1", r.weightL1());
            d.put("weightL2", r.weightL2());
            d.put("biasL1", r.biasL1());
            d.put("biasL2", r.biasL2());
        } else if (layer instanceof Dropout dropout) {
            d.put("type", "Dropout");
            d.put("rate", dropout.rate());
        } else if (layer instanceof ReLU || layer instanceof Sigmoid || layer instanceof Softmax
                || layer instanceof Linear || layer instanceof Step) {
            d.put("type", layer.getClass().getSimpleName());
        } else {
            throw new IllegalArgumentException("ModelFile.save: expected the library's layers (Dense, Dropout, ReLU, "
                    + "Sigmoid, Softmax, Linear, Step), got " + layer.getClass().getName());
        }
        return d;
    }

    private static String typeOf(Loss loss) {
        if (loss instanceof CategoricalCrossEntropy || loss instanceof BinaryCrossEntropy
                || loss instanceof MeanSquaredError || loss instanceof MeanAbsoluteError) {
            return loss.getClass().getSimpleName();
        }
        throw new IllegalArgumentException("ModelFile.save: expected one of the library's losses, got "
                + loss.getClass().getName());
    }

    private static Map<String, Object> describe(Accuracy accuracy) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (accuracy instanceof RegressionAccuracy regression) {
            d.put("type", "RegressionAccuracy");
            if (!Double.isNaN(regression.precision())) {
                d.put("precision", regression.precision());
            }
        } else if (accuracy instanceof CategoricalAccuracy || accuracy instanceof BinaryAccuracy) {
            d.put("type", accuracy.getClass().getSimpleName());
        } else {
            throw new IllegalArgumentException("ModelFile.save: expected one of the library's accuracies, got "
                    + accuracy.getClass().getName());
        }
        return d;
    }

    private static Map<String, Object> describe(Optimizer<?> optimizer, boolean withState) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", optimizer.getClass().getSimpleName());
        d.put("learningRate", optimizer.learningRate());
        d.put("decay", optimizer.decay());
        if (optimizer instanceof SGD sgd) {
            d.put("momentum", sgd.momentum());
        } else if (optimizer instanceof Adagrad adagrad) {
            d.put("epsilon", adagrad.epsilon());
        } else if (optimizer instanceof RMSprop rmsprop) {
            d.put("epsilon", rmsprop.epsilon());
            d.put("rho", rmsprop.rho());
        } else if (optimizer instanceof Adam adam) {
            d.put("epsilon", adam.epsilon());
            d.put("beta1", adam.beta1());
            d.put("beta2", adam.beta2());
        } else {
            throw new IllegalArgumentException("ModelFile.save: expected one of the library's optimizers, got "
                    + optimizer.getClass().getName());
        }
        if (withState) {
            d.put("iterations", optimizer.iterations());
        }
        return d;
    }

    // ---------------------------------------------------------------------------------------------- checksum

    private static final String CHECKSUM = "checksum";
    private static final String CHECKSUM_PREFIX = "sha256:";

    /**
     * Writes the SHA-256 of {@code bytes} (whose checksum digits are still zeros) into its checksum digits. Package
     * access for the tests, which re-seal edited files to reach the checks behind the checksum.
     */
    static byte[] seal(byte[] bytes) {
        int at = digitsAt(bytes, CHECKSUM_PREFIX + "0".repeat(64), headerEnd(bytes));
        if (at < 0) {
            throw new IllegalArgumentException("ModelFile.seal: expected one checksum of zeros in the header, got none");
        }
        byte[] hex = toHex(sha256(bytes, at)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, bytes, at, hex.length);
        return bytes;
    }

    /** Checks the checksum, when the file has one. */
    private static void verifyChecksum(byte[] bytes, Map<String, String> metadata, String name)
            throws ModelFileException {
        String found = metadata.get(CHECKSUM);
        if (found == null) {
            return;
        }
        if (!found.matches("sha256:[0-9a-f]{64}")) {
            throw new ModelFileException(name + ": expected the checksum as sha256: and 64 lowercase hex digits, got \""
                    + (found.length() > 80 ? found.substring(0, 77) + "..." : found) + "\"");
        }
        int at = digitsAt(bytes, found, headerEnd(bytes));
        if (at < 0) {
            throw new ModelFileException(name + ": expected the checksum written once, plainly, in the header, got it "
                    + "escaped or repeated");
        }
        String actual = toHex(sha256(bytes, at));
        if (!actual.equals(found.substring(CHECKSUM_PREFIX.length()))) {
            throw new ModelFileException(name + ": expected SHA-256 " + found.substring(CHECKSUM_PREFIX.length())
                    + " (the checksum in the file), got " + actual + ": the file was damaged or edited after it was "
                    + "written");
        }
    }

    /** The end of the header (decode has checked the length already). */
    private static int headerEnd(byte[] bytes) {
        long length = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
        return (int) Math.min(bytes.length, 8 + Math.max(0, Math.min(length, Integer.MAX_VALUE)));
    }

    /**
     * The index of the 64 digits after {@code text} ("sha256:" and the digits) when it occurs exactly once in the
     * header, else -1.
     */
    private static int digitsAt(byte[] bytes, String text, int end) {
        byte[] pattern = text.getBytes(StandardCharsets.US_ASCII);
        int found = -1;
        outer:
        for (int i = 8; i + pattern.length <= end; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (bytes[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            if (found >= 0) {
                return -1;
            }
            found = i;
        }
        return found < 0 ? -1 : found + CHECKSUM_PREFIX.length();
    }

    /** SHA-256 of {@code bytes} with the 64 bytes at {@code digits} read as the character '0'. */
    private static byte[] sha256(byte[] bytes, int digits) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        digest.update(bytes, 0, digits);
        byte[] zeros = new byte[64];
        Arrays.fill(zeros, (byte) '0');
        digest.update(zeros);
        digest.update(bytes, digits + 64, bytes.length - digits - 64);
        return digest.digest();
    }

    private static String toHex(byte[] b) {
        StringBuilder s = new StringBuilder(2 * b.length);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------------- reading

    private static void requireFormat(Map<String, String> metadata, String format, String name)
            throws ModelFileException {
        String found = metadata.get("format");
        if (!format.equals(found)) {
            String hint = PARAMETERS_FORMAT.equals(found) ? " (a parameter file: load it with loadParameters)"
                    : MODEL_FORMAT.equals(found) ? " (a whole model: load it with ModelFile.load)" : "";
            throw new ModelFileException(name + ": expected format " + format + " in the metadata, got "
                    + (found == null ? "none" : found) + hint);
        }
        if (!VERSION.equals(metadata.get("version"))) {
            throw new ModelFileException(name + ": expected version " + VERSION + " of " + format + ", got "
                    + metadata.get("version"));
        }
    }

    private static void requireFinite(String name, String tensor, DMatrixRMaj m) throws ModelFileException {
        int[] at = Matrices.firstNonFinite(m);
        if (at != null) {
            throw new ModelFileException(name + ": expected finite values in " + tensor + ", got " + m.get(at[0], at[1])
                    + " at row " + at[0] + ", column " + at[1]);
        }
    }

    /** Turns a parsed architecture and the file's tensors into a model, checking everything on the way. */
    private static final class Reader {

        private final String name;
        private final Map<String, DMatrixRMaj> tensors;
        private final Set<String> used = new java.util.HashSet<>();

        Reader(String name, Map<String, DMatrixRMaj> tensors) {
            this.name = name;
            this.tensors = tensors;
        }

        Model model(Object parsed) throws ModelFileException {
            Map<?, ?> architecture = object(parsed, "the architecture");
            keys(architecture, "the architecture", Set.of("layers", "loss", "accuracy", "optimizer"));
            if (!(architecture.get("layers") instanceof List<?> layerList) || layerList.isEmpty()) {
                throw error("expected the architecture to list at least one layer, got "
                        + SafeTensors.kind(architecture.get("layers")));
            }
            Model model = new Model();
            List<Layer> layers = new ArrayList<>();
            for (int i = 0; i < layerList.size(); i++) {
                Layer layer = layer(i, object(layerList.get(i), "layer " + i));
                layers.add(layer);
                model.add(layer);
            }
            Loss loss = loss(object(architecture.get("loss"), "the loss"));
            Accuracy accuracy = accuracy(object(architecture.get("accuracy"), "the accuracy"));
            Object optimizerEntry = architecture.get("optimizer");
            Optimizer<?> optimizer = optimizerEntry == null ? null : optimizer(object(optimizerEntry, "the optimizer"));
            model.set(loss, optimizer, accuracy);
            try {
                model.build();
            } catch (IllegalStateException e) {
                throw error("expected layers that fit together, got: " + e.getMessage());
            }
            if (optimizer != null) {
                restoreState(optimizer, layers);
            }
            for (String tensor : tensors.keySet()) {
                if (!used.contains(tensor)) {
                    throw error("expected only the tensors the architecture needs, got an extra one: '" + tensor + "'");
                }
            }
            return model;
        }

        private Layer layer(int i, Map<?, ?> d) throws ModelFileException {
            String where = "layer " + i;
            String type = string(d.get("type"), where + " type");
            switch (type) {
                case "Dense" -> {
                    keys(d, where, Set.of("type", "inputs", "neurons", "weightL1", "weightL2", "biasL1", "biasL2"));
                    int inputs = dimension(d.get("inputs"), where + " inputs");
                    int neurons = dimension(d.get("neurons"), where + " neurons");
                    Regularizer regularizer;
                    try {
                        regularizer = new Regularizer(number(d.get("weightL1"), where + " weightL1"),
                                number(d.get("weightL2"), where + " weightL2"), number(d.get("biasL1"), where + " biasL1"),
                                number(d.get("biasL2"), where + " biasL2"));
                    } catch (IllegalArgumentException e) {
                        throw error(where + ": " + e.getMessage());
                    }
                    DMatrixRMaj w = tensor("layers." + i + ".weights", inputs, neurons);
                    DMatrixRMaj b = tensor("layers." + i + ".biases", 1, neurons);
                    return Dense.withParameters(w, b, regularizer);
                }
                case "Dropout" -> {
                    keys(d, where, Set.of("type", "rate"));
                    try {
                        return new Dropout(number(d.get("rate"), where + " rate"), new NumpyRandom(0));
                    } catch (IllegalArgumentException e) {
                        throw error(where + ": " + e.getMessage());
                    }
                }
                case "ReLU", "Sigmoid", "Softmax", "Linear", "Step" -> {
                    keys(d, where, Set.of("type"));
                    return switch (type) {
                        case "ReLU" -> new ReLU();
                        case "Sigmoid" -> new Sigmoid();
                        case "Softmax" -> new Softmax();
                        case "Linear" -> new Linear();
                        default -> new Step();
                    };
                }
                default -> throw error("expected " + where + " to be one of Dense, Dropout, ReLU, Sigmoid, Softmax, "
                        + "Linear, Step, got \"" + type + "\"");
            }
        }

        private Loss loss(Map<?, ?> d) throws ModelFileException {
            keys(d, "the loss", Set.of("type"));
            String type = string(d.get("type"), "the loss type");
            return switch (type) {
                case "CategoricalCrossEntropy" -> new CategoricalCrossEntropy();
                case "BinaryCrossEntropy" -> new BinaryCrossEntropy();
                case "MeanSquaredError" -> new MeanSquaredError();
                case "MeanAbsoluteError" -> new MeanAbsoluteError();
                default -> throw error("expected the loss to be one of CategoricalCrossEntropy, BinaryCrossEntropy, "
                        + "MeanSquaredError, MeanAbsoluteError, got \"" + type + "\"");
            };
        }

        private Accuracy accuracy(Map<?, ?> d) throws ModelFileException {
            String type = string(d.get("type"), "the accuracy type");
            switch (type) {
                case "CategoricalAccuracy" -> {
                    keys(d, "the accuracy", Set.of("type"));
                    return new CategoricalAccuracy();
                }
                case "BinaryAccuracy" -> {
                    keys(d, "the accuracy", Set.of("type"));
                    return new BinaryAccuracy();
                }
                case "RegressionAccuracy" -> {
                    keys(d, "the accuracy", Set.of("type", "precision"));
                    if (d.get("precision") == null) {
                        return new RegressionAccuracy();
                    }
                    try {
                        return new RegressionAccuracy(number(d.get("precision"), "the accuracy precision"));
                    } catch (IllegalArgumentException e) {
                        throw error("the accuracy: " + e.getMessage());
                    }
                }
                default -> throw error("expected the accuracy to be one of CategoricalAccuracy, BinaryAccuracy, "
                        + "RegressionAccuracy, got \"" + type + "\"");
            }
        }

        private Optimizer<?> optimizer(Map<?, ?> d) throws ModelFileException {
            String type = string(d.get("type"), "the optimizer type");
            double lr = number(d.get("learningRate"), "the optimizer learningRate");
            double decay = number(d.get("decay"), "the optimizer decay");
            Optimizer<?> optimizer;
            try {
                switch (type) {
                    case "SGD" -> {
                        keys(d, "the optimizer", Set.of("type", "learningRate", "decay", "momentum", "iterations"));
                        optimizer = new SGD(lr, decay, number(d.get("momentum"), "the optimizer momentum"));
                    }
                    case "Adagrad" -> {
                        keys(d, "the optimizer", Set.of("type", "learningRate", "decay", "epsilon", "iterations"));
                        optimizer = new Adagrad(lr, decay, number(d.get("epsilon"), "the optimizer epsilon"));
                    }
                    case "RMSprop" -> {
                        keys(d, "the optimizer",
                                Set.of("type", "learningRate", "decay", "epsilon", "rho", "iterations"));
                        optimizer = new RMSprop(lr, decay, number(d.get("epsilon"), "the optimizer epsilon"),
                                number(d.get("rho"), "the optimizer rho"));
                    }
                    case "Adam" -> {
                        keys(d, "the optimizer",
                                Set.of("type", "learningRate", "decay", "epsilon", "beta1", "beta2", "iterations"));
                        optimizer = new Adam(lr, decay, number(d.get("epsilon"), "the optimizer epsilon"),
                                number(d.get("beta1"), "the optimizer beta1"),
                                number(d.get("beta2"), "the optimizer beta2"));
                    }
                    default -> throw error("expected the optimizer to be one of SGD, Adagrad, RMSprop, Adam, got \""
                            + type + "\"");
                }
            } catch (IllegalArgumentException e) {
                throw error("the optimizer: " + e.getMessage());
            }
            Object iterations = d.get("iterations");
            if (iterations != null) {
                if (!(iterations instanceof Long n) || n < 0) {
                    throw error("expected the optimizer's iterations to be a whole number >= 0, got " + iterations);
                }
                optimizer.setIterations(n);
            }
            return optimizer;
        }

        @SuppressWarnings("unchecked")
        private void restoreState(Optimizer<?> optimizer, List<Layer> layers) throws ModelFileException {
            for (int i = 0; i < layers.size(); i++) {
                if (!(layers.get(i) instanceof Trainable t)) {
                    continue;
                }
                if (optimizer instanceof Adam adam) {
                    ParameterState m = state(i, "momentums", t);
                    ParameterState c = state(i, "cache", t);
                    if ((m == null) != (c == null)) {
                        throw error("expected both Adam momentums and cache for layer " + i + ", got only one");
                    }
                    if (m != null) {
                        adam.setState(t, new Adam.State(m, c));
                    }
                } else {
                    ParameterState s = state(i, optimizer instanceof SGD ? "velocity" : "cache", t);
                    if (s != null) {
                        ((Optimizer<ParameterState>) optimizer).setState(t, s);
                    }
                }
            }
        }

        private ParameterState state(int i, String kind, Trainable layer) throws ModelFileException {
            String prefix = "optimizer.layers." + i + "." + kind;
            if (!tensors.containsKey(prefix + ".weights") && !tensors.containsKey(prefix + ".biases")) {
                return null;
            }
            return new ParameterState(
                    tensor(prefix + ".weights", layer.weights().numRows, layer.weights().numCols),
                    tensor(prefix + ".biases", layer.biases().numRows, layer.biases().numCols));
        }

        private DMatrixRMaj tensor(String key, int rows, int cols) throws ModelFileException {
            DMatrixRMaj m = tensors.get(key);
            if (m == null) {
                throw error("expected a tensor '" + key + "' of shape (" + rows + "×" + cols + "), got none");
            }
            if (m.numRows != rows || m.numCols != cols) {
                throw error("expected tensor '" + key + "' of shape (" + rows + "×" + cols + "), got "
                        + Matrices.shape(m));
            }
            requireFinite(name, key, m);
            used.add(key);
            return m;
        }

        private Map<?, ?> object(Object value, String what) throws ModelFileException {
            if (!(value instanceof Map<?, ?> map)) {
                throw error("expected " + what + " to be an object, got " + SafeTensors.kind(value));
            }
            return map;
        }

        private void keys(Map<?, ?> d, String what, Set<String> allowed) throws ModelFileException {
            for (Object key : d.keySet()) {
                if (!allowed.contains(key)) {
                    throw error("expected " + what + " to have only " + new java.util.TreeSet<>(allowed) + ", got '"
                            + key + "'");
                }
            }
        }

        private String string(Object value, String what) throws ModelFileException {
            if (!(value instanceof String s)) {
                throw error("expected " + what + " to be a string, got " + SafeTensors.kind(value));
            }
            return s;
        }

        private double number(Object value, String what) throws ModelFileException {
            if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw error("expected " + what + " to be a finite number, got " + SafeTensors.kind(value));
            }
            return n.doubleValue();
        }

        private int dimension(Object value, String what) throws ModelFileException {
            if (!(value instanceof Long n) || n < 1 || n > MAX_DIMENSION) {
                throw error("expected " + what + " to be a whole number from 1 to " + MAX_DIMENSION + ", got "
                        + (value instanceof Number ? value : SafeTensors.kind(value)));
            }
            return (int) (long) n;
        }

        private ModelFileException error(String message) {
            return new ModelFileException(name + ": " + message);
        }
    }
}
