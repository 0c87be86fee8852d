"""PyTorch side of `npm run bench`: trains the same MNIST CNN / MLP (the Keras example models) with
Adam 1e-3 at a given batch size and thread count, and prints one JSON line of timings.

Run as: python3 torch_mnist.py <cnn|mlp> <batch> <threads> <train_samples> <infer_samples>
PyTorch gets its fastest known CPU setup here: OMP_NUM_THREADS and torch.set_num_threads = threads,
OPENBLAS_NUM_THREADS=1 (set by the caller), channels-first tensors, no autograd during inference.
"""
import json
import resource
import sys
import time

import torch
from torch import nn


def model(kind: str) -> nn.Module:
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10),
    )


def main() -> None:
    kind, batch, threads, train_samples, infer_samples = sys.argv[1], *map(int, sys.argv[2:6])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = model(kind)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()  # softmax fused into the loss, as in our core
    data = torch.rand(4096, 1, 28, 28)
    labels = torch.randint(0, 10, (4096,))

    def step(i: int) -> None:
        at = (i * batch) % (4096 - batch)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(data[at : at + batch]), labels[at : at + batch])
        loss.backward()
        optimizer.step()

    for i in range(20):  # warm-up
        step(i)
    steps = max(1, train_samples // batch)
    started = time.perf_counter()
    for i in range(steps):
        step(i)
    train_seconds = time.perf_counter() - started

    net.eval()
    with torch.no_grad():
        started = time.perf_counter()
        done = 0
        while done < infer_samples:
            net(data[: min(256, infer_samples - done)])
            done += 256
        infer_seconds = time.perf_counter() - started

    print(json.dumps({
        "train_samples_per_s": steps * batch / train_seconds,
        "infer_samples_per_s": infer_samples / infer_seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
