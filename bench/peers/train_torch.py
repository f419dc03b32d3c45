#!/usr/bin/python3
"""The PyTorch peer of `jetstudy bench train` (issue 5: jetstudy trains >= 1.2x the images/s of the same
network in Debian's python3-torch, with the same threads, data loading included, measured in the same run).

    /usr/bin/python3 bench/peers/train_torch.py IMAGES.h5 --model '{"arch": "deeptop", ...}'
        [--batch 128] [--steps 30] [--warmup 3] [--threads 2] [--device cpu|cuda|cuda:N] [--seed 1]
        [--loader dataloader|gather] [--memory-format contiguous|channels_last] [--expect-parameters N]

IMAGES.h5 is a dense training-images file written by `jetstudy bench train`:
/images float32 (N, C, H, W), /labels float32 (N,), root attribute format = "jetstudy-training-images"
(written by write_training_images_file in toolkit/cli/bench_commands.cpp).
--model is the validated `model:` block jetstudy trains (every option with its default filled in); this file
builds the same network in torch.nn, layer for layer, as toolkit/models/<arch>.cpp does, and refuses to time a
network whose trainable-parameter count differs from --expect-parameters (exit 4).

What is timed is what jetstudy's side times (toolkit/train/training_rate.cpp): Adam (lr 1e-3) on binary
cross-entropy with logits, batches of --batch images drawn in a fresh random order every epoch (last
incomplete batch dropped), each moved to the device; --warmup steps first, untimed. The batches come from
  dataloader: torch.utils.data.DataLoader(TensorDataset(images, labels), shuffle=True, num_workers=0), the
              idiomatic PyTorch loop (per-sample indexing, then default_collate stacks the batch);
  gather:     images[randperm[i:i+B]] (one index_select per batch, as jetstudy's Examples::rows does).
Prints one JSON line: {"images_per_second": r, "images": n, "seconds": s (wall clock), "loading_seconds": l,
"cpu_seconds": c (process CPU time, all threads), "parameters": p, "torch": version, ...}. Exits 3 with
{"error": ...} when torch or h5py is missing, 2 for a file or model it cannot use.
"""

import argparse
import json
import sys
import time


def fail(message, code):
    print(json.dumps({"error": message}))
    sys.exit(code)


try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    fail("torch is not installed for %s (Debian: apt-get install python3-torch)" % sys.executable, 3)
try:
    import h5py
    import numpy as np
except ImportError:
    fail("h5py or numpy is not installed for %s (Debian: apt-get install python3-h5py python3-numpy)"
         % sys.executable, 3)


# --- the networks, layer for layer as in toolkit/models/ ----------------------------------------------------

class DeepTop(nn.Module):
    """toolkit/models/deeptop.cpp: conv(k, padding) + ReLU per entry of `filters`, max-pool after the layers
    of `pool_after` (1-based), flatten, then per entry of `dense`: [dropout] + linear + ReLU; a linear output."""

    def __init__(self, options, channels, height, width):
        super().__init__()
        layers = []
        for number, filters in enumerate(options["filters"], start=1):
            layers += [nn.Conv2d(channels, filters, options["kernel"], padding=options["padding"]), nn.ReLU()]
            height = height + 2 * options["padding"] - options["kernel"] + 1
            width = width + 2 * options["padding"] - options["kernel"] + 1
            if number in options["pool_after"]:
                layers.append(nn.MaxPool2d(options["pool"]))
                height //= options["pool"]
                width //= options["pool"]
            channels = filters
        layers.append(nn.Flatten())
        self.features = nn.Sequential(*layers)
        head = []
        units_in = channels * height * width
        for units in options["dense"]:
            if options["dropout"] > 0:
                head.append(nn.Dropout(options["dropout"]))
            head += [nn.Linear(units_in, units), nn.ReLU()]
            units_in = units
        head.append(nn.Linear(units_in, 1))
        self.head = nn.Sequential(*head)

    def forward(self, images):
        return self.head(self.features(images)).squeeze(1)


def conv(channels_in, channels_out, kernel, stride=1, groups=1):
    """toolkit/models/resnet.cpp conv(): padded by kernel // 2, no bias."""
    return nn.Conv2d(channels_in, channels_out, kernel, stride=stride, padding=kernel // 2, groups=groups,
                     bias=False)


