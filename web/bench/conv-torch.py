#!/usr/bin/python3
"""PyTorch's side of the convolutional network comparison (docs/benchmarks.md): the issue's
network (input [1, 28, 28]; conv 8 5x5 'same', ReLU, max pool 2, conv 16 5x5 'same', ReLU, max
pool 2, dense 10) on one CPU thread (torch.set_num_threads(1)), batch 64, Adam (lr 1e-3).

Run with Debian's python3 (python3-torch 1.13, numpy):
    /usr/bin/python3 web/bench/conv-torch.py [--steps 200] [--epochs 0] [--train-images 60000]
        [--hidden 64]   (the article's network: a dense ReLU layer of 64 before the output)
Prints the training throughput (samples/s over `--steps` steps on Fashion-MNIST images, timed
after 5 warm-up steps) and, with --epochs N, the test accuracy after each epoch and its time.
The engine's side is web/bench/train-conv.mjs; run both on the same idle machine.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

IDX = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def read_idx(name, header):
    with gzip.open(os.path.join(IDX, name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8)[header:]


class Net(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 5, padding=2)
        self.c2 = nn.Conv2d(8, 16, 5, padding=2)
        # --hidden 64: the article's network (FASHION_MNIST_CNN_RECIPE), a dense ReLU layer first.
        self.hidden = nn.Linear(16 * 7 * 7, hidden) if hidden else None
        self.fc = nn.Linear(hidden or 16 * 7 * 7, 10)
        for m in (self.c1, self.c2, self.hidden, self.fc):
            if m is not None:
                nn.init.kaiming_normal_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2).flatten(1)
        if self.hidden is not None:
            x = F.relu(self.hidden(x))
        return self.fc(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--epochs", type=int, default=0)
    p.add_argument("--train-images", type=int, default=60000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--hidden", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    x = torch.from_numpy(read_idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28)[: a.train_images].astype(np.float32) / 255)
    y = torch.from_numpy(read_idx("train-labels-idx1-ubyte.gz", 8)[: a.train_images].astype(np.int64))
    xt = torch.from_numpy(read_idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
    yt = torch.from_numpy(read_idx("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
    net = Net(a.hidden)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)

    def step(xb, yb):
        opt.zero_grad()
        loss = F.cross_entropy(net(xb), yb)
        loss.backward()
        opt.step()

    for i in range(5):
        step(x[i * 64:(i + 1) * 64], y[i * 64:(i + 1) * 64])
    t = time.perf_counter()
    for i in range(a.steps):
        j = (i * 64) % (len(x) - 64)
        step(x[j:j + 64], y[j:j + 64])
    dt = time.perf_counter() - t
    print(f"torch {torch.__version__} 1 thread: {a.steps * 64 / dt:.0f} samples/s training (batch 64)")
    with torch.no_grad():
        t = time.perf_counter()
        net(xt[:2048])
        print(f"torch inference: {2048 / (time.perf_counter() - t):.0f} samples/s")

    total = 0.0
    for epoch in range(a.epochs):
        order = torch.randperm(len(x))
        t = time.perf_counter()
        for i in range(0, len(x), 64):
            idx = order[i:i + 64]
            step(x[idx], y[idx])
        total += time.perf_counter() - t
        with torch.no_grad():
            acc = (net(xt).argmax(1) == yt).float().mean().item()
        print(f"epoch {epoch + 1}: test accuracy {acc * 100:.2f} %, training time {total:.1f} s")


if __name__ == "__main__":
    main()
