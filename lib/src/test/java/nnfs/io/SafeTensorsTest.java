package nnfs.io;

import static nnfs.Assertions2.assertMatrixBitsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnfs.Matrices;

/** The safetensors format: layout, round trips, NumPy on the other side, and one literal bad file per error path. */
class SafeTensorsTest {

    static final Path SCRIPT = Path.of("src/test/resources/fixtures/safetensors_numpy.py");

    static Map<String, DMatrixRMaj> sample() {
        Map<String, DMatrixRMaj> t = new LinkedHashMap<>();
        t.put("a", Matrices.of(new double[] {1, -2.5, 3}, new double[] {0.1, 1e-300, Double.MIN_VALUE}));
        t.put("b", Matrices.row(Math.PI));
        return t;
    }

    /** A file made of the given header text and data bytes, with the right length prefix. */
    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    static String error(byte[] bytes) {
        return assertThrows(ModelFileException.class, () -> SafeTensors.decode(bytes, "f")).getMessage();
    }

    @Test
    void layoutFollowsTheSpecification() {
        byte[] bytes = SafeTensors.encode(sample(), Map.of("format", "x"));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "the header is padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"x\"},\"a\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":"
                + "[0,48]},\"b\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[48,56]}}", header.strip());
        assertEquals(8 + n + 56, bytes.length);
        assertEquals(-2.5, b.getDouble((int) (8 + n + 8)));   // row-major, little-endian
    }

    @Test
    void roundTripKeepsEveryBit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, sample(), Map.of("k", "v"));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(List.of("a", "b"), List.copyOf(c.tensors().keySet()));
        assertMatrixBitsEqual(sample().get("a"), c.tensors().get("a"));
        assertEquals(Map.of("k", "v"), c.metadata());
    }

    @Test
    void numpyReadsWhatJavaWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("java.safetensors");
        SafeTensors.write(file, sample(), Map.of("format", "nnfs-parameters"));
        Map<?, ?> out = (Map<?, ?>) Json.parse(python("read", file));
        Map<?, ?> tensors = (Map<?, ?>) out.get("tensors");
        for (Map.Entry<String, DMatrixRMaj> e : sample().entrySet()) {
            Map<?, ?> t = (Map<?, ?>) tensors.get(e.getKey());
            assertEquals("float64", t.get("dtype"));
            assertEquals(List.of((long) e.getValue().numRows, (long) e.getValue().numCols), t.get("shape"));
            List<?> values = (List<?>) t.get("values");
            for (int k = 0; k < values.size(); k++) {
                assertEquals(e.getValue().data[k], Double.parseDouble((String) values.get(k)), 0.0);
            }
        }
        assertEquals(Map.of("format", "nnfs-parameters"), out.get("metadata"));
    }

    @Test
    void javaReadsWhatNumpyWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("numpy.safetensors");
        Map<?, ?> written = (Map<?, ?>) Json.parse(python("write", file));
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<?, ?> tensors = (Map<?, ?>) written.get("tensors");
        assertEquals(tensors.keySet(), c.tensors().keySet());
        for (Object name : tensors.keySet()) {
            List<?> values = (List<?>) ((Map<?, ?>) tensors.get(name)).get("values");
            DMatrixRMaj m = c.tensors().get((String) name);
            assertEquals(values.size(), m.getNumElements());
            for (int k = 0; k < values.size(); k++) {
                assertEquals(Double.parseDouble((String) values.get(k)), m.data[k], 0.0, name + "[" + k + "]");
            }
        }
        assertEquals(1, c.tensors().get("row").numRows, "a 1-d array is read as one row");
        assertEquals("nnfs-parameters", c.metadata().get("format"));
    }

    /** Runs the committed NumPy script with the machine's Python and returns what it printed. */
    static String python(String command, Path file) throws Exception {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), command, file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "python3 " + SCRIPT + " " + command + " failed:\n" + out);
        return out;
    }

    @Test
    void everyBrokenFileIsRejectedWithItsReason() {
        byte[] eight = new byte[8];
        assertEquals("f: expected at least the 8-byte header length, got a file of 5 bytes", error(new byte[5]));
        assertEquals("f: expected a header length between 2 and 100000000 bytes, got 0 (is it a safetensors file?)",
                error(eight));
        byte[] huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).array();
        assertEquals("f: expected a header length between 2 and 100000000 bytes, got 18446744073709551615 (is it a "
                + "safetensors file?)", error(huge));
        byte[] longer = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).putLong(50).array();
        assertEquals("f: expected a header of 50 bytes, but the file has 2 bytes after the length (truncated?)",
                error(longer));
        byte[] notUtf8 = file("{\"a\":1}", new byte[0]);
        notUtf8[9] = (byte) 0xff;
        assertEquals("f: expected a UTF-8 header, got bytes that are not UTF-8", error(notUtf8));
        assertEquals("f: expected a JSON header, got malformed JSON: expected ',' or '}', got 'x' at character 7",
                error(file("{\"a\":{}x", new byte[0])));
        assertEquals("f: expected the header to be a JSON object, got an array", error(file("[1,2]", new byte[0])));
        assertEquals("f: expected a JSON header, got malformed JSON: duplicate key \"a\" at character 15",
                error(file("{\"a\":{},\"b\":{},\"a\":{}}", new byte[0])));
        assertEquals("f: expected __metadata__ to be an object of strings, got an array",
                error(file("{\"__metadata__\":[]}", new byte[0])));
        assertEquals("f: expected __metadata__ values to be strings, got a number for 'v'",
                error(file("{\"__metadata__\":{\"v\":1}}", new byte[0])));
    }

    @Test
    void everyBrokenTensorEntryIsRejectedWithItsReason() {
        byte[] eightBytes = new byte[8];
        assertEquals("f: tensor 'w': expected an object with dtype, shape and data_offsets, got a number",
                error(file("{\"w\":3}", eightBytes)));
        assertEquals("f: tensor 'w': expected only dtype, shape and data_offsets, got 'x'",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"x\":1}}", eightBytes)));
        assertEquals("f: tensor 'w': expected dtype F64 or F32, got \"I64\"",
                error(file("{\"w\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", eightBytes)));
        assertEquals("f: tensor 'w': expected a shape of one or two dimensions, got [1, 1, 1]",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1,1,1],\"data_offsets\":[0,8]}}", eightBytes)));
        assertEquals("f: tensor 'w': expected dimensions that are integers from 0 to 2147483647, got -1",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", eightBytes)));
        assertEquals("f: tensor 'w': expected dimensions that are integers from 0 to 2147483647, got 1.5",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", eightBytes)));
        assertEquals("f: tensor 'w': expected data_offsets [begin, end] with 0 <= begin <= end, got [8, 0]",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,0]}}", eightBytes)));
        assertEquals("f: tensor 'w': expected 16 bytes for shape [2] of F64, got data_offsets spanning 8",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,8]}}", eightBytes)));
        assertEquals("f: tensor 'w': expected a size that fits in 64 bits, got shape [2147483647, 2147483647]",
                error(file("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,8]}}",
                        eightBytes)));
    }

    @Test
    void tensorsMustTileTheDataExactly() {
        String two = "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[%d,%d]}}";
        assertEquals("f: expected tensor 'b' to start at byte 8 of the data, got 16 (a gap)",
                error(file(String.format(two, 16, 24), new byte[24])));
        assertEquals("f: expected tensor 'b' to start at byte 8 of the data, got 4 (it overlaps the tensor before it)",
                error(file(String.format(two, 4, 12), new byte[16])));
        assertEquals("f: expected 16 bytes of tensor data after the header, got 12 (truncated?)",
                error(file(String.format(two, 8, 16), new byte[12])));
        assertEquals("f: expected 16 bytes of tensor data after the header, got 20 (extra bytes at the end)",
                error(file(String.format(two, 8, 16), new byte[20])));
    }

    @Test
    void float32IsWidened() throws ModelFileException {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-3f);
        SafeTensors.Contents c = SafeTensors.decode(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":"
                + "[0,8]}}", data.array()), "f");
        assertMatrixBitsEqual(Matrices.row(0.5, -3), c.tensors().get("x"));
    }

    @Test
    void writingLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        SafeTensors.write(file, sample(), Map.of());
        SafeTensors.write(file, sample(), Map.of("again", "yes"));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
        assertEquals("yes", SafeTensors.read(file).metadata().get("again"));
    }
}
