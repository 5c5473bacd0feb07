package nnfs.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST: a 4-byte magic number (two zero bytes, a type code, the number of
 * dimensions), each dimension as a big-endian 32-bit integer, then the values in row-major order. Only unsigned bytes
 * (type 0x08) are read, since that is all these data sets use.
 *
 * <p>Everything is checked: the magic number, the number of dimensions, each dimension (positive, and their product
 * within bounds), and the length, which must be exactly what the dimensions say. A file ending in {@code .gz} is
 * decompressed first.
 */
public final class Idx {

    /** The type code of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    /** The largest number of values read (a bound for a corrupt header, far above the 47 million of MNIST). */
    public static final long MAX_VALUES = 1L << 30;

    /** An IDX array: its dimensions and its values as unsigned bytes, row-major. */
    public record Array(int[] dimensions, byte[] values) {

        /** Value {@code k} (row-major) as 0 to 255. */
        public int get(int k) {
            return values[k] & 0xff;
        }

        @Override
        public String toString() {
            return "Idx.Array" + Arrays.toString(dimensions);
        }
    }

    private Idx() {
    }

    /** Reads an IDX file (gzip-compressed when its name ends in .gz) that must have {@code dimensions} dimensions. */
    public static Array read(Path file, int dimensions) throws IOException {
        String name = file.getFileName().toString();
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, name.endsWith(".gz"), dimensions, name);
        }
    }

    /**
     * Reads an IDX array from a stream, gzip-compressed or not; {@code name} appears in error messages. Damage to the
     * compression (a bad header, corrupt data, a wrong checksum or length in the trailer, an early end) is a
     * {@link DatasetFormatException} too.
     */
    public static Array read(InputStream raw, boolean gzipped, int dimensions, String name) throws IOException {
        try {
            InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
            return read(in, dimensions, name);
        } catch (ZipException e) {
            throw new DatasetFormatException(name + ": expected a gzip file, got one that cannot be decompressed ("
                    + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new DatasetFormatException(name + ": expected a complete gzip stream, got one that ends early");
        }
    }

    /** Reads an IDX array with {@code dimensions} dimensions from a stream; {@code name} appears in error messages. */
    public static Array read(InputStream in, int dimensions, String name) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new DatasetFormatException(name + ": expected a 4-byte IDX magic number, got a file of "
                    + header.length + " bytes");
        }
        int magic = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        int expectedMagic = (UNSIGNED_BYTE << 8) | dimensions;
        if (magic != expectedMagic) {
            throw new DatasetFormatException(String.format("%s: expected the IDX magic number 0x%08x (unsigned bytes, "
                    + "%d dimensions), got 0x%08x", name, expectedMagic, dimensions, magic));
        }
        int[] dims = new int[dimensions];
        long count = 1;
        for (int d = 0; d < dimensions; d++) {
            byte[] b = in.readNBytes(4);
            if (b.length < 4) {
                throw new DatasetFormatException(name + ": expected " + dimensions + " dimensions in the header, got "
                        + d + " before the file ended");
            }
            dims[d] = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            if (dims[d] <= 0) {
                throw new DatasetFormatException(name + ": expected positive dimensions, got " + dims[d]
                        + " for dimension " + d);
            }
            count *= dims[d];
            if (count > MAX_VALUES) {
                throw new DatasetFormatException(name + ": expected at most " + MAX_VALUES + " values, got dimensions "
                        + "that multiply past it " + Arrays.toString(Arrays.copyOf(dims, d + 1)));
            }
        }
        byte[] values = in.readNBytes((int) count);
        if (values.length < count) {
            throw new DatasetFormatException(name + ": expected " + count + " values for dimensions "
                    + Arrays.toString(dims) + ", got " + values.length + " before the file ended");
        }
        if (in.read() != -1) {
            throw new DatasetFormatException(name + ": expected the file to end after " + count + " values for "
                    + "dimensions " + Arrays.toString(dims) + ", got more bytes");
        }
        return new Array(dims, values);
    }

    /** An IDX file's bytes (uncompressed): header and values. */
    public static byte[] encode(Array array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] dims = array.dimensions();
        out.write(0);
        out.write(0);
        out.write(UNSIGNED_BYTE);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.writeBytes(array.values());
        return out.toByteArray();
    }
}
