"""The PyTorch side of `make benchmark --torch` (see tools/benchmark.py): the same work in PyTorch, float64, on the CPU,
written as PyTorch users write it (nn.Linear, autograd, torch.optim.Adam), with the same data and starting weights as
the NumPy side. Usage: python torch_worker.py FASHION_DIRECTORY, then commands on stdin.
"""
import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "lib" / "src" / "test" / "resources" / "fixtures"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import numpy_reference as ref  # noqa: E402
from common import fashion, rate, serve  # noqa: E402

DIRECTORY = sys.argv[1]
torch.set_default_dtype(torch.float64)
data = {}


def info():
    return {"torch": torch.__version__, "threads": torch.get_num_threads(),
            "openblas_core": torch.backends.cpu.get_cpu_capability()}


def network(sizes):
    """Linear layers with the book's starting weights (NumPy's seed 0, 0.01 · randn, zero biases), ReLU between."""
    np.random.seed(0)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        linear = torch.nn.Linear(n_in, n_out)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(0.01 * np.random.randn(n_in, n_out).T))
            linear.bias.zero_()
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def spiral():
    np.random.seed(0)
    X, y = ref.spiral(100, 3)
    X, y = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
    model = network([2, 64, 3])   # drawn after the data, as on the other sides
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05, eps=1e-7)
    decay = lambda step: 1.0 / (1.0 + 5e-7 * step)  # noqa: E731
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, decay)
    start = time.perf_counter()
    for _ in range(10_001):
        logits = model(X)
        loss = torch.nn.functional.cross_entropy(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
    seconds = time.perf_counter() - start
    accuracy = (logits.argmax(dim=1) == y).double().mean().item()
    return {"seconds": seconds, "loss": loss.item(), "accuracy": accuracy}


def fashion_epoch():
    if not data:
        data["train"] = [torch.from_numpy(a) for a in fashion(DIRECTORY, "train")]
        data["test"] = [torch.from_numpy(a) for a in fashion(DIRECTORY, "t10k")]
    X, y = data["train"]
    Xt, _ = data["test"]
    model = network([784, 128, 128, 10])
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001, eps=1e-7)
    start = time.perf_counter()
    loss_sum, right = 0.0, 0
    for first in range(0, len(X), 128):
        xb, yb = X[first:first + 128], y[first:first + 128]
        logits = model(xb)
        loss = torch.nn.functional.cross_entropy(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * len(yb)
        right += int((logits.argmax(dim=1) == yb).sum())
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    with torch.no_grad():
        probabilities = torch.softmax(model(Xt), dim=1)
    predict = len(Xt) / (time.perf_counter() - start)
    assert probabilities.shape == (len(Xt), 10)
    return {"seconds": seconds, "loss": loss_sum / len(X), "accuracy": right / len(X), "predict_per_second": predict}


def gemm():
    a, b = torch.randn(128, 784), torch.randn(784, 128)
    return {"gflops": rate(2.0 * 128 * 784 * 128, lambda: a @ b)}


def peak():
    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
    return {"blas_gflops": rate(2.0 * 2048 ** 3, lambda: a @ b)}


serve({"info": info, "spiral": spiral, "fashion": fashion_epoch, "gemm": gemm, "peak": peak})
