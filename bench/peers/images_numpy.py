#!/usr/bin/python3
"""The numpy peer of `jetstudy bench images` (issue 4: jetstudy's image pipeline must be >= 5x a numpy
pipeline doing exactly the same operations on the same jets, measured in the same run).

    /usr/bin/python3 bench/peers/images_numpy.py JETS.h5 [--min-seconds 0.5] [--chunk 256]

JETS.h5 is a jet-constituents file written by jetstudy (toolkit/images/jet_constituents_file.h):
/jets/{pt,eta,phi,offset}, /constituents/{pt,eta,phi}. The pipeline is what numpy can do alone, with the
conventions of jetstudy's steps (toolkit/images/*.cpp), batched over all jets of a chunk at once:

  1. jet frame: (eta - eta_jet, phi - phi_jet wrapped into (-pi, pi])                      jet_frame.cpp
  2. center on the pT centroid: subtract the pT-weighted mean (eta, phi), wrap phi again;
     a jet without pT is not moved                                                           center.cpp
  3. rotate before pixelisation: angle = 1/2 atan2(2 cov(eta,phi), cov(eta,eta) - cov(phi,phi))
     of the pT-weighted covariance; (eta, phi) -> (eta cos + phi sin, -eta sin + phi cos),
     so the major axis lies along +eta (the image rows)                                      rotate.cpp
  4. flip: phi -> -phi when more pT lies at phi < 0 than at phi > 0 (ties: no flip)         flip.cpp
  5. pixelise 40 x 40 over [-1.6, 1.6]^2, rows = eta bins, columns = phi bins, half-open bins
     [lo, hi): bin = floor((x - lo) / (hi - lo) * 40); points outside are dropped           pixel_grid.cpp
  6. normalise L1: every pixel times 1 / (sum of the pixels), empty images stay empty;
     here folded into the bincount weights (pT / pT inside the extent)                      normalize.cpp

Per-jet sums use np.bincount over the jet index of each constituent: it adds in constituent order, as the C++
loops do, so centroids and covariances agree to the last bit (arctan2, cos, sin may differ from glibc's by an
ulp). What remains differs at the level of float rounding, never in convention: jetstudy's pixels are float32
sums, numpy's float64 (bincount's own type: no conversion is timed); the L1 norm is the pT inside the extent
here, the sum of the float32 pixels there; and the flip compares one signed pT sum here instead of two sums
there (only a tie within rounding could decide differently).

Only the image pipeline is timed (not reading the file or the checksum), in whole passes over all jets until
--min-seconds have passed, like jetstudy's own benchmark. Prints one JSON line:
  {"jets": N, "seconds": s, "images_per_second": r, "checksum": {...}, ...}
with the checksum sums of toolkit/images/image_checksum.h. Exits 3 with {"error": ...} when numpy or h5py is
missing, 2 for a file it cannot use.
"""

import argparse
import json
import sys
import time

PIXELS = 40
LOW, HIGH = -1.6, 1.6


def fail(message, code):
    print(json.dumps({"error": message}))
    sys.exit(code)


try:
    import numpy as np
except ImportError:
    fail("numpy is not installed for %s (Debian: apt-get install python3-numpy)" % sys.executable, 3)
try:
    import h5py
except ImportError:
    fail("h5py is not installed for %s (Debian: apt-get install python3-h5py)" % sys.executable, 3)


def read_jets(path):
    """The arrays of a jet-constituents file, as float64 / int64 numpy arrays."""
    try:
        with h5py.File(path, "r") as f:
            fmt = f.attrs.get("format")
            fmt = fmt.decode() if isinstance(fmt, bytes) else fmt
            if fmt != "jetstudy-jet-constituents":
                fail("%s: format is %r, expected 'jetstudy-jet-constituents'" % (path, fmt), 2)
            if int(f.attrs.get("format_version", -1)) != 1:
                fail("%s: format_version is %s, this peer reads version 1" % (path, f.attrs.get("format_version")), 2)
            jets = {k: np.asarray(f["jets/" + k][...], dtype=np.float64) for k in ("pt", "eta", "phi")}
            jets["offset"] = np.asarray(f["jets/offset"][...], dtype=np.int64)
            constituents = {k: np.asarray(f["constituents/" + k][...], dtype=np.float64) for k in ("pt", "eta", "phi")}
    except (OSError, KeyError) as error:
        fail("%s: %s" % (path, error), 2)
    if jets["offset"][0] != 0 or jets["offset"][-1] != len(constituents["pt"]):
        fail("%s: /jets/offset does not match the constituent arrays" % path, 2)
    return jets, constituents


def wrap(phi):
    """phi (within (-2 pi, 2 pi)) wrapped into (-pi, pi]; exact, as std::remainder is in jetstudy."""
    phi = np.where(phi > np.pi, phi - 2 * np.pi, phi)
    return np.where(phi <= -np.pi, phi + 2 * np.pi, phi)


