package nnfs.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import nnfs.io.ModelFile;
import nnfs.model.Model;
import nnfs.reliability.FrozenFiles;

/**
 * Writes the fuzzers' seed corpus (valid files) into the source tree:
 * {@code mvn -o -q -pl lib test -Dtest=SeedWriterTest -Dnnfs.writeSeeds=true}.
 */
class SeedWriterTest {

    @Test
    @EnabledIfSystemProperty(named = "nnfs.writeSeeds", matches = "true")
    void writeSeeds() throws Exception {
        Path root = Path.of("src/test/resources/nnfs/fuzz/LoadersFuzzTestInputs/everyLoader");
        Model classifier = FrozenFiles.models().get("classifier-adam");
        Model binary = FrozenFiles.models().get("binary-sgd");
        write(root.resolve("model-classifier-with-state"), 0, ModelFile.encode(classifier, true));
        write(root.resolve("model-binary"), 0, ModelFile.encode(binary, false));
        write(root.resolve("parameters-classifier"), 1, ModelFile.encodeParameters(classifier));
        byte[] values = new byte[2 * 28 * 28];
        for (int k = 0; k < values.length; k++) {
            values[k] = (byte) (k * 13);
        }
        byte[] idx = nnfs.data.Idx.encode(new nnfs.data.Idx.Array(new int[] {2, 28, 28}, values));
        write(root.resolve("idx-images"), 2, idx);
        write(root.resolve("idx-labels"), 2, nnfs.data.Idx.encode(new nnfs.data.Idx.Array(new int[] {3},
                new byte[] {1, 9, 0})));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(idx);
        }
        write(root.resolve("idx-images-gz"), 2, gz.toByteArray());
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                picture.getRaster().setSample(c, r, 0, (r * 28 + c) * 7 % 256);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);
        write(root.resolve("png-grey-28x28"), 3, png.toByteArray());
    }

    /** A seed: the loader's number, then the file. */
    private static void write(Path file, int loader, byte[] bytes) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] seed = new byte[bytes.length + 1];
        seed[0] = (byte) loader;
        System.arraycopy(bytes, 0, seed, 1, bytes.length);
        Files.write(file, seed);
    }
}
