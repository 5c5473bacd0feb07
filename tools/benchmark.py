#!/usr/bin/env python3
"""`make benchmark`: the Java library against the book's NumPy (and, optionally, PyTorch) on the same work.

Each side runs in a process of its own, started once and kept warm: tools/benchmark/Benchmark.java against
lib/target/nnfs.jar, tools/benchmark/numpy_worker.py (the book's algorithms in NumPy, the oracle of the unit tests),
and with --torch tools/benchmark/torch_worker.py (PyTorch, CPU, float64). Every side runs its best kernels: the
variables OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, which force an older OpenBLAS kernel, are removed from the workers'
environment (here only, never in the tests), and each side prints the OpenBLAS kernel it uses. The peak is measured in
a JVM of its own (see main). Runs are interleaved,
Java, NumPy, PyTorch, Java, NumPy, ..., so that a change of load reaches every side alike; after one warm-up run each,
the figures are the median of --runs runs and their spread.

  1. spiral(100, 3), 2-64-3, Adam(0.05, decay 5e-7), 10 001 full-batch epochs;
  2. Fashion-MNIST 784-128-128-10, Adam, batches of 128, one epoch (60 000 images);
  3. predictions on the 10 000 test images (one call), images per second;
  4. a 128x784 by 784x128 product (Fashion-MNIST's first layer), GFLOP/s.

Beside each measure: its floating-point work, the machine's limit for it (that work at the peak GFLOP/s the
benchmark measures itself: OpenBLAS on a 2048x2048 product, all cores, fused multiply-add) and the fraction of it
each side reaches. The load average before and after says whether the machine was quiet.

Usage: python3 tools/benchmark.py [--runs N] [--torch]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = ROOT / "tools" / "benchmark"
VENV = ROOT / "build" / "benchmark-venv"
# The benchmark's own Python packages (not the library's, not the tests'): threadpoolctl to read NumPy's OpenBLAS
# kernel, and PyTorch for the optional third column. The environment sees the machine's NumPy (system site packages).
THREADPOOLCTL = "threadpoolctl==3.7.0"
TORCH = "torch==2.13.0+cpu"   # the CPU build (the default wheel pulls in CUDA)
FORCED = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

# Floating-point operations of each measure (multiplications and additions of the products; the element-wise work is
# small beside them): 2 per multiply-add.
SPIRAL_FLOPS = 10_001 * 2 * 300 * (2 * 64 + 64 * 3      # forward: 2->64, 64->3
                                   + 64 * 3 + 64 * 3    # backward of 64->3: dW, dX
                                   + 2 * 64)            # backward of 2->64: dW (no dX for the first layer)
FASHION_SAMPLE_MACS = (784 * 128 + 128 * 128 + 128 * 10      # forward
                       + 784 * 128 + 128 * 128 + 128 * 10    # dW
                       + 128 * 128 + 128 * 10)               # dX (not for the first layer)
FASHION_FLOPS = 2 * 60_000 * FASHION_SAMPLE_MACS
PREDICT_FLOPS_PER_IMAGE = 2 * (784 * 128 + 128 * 128 + 128 * 10)
GEMM_FLOPS = 2 * 128 * 784 * 128


def worker_environment():
    env = {k: v for k, v in os.environ.items() if k not in FORCED}
    return env


def benchmark_python(torch):
    """The Python of build/benchmark-venv, made (with the machine's NumPy visible) and filled on first use."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV.relative_to(ROOT)} (the benchmark's own Python packages)", flush=True)
        venv.create(VENV, with_pip=True, system_site_packages=True)
    wanted = [THREADPOOLCTL] + ([TORCH] if torch else [])
    missing = [p for p in wanted
               if subprocess.run([str(python), "-c", f"import {p.split('==')[0]}"], capture_output=True).returncode]
    if missing:
        print(f"installing {', '.join(missing)} into {VENV.relative_to(ROOT)}", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--retries", "0", "--quiet",
                        "--disable-pip-version-check", *missing], check=True)
    return str(python)


