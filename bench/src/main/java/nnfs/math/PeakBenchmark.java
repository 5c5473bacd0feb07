package nnfs.math;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One core's arithmetic peak without fused multiply-adds, the limit of the same-bits kernels: eight independent chains
 * of x ← x·m + a in vector registers, 1000 steps each, two floating-point operations per lane and step, nothing read
 * from memory. tools/benchmark/jmh.py divides by the time: 16 000 × lanes operations per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakBenchmark {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** The number of doubles in one vector, printed by jmh.py (the operations per call are 16 000 times it). */
    public static final int LANES = S.length();

    @Benchmark
    public double mulAdd() {
        DoubleVector m = DoubleVector.broadcast(S, 0.999999);
        DoubleVector a = DoubleVector.broadcast(S, 1e-6);
        DoubleVector x0 = DoubleVector.broadcast(S, 1.0);
        DoubleVector x1 = x0.add(1);
        DoubleVector x2 = x0.add(2);
        DoubleVector x3 = x0.add(3);
        DoubleVector x4 = x0.add(4);
        DoubleVector x5 = x0.add(5);
        DoubleVector x6 = x0.add(6);
        DoubleVector x7 = x0.add(7);
        for (int i = 0; i < 1000; i++) {
            x0 = x0.mul(m).add(a);
            x1 = x1.mul(m).add(a);
            x2 = x2.mul(m).add(a);
            x3 = x3.mul(m).add(a);
            x4 = x4.mul(m).add(a);
            x5 = x5.mul(m).add(a);
            x6 = x6.mul(m).add(a);
            x7 = x7.mul(m).add(a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).reduceLanes(VectorOperators.ADD);
    }
}
