package nnfs.data;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;

/**
 * What a network is trained to produce, one entry per sample: either class labels ({@link Classes}, the book's
 * "sparse" labels such as {@code [0, 1, 1]}) or a matrix ({@link Values}: one-hot rows, binary 0/1 columns, or
 * regression targets). NumPy tells them apart by the number of dimensions; Java by the type.
 */
public sealed interface Targets permits Targets.Classes, Targets.Values {

    /** Class labels, one per sample. The array is used as given, not copied. */
    static Classes classes(int... labels) {
        return new Classes(labels);
    }

    /** A target matrix, one row per sample. The matrix is used as given, not copied. */
    static Values values(DMatrixRMaj matrix) {
        return new Values(matrix);
    }

    /** The number of samples. */
    int size();

    /** Samples {@code from} (inclusive) to {@code to} (exclusive), as new targets. */
    Targets rows(int from, int to);

    /** Samples in the given order (e.g. a shuffle), as new targets. */
    Targets select(int[] order);

    /** Class labels, one per sample. */
    record Classes(int[] labels) implements Targets {
        public Classes {
            if (labels == null) {
                throw new IllegalArgumentException("Targets.classes: expected an array of labels, got null");
            }
        }

        @Override
        public int size() {
            return labels.length;
        }

        @Override
        public Classes rows(int from, int to) {
            return new Classes(Arrays.copyOfRange(labels, from, to));
        }

        @Override
        public Classes select(int[] order) {
            int[] picked = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                picked[i] = labels[order[i]];
            }
            return new Classes(picked);
        }

        /** The largest label plus one: the fewest classes these labels need. */
        public int classCount() {
            int max = -1;
            for (int label : labels) {
                max = Math.max(max, label);
            }
            return max + 1;
        }

        @Override
        public String toString() {
            return "Classes(" + labels.length + " labels)";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Classes c && Arrays.equals(labels, c.labels);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(labels);
        }
    }

    /** A target matrix, one row per sample. */
    record Values(DMatrixRMaj matrix) implements Targets {
        public Values {
            if (matrix == null) {
                throw new IllegalArgumentException("Targets.values: expected a target matrix, got null");
            }
        }

        @Override
        public int size() {
            return matrix.numRows;
        }

        @Override
        public Values rows(int from, int to) {
            return new Values(Matrices.rows(matrix, from, to));
        }

        @Override
        public Values select(int[] order) {
            DMatrixRMaj picked = new DMatrixRMaj(order.length, matrix.numCols);
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(matrix.data, order[i] * matrix.numCols, picked.data, i * matrix.numCols,
                        matrix.numCols);
            }
            return new Values(picked);
        }

        @Override
        public String toString() {
            return "Values" + Matrices.shape(matrix);
        }
    }
}
