package nnfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import nnfs.layers.Dense;
import nnfs.layers.Layer;
import nnfs.model.LayerParameters;
import nnfs.model.Model;
import nnfs.reliability.Campaign;
import nnfs.reliability.FrozenFiles;

/**
 * The model and parameter loaders against damaged and hostile files: every truncation of a valid file, random byte
 * damage (as is, and re-sealed with a fresh checksum so that the checks behind the checksum are reached too), and
 * edits of the header's fields (huge, negative, overlapping or out-of-range numbers, duplicate keys, wrong dtypes,
 * shapes that do not fit). Each file either loads exactly what was saved, or, for a re-sealed edit, a sound model;
 * or it is refused with a {@link ModelFileException} that says what is wrong. The counts are printed.
 */
class ModelFileCampaignTest {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_.0-9]*");
    private static final String[] EXTREMES = {"-1", "0", "1", "2", "3", "12", "4294967295", "2147483647",
            "2147483648", "9223372036854775807", "-9223372036854775808", "18446744073709551616", "1e308", "-1e308",
            "1.5", "100000000", "100000001", "0.999", "1.0", "-0.0", "NaN", "1e-400", "00"};
    private static final String[] WORDS = {"F64", "F32", "F16", "I64", "BOOL", "U8", "f64", "Dense", "ReLU",
            "Softmax", "Sigmoid", "Linear", "Step", "Dropout", "SGD", "Adam", "Adagrad", "RMSprop", "type", "inputs",
            "neurons", "rate", "shape", "dtype", "data_offsets", "layers", "loss", "accuracy", "optimizer", "format",
            "version", "architecture", "checksum", "__metadata__", "layers.0.weights", "layers.3.biases",
            "nnfs-model", "nnfs-parameters", "CategoricalCrossEntropy", "MeanSquaredError", "BinaryAccuracy",
            "learningRate", "iterations", "precision", "exec", ""};

    /** Re-seals a damaged file whose checksum digits survived: the damage then reaches the parser. */
    static byte[] reseal(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("sha256:[0-9a-f]{64}").matcher(text);
        if (!m.find()) {
            return null;
        }
        int start = m.start() + 7;
        if (m.find()) {
            return null;
        }
        byte[] copy = bytes.clone();
        Arrays.fill(copy, start, start + 64, (byte) '0');
        try {
            return ModelFile.seal(copy);
        } catch (IllegalArgumentException notFound) {
            return null;
        }
    }

    /** A header edit of the valid file, re-encoded with the right header length and re-sealed. */
    static byte[] headerEdit(byte[] valid, SplittableRandom random, String[] description) {
        ByteBuffer b = ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        String header = new String(valid, 8, headerLength, StandardCharsets.UTF_8).stripTrailing();
        String marker = "sha256:" + "0".repeat(64);
        Matcher sum = Pattern.compile("sha256:[0-9a-f]{64}").matcher(header);
        assertTrue(sum.find());
        header = header.substring(0, sum.start()) + "sha256:SUM" + header.substring(sum.end());
        String edited;
        int kind = random.nextInt(5);
        if (kind == 4 && !header.contains("architecture")) {
            kind = 3;
        }
        switch (kind) {
            case 0, 1 -> {
                List<int[]> spans = spans(NUMBER, header);
                int[] s = spans.get(random.nextInt(spans.size()));
                int[] other = spans.get(random.nextInt(spans.size()));
                String replacement = random.nextInt(3) == 0 ? header.substring(other[0], other[1])
                        : EXTREMES[random.nextInt(EXTREMES.length)];
                edited = header.substring(0, s[0]) + replacement + header.substring(s[1]);
                description[0] = "number '" + header.substring(s[0], s[1]) + "' at " + s[0] + " set to " + replacement;
            }
            case 2 -> {
                List<int[]> spans = spans(WORD, header);
                int[] s = spans.get(random.nextInt(spans.size()));
                String replacement = WORDS[random.nextInt(WORDS.length)];
                edited = header.substring(0, s[0]) + replacement + header.substring(s[1]);
                description[0] = "word '" + header.substring(s[0], s[1]) + "' at " + s[0] + " set to " + replacement;
            }
            case 3 -> {
                // A duplicate: a tensor entry or metadata key repeated at the top of the header.
                Map<?, ?> parsed = parse(header);
                List<Object> keys = new ArrayList<>(parsed.keySet());
                Object key = keys.get(random.nextInt(keys.size()));
                Object value = parsed.get(key);
                String copy = Json.write(Map.of((String) key, value));
                edited = "{" + copy.substring(1, copy.length() - 1) + "," + header.substring(1);
                description[0] = "entry '" + key + "' duplicated";
            }
            default -> {
                // A duplicate key or a changed value inside the architecture (JSON in a metadata string).
                Map<?, ?> parsed = parse(header);
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = new java.util.LinkedHashMap<>((Map<String, Object>) parsed
                        .get("__metadata__"));
                String architecture = (String) metadata.get("architecture");
                List<int[]> braces = spans(Pattern.compile("\\{"), architecture);
                int[] at = braces.get(random.nextInt(braces.size()));
                String[] pairs = {"\"type\":\"Dense\",", "\"inputs\":3,", "\"rate\":0.5,", "\"neurons\":1,",
                        "\"layers\":[],", "\"type\":\"ReLU\",", "\"learningRate\":-1,", "\"iterations\":-5,",
                        "\"precision\":0,"};
                String pair = pairs[random.nextInt(pairs.length)];
                metadata.put("architecture", architecture.substring(0, at[1]) + pair + architecture.substring(at[1]));
                @SuppressWarnings("unchecked")
                Map<String, Object> rebuilt = new java.util.LinkedHashMap<>((Map<String, Object>) parsed);
                rebuilt.put("__metadata__", metadata);
                edited = Json.write(rebuilt).replace("sha256:SUM", "sha256:SUM");
                description[0] = "architecture: " + pair + " inserted at " + at[1];
            }
        }
        edited = edited.replace("sha256:SUM", marker);
        byte[] json = edited.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        int data = valid.length - 8 - headerLength;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(valid, 8 + headerLength, data);
        byte[] result = out.array();
        return edited.contains(marker) && edited.indexOf(marker) == edited.lastIndexOf(marker) ? ModelFile.seal(result)
                : result;
    }

    private static Map<?, ?> parse(String header) {
        try {
            return (Map<?, ?>) Json.parse(header);
        } catch (JsonException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<int[]> spans(Pattern pattern, String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    /** A model that loaded from an edited file must predict, save and load again to the same bytes. */
    static boolean sound(Model loaded) throws Exception {
        int inputs = 0;
        for (Layer layer : loaded.layers()) {
            if (layer instanceof Dense dense) {
                inputs = dense.nInputs();
                break;
            }
        }
        if (inputs > 0) {
            loaded.predict(new DMatrixRMaj(2, inputs, true, new double[2 * inputs]), 2);
        }
        byte[] again = ModelFile.encode(loaded, true);
        return Arrays.equals(again, ModelFile.encode(ModelFile.decode(again, "again"), true));
    }

    @Test
    void theModelLoaderRefusesEveryDamagedFileOrLoadsItExactly() {
        long total = 0;
        for (String stem : List.of("classifier-adam", "binary-sgd")) {
            Model model = FrozenFiles.models().get(stem);
            byte[] valid = ModelFile.encode(model, true);
            try (Campaign<Model> campaign = new Campaign<>("ModelFile.decode, " + stem + " with optimizer state",
                    ModelFileException.class, ModelFile::decode,
                    loaded -> Arrays.equals(valid, ModelFile.encode(loaded, true)), ModelFileCampaignTest::sound,
                    16, 64 * 1024)) {
                campaign.warmUp(valid);
                campaign.warmUp(valid);
            campaign.truncations(valid);
                campaign.byteMutations(valid, 20_000, 61 + stem.length(), ModelFileCampaignTest::reseal);
                SplittableRandom random = new SplittableRandom(62 + stem.length());
                for (int i = 0; i < 20_000; i++) {
                    String[] description = new String[1];
                    byte[] edited = headerEdit(valid, random, description);
                    campaign.attempt(edited, true, "header edit " + i + " (" + description[0] + ")");
                }
                System.out.println(campaign.summary());
                assertEquals(List.of(), campaign.failures(), campaign.summary());
                assertEquals(0, campaign.other());
                total += campaign.tried();
            }
        }
        assertTrue(total > 100_000, "tried " + total);
    }

    @Test
    void theParameterLoaderRefusesEveryDamagedFileOrLoadsItExactly() {
        Model model = FrozenFiles.models().get("classifier-adam");
        byte[] valid = ModelFile.encodeParameters(model);
        List<LayerParameters> original = model.parameters();
        try (Campaign<List<LayerParameters>> campaign = new Campaign<>("ModelFile.decodeParameters",
                ModelFileException.class, ModelFile::decodeParameters, loaded -> same(original, loaded),
                loaded -> same(loaded, ModelFile.decodeParameters(reencode(loaded), "again")), 16, 64 * 1024)) {
            campaign.warmUp(valid);
            campaign.truncations(valid);
            campaign.byteMutations(valid, 20_000, 63, ModelFileCampaignTest::reseal);
            SplittableRandom random = new SplittableRandom(64);
            for (int i = 0; i < 10_000; i++) {
                String[] description = new String[1];
                byte[] edited = headerEdit(valid, random, description);
                campaign.attempt(edited, true, "header edit " + i + " (" + description[0] + ")");
            }
            System.out.println(campaign.summary());
            assertEquals(List.of(), campaign.failures(), campaign.summary());
            assertEquals(0, campaign.other());
        }
    }

    private static byte[] reencode(List<LayerParameters> parameters) {
        Map<String, DMatrixRMaj> tensors = new java.util.LinkedHashMap<>();
        for (int k = 0; k < parameters.size(); k++) {
            tensors.put(k + ".weights", parameters.get(k).weights());
            tensors.put(k + ".biases", parameters.get(k).biases());
        }
        return SafeTensors.encode(tensors, Map.of("format", ModelFile.PARAMETERS_FORMAT, "version",
                ModelFile.VERSION));
    }

    private static boolean same(List<LayerParameters> a, List<LayerParameters> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!bits(a.get(i).weights(), b.get(i).weights()) || !bits(a.get(i).biases(), b.get(i).biases())) {
                return false;
            }
        }
        return true;
    }

    private static boolean bits(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            return false;
        }
        for (int k = 0; k < a.getNumElements(); k++) {
            if (Double.doubleToRawLongBits(a.data[k]) != Double.doubleToRawLongBits(b.data[k])) {
                return false;
            }
        }
        return true;
    }
}