class Worker:
    """One side: a process that answers one command per line with one line of JSON."""

    def __init__(self, name, command):
        self.name = name
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        env=worker_environment(), cwd=ROOT)

    def ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"benchmark: the {self.name} side stopped (see its messages above)")
        answer = json.loads(line)
        if "error" in answer:
            sys.exit(f"benchmark: the {self.name} side: {answer['error']}")
        return answer

    def close(self):
        try:
            self.ask_nothing()
        finally:
            self.process.wait(timeout=30)

    def ask_nothing(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.close()


def load_average():
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure and side (after one warm-up run)")
    parser.add_argument("--torch", action="store_true", help="add PyTorch (CPU, float64) as a third side")
    parser.add_argument("--jar", default=str(ROOT / "lib" / "target" / "nnfs.jar"))
    args = parser.parse_args()
    if not Path(args.jar).is_file():
        sys.exit(f"benchmark: expected the library jar at {args.jar}; build it with `mvn -q -B -DskipTests package`")
    python = benchmark_python(args.torch)
    print(f"load average before: {load_average()} on {os.cpu_count()} processors (quiet when well below 1)")
    forced = {k: os.environ[k] for k in FORCED if k in os.environ}
    if forced:
        print(f"removed from every side's environment: {forced}")

    java_command = ["java", "--add-modules", "jdk.incubator.vector", "-Xmx4g", "-cp", args.jar,
                    str(WORKERS / "Benchmark.java")]
    # The peak goes first, in a JVM of its own: it runs the processor's widest vectors (512 bits with AVX-512), and on
    # Java 17 a JVM that has run two widths of the vector API's classes compiles the library's 256-bit kernels from
    # mixed type profiles, sometimes with every vector boxed (see VectorProducts.S). The spiral once took 1.2 s in the
    # shared JVM against 0.52-0.67 s in a JVM of its own; this keeps the worker's JVM to the library's one width.
    java_peak = Worker("Java", java_command)
    peaks = {"Java": java_peak.ask("peak")}
    java_peak.close()
    java = Worker("Java", java_command)
    java_info = java.ask("info")
    directory = java_info["fashion_directory"]
    if directory == "null":
        sys.exit("benchmark: Fashion-MNIST not found (see the README's Fashion-MNIST section)")
    sides = [java, Worker("NumPy", [python, str(WORKERS / "numpy_worker.py"), directory])]
    if args.torch:
        sides.append(Worker("PyTorch", [python, str(WORKERS / "torch_worker.py"), directory]))
    infos = {side.name: (java_info if side is java else side.ask("info")) for side in sides}
    print(f"Java: {java_info['java']}; {java_info['backend']}")
    print(f"  OpenBLAS core {java_info['openblas_core']}, {java_info['openblas_threads']} threads")
    numpy_info = infos["NumPy"]
    print(f"NumPy {numpy_info['numpy']}: OpenBLAS core {numpy_info['openblas_core']}, "
          f"{numpy_info['openblas_threads']} threads")
    if args.torch:
        print(f"PyTorch {infos['PyTorch']['torch']}: CPU {infos['PyTorch']['openblas_core']}, "
              f"{infos['PyTorch']['threads']} threads")

    figures = {side.name: {"spiral": [], "fashion": [], "predict": [], "gemm": [], "outcome": {}} for side in sides}
    for side in sides:
        if side is not java:
            peaks[side.name] = side.ask("peak")
    for command in ("spiral", "fashion", "gemm"):
        for run in range(args.runs + 1):
            for side in sides:
                answer = side.ask(command)
                if run == 0:
                    continue
                record = figures[side.name]
                if command == "gemm":
                    record["gemm"].append(answer["gflops"])
                else:
                    record[command].append(answer["seconds"])
                    record["outcome"][command] = f"loss {answer['loss']:.4f}, accuracy {answer['accuracy']:.4f}"
                    if command == "fashion":
                        record["predict"].append(answer["predict_per_second"])
            print(f"  {command}: done", flush=True)
    for side in sides:
        side.close()
    print(f"load average after:  {load_average()}")

    peak = max(p["blas_gflops"] for p in peaks.values())
    print()
    print(f"machine peak measured: {peak:.1f} GFLOP/s (the best 2048x2048 product of every side: "
          + ", ".join(f"{n} {p['blas_gflops']:.1f}" for n, p in peaks.items()) + "); one core's vector multiply and add"
          f" without fusing: {peaks['Java']['vector_mul_add_gflops_one_core']:.1f} GFLOP/s")
    print(f"{args.runs} timed runs per side after one warm-up, interleaved; median [lowest - highest]")
    print()
    rows = [
        ("1. spiral 2-64-3, 10 001 epochs", "spiral", "s", SPIRAL_FLOPS, 5),
        ("2. Fashion-MNIST, one epoch", "fashion", "s", FASHION_FLOPS, 2),
        ("3. predict 10 000 test images", "predict", "/s", PREDICT_FLOPS_PER_IMAGE, 1.5),
        ("4. 128x784 . 784x128", "gemm", "GF/s", GEMM_FLOPS, 0.8),
    ]
    names = [side.name for side in sides]
    header = f"{'measure':33}" + "".join(f"{n:>27}" for n in names) + f"{'Java/NumPy':>12}  {'goal':8}  limit"
    print(header)
    for title, key, unit, flops, goal in rows:
        stats = {n: summary(figures[n][key]) for n in names}
        j, n = stats["Java"][0], stats["NumPy"][0]
        ratio = n / j if unit == "s" else j / n
        verdict = f"≥ {goal:g}× " + ("met" if ratio >= goal else "NOT met")
        cells = "".join(f"{fmt(stats[name], unit):>27}" for name in names)
        print(f"{title:33}{cells}{ratio:11.2f}×  {verdict:12}  {limit(flops, peak, unit, stats, names)}")
    print()
    print("Java/NumPy = how many times faster Java is (NumPy time / Java time, or Java rate / NumPy rate)")
    print("limit = the work at the machine's peak; each side's share of it in %: how far from the hardware it is")
    for key in ("spiral", "fashion"):
        print(f"last run, {key}: " + "; ".join(f"{name} {figures[name]['outcome'][key]}" for name in names))


def fmt(stats, unit):
    median, low, high = stats
    if unit == "/s":
        return f"{median:,.0f} [{low:,.0f}-{high:,.0f}] /s"
    if unit == "GF/s":
        return f"{median:.1f} [{low:.1f}-{high:.1f}] GF/s"
    return f"{median:.3f} [{low:.3f}-{high:.3f}] s"


def limit(flops, peak, unit, stats, names):
    """The measure's limit at the peak, and each side's median as a fraction of it."""
    if unit == "s":
        best = flops / (peak * 1e9)
        shares = [f"{n} {100 * best / stats[n][0]:.0f}%" for n in names]
        return f"{best:.3f} s ({flops / 1e9:.1f} GFLOP): " + ", ".join(shares)
    if unit == "/s":
        best = peak * 1e9 / flops
        shares = [f"{n} {100 * stats[n][0] / best:.0f}%" for n in names]
        return f"{best:,.0f} /s ({flops / 1e6:.2f} MFLOP each): " + ", ".join(shares)
    shares = [f"{n} {100 * stats[n][0] / peak:.0f}%" for n in names]
    return f"{peak:.1f} GF/s: " + ", ".join(shares)


if __name__ == "__main__":
    main()
