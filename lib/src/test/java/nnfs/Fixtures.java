package nnfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

import nnfs.io.Json;
import nnfs.io.JsonException;

/**
 * The NumPy oracle: {@code fixtures/numpy_fixtures.json}, written by {@code fixtures/make_fixtures.py} with the
 * machine's NumPy. Floats were written with Python's repr, so every bit survives the trip.
 */
public final class Fixtures {

    private static Map<String, Object> root;

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    public static synchronized Map<String, Object> root() {
        if (root == null) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/numpy_fixtures.json")) {
                if (in == null) {
                    throw new IllegalStateException("fixtures/numpy_fixtures.json is missing from the test resources");
                }
                root = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | JsonException e) {
                throw new IllegalStateException("cannot read the NumPy fixtures", e);
            }
        }
        return root;
    }

    /** The value at a path of keys, e.g. {@code get("spiral_100_3_seed0", "X")}. */
    @SuppressWarnings("unchecked")
    public static Object get(String... path) {
        Object node = root();
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
            if (node == null) {
                throw new IllegalArgumentException("no fixture at " + String.join("/", path));
            }
        }
        return node;
    }

    public static double[] doubles(String... path) {
        List<?> list = (List<?>) get(path);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) list.get(i)).doubleValue();
        }
        return values;
    }

    public static int[] ints(String... path) {
        List<?> list = (List<?>) get(path);
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) list.get(i)).intValue();
        }
        return values;
    }

    public static DMatrixRMaj matrix(String... path) {
        List<?> rows = (List<?>) get(path);
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            List<?> row = (List<?>) rows.get(i);
            values[i] = new double[row.size()];
            for (int j = 0; j < values[i].length; j++) {
                values[i][j] = ((Number) row.get(j)).doubleValue();
            }
        }
        return new DMatrixRMaj(values);
    }
}
