"""What the benchmark's Python workers share: the command loop, Fashion-MNIST's files, timing."""
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np


def serve(commands):
    """Answers one command per line of stdin with one line of JSON (the protocol of Benchmark.java)."""
    for line in sys.stdin:
        name = line.strip()
        if name == "quit":
            return
        try:
            answer = commands[name]()
        except KeyError:
            answer = {"error": f"unknown command {name}"}
        print(json.dumps(answer), flush=True)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion(directory, kind):
    """Images scaled to [-1, 1] as float64 rows, as the library and the book do, and their labels."""
    images = read_idx(Path(directory) / f"{kind}-images-idx3-ubyte.gz")
    labels = read_idx(Path(directory) / f"{kind}-labels-idx1-ubyte.gz").astype(np.int64)
    return (images.reshape(images.shape[0], -1).astype(np.float64) - 127.5) / 127.5, labels


def rate(flops, work):
    """GFLOP/s of work(), which does `flops` operations: the best of five runs of about 0.2 s each."""
    start, count = time.perf_counter(), 0
    while time.perf_counter() - start < 0.3:
        work()
        count += 1
    per_run = max(1, int(count * 0.2 / (time.perf_counter() - start)))
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(per_run):
            work()
        best = max(best, flops * per_run / (time.perf_counter() - start) / 1e9)
    return best
