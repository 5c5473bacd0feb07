package nnfs.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.io.ModelFile;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/**
 * A process killed while it saves never damages the file it saves over: a child JVM saves two models in turn over
 * one file, and is killed (SIGKILL, {@link Process#destroyForcibly}) at random moments; after each kill the file must
 * load and be exactly one of the two models.
 */
class CrashSafetyTest {

    private static final int KILLS = 12;

    static Model big(long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        return new Model().add(new Dense(784, 256, random)).add(new ReLU()).add(new Dense(256, 10, random))
                .add(new Softmax()).set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy()).build();
    }

    @Test
    void killingASaveAtRandomMomentsLeavesTheLastSavedFileIntact(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Path target = dir.resolve("model.safetensors");
        big(1).save(a);
        big(2).save(b);
        byte[] bytesA = Files.readAllBytes(a);
        byte[] bytesB = Files.readAllBytes(b);
        Files.write(target, bytesA);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        SplittableRandom random = new SplittableRandom(17);
        int sawA = 0;
        int sawB = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), SaveLoop.class.getName(), a.toString(), b.toString(),
                    target.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String first = out.readLine();
                assertEquals("ready", first, "the child started");
                // Each save of this 1.6 MB model takes some milliseconds: the kills land at every stage of it.
                Thread.sleep(random.nextInt(5, 120));
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child died");
            }
            byte[] now = ModelFile.encode(ModelFile.load(target), false);
            if (Arrays.equals(now, bytesA)) {
                sawA++;
            } else if (Arrays.equals(now, bytesB)) {
                sawB++;
            } else {
                throw new AssertionError("after kill " + kill + " the file holds neither model");
            }
        }
        System.out.println("CrashSafetyTest: " + KILLS + " saves killed at random moments; the file loaded intact "
                + "every time (" + sawA + " times the first model, " + sawB + " times the second); temporary files "
                + "left by the killed saves: " + temporaries(dir).size());
        assertEquals(KILLS, sawA + sawB);
        assertTrue(sawA > 0 && sawB > 0, "kills landed at different points of the loop");
    }

    private static List<Path> temporaries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