def images_of_chunk(jet_eta, jet_phi, counts, pt, eta, phi):
    """Images (n, 40, 40) float64 of one chunk of n jets, their constituents concatenated."""
    n = len(jet_eta)
    jet = np.repeat(np.arange(n), counts)  # the jet index of each constituent

    # 1. jet frame
    x = eta - jet_eta[jet]
    y = wrap(phi - jet_phi[jet])

    # 2. centre on the pT centroid (jets without pT stay where they are)
    sum_pt = np.bincount(jet, pt, minlength=n)
    has_pt = sum_pt > 0
    safe_pt = np.where(has_pt, sum_pt, 1.0)
    centre_x = np.where(has_pt, np.bincount(jet, pt * x, minlength=n) / safe_pt, 0.0)
    centre_y = np.where(has_pt, np.bincount(jet, pt * y, minlength=n) / safe_pt, 0.0)
    x = x - centre_x[jet]
    y = wrap(y - centre_y[jet])

    # 3. rotate the principal axis of the pT-weighted covariance onto +eta
    wx = pt * x
    wy = pt * y
    mean_x = np.bincount(jet, wx, minlength=n) / safe_pt
    mean_y = np.bincount(jet, wy, minlength=n) / safe_pt
    cov_xx = np.bincount(jet, wx * x, minlength=n) / safe_pt - mean_x * mean_x
    cov_xy = np.bincount(jet, wx * y, minlength=n) / safe_pt - mean_x * mean_y
    cov_yy = np.bincount(jet, wy * y, minlength=n) / safe_pt - mean_y * mean_y
    angle = np.where(has_pt, 0.5 * np.arctan2(2 * cov_xy, cov_xx - cov_yy), 0.0)
    cos_a = np.cos(angle)[jet]
    sin_a = np.sin(angle)[jet]
    u = x * cos_a + y * sin_a
    v = y * cos_a - x * sin_a

    # 4. flip: more pT to +phi
    mirror = np.bincount(jet, pt * np.sign(v), minlength=n) < 0
    v = np.where(mirror[jet], -v, v)

    # 5. pixelise: half-open bins, rows = eta, columns = phi; outside points go to a spare bin n * 40 * 40
    inside = (u >= LOW) & (u < HIGH) & (v >= LOW) & (v < HIGH)
    row = np.minimum(((u - LOW) / (HIGH - LOW) * PIXELS).astype(np.intp), PIXELS - 1)
    column = np.minimum(((v - LOW) / (HIGH - LOW) * PIXELS).astype(np.intp), PIXELS - 1)
    spare = n * PIXELS * PIXELS
    index = np.where(inside, jet * (PIXELS * PIXELS) + row * PIXELS + column, spare)

    # 6. L1 normalisation, folded into the weights: the pixels of a jet sum to the pT inside the extent, so
    #    each constituent adds pT / that sum (empty images stay empty)
    pt_inside = np.where(inside, pt, 0.0)
    norm = np.bincount(jet, pt_inside, minlength=n)
    scale = 1.0 / np.where(norm > 0, norm, 1.0)
    return np.bincount(index, pt_inside * scale[jet], minlength=spare + 1)[:spare].reshape(n, PIXELS, PIXELS)


def make_images(jets, constituents, chunk, keep=None):
    """Images of all jets, chunk jets at a time, as float64 arrays (n, 40, 40) per chunk; copied into
    keep[first:last] if keep (N, 40, 40) is given (for the checksum, outside the timing)."""
    offset = jets["offset"]
    counts = np.diff(offset)
    for first in range(0, len(counts), chunk):
        last = min(first + chunk, len(counts))
        begin, end = offset[first], offset[last]
        images = images_of_chunk(jets["eta"][first:last], jets["phi"][first:last], counts[first:last],
                                 constituents["pt"][begin:end], constituents["eta"][begin:end],
                                 constituents["phi"][begin:end])
        if keep is not None:
            keep[first:last] = images


def checksum(images):
    """The sums of toolkit/images/image_checksum.h over images (N, 40, 40)."""
    middle = 0.5 * (PIXELS - 1)
    index = np.arange(PIXELS, dtype=np.float64)
    rows = images.sum(axis=2)     # (N, H): pT per eta bin
    columns = images.sum(axis=1)  # (N, W): pT per phi bin
    return {
        "images": int(images.shape[0]),
        "total": float(images.sum()),
        "row_moment": float((rows * index).sum()),
        "column_moment": float((columns * index).sum()),
        "row_spread": float((rows * (index - middle) ** 2).sum()),
        "column_spread": float((columns * (index - middle) ** 2).sum()),
        "central_pixel": float(images[:, PIXELS // 2, PIXELS // 2].sum()),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", help="jet-constituents HDF5 file written by jetstudy")
    parser.add_argument("--min-seconds", type=float, default=0.5, help="time whole passes until this much has passed")
    parser.add_argument("--chunk", type=int, default=256, help="jets per batched bincount")
    arguments = parser.parse_args()
    if arguments.chunk < 1:
        fail("--chunk must be >= 1", 2)

    jets, constituents = read_jets(arguments.file)
    n = len(jets["pt"])
    if n == 0:
        fail("%s: no jets" % arguments.file, 2)
    images_built = 0
    start = time.perf_counter()
    while True:
        make_images(jets, constituents, arguments.chunk)
        images_built += n
        seconds = time.perf_counter() - start
        if seconds >= arguments.min_seconds:
            break

    images = np.empty((n, PIXELS, PIXELS))
    make_images(jets, constituents, arguments.chunk, keep=images)
    print(json.dumps({
        "jets": n,
        "constituents": int(len(constituents["pt"])),
        "images": images_built,
        "seconds": seconds,
        "images_per_second": images_built / seconds,
        "chunk": arguments.chunk,
        "pipeline": "numpy %s, batched bincount" % np.__version__,
        "checksum": checksum(images),
    }))


if __name__ == "__main__":
    main()
