"""PyTorch side of `npm run bench`: trains the same MNIST CNN / MLP (the Keras example models) with
Adam 1e-3 at a given batch size and thread count, and prints one JSON line of timings.

Run as: python3 torch_mnist.py <cnn|mlp> <batch> <threads> <train_samples> <infer_samples> <nchw|channels_last>
PyTorch gets its fastest known CPU setups: OMP_NUM_THREADS and torch.set_num_threads = threads,
OPENBLAS_NUM_THREADS=1 (set by the caller), no autograd during inference, and the caller runs both
memory layouts (channels_last is the faster one for the CNN on PyTorch 1.13: its oneDNN path).
Inference runs in batches of 64 (PyTorch's fastest here; 256 was 20% slower with channels_last).
With the CNN, the JSON also holds `layers`: milliseconds per batch of each layer's forward and
backward pass from torch.profiler (a backward op is the layer's whose forward op has its sequence
number), and the optimizer step.
"""
import json
import resource
import sys
import time

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile, record_function

# The Keras names of the seed CNN's layers, in order, so the two per-layer tables line up.
# A ReLU is named after the layer it follows: Keras folds it into that layer's activation.
CNN_NAMES = ["conv2d", "conv2d/relu", "max_pooling2d", "conv2d_1", "conv2d_1/relu", "max_pooling2d_1", "conv2d_2",
             "conv2d_2/relu", "flatten", "dense", "dense/relu", "dense_1"]


class Named(nn.Module):
    """Runs a layer inside a profiler range named like the Keras layer it matches."""

    def __init__(self, name: str, inner: nn.Module) -> None:
        super().__init__()
        self.name, self.inner = name, inner

    def forward(self, x):
        with record_function(f"layer:{self.name}"):
            return self.inner(x)


def model(kind: str) -> nn.Module:
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    layers = [
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10),
    ]
    return nn.Sequential(*[Named(name, layer) for name, layer in zip(CNN_NAMES, layers)])


def layer_times(prof, steps: int) -> dict:
    """ms per batch by layer name: forward from the named ranges, backward by sequence number."""
    events = [e for e in prof.events() if e.device_type.name == "CPU"]
    ranges = [e for e in events if e.name.startswith("layer:")]
    by_seq = {}
    for e in events:
        if e.sequence_nr >= 0 and not e.name.startswith("autograd::") and not e.name.startswith("layer:"):
            owner = next((r.name[6:] for r in ranges if r.time_range.start <= e.time_range.start
                          and e.time_range.end <= r.time_range.end), None)
            if owner is not None:
                by_seq.setdefault(e.sequence_nr, owner)
    times = {}
    for r in ranges:
        times.setdefault(r.name[6:], [0.0, 0.0])[0] += r.cpu_time_total / 1000
    for e in events:
        if e.name.startswith("autograd::engine::evaluate_function:") and e.sequence_nr in by_seq:
            times.setdefault(by_seq[e.sequence_nr], [0.0, 0.0])[1] += e.cpu_time_total / 1000
    optimizer = sum(e.cpu_time_total for e in events if e.name == "optimizer") / 1000
    return {
        "layers": [{"name": n, "forward_ms": f / steps, "backward_ms": b / steps} for n, (f, b) in times.items()],
        "optimizer_ms": optimizer / steps,
    }


def main() -> None:
    kind, batch, threads, train_samples, infer_samples = sys.argv[1], *map(int, sys.argv[2:6])
    layout = torch.channels_last if len(sys.argv) > 6 and sys.argv[6] == "channels_last" else torch.contiguous_format
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    net = model(kind).to(memory_format=layout) if kind == "cnn" else model(kind)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()  # softmax fused into the loss, as in our core
    data = torch.rand(4096, 1, 28, 28).contiguous(memory_format=layout)
    labels = torch.randint(0, 10, (4096,))

    def step(i: int) -> None:
        at = (i * batch) % (4096 - batch)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(net(data[at : at + batch]), labels[at : at + batch])
        loss.backward()
        with record_function("optimizer"):
            optimizer.step()

    for i in range(20):  # warm-up
        step(i)
    steps = max(1, train_samples // batch)
    started = time.perf_counter()
    for i in range(steps):
        step(i)
    train_seconds = time.perf_counter() - started

    result = {}
    if kind == "cnn":
        profiled = max(10, 1920 // batch)
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            for i in range(profiled):
                step(i)
        result = layer_times(prof, profiled)

    net.eval()
    with torch.no_grad():
        started = time.perf_counter()
        for at in range(0, infer_samples, 64):
            net(data[at % 4032 : at % 4032 + min(64, infer_samples - at)])
        infer_seconds = time.perf_counter() - started

    print(json.dumps({
        "train_samples_per_s": steps * batch / train_seconds,
        "infer_samples_per_s": infer_samples / infer_seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "torch": torch.__version__,
        "layout": "channels_last" if layout == torch.channels_last else "nchw",
        **result,
    }))


if __name__ == "__main__":
    main()
