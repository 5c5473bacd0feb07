package nnfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

/**
 * The safetensors format (huggingface/safetensors), for matrices of doubles.
 *
 * <pre>
 * 8 bytes          N, the header's length, unsigned little-endian
 * N bytes          the header: a JSON object, UTF-8, padded with spaces
 *                  { "__metadata__": {"key": "value", …},
 *                    "name": {"dtype": "F64", "shape": [rows, cols], "data_offsets": [begin, end]}, … }
 * the rest         the tensors' bytes, little-endian, row-major; offsets count from the start of this part
 * </pre>
 *
 * <p>Files are written with dtype F64 and read with F64 or F32 (widened to double), shapes of one dimension (a row)
 * or two. Reading trusts nothing: the header length is capped, the JSON is parsed strictly (no duplicate names), every
 * size is computed with overflow checks, the tensors must tile the data part exactly (no gaps, no overlaps, nothing
 * after the last one), and the file must end where the header says. Any violation is a {@link ModelFileException}
 * saying what was expected and what was found.
 */
public final class SafeTensors {

    /** The largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100_000_000;

    /** The largest number of tensors accepted. */
    public static final int MAX_TENSORS = 100_000;

    private SafeTensors() {
    }

    /** What a file holds: its tensors, in file order, and its string metadata. */
    public record Contents(Map<String, DMatrixRMaj> tensors, Map<String, String> metadata) {
    }

    /** Writes tensors and metadata to {@code file}, atomically (see {@link AtomicFiles}). */
    public static void write(Path file, Map<String, DMatrixRMaj> tensors, Map<String, String> metadata)
            throws IOException {
        AtomicFiles.write(file, encode(tensors, metadata));
    }

