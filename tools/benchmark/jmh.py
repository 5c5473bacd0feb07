#!/usr/bin/env python3
"""`make jmh`: runs the JMH benchmarks of bench/ and prints, per kernel and shape, GFLOP/s and the share of the
machine's limit for these kernels (one core's vector multiply and add, measured by PeakBenchmark), and how much SIMD
gains over the plain loops.

Usage: python3 tools/benchmark/jmh.py [extra JMH options, e.g. -f 2]
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
JAR = ROOT / "bench" / "target" / "benchmarks.jar"
RESULTS = ROOT / "build" / "jmh.json"


def lanes():
    """The vector width PeakBenchmark ran with: the JVM's preferred species, asked of a JVM with the module."""
    code = ("System.out.println(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length());")
    source = ROOT / "build" / "Lanes.java"
    source.write_text(f"public class Lanes {{ public static void main(String[] a) {{ {code} }} }}\n")
    out = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", str(source)], capture_output=True,
                         text=True, check=True).stdout
    return int(out.strip())


def main():
    if not JAR.is_file():
        sys.exit(f"jmh: expected {JAR}; build it with `mvn -q -B -Pjmh -DskipTests package`")
    RESULTS.parent.mkdir(exist_ok=True)
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}", flush=True)
    subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-jar", str(JAR), "-rf", "json", "-rff",
                    str(RESULTS), *sys.argv[1:]], check=True)
    results = json.loads(RESULTS.read_text())
    width = lanes()
    times = {}
    peak = None
    for r in results:
        name = r["benchmark"].rsplit(".", 1)[1]
        ns = r["primaryMetric"]["score"]
        if name == "mulAdd":
            peak = 16_000 * width / ns
            continue
        params = r.get("params", {})
        times[(params["shape"], name, params["kernels"])] = ns
    print(f"\nload average after:  {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"one core's vector multiply-and-add peak: {peak:.1f} GFLOP/s ({width} doubles per vector, no fused "
          f"multiply-add)")
    print(f"\n{'shape':12} {'kernel':13} {'plain':>10} {'SIMD':>10} {'GFLOP/s':>8} {'% of peak':>9} {'SIMD gain':>9}")
    for shape in sorted({s for s, _, _ in times}, key=lambda s: [int(p) for p in s.split("x")]):
        batch, n_in, n_out = (int(p) for p in shape.split("x"))
        for name, flops in (("forward", 2 * batch * n_in * n_out), ("backward", 4 * batch * n_in * n_out),
                            ("reluGradient", None)):
            plain, simd = (times.get((shape, name, k)) for k in ("plain", "simd"))
            if None in (plain, simd):
                continue
            rate = f"{flops / simd:8.1f}" if flops else f"{'-':>8}"
            share = f"{100 * flops / simd / peak:8.0f}%" if flops else f"{'-':>9}"
            print(f"{shape:12} {name:13} {plain / 1e3:8.2f}us {simd / 1e3:8.2f}us {rate} {share} {plain / simd:8.1f}x")
    print("\nGFLOP/s and % of peak: the SIMD kernels against one core's peak; SIMD gain = plain / SIMD (the loops are "
          "vectorized when it is well above 1)")


if __name__ == "__main__":
    main()
