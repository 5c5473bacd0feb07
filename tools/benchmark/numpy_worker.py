"""The NumPy side of `make benchmark` (see tools/benchmark.py): the book's algorithms in NumPy, float64.

The network code is lib/src/test/resources/fixtures/numpy_reference.py, the oracle of the library's unit tests.
Usage: python3 numpy_worker.py FASHION_DIRECTORY, then commands on stdin (info, spiral, fashion, gemm, peak).
"""
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "lib" / "src" / "test" / "resources" / "fixtures"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy_reference as ref  # noqa: E402
from common import fashion, rate, serve  # noqa: E402

DIRECTORY = sys.argv[1]
data = {}


def openblas_core():
    """The OpenBLAS kernel NumPy runs, from threadpoolctl (what numpy.show_runtime() prints), if it is installed."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (threadpoolctl is not installed)", None
    for pool in threadpool_info():
        if pool.get("internal_api") == "openblas":
            return pool.get("architecture"), pool.get("num_threads")
    return "no OpenBLAS found", None


def info():
    core, threads = openblas_core()
    return {"numpy": np.__version__, "openblas_core": core, "openblas_threads": threads,
            "environment": {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")}}


def spiral():
    np.random.seed(0)
    start = time.perf_counter()
    _, loss, accuracy = ref.train_spiral(ref.Adam(learning_rate=0.05, decay=5e-7), 10_001, record_every=10_000)[-1]
    return {"seconds": time.perf_counter() - start, "loss": loss, "accuracy": accuracy}


def forward(layers, X):
    for layer in layers:
        layer.forward(X)
        X = layer.output
    return X


def fashion_epoch():
    """One epoch in batches of 128, as Model.train: forward, loss and accuracy, backward, one Adam step per batch;
    then the 10 000 test images predicted in one call (the softmax included)."""
    if not data:
        data["train"] = fashion(DIRECTORY, "train")
        data["test"] = fashion(DIRECTORY, "t10k")
    X, y = data["train"]
    Xt, _ = data["test"]
    np.random.seed(0)
    layers = [ref.Dense(784, 128), ref.ReLU(), ref.Dense(128, 128), ref.ReLU(), ref.Dense(128, 10)]
    dense = [layer for layer in layers if isinstance(layer, ref.Dense)]
    head, optimizer = ref.SoftmaxCrossEntropy(), ref.Adam()
    start = time.perf_counter()
    loss_sum, right = 0.0, 0
    for first in range(0, len(X), 128):
        xb, yb = X[first:first + 128], y[first:first + 128]
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
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    out = forward(layers, Xt)
    e = np.exp(out - out.max(axis=1, keepdims=True))
    probabilities = e / e.sum(axis=1, keepdims=True)
    predict = len(Xt) / (time.perf_counter() - start)
    assert probabilities.shape == (len(Xt), 10)
    return {"seconds": seconds, "loss": loss_sum / len(X), "accuracy": right / len(X), "predict_per_second": predict}


def gemm():
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal((128, 784)), rng.standard_normal((784, 128))
    return {"gflops": rate(2.0 * 128 * 784 * 128, lambda: a @ b)}


def peak():
    rng = np.random.default_rng(3)
    a, b = rng.standard_normal((2048, 2048)), rng.standard_normal((2048, 2048))
    return {"blas_gflops": rate(2.0 * 2048 ** 3, lambda: a @ b)}


serve({"info": info, "spiral": spiral, "fashion": fashion_epoch, "gemm": gemm, "peak": peak})
