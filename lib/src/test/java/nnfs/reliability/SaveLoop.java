package nnfs.reliability;

import java.nio.file.Path;

import nnfs.io.ModelFile;
import nnfs.model.Model;

/**
 * The child process of {@code CrashSafetyTest}: loads two models and saves them in turn over one file, forever, until
 * it is killed. It prints "ready" once the first save has begun.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Model a = ModelFile.load(Path.of(args[0]));
        Model b = ModelFile.load(Path.of(args[1]));
        Path target = Path.of(args[2]);
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            ModelFile.save(i % 2 == 0 ? b : a, target);
        }
    }
}
