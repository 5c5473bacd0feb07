package nnfs.data;

import org.ejml.data.DMatrixRMaj;

import nnfs.Matrices;

/**
 * A set of samples {@code X} (one row each) with their targets {@code y}, named as in the book.
 */
public record Dataset(DMatrixRMaj X, Targets y) {

    public Dataset {
        if (X == null || y == null) {
            throw new IllegalArgumentException("Dataset: expected samples X and targets y, got "
                    + (X == null ? "no X" : "no y"));
        }
        if (X.numRows != y.size()) {
            throw new IllegalArgumentException("Dataset: expected one target per sample (" + X.numRows
                    + " samples), got " + y.size() + " targets");
        }
    }

    /** A classification set: samples with class labels. */
    public static Dataset of(DMatrixRMaj X, int[] labels) {
        return new Dataset(X, Targets.classes(labels));
    }

    /** A set whose targets are a matrix (regression values, binary or one-hot labels). */
    public static Dataset of(DMatrixRMaj X, DMatrixRMaj targets) {
        return new Dataset(X, Targets.values(targets));
    }

    /** The number of samples. */
    public int size() {
        return X.numRows;
    }

    /** The class labels; fails if the targets are a matrix. */
    public int[] labels() {
        if (y instanceof Targets.Classes c) {
            return c.labels();
        }
        throw new IllegalStateException("Dataset.labels: these targets are a matrix " + y + ", not class labels");
    }

    /** The target matrix; fails if the targets are class labels. */
    public DMatrixRMaj targets() {
        if (y instanceof Targets.Values v) {
            return v.matrix();
        }
        throw new IllegalStateException("Dataset.targets: these targets are class labels, not a matrix");
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
    public Dataset rows(int from, int to) {
        return new Dataset(Matrices.rows(X, from, to), y.rows(from, to));
    }

    /** The samples in the given order. */
    public Dataset select(int[] order) {
        DMatrixRMaj picked = new DMatrixRMaj(order.length, X.numCols);
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(X.data, order[i] * X.numCols, picked.data, i * X.numCols, X.numCols);
        }
        return new Dataset(picked, y.select(order));
    }

    @Override
    public String toString() {
        return "Dataset(X " + Matrices.shape(X) + ", y " + y + ")";
    }
}
