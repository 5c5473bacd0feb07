import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.ejml.data.DMatrixRMaj;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.data.FashionMnist;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.math.DenseProducts;
import nnfs.math.Products;
import nnfs.math.Simd;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.History;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/**
 * The Java side of {@code make benchmark}: tools/benchmark.py starts it once and sends it one command per line; each
 * answer is one line of JSON. The NumPy and PyTorch sides (numpy_worker.py, torch_worker.py) answer the same commands,
 * so that the runs of the sides can be interleaved.
 *
 * <pre>
 * info      what runs: backend, OpenBLAS core, vector width, Java version
 * spiral    spiral(100, 3), 2-64-3, Adam(0.05, decay 5e-7), 10 001 full-batch epochs: seconds, loss, accuracy
 * fashion   Fashion-MNIST 784-128-128-10, Adam, batches of 128, one epoch: seconds; then the 10 000 test images
 *           predicted in one call: images per second
 * gemm      128×784 by 784×128, as Fashion-MNIST's first layer, through the library's own path: GFLOP/s
 * peak      the machine's arithmetic limits: OpenBLAS on a 2048×2048 product (all cores, fused multiply-add), and one
 *           core's vector multiply and add without fusing (what the same-bits kernels may use): GFLOP/s
 * </pre>
 *
 * Run as a source file: {@code java --add-modules jdk.incubator.vector -cp lib/target/nnfs.jar
 * tools/benchmark/Benchmark.java}.
 */
public class Benchmark {

