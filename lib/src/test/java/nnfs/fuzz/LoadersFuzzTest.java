package nnfs.fuzz;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import nnfs.data.DatasetFormatException;
import nnfs.data.FashionMnist;
import nnfs.data.Idx;
import nnfs.io.ModelFile;
import nnfs.io.ModelFileException;

/**
 * Coverage-guided fuzzing (Jazzer) of every loader of untrusted files. Each target accepts any bytes: the loader must
 * either load them or throw the library's own checked exception; anything else (another exception, a hang, running
 * out of memory) is a finding.
 *
 * <p>Jazzer fuzzes one target per run, so the four loaders share one, which the first byte of the input steers: one
 * run covers them all. A plain {@code mvn test} runs it on its seed corpus only ({@code src/test/resources/nnfs/fuzz/
 * LoadersFuzzTestInputs/everyLoader/}: valid files of each kind, written by {@code SeedWriterTest}). {@code make fuzz}
 * (part of {@code make test}) fuzzes it for a fixed time with {@code JAZZER_FUZZ=1}; a finding fails the run and
 * Jazzer saves the input next to the seeds.
 */
class LoadersFuzzTest {

    /** The loaders, chosen by the first byte of the input (its two low bits); the rest is the file. */
    static final String[] LOADERS = {"model file", "parameter file", "IDX file", "PNG picture"};

    @FuzzTest(maxDuration = "60s")
    void everyLoader(byte[] input) throws Exception {
        if (input.length == 0) {
            return;
        }
        byte[] bytes = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch (input[0] & 3) {
                case 0 -> ModelFile.decode(bytes, "fuzzed");
                case 1 -> ModelFile.decodeParameters(bytes, "fuzzed");
                case 2 -> {
                    boolean gzipped = bytes.length > 1 && bytes[0] == 0x1f && (bytes[1] & 0xff) == 0x8b;
                    int dimensions = bytes.length > 3 ? Math.max(1, bytes[3] & 3) : 1;
                    Idx.read(new ByteArrayInputStream(bytes), gzipped, dimensions, "fuzzed");
                }
                default -> FashionMnist.readPicture(bytes, "fuzzed");
            }
        } catch (ModelFileException | DatasetFormatException expected) {
            if (expected.getMessage() == null || !expected.getMessage().startsWith("fuzzed")
                    || !expected.getMessage().contains("expected")) {
                throw new IllegalStateException(LOADERS[input[0] & 3] + ": an unclear message: "
                        + expected.getMessage(), expected);
            }
        }
    }
}
