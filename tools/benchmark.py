#!/usr/bin/env python3
"""`make benchmark`: the Java library against a NumPy reference of the same algorithms, side by side.

Runs the NumPy side here (lib/src/test/resources/fixtures/numpy_reference.py, the same reference the unit tests'
fixtures come from; any python3 with NumPy), then the Java side (tools/benchmark/Benchmark.java, against
lib/target/nnfs.jar), on the same data and settings, and prints for each measure the median of the runs, their
spread (lowest to highest) and the ratio:

  1. spiral(100, 3), 2-64-3, Adam(0.05, decay 5e-7), 10 001 full-batch epochs;
  2. Fashion-MNIST 784-128-128-10, Adam, batches of 128, one epoch (60 000 images);
  3. predictions on the 10 000 test images (one batch), images per second;
  4. a 128x784 by 784x128 matrix product, GFLOP/s.

The first run of each measure is a warm-up (for the JIT on the Java side) and is left out on both sides.
Usage: python3 tools/benchmark.py [--runs N]
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "lib" / "src" / "test" / "resources" / "fixtures"))
import numpy_reference as ref  # noqa: E402


def numpy_spiral():
    np.random.seed(0)
    records = ref.train_spiral(ref.Adam(learning_rate=0.05, decay=5e-7), 10_001, record_every=10_000)
    return records[-1]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion(directory, kind):
    images = read_idx(Path(directory) / f"{kind}-images-idx{3}-ubyte.gz")
    labels = read_idx(Path(directory) / f"{kind}-labels-idx1-ubyte.gz").astype(np.int64)
    X = (images.reshape(images.shape[0], -1).astype(np.float64) - 127.5) / 127.5
    return X, labels


def fashion_model():
    np.random.seed(0)
    return [ref.Dense(784, 128), ref.ReLU(), ref.Dense(128, 128), ref.ReLU(), ref.Dense(128, 10)]


def forward(layers, X):
    for layer in layers:
        layer.forward(X)
        X = layer.output
    return X


def numpy_epoch(layers, X, y, batch=128):
    """One epoch in batches, as Model.train: forward, loss and accuracy, backward, one Adam step per batch."""
    head = ref.SoftmaxCrossEntropy()
    optimizer = ref.Adam()
    dense = [layer for layer in layers if isinstance(layer, ref.Dense)]
    loss_sum = 0.0
    right = 0
    for start in range(0, len(X), batch):
        xb, yb = X[start:start + batch], y[start:start + batch]
        loss_sum += head.forward(forward(layers, xb), yb) * len(yb)
        right += int(np.sum(np.argmax(head.output, axis=1) == yb))
        head.backward(yb)
        dvalues = head.dinputs
        for layer in reversed(layers):
            layer.backward(dvalues)
            dvalues = layer.dinputs
        optimizer.pre_update()
        for layer in dense:
            optimizer.update(layer)
        optimizer.post_update()
    return loss_sum / len(X), right / len(X)


def timed(runs, work):
    """work() → figure; runs + 1 calls, the first one left out."""
    return [work() for _ in range(runs + 1)][1:]


def seconds(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def numpy_side(runs, directory):
    results = {}
    outcome = {}

    def spiral():
        elapsed, (_, loss, accuracy) = seconds(numpy_spiral)
        outcome["spiral"] = f"loss {loss:.4f}, accuracy {accuracy:.4f}"
        return elapsed
    results["spiral"] = timed(runs, spiral)

    X, y = fashion(directory, "train")
    Xt, _ = fashion(directory, "t10k")
    predict = []

    def epoch():
        layers = fashion_model()
        elapsed, (loss, accuracy) = seconds(numpy_epoch, layers, X, y)
        outcome["fashion_epoch"] = f"loss {loss:.4f}, accuracy {accuracy:.4f}"
        start = time.perf_counter()
        out = forward(layers, Xt)
        e = np.exp(out - out.max(axis=1, keepdims=True))
        probabilities = e / e.sum(axis=1, keepdims=True)
        predict.append(len(Xt) / (time.perf_counter() - start))
        assert probabilities.shape == (len(Xt), 10)
        return elapsed
    results["fashion_epoch"] = timed(runs, epoch)
    results["predict"] = predict[1:]

    a = np.random.randn(128, 784)
    b = np.random.randn(784, 128)
    flops = 2.0 * 128 * 784 * 128
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < 0.05:
        a @ b
        count += 1
    per_run = count * 10

    def gemm():
        start = time.perf_counter()
        for _ in range(per_run):
            a @ b
        return flops * per_run / (time.perf_counter() - start) / 1e9
    results["gemm"] = [gemm() for _ in range(runs)]
    return results, outcome


def java_side(runs, jar):
    command = ["java", "-Xmx4g", "-cp", str(jar), str(ROOT / "tools" / "benchmark" / "Benchmark.java"), str(runs)]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {line["measure"]: line for line in lines}


def summary(figures):
    return statistics.median(figures), min(figures), max(figures)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measure (after one warm-up run)")
    parser.add_argument("--jar", default=str(ROOT / "lib" / "target" / "nnfs.jar"))
    args = parser.parse_args()
    if not Path(args.jar).is_file():
        sys.exit(f"benchmark: expected the library jar at {args.jar}; build it with `mvn -q -B -DskipTests package`")
    print(f"{os.cpu_count()} processors; NumPy {np.__version__}; {args.runs} timed runs per measure "
          "(after one warm-up); figures are medians, [lowest – highest]", flush=True)
    java = java_side(args.runs, args.jar)
    print("Java backend: " + java["backend"]["note"], flush=True)
    directory = java["fashion_directory"]["note"]
    if directory == "null":
        sys.exit("benchmark: Fashion-MNIST not found (see the README's Fashion-MNIST section)")
    numpy, outcome = numpy_side(args.runs, directory)

    rows = [
        ("1. spiral 2-64-3, 10 001 epochs", "spiral", "s", False, 10),
        ("2. Fashion-MNIST, one epoch", "fashion_epoch", "s", False, 2),
        ("3. predict 10 000 test images", "predict", "images/s", True, None),
        ("4. 128x784 · 784x128", "gemm", "GFLOP/s", True, 0.5),
    ]
    print()
    print(f"{'measure':34} {'Java':>26} {'NumPy':>26}  {'ratio':>7}  goal")
    for title, key, unit, higher_is_better, goal in rows:
        j = summary(java[key]["runs"])
        n = summary(numpy[key])
        ratio = j[0] / n[0] if higher_is_better else n[0] / j[0]
        goal_text = "" if goal is None else (f"≥ {goal:g}× " + ("met" if ratio >= goal else "NOT met"))
        print(f"{title:34} {fmt(j, unit):>26} {fmt(n, unit):>26}  {ratio:6.2f}×  {goal_text}")
    print()
    print("ratio = how many times faster Java is (NumPy time / Java time, or Java rate / NumPy rate)")
    for key in ("spiral", "fashion_epoch"):
        print(f"last run, {key}: Java {java[key].get('note')}; NumPy {outcome[key]}")
    print(f"4. other Java paths: plain Java kernel {fmt(summary(java['gemm_java_kernel']['runs']), 'GFLOP/s')}, "
          f"EJML mult {fmt(summary(java['gemm_ejml']['runs']), 'GFLOP/s')}")


def fmt(stats, unit):
    median, low, high = stats
    if unit == "images/s":
        return f"{median:,.0f} [{low:,.0f}–{high:,.0f}] /s"
    if unit == "GFLOP/s":
        return f"{median:.1f} [{low:.1f}–{high:.1f}] GF/s"
    return f"{median:.3f} [{low:.3f}–{high:.3f}] s"


if __name__ == "__main__":
    main()