    private static Dataset train;
    private static Dataset test;

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            Map<String, Object> answer = switch (line.trim()) {
                case "info" -> info();
                case "spiral" -> spiral();
                case "fashion" -> fashion();
                case "gemm" -> gemm();
                case "peak" -> peak();
                case "quit" -> null;
                default -> Map.of("error", "unknown command " + line);
            };
            if (answer == null) {
                return;
            }
            System.out.println(json(answer));
            System.out.flush();
        }
    }

    static Map<String, Object> info() throws java.io.IOException {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("backend", Products.backend());
        info.put("openblas_core", openBlasCore());
        info.put("openblas_threads", openblas_nolapack.blas_get_num_threads());
        info.put("simd", Simd.state());
        info.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        info.put("fashion_directory", String.valueOf(FashionMnist.locate()));
        return info;
    }

    /**
     * The kernel OpenBLAS chose for this processor at run time ({@code openblas_get_corename}, which JavaCPP's binding
     * leaves out: called through JNA at the address JavaCPP finds).
     */
    static String openBlasCore() {
        Products.forLayer(128, 128);   // loads OpenBLAS
        org.bytedeco.javacpp.Pointer address = org.bytedeco.javacpp.Loader.addressof("openblas_get_corename");
        if (address == null || address.address() == 0) {
            return "unknown";
        }
        return com.sun.jna.Function.getFunction(new com.sun.jna.Pointer(address.address()))
                .invokeString(new Object[0], false);
    }

    /** NumPy's seed 0 draws the data, then the weights: the same numbers on both sides. */
    static Map<String, Object> spiral() {
        NumpyRandom random = new NumpyRandom(0);
        Dataset data = Datasets.spiral(100, 3, random);
        Model model = new Model()
                .add(new Dense(2, 64, random)).add(new ReLU())
                .add(new Dense(64, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.05, 5e-7, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build().printTo(null);
        long start = System.nanoTime();
        History history = model.train(data, 10_001, Model.FULL_BATCH, 10_001, null);
        double seconds = seconds(start);
        return result(seconds, history.last().loss(), history.last().accuracy());
    }

    static Map<String, Object> fashion() throws Exception {
        if (train == null) {
            FashionMnist.Data data = FashionMnist.load();
            train = FashionMnist.toDataset(data.train());
            test = FashionMnist.toDataset(data.test());
        }
        NumpyRandom random = new NumpyRandom(0);
        Model model = new Model()
                .add(new Dense(784, 128, random)).add(new ReLU())
                .add(new Dense(128, 128, random)).add(new ReLU())
                .add(new Dense(128, 10, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy())
                .build().printTo(null);
        long start = System.nanoTime();
        History history = model.train(train, 1, 128, 1000, null);
        Map<String, Object> answer = result(seconds(start), history.last().loss(), history.last().accuracy());
        start = System.nanoTime();
        DMatrixRMaj outputs = model.predict(test.X(), test.size());
        answer.put("predict_per_second", test.size() / seconds(start));
        if (outputs.numRows != test.size()) {
            throw new IllegalStateException("expected " + test.size() + " predictions, got " + outputs.numRows);
        }
        return answer;
    }

    /** 128×784 by 784×128 (with a zero bias) through the library's path for a layer of that size. */
    static Map<String, Object> gemm() {
        NumpyRandom random = new NumpyRandom(2);
        DMatrixRMaj a = random.randn(128, 784);
        DMatrixRMaj b = random.randn(784, 128);
        DMatrixRMaj bias = new DMatrixRMaj(1, 128);
        DMatrixRMaj c = new DMatrixRMaj(128, 128);
        DenseProducts library = Products.forLayer(784, 128);
        double flops = 2.0 * 128 * 784 * 128;
        return Map.of("gflops", rate(flops, () -> library.forward(a, b, bias, c)), "path", library.name());
    }

    static Map<String, Object> peak() {
        Map<String, Object> answer = new LinkedHashMap<>();
        NumpyRandom random = new NumpyRandom(3);
        int n = 2048;
        DMatrixRMaj a = random.randn(n, n);
        DMatrixRMaj b = random.randn(n, n);
        DMatrixRMaj c = new DMatrixRMaj(n, n);
        DMatrixRMaj bias = new DMatrixRMaj(1, n);
        DenseProducts blas = Products.forLayer(n, n);
        answer.put("blas_gflops", rate(2.0 * n * n * n, () -> blas.forward(a, b, bias, c)));
        answer.put("vector_mul_add_gflops_one_core", vectorPeak());
        return answer;
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * Eight independent chains of x ← x · m + a on registers, a vector multiply and a vector add each (two
     * floating-point operations per lane), with nothing read from memory: the most one core does without fused
     * multiply-adds.
     */
    private static double vectorPeak() {
        double[] holder = new double[S.length() * 8];
        int lanes = S.length();
        Runnable chains = () -> {
            DoubleVector m = DoubleVector.broadcast(S, 0.999999);
            DoubleVector add = DoubleVector.broadcast(S, 1e-6);
            DoubleVector x0 = DoubleVector.broadcast(S, 1.0);
            DoubleVector x1 = x0.add(1);
            DoubleVector x2 = x0.add(2);
            DoubleVector x3 = x0.add(3);
            DoubleVector x4 = x0.add(4);
            DoubleVector x5 = x0.add(5);
            DoubleVector x6 = x0.add(6);
            DoubleVector x7 = x0.add(7);
            for (int i = 0; i < 100_000; i++) {
                x0 = x0.mul(m).add(add);
                x1 = x1.mul(m).add(add);
                x2 = x2.mul(m).add(add);
                x3 = x3.mul(m).add(add);
                x4 = x4.mul(m).add(add);
                x5 = x5.mul(m).add(add);
                x6 = x6.mul(m).add(add);
                x7 = x7.mul(m).add(add);
            }
            x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).intoArray(holder, 0);
        };
        return rate(100_000.0 * 8 * 2 * lanes, chains);
    }

    /** GFLOP/s of {@code work}, which does {@code flops} operations: the best of five runs of about 0.2 s each. */
    static double rate(double flops, Runnable work) {
        long start = System.nanoTime();
        int count = 0;
        while (seconds(start) < 0.3) {      // warm-up, and how many calls make 0.2 s
            work.run();
            count++;
        }
        int perRun = Math.max(1, (int) (count * 0.2 / seconds(start)));
        double best = 0;
        for (int run = 0; run < 5; run++) {
            start = System.nanoTime();
            for (int k = 0; k < perRun; k++) {
                work.run();
            }
            best = Math.max(best, flops * perRun / seconds(start) / 1e9);
        }
        return best;
    }

    static Map<String, Object> result(double seconds, double loss, double accuracy) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("seconds", seconds);
        answer.put("loss", loss);
        answer.put("accuracy", accuracy);
        return answer;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static String json(Map<String, Object> map) {
        StringBuilder s = new StringBuilder("{");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            if (v instanceof Number number) {
                s.append(String.format(Locale.ROOT, "%.9g", number.doubleValue()));
            } else {
                s.append('"').append(String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return s.append('}').toString();
    }
}
