package nnfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import nnfs.io.ModelFile;
import nnfs.model.LayerParameters;
import nnfs.model.Model;

/**
 * Files written by earlier versions of the library still load and predict what they predicted when they were written.
 * The files and their predictions in {@code fixtures/model-files/v1} were generated once, by {@link FrozenFiles}.
 */
class FrozenFilesTest {

    /**
     * The predictions may move in the last bits when the dense products are reorganised (summation order), never
     * more.
     */
    private static final double TOLERANCE = 1e-12;

    static Path fixtures() throws URISyntaxException {
        return Path.of(FrozenFilesTest.class.getResource("/fixtures/model-files").toURI());
    }

    @Test
    void version1FilesStillLoadAndPredictTheSame() throws Exception {
        Path dir = fixtures().resolve("v1");
        int checked = 0;
        for (String stem : List.of("classifier-adam", "binary-sgd", "regression-rmsprop")) {
            DMatrixRMaj x = FrozenFiles.probe(FrozenFiles.features(stem));
            DMatrixRMaj expected = FrozenFiles.readCsv(dir.resolve(stem + ".predictions.csv"));
            Model plain = ModelFile.load(dir.resolve(stem + ".safetensors"));
            Model resumable = ModelFile.load(dir.resolve(stem + "-with-state.safetensors"));
            assertClose(expected, plain.predict(x, 64), stem);
            assertClose(expected, resumable.predict(x, 64), stem + " (with optimizer state)");
            assertEquals(0, plain.optimizer().iterations(), stem);
            assertTrue(resumable.optimizer().iterations() > 0, stem + ": the optimizer state was restored");

            List<LayerParameters> parameters = ModelFile.loadParameters(dir.resolve(stem + ".parameters.safetensors"));
            Model rebuilt = ModelFile.load(dir.resolve(stem + ".safetensors"));
            rebuilt.setParameters(parameters);
            assertClose(expected, rebuilt.predict(x, 64), stem + " (parameter file)");
            checked++;
        }
        assertEquals(3, checked);
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, String what) {
        assertEquals(expected.numRows, actual.numRows, what);
        assertEquals(expected.numCols, actual.numCols, what);
        for (int k = 0; k < expected.getNumElements(); k++) {
            double e = expected.data[k];
            double a = actual.data[k];
            assertTrue(Math.abs(e - a) <= TOLERANCE * Math.max(1, Math.abs(e)),
                    what + ": prediction " + k + " expected " + e + ", got " + a);
        }
    }

    /**
     * The generator: {@code mvn -o -q -pl lib test -Dtest=FrozenFilesTest#generate -Dnnfs.generateFrozenFiles=true}
     * writes the files of the current {@link ModelFile#VERSION} into the source tree (never over existing ones).
     */
    @Test
    @EnabledIfSystemProperty(named = "nnfs.generateFrozenFiles", matches = "true")
    void generate() throws IOException {
        Path target = Path.of("src/test/resources/fixtures/model-files");
        assertTrue(Files.isDirectory(target.getParent()), "run from lib/ (maven does)");
        FrozenFiles.generate(target);
    }
}