    /** The bytes of a safetensors file holding these tensors (as F64) and metadata. */
    public static byte[] encode(Map<String, DMatrixRMaj> tensors, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, DMatrixRMaj> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("SafeTensors.encode: a tensor may not be named __metadata__");
            }
            DMatrixRMaj m = e.getValue();
            long bytes = 8L * m.getNumElements();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", "F64");
            entry.put("shape", List.of((long) m.numRows, (long) m.numCols));
            entry.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (DMatrixRMaj m : tensors.values()) {
            for (int k = 0; k < m.getNumElements(); k++) {
                out.putDouble(m.data[k]);
            }
        }
        return out.array();
    }

    /** Reads and checks a safetensors file. */
    public static Contents read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file + ": expected a file under 2 GiB, got " + size + " bytes");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Checks and decodes the bytes of a safetensors file; {@code name} appears in error messages. */
    public static Contents decode(byte[] bytes, String name) throws ModelFileException {
        if (bytes.length < 8) {
            throw new ModelFileException(name + ": expected at least the 8-byte header length, got a file of "
                    + bytes.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new ModelFileException(name + ": expected a header length between 2 and " + MAX_HEADER_BYTES
                    + " bytes, got " + Long.toUnsignedString(headerLength) + " (is it a safetensors file?)");
        }
        if (headerLength > bytes.length - 8) {
            throw new ModelFileException(name + ": expected a header of " + headerLength + " bytes, but the file has "
                    + (bytes.length - 8) + " bytes after the length (truncated?)");
        }
        String headerText;
        try {
            headerText = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, (int) headerLength)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(name + ": expected a UTF-8 header, got bytes that are not UTF-8");
        }
        Object parsed;
        try {
            parsed = Json.parse(headerText.stripTrailing());
        } catch (JsonException e) {
            throw new ModelFileException(name + ": expected a JSON header, got malformed JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw new ModelFileException(name + ": expected the header to be a JSON object, got " + kind(parsed));
        }
        long dataLength = bytes.length - 8 - headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String key = (String) e.getKey();
            if (key.equals("__metadata__")) {
                readMetadata(e.getValue(), metadata, name);
            } else {
                entries.add(readEntry(key, e.getValue(), name));
            }
            if (entries.size() > MAX_TENSORS) {
                throw new ModelFileException(name + ": expected at most " + MAX_TENSORS + " tensors, got more");
            }
        }
        // The tensors must tile the data part: sorted by offset, each starting where the previous one ended.
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry entry : sorted) {
            if (entry.begin() != expected) {
                throw new ModelFileException(name + ": expected tensor '" + entry.name() + "' to start at byte "
                        + expected + " of the data, got " + entry.begin()
                        + (entry.begin() < expected ? " (it overlaps the tensor before it)" : " (a gap)"));
            }
            expected = entry.end();
        }
        if (expected != dataLength) {
            throw new ModelFileException(name + ": expected " + expected + " bytes of tensor data after the header, "
                    + "got " + dataLength + (dataLength < expected ? " (truncated?)" : " (extra bytes at the end)"));
        }
        Map<String, DMatrixRMaj> tensors = new LinkedHashMap<>();
        int dataStart = (int) (8 + headerLength);
        for (Entry entry : entries) {
            DMatrixRMaj m = new DMatrixRMaj(entry.rows(), entry.cols());
            int at = (int) (dataStart + entry.begin());
            for (int k = 0; k < m.getNumElements(); k++) {
                m.data[k] = entry.f32() ? buffer.getFloat(at + 4 * k) : buffer.getDouble(at + 8 * k);
            }
            tensors.put(entry.name(), m);
        }
        return new Contents(tensors, metadata);
    }

    /** One tensor's header entry, checked. */
    private record Entry(String name, boolean f32, int rows, int cols, long begin, long end) {
    }

    private static Entry readEntry(String key, Object value, String name) throws ModelFileException {
        String where = name + ": tensor '" + key + "'";
        if (!(value instanceof Map<?, ?> entry)) {
            throw new ModelFileException(where + ": expected an object with dtype, shape and data_offsets, got "
                    + kind(value));
        }
        for (Object k : entry.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new ModelFileException(where + ": expected only dtype, shape and data_offsets, got '" + k + "'");
            }
        }
        Object dtype = entry.get("dtype");
        if (!"F64".equals(dtype) && !"F32".equals(dtype)) {
            throw new ModelFileException(where + ": expected dtype F64 or F32, got " + describe(dtype));
        }
        boolean f32 = "F32".equals(dtype);
        if (!(entry.get("shape") instanceof List<?> shape) || shape.isEmpty() || shape.size() > 2) {
            throw new ModelFileException(where + ": expected a shape of one or two dimensions, got "
                    + describe(entry.get("shape")));
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(shape.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new ModelFileException(where + ": expected dimensions that are integers from 0 to "
                        + Integer.MAX_VALUE + ", got " + describe(shape.get(i)));
            }
            dims[i] = d;
        }
        int rows = dims.length == 2 ? (int) dims[0] : 1;
        int cols = (int) dims[dims.length - 1];
        if (!(entry.get("data_offsets") instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)
                || begin < 0 || end < begin) {
            throw new ModelFileException(where + ": expected data_offsets [begin, end] with 0 <= begin <= end, got "
                    + describe(entry.get("data_offsets")));
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(Math.multiplyExact((long) rows, (long) cols), f32 ? 4L : 8L);
        } catch (ArithmeticException overflow) {
            throw new ModelFileException(where + ": expected a size that fits in 64 bits, got shape "
                    + describe(shape));
        }
        if (end - begin != bytes) {
            throw new ModelFileException(where + ": expected " + bytes + " bytes for shape " + describe(shape) + " of "
                    + dtype + ", got data_offsets spanning " + (end - begin));
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(where + ": expected at most " + (Integer.MAX_VALUE - 8) + " values, got "
                    + (long) rows * cols);
        }
        return new Entry(key, f32, rows, cols, begin, end);
    }

    private static void readMetadata(Object value, Map<String, String> metadata, String name)
            throws ModelFileException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ModelFileException(name + ": expected __metadata__ to be an object of strings, got "
                    + kind(value));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw new ModelFileException(name + ": expected __metadata__ values to be strings, got "
                        + kind(e.getValue()) + " for '" + e.getKey() + "'");
            }
            metadata.put((String) e.getKey(), s);
        }
    }

    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }

    private static String describe(Object value) {
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
