package nnfs.math;

import java.util.concurrent.TimeUnit;

import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import nnfs.random.NumpyRandom;

/**
 * The dense layer's products and ReLU, shape by shape as the course's networks use them, two ways: the SIMD kernels
 * ({@code simd}) and the plain loops ({@code plain}, the reference and the fallback, which C2 does not vectorize). The
 * ratio plain / simd shows that the loops are vectorized; tools/benchmark/jmh.py turns the times into
 * GFLOP/s and compares them with {@link PeakBenchmark}, one core's vector multiply-and-add rate.
 *
 * <p>Run with {@code make jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

    /** batch x inputs x outputs: the spiral networks (2-64-3, 2-512-3), the regression network (1-64-64-1), Fashion-MNIST's last layer. */
    @Param({"300x2x64", "300x64x3", "300x2x512", "300x512x3", "1000x1x64", "1000x64x64", "128x128x10"})
    public String shape;

    @Param({"simd", "plain"})
    public String kernels;

    private DMatrixRMaj x;
    private DMatrixRMaj w;
    private DMatrixRMaj wT;
    private DMatrixRMaj b;
    private DMatrixRMaj d;
    private final DMatrixRMaj z = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dw = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dwT = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj db = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dx = new DMatrixRMaj(1, 1);
    private double[] reluOut;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        int batch = Integer.parseInt(parts[0]);
        int in = Integer.parseInt(parts[1]);
        int out = Integer.parseInt(parts[2]);
        NumpyRandom random = new NumpyRandom(1);
        x = random.randn(batch, in);
        for (int k = 0; k < x.getNumElements(); k++) {
            x.data[k] = Math.max(0, x.data[k]);                     // the outputs of a ReLU
        }
        w = random.randn(in, out);
        b = random.randn(1, out);
        d = random.randn(batch, out);
        wT = new DMatrixRMaj(out, in);
        Products.transpose(w, wT);
        z.reshape(batch, out);
        dx.reshape(batch, in);
        reluOut = new double[batch * out];
    }

    /** Z = X·W + b: batch × in × out multiply-adds. */
    @Benchmark
    public DMatrixRMaj forward() {
        if (kernels.equals("plain")) {
            Products.plainForward(x.data, x.numRows, w.numRows, w.data, wT.data, w.numCols, b.data, z.data);
        } else {
            Products.forward(x, w, wT, b, z);
        }
        return z;
    }

    /** dW = Xᵀ·D, db = Σ D, dX = D·Wᵀ: 2 × batch × in × out multiply-adds (and batch × out additions). */
    @Benchmark
    public DMatrixRMaj backward() {
        if (kernels.equals("plain")) {
            Products.plainBackward(x, d, w, wT, dw, dwT, db, dx);
        } else {
            Products.backward(x, d, w, wT, dw, dwT, db, dx);
        }
        return dx;
    }

    /** ReLU's backward pass on a batch × out matrix: dx = dy where x &gt; 0 (a select, no arithmetic). */
    @Benchmark
    public double[] reluGradient() {
        int n = d.getNumElements();
        if (kernels.equals("plain")) {
            Elementwise.plainReluGradient(d.data, z.data, reluOut, n);
        } else {
            Elementwise.reluGradient(d.data, z.data, reluOut, n);
        }
        return reluOut;
    }
}
