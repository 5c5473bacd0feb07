import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import nnfs.activations.ReLU;
import nnfs.activations.Softmax;
import nnfs.data.Dataset;
import nnfs.data.Datasets;
import nnfs.data.FashionMnist;
import nnfs.layers.Dense;
import nnfs.losses.CategoricalCrossEntropy;
import nnfs.math.DenseProducts;
import nnfs.math.Products;
import nnfs.metrics.CategoricalAccuracy;
import nnfs.model.History;
import nnfs.model.Model;
import nnfs.optimizers.Adam;
import nnfs.random.NumpyRandom;

/**
 * The Java side of {@code make benchmark} (tools/benchmark.py runs it and the NumPy side, and prints the ratios).
 * Run as a source file: {@code java -cp lib/target/nnfs.jar tools/benchmark/Benchmark.java RUNS}. Prints one line of
 * JSON per measure: its name, its unit and the figure of every run. The first run of each measure warms the JIT up
 * and is not printed.
 */
public class Benchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.println(json("backend", "text", List.of(), Products.backend()));
        System.out.println(json("fashion_directory", "text", List.of(), String.valueOf(FashionMnist.locate())));

        // NumPy's seed 0 draws the data, then the weights: the same numbers on both sides.
        List<Double> spiral = new ArrayList<>();
        String spiralResult = null;
        for (int run = 0; run <= runs; run++) {
            NumpyRandom random = new NumpyRandom(0);
            Dataset data = Datasets.spiral(100, 3, random);
            Model model = spiralModel(random);
            long start = System.nanoTime();
            History history = model.train(data, 10_001, Model.FULL_BATCH, 10_001, null);
            record(spiral, run, seconds(start));
            spiralResult = result(history);
        }
        System.out.println(json("spiral", "s", spiral, spiralResult));

        FashionMnist.Data fashion = FashionMnist.load();
        Dataset train = FashionMnist.toDataset(fashion.train());
        Dataset test = FashionMnist.toDataset(fashion.test());
        List<Double> epoch = new ArrayList<>();
        List<Double> predict = new ArrayList<>();
        String epochResult = null;
        for (int run = 0; run <= runs; run++) {
            Model model = fashionModel();
            long start = System.nanoTime();
            History history = model.train(train, 1, 128, 1000, null);
            record(epoch, run, seconds(start));
            epochResult = result(history);
            start = System.nanoTime();
            DMatrixRMaj outputs = model.predict(test.X(), test.size());
            record(predict, run, test.size() / seconds(start));
            if (outputs.numRows != test.size()) {
                throw new IllegalStateException("expected " + test.size() + " predictions, got " + outputs.numRows);
            }
        }
        System.out.println(json("fashion_epoch", "s", epoch, epochResult));
        System.out.println(json("predict", "images/s", predict, null));

        // 128×784 by 784×128, as in Fashion-MNIST's first layer: the library's path (with a zero bias), its plain Java
        // kernel, and EJML's general multiply.
        NumpyRandom random = new NumpyRandom(2);
        DMatrixRMaj a = random.randn(128, 784);
        DMatrixRMaj b = random.randn(784, 128);
        DMatrixRMaj bias = new DMatrixRMaj(1, 128);
        DMatrixRMaj c = new DMatrixRMaj(128, 128);
        DenseProducts library = Products.forLayer(784, 128);
        DMatrixRMaj bT = CommonOps_DDRM.transpose(b, null);
        System.out.println(json("gemm", "GFLOP/s", gflops(runs, () -> library.forward(a, b, bias, c)), library.name()));
        System.out.println(json("gemm_java_kernel", "GFLOP/s", gflops(runs, () -> Products.forward(a, b, bT, bias, c)),
                null));
        System.out.println(json("gemm_ejml", "GFLOP/s", gflops(runs, () -> CommonOps_DDRM.mult(a, b, c)), null));
    }

    static Model spiralModel(NumpyRandom random) {
        return new Model()
                .add(new Dense(2, 64, random)).add(new ReLU())
                .add(new Dense(64, 3, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(0.05, 5e-7, 1e-7, 0.9, 0.999), new CategoricalAccuracy())
                .build().printTo(null);
    }

    static Model fashionModel() {
        NumpyRandom random = new NumpyRandom(0);
        return new Model()
                .add(new Dense(784, 128, random)).add(new ReLU())
                .add(new Dense(128, 128, random)).add(new ReLU())
                .add(new Dense(128, 10, random)).add(new Softmax())
                .set(new CategoricalCrossEntropy(), new Adam(), new CategoricalAccuracy())
                .build().printTo(null);
    }

    /** GFLOP/s of a 128×784 by 784×128 product, per run: enough products to last about half a second. */
    static List<Double> gflops(int runs, Runnable product) {
        double flops = 2.0 * 128 * 784 * 128;
        int count = 1;
        long start = System.nanoTime();
        product.run();
        while (seconds(start) < 0.05) {
            product.run();
            count++;
        }
        int perRun = Math.max(1, count * 10);
        List<Double> figures = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            start = System.nanoTime();
            for (int k = 0; k < perRun; k++) {
                product.run();
            }
            figures.add(flops * perRun / seconds(start) / 1e9);
        }
        return figures;
    }

    /** The last epoch's loss and accuracy, to see that both sides computed the same thing. */
    static String result(History history) {
        History.Epoch last = history.last();
        return String.format(Locale.ROOT, "loss %.4f, accuracy %.4f", last.loss(), last.accuracy());
    }

    static void record(List<Double> figures, int run, double figure) {
        if (run > 0) {
            figures.add(figure);
        }
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static String json(String name, String unit, List<Double> figures, String note) {
        StringJoiner values = new StringJoiner(", ", "[", "]");
        for (double f : figures) {
            values.add(String.format(Locale.ROOT, "%.6g", f));
        }
        return "{\"measure\": \"" + name + "\", \"unit\": \"" + unit + "\", \"runs\": " + values
                + (note == null ? "" : ", \"note\": \"" + note.replace("\\", "\\\\").replace("\"", "\\\"") + "\"") + "}";
    }
}