class BottleneckBlock(nn.Module):
    """toolkit/models/resnet.cpp: 1x1 reduce -> 3x3 grouped (carries the stride) -> 1x1 expand, each with batch
    norm, added to the input (through 1x1 conv + batch norm when the shape changes), then ReLU."""

    def __init__(self, channels_in, inner, channels_out, stride, groups):
        super().__init__()
        self.residual = nn.Sequential(
            conv(channels_in, inner, 1), nn.BatchNorm2d(inner), nn.ReLU(),
            conv(inner, inner, 3, stride, groups), nn.BatchNorm2d(inner), nn.ReLU(),
            conv(inner, channels_out, 1), nn.BatchNorm2d(channels_out))
        self.shortcut = nn.Sequential()
        if stride != 1 or channels_in != channels_out:
            self.shortcut = nn.Sequential(conv(channels_in, channels_out, 1, stride), nn.BatchNorm2d(channels_out))

    def forward(self, x):
        identity = self.shortcut(x) if len(self.shortcut) else x
        return torch.relu(self.residual(x) + identity)


class ResNeXt(nn.Module):
    """toolkit/models/resnext.cpp on the residual tower of resnet.cpp: stem conv + batch norm + ReLU [+ 3x3
    max-pool stride 2], stages of bottleneck blocks (the first block of every stage after the first has stride
    2) whose 3x3 convolutions have cardinality * bottleneck_width * 2^s / width_factor filters in `cardinality`
    groups and 256 * 2^s / width_factor outputs, global average pool, dropout, one linear output."""

    def __init__(self, options, channels, height, width):
        super().__init__()
        stem = [conv(channels, options["stem_filters"], options["stem_kernel"], options["stem_stride"]),
                nn.BatchNorm2d(options["stem_filters"]), nn.ReLU()]
        if options["stem_pool"]:
            stem.append(nn.MaxPool2d(3, stride=2, padding=1))
        self.stem = nn.Sequential(*stem)
        blocks = []
        channels = options["stem_filters"]
        for s, depth in enumerate(options["stages"]):
            inner = (options["cardinality"] * options["bottleneck_width"] << s) // options["width_factor"]
            out = (256 << s) // options["width_factor"]
            for block in range(depth):
                stride = 2 if s > 0 and block == 0 else 1
                blocks.append(BottleneckBlock(channels, inner, out, stride, options["cardinality"]))
                channels = out
        self.stages = nn.Sequential(*blocks)
        self.dropout = nn.Dropout(options["dropout"])
        self.head = nn.Linear(channels, 1)

    def forward(self, images):
        features = self.stages(self.stem(images)).mean((2, 3))
        return self.head(self.dropout(features)).squeeze(1)


ARCHITECTURES = {"deeptop": DeepTop, "resnext": ResNeXt}


# --- data ---------------------------------------------------------------------------------------------------

def read_images(path):
    """(images float32 (N, C, H, W), labels float32 (N,)) as torch tensors in host memory."""
    try:
        with h5py.File(path, "r") as f:
            fmt = f.attrs.get("format")
            fmt = fmt.decode() if isinstance(fmt, bytes) else fmt
            if fmt != "jetstudy-training-images":
                fail("%s: format is %r, expected 'jetstudy-training-images'" % (path, fmt), 2)
            images = np.asarray(f["images"][...], dtype=np.float32)
            labels = np.asarray(f["labels"][...], dtype=np.float32)
    except (OSError, KeyError) as error:
        fail("%s: %s" % (path, error), 2)
    if images.ndim != 4 or labels.shape != (images.shape[0],):
        fail("%s: expected /images (N, C, H, W) and /labels (N,), got %s and %s"
             % (path, images.shape, labels.shape), 2)
    return torch.from_numpy(images), torch.from_numpy(labels)


def dataloader_batches(images, labels, batch, generator):
    """Endless (images, labels) batches from torch's DataLoader, reshuffled every epoch."""
    dataset = torch.utils.data.TensorDataset(images, labels)
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch, shuffle=True, num_workers=0, drop_last=True,
                                         generator=generator)
    while True:
        yield from loader


