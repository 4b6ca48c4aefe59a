"""PyTorch CPU reference for bench/throughput.ts: the same MNIST MLP (784-256-128-10 ReLU,
Adam 1e-3, batch 128, softmax cross-entropy) trained on the same images, which the TypeScript
benchmark writes to a file (float32 pixels, then uint8 labels). Prints one JSON line:
{"samplesPerSecond": ..., "threads": ..., "torch": ...}.

    /usr/bin/python3 bench/torch_mlp.py DATA_FILE ROWS --threads 1 --steps 200 --warmup 5
"""
import argparse
import json
import time

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("data")
parser.add_argument("rows", type=int)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--steps", type=int, default=200)
parser.add_argument("--warmup", type=int, default=5)
parser.add_argument("--batch", type=int, default=128)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(1)
raw = np.fromfile(args.data, dtype=np.uint8)
x = torch.from_numpy(raw[: args.rows * 784 * 4].view(np.float32).reshape(args.rows, 784).copy())
y = torch.from_numpy(raw[args.rows * 784 * 4 :].astype(np.int64))
model = torch.nn.Sequential(
    torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)
)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
batches = args.rows // args.batch
order = torch.randperm(args.rows)


def step(i):
    idx = order[(i % batches) * args.batch : (i % batches + 1) * args.batch]
    xb, yb = x[idx], y[idx]
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(xb), yb)
    loss.backward()
    opt.step()
    return loss


for i in range(args.warmup):
    step(i)
t0 = time.perf_counter()
for i in range(args.steps):
    loss = step(args.warmup + i)
loss.item()
seconds = time.perf_counter() - t0
print(json.dumps({"samplesPerSecond": args.steps * args.batch / seconds, "threads": args.threads, "torch": torch.__version__}))
