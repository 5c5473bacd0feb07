package nnfs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on good files and on one literal bad file per error path. */
class IdxTest {

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static String error(byte[] file, int dimensions) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> Idx.read(new ByteArrayInputStream(file), dimensions, "f"));
        return e.getMessage();
    }

    @Test
    void readsAndWritesAGoodFile() throws IOException {
        byte[] file = bytes(0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255);
        Idx.Array a = Idx.read(new ByteArrayInputStream(file), 2, "f");
        assertArrayEquals(new int[] {2, 3}, a.dimensions());
        assertEquals(255, a.get(5));
        assertArrayEquals(file, Idx.encode(a));
    }

    @Test
    void everyBadHeaderIsNamed() {
        assertEquals("f: expected a 4-byte IDX magic number, got a file of 2 bytes", error(bytes(0, 0), 1));
        assertEquals("f: expected the IDX magic number 0x00000803 (unsigned bytes, 3 dimensions), got 0x00000801",
                error(bytes(0, 0, 8, 1, 0, 0, 0, 1, 7), 3));
        assertEquals("f: expected the IDX magic number 0x00000801 (unsigned bytes, 1 dimensions), got 0x00000d01",
                error(bytes(0, 0, 13, 1, 0, 0, 0, 1, 0, 0, 0, 0), 1));
        assertEquals("f: expected 3 dimensions in the header, got 1 before the file ended",
                error(bytes(0, 0, 8, 3, 0, 0, 0, 1, 0, 0), 3));
        assertEquals("f: expected positive dimensions, got 0 for dimension 0", error(bytes(0, 0, 8, 1, 0, 0, 0, 0), 1));
        assertEquals("f: expected positive dimensions, got -1 for dimension 0",
                error(bytes(0, 0, 8, 1, 255, 255, 255, 255), 1));
        assertEquals("f: expected at most 1073741824 values, got dimensions that multiply past it [65536, 65536]",
                error(bytes(0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0), 2));
    }

    @Test
    void wrongLengthsAreNamed() {
        assertEquals("f: expected 4 values for dimensions [4], got 2 before the file ended",
                error(bytes(0, 0, 8, 1, 0, 0, 0, 4, 9, 9), 1));
        assertEquals("f: expected the file to end after 2 values for dimensions [2], got more bytes",
                error(bytes(0, 0, 8, 1, 0, 0, 0, 2, 9, 9, 9), 1));
    }

    @Test
    void brokenGzipIsNamed(@TempDir Path dir) throws IOException {
        Path notGzip = dir.resolve("a-idx1-ubyte.gz");
        Files.write(notGzip, bytes(0, 0, 8, 1, 0, 0, 0, 1, 5));
        DatasetFormatException e1 = assertThrows(DatasetFormatException.class, () -> Idx.read(notGzip, 1));
        assertEquals("a-idx1-ubyte.gz: expected a gzip file, got one that cannot be decompressed (Not in GZIP format)",
                e1.getMessage());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(bytes(0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3));
        }
        byte[] whole = compressed.toByteArray();
        Path truncated = dir.resolve("b-idx1-ubyte.gz");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 10));
        DatasetFormatException e2 = assertThrows(DatasetFormatException.class, () -> Idx.read(truncated, 1));
        assertEquals("b-idx1-ubyte.gz: expected a complete gzip stream, got one that ends early", e2.getMessage());
    }
}