def gather_batches(images, labels, batch, generator):
    """Endless (images, labels) batches gathered by index from a fresh permutation every epoch."""
    n = images.shape[0]
    while True:
        order = torch.randperm(n, generator=generator)
        for first in range(0, n - batch + 1, batch):
            rows = order[first:first + batch]
            yield images.index_select(0, rows), labels.index_select(0, rows)


LOADERS = {"dataloader": dataloader_batches, "gather": gather_batches}


def wait_for(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


# --- the timed loop -----------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="dense training-images HDF5 file written by jetstudy")
    parser.add_argument("--model", required=True, help="the validated model block as JSON")
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--steps", type=int, default=30, help="timed steps")
    parser.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--loader", choices=sorted(LOADERS), default="dataloader")
    parser.add_argument("--memory-format", choices=["contiguous", "channels_last"], default="contiguous",
                        help="the layout of weights and batches: channels_last is what jetstudy's conv networks use")
    parser.add_argument("--expect-parameters", type=int, default=0, help="refuse a network of another size")
    arguments = parser.parse_args()
    if arguments.batch < 1 or arguments.steps < 1 or arguments.warmup < 0 or arguments.threads < 1:
        fail("--batch, --steps and --threads must be positive, --warmup not negative", 2)

    try:
        model = json.loads(arguments.model)
    except ValueError as error:
        fail("--model is not JSON: %s" % error, 2)
    if model.get("arch") not in ARCHITECTURES:
        fail("no PyTorch twin of architecture %r here (have: %s)" % (model.get("arch"), ", ".join(ARCHITECTURES)), 2)
    try:
        device = torch.device(arguments.device)
    except RuntimeError as error:
        fail("--device %s: %s" % (arguments.device, error), 2)
    if device.type == "cuda" and not torch.cuda.is_available():
        fail("--device %s: this PyTorch sees no CUDA device" % arguments.device, 3)

    torch.set_num_threads(arguments.threads)
    torch.manual_seed(arguments.seed)
    images, labels = read_images(arguments.file)
    if images.shape[0] < arguments.batch:
        fail("%s: %d images, fewer than one batch of %d" % (arguments.file, images.shape[0], arguments.batch), 2)
    network = ARCHITECTURES[model["arch"]](model, *images.shape[1:]).to(device)
    memory_format = torch.channels_last if arguments.memory_format == "channels_last" else torch.contiguous_format
    network = network.to(memory_format=memory_format)
    parameters = sum(p.numel() for p in network.parameters() if p.requires_grad)
    if arguments.expect_parameters and parameters != arguments.expect_parameters:
        fail("the PyTorch %s has %d trainable parameters, jetstudy's %d: the networks differ"
             % (model["arch"], parameters, arguments.expect_parameters), 4)
    network.train()
    adam = torch.optim.Adam(network.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(arguments.seed)
    batches = LOADERS[arguments.loader](images, labels, arguments.batch, generator)

    loading_seconds = 0.0
    first_loss = None
    start = cpu_start = None
    for step in range(arguments.warmup + arguments.steps):
        if step == arguments.warmup:
            wait_for(device)
            start = time.perf_counter()
            cpu_start = time.process_time()
        loading = time.perf_counter()
        batch_images, batch_labels = next(batches)
        batch_images = batch_images.to(device).contiguous(memory_format=memory_format)
        batch_labels = batch_labels.to(device)
        if step >= arguments.warmup:
            loading_seconds += time.perf_counter() - loading
        adam.zero_grad()
        loss = F.binary_cross_entropy_with_logits(network(batch_images), batch_labels)
        loss.backward()
        adam.step()
        if step == 0:
            first_loss = loss.item()
    wait_for(device)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    trained = arguments.steps * arguments.batch
    print(json.dumps({
        "images_per_second": trained / seconds,
        "images": trained,
        "seconds": seconds,
        "loading_seconds": loading_seconds,
        "cpu_seconds": cpu_seconds,
        "parameters": parameters,
        "arch": model["arch"],
        "loader": arguments.loader,
        "memory_format": arguments.memory_format,
        "threads": torch.get_num_threads(),
        "device": str(device),
        "torch": torch.__version__,
        "first_loss": first_loss,
        "last_loss": loss.item(),
    }))


if __name__ == "__main__":
    main()
