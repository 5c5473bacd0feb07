package nnfs.data;

import static nnfs.Assertions2.assertBitsEqual;
import static nnfs.Assertions2.assertMatrixBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import nnfs.Fixtures;
import nnfs.layers.Dense;
import nnfs.random.NumpyRandom;

/** The nnfs datasets and the first layer's initial weights, equal to NumPy's to the last bit. */
class DatasetsTest {

    @Test
    void spiralMatchesNumpy() {
        Dataset data = Datasets.spiral(100, 3, new NumpyRandom(0));
        assertMatrixBitsEqual(Fixtures.matrix("spiral_100_3_seed0", "X"), data.X());
        assertArrayEquals(Fixtures.ints("spiral_100_3_seed0", "y"), data.labels());
    }

    @Test
    void firstLayerAfterSpiralMatchesTheBookSequence() {
        // nnfs.init(); X, y = spiral_data(100, 3); dense1 = Layer_Dense(2, 3)
        NumpyRandom random = new NumpyRandom(0);
        Datasets.spiral(100, 3, random);
        Dense dense1 = new Dense(2, 3, random);
        assertMatrixBitsEqual(Fixtures.matrix("dense_2_3_after_spiral"), dense1.weights());
        assertMatrixBitsEqual(new org.ejml.data.DMatrixRMaj(1, 3), dense1.biases());
    }

    @Test
    void denseInitialisationMatchesNumpy() {
        assertMatrixBitsEqual(Fixtures.matrix("dense_2_3_seed0"), new Dense(2, 3, new NumpyRandom(0)).weights());
    }

    @Test
    void verticalMatchesNumpy() {
        Dataset data = Datasets.vertical(100, 3, new NumpyRandom(0));
        assertMatrixBitsEqual(Fixtures.matrix("vertical_100_3_seed0", "X"), data.X());
        assertArrayEquals(Fixtures.ints("vertical_100_3_seed0", "y"), data.labels());
    }

    @Test
    void sineMatchesNumpy() {
        Dataset data = Datasets.sine(1000);
        assertMatrixBitsEqual(Fixtures.matrix("sine_1000", "X"), data.X());
        assertMatrixBitsEqual(Fixtures.matrix("sine_1000", "y"), data.targets());
    }

    @Test
    void linspaceMatchesNumpy() {
        assertBitsEqual(Fixtures.doubles("linspace", "0_1_7"), Datasets.linspace(0.0, 1.0, 7));
        assertBitsEqual(Fixtures.doubles("linspace", "8_12_100"), Datasets.linspace(8, 12, 100));
        assertArrayEquals(new double[] {3.0}, Datasets.linspace(3.0, 9.0, 1));
    }

    @Test
    void datasetChecksItsShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new org.ejml.data.DMatrixRMaj(3, 2), new int[] {0, 1}));
        assertEquals("Dataset: expected one target per sample (3 samples), got 2 targets", e.getMessage());
        var samples = assertThrows(IllegalArgumentException.class, () -> Datasets.spiral(0, 3));
        assertEquals("Datasets.spiral: expected samples >= 1, got 0", samples.getMessage());
    }

    @Test
    void shuffleInPlaceEqualsSelectingThePermutation() {
        Dataset a = Datasets.spiral(20, 3, new NumpyRandom(4));
        Dataset expected = a.select(new NumpyRandom(9).permutation(60));
        Dataset shuffled = Datasets.shuffle(a, new NumpyRandom(9));
        assertMatrixBitsEqual(expected.X(), shuffled.X());
        assertArrayEquals(expected.labels(), shuffled.labels());
        Dataset sine = Datasets.sine(30);
        Dataset expectedSine = sine.select(new NumpyRandom(1).permutation(30));
        Datasets.shuffle(sine, new NumpyRandom(1));
        assertMatrixBitsEqual(expectedSine.targets(), sine.targets());
    }

    @Test
    void selectAndRowsKeepSamplesWithTheirTargets() {
        Dataset data = Datasets.spiral(4, 2, new NumpyRandom(0));
        Dataset picked = data.select(new int[] {7, 0});
        assertEquals(data.X().get(7, 1), picked.X().get(0, 1));
        assertArrayEquals(new int[] {1, 0}, picked.labels());
        assertArrayEquals(new int[] {0, 1}, data.rows(3, 5).labels());
    }
}
