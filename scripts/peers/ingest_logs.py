"""Peer for scripts/bench-ingest-logs.ts: `steplaw ingest-logs` on Megatron-style text logs, in lean Python.

The same parsing job as the Step Law authors' code/log_analysis.py (github.com/step-law/steplaw; it needs
pandas, which is not installed here) and as steplaw's ingest-logs (docs/ingest-logs.md, docs/method.md#smooth-loss),
with the standard library's `re` and numpy:

- run directories below <dir> whose name matches --pattern and that directly hold a log; the run's last log
  is the one with the largest number at the end of its stem (train_log_12.txt after train_log_3.txt);
- records: lines with `iter[ation] N/ M` and `lm loss: X` (or `lm loss only: X`); the last 32768 are kept;
- smooth loss: window = min(100, 0.01 * points), log interval = 2nd kept iteration - 1st,
  sigma = window / interval, the last value of scipy's gaussian_filter1d(losses, sigma) (mode 'reflect',
  truncate 4), computed as one dot product with the normalised kernel over the reflected indices;
- hyperparameters from the Step Law run name: N = numl * (4 h^2 + 3 h ffnh), batch = bs * seq_len,
  D = ti * bs * seq_len rounded to 3 significant digits; the authors' truncation check
  |final_iter // interval - ti // interval| > 1 (interval = spacing of the last two points) skips a run.

Writes one CSV row per usable run, sorted by run name: exp_name,N,D,lr,bs,loss,smooth loss,final_iter,
log_interval,sigma,points (loss = the raw last loss).

Run: python3 scripts/peers/ingest_logs.py <dir> <out.csv> [--pattern REGEX] [--seq-len 2048]
"""
import csv
import os
import re
import sys

import numpy as np

MAX_POINTS = 32768
MAX_WINDOW = 100.0
TRUNCATE = 4.0
LOG_FILE = re.compile(r"\.(log|txt|jsonl|csv)$")
TRAILING_NUMBER = re.compile(r"(\d+)$")
RECORD = re.compile(rb"iter(?:ation)? +(\d+) */[^\n]*?lm loss(?: only)?: *([0-9.eE+-]+)")
NAME_TOKEN = re.compile(r"(?:^|_)(h|ffnh|numh|numl|lr|bs|ti)([0-9.eE+-]+)(?=_|$)")


def last_log(files):
    def key(name):
        stem = os.path.splitext(name)[0]
        m = TRAILING_NUMBER.search(stem)
        return (0, -1, name) if m is None else (1, int(m.group(1)), name)

    return max(files, key=key)


def reflect(i, n):
    period = 2 * n
    j = i % period
    return np.where(j < n, j, period - 1 - j)


def smooth_loss(iters, losses):
    n = losses.size
    interval = iters[1] - iters[0]
    window = min(MAX_WINDOW, 0.01 * n)
    sigma = window / interval
    r = int(TRUNCATE * sigma + 0.5)
    k = np.arange(-r, r + 1)
    w = np.exp(-0.5 * k * k / (sigma * sigma))
    w /= w.sum()
    return float(np.dot(w, losses[reflect(n - 1 + k, n)])), interval, sigma


def sig3(x):
    return float(f"{x:.3g}")


def main():
    args = sys.argv[1:]
    root, out = args[0], args[1]
    pattern = re.compile(args[args.index("--pattern") + 1]) if "--pattern" in args else re.compile("")
    seq_len = int(args[args.index("--seq-len") + 1]) if "--seq-len" in args else 2048
    rows, skipped = [], 0
    for dirpath, dirnames, filenames in os.walk(root):
        name = os.path.basename(dirpath)
        logs = [f for f in filenames if LOG_FILE.search(f)]
        if dirpath == root or not logs or not pattern.search(name):
            continue
        dirnames[:] = []  # run directories are not searched further
        with open(os.path.join(dirpath, last_log(logs)), "rb") as f:
            records = RECORD.findall(f.read())[-MAX_POINTS:]
        if len(records) < 2:
            skipped += 1
            continue
        iters = np.array([int(i) for i, _ in records], dtype=np.float64)
        losses = np.array([float(x) for _, x in records])
        if not np.all(np.isfinite(losses)) or iters[1] <= iters[0]:
            skipped += 1
            continue
        hp = {k: float(v) for k, v in NAME_TOKEN.findall(name)}
        if not all(k in hp for k in ("h", "ffnh", "numl", "lr", "bs", "ti")):
            skipped += 1
            continue
        last_interval = int(iters[-1] - iters[-2])
        if abs(int(iters[-1]) // last_interval - int(hp["ti"]) // last_interval) > 1:
            skipped += 1
            continue
        smooth, interval, sigma = smooth_loss(iters, losses)
        N = hp["numl"] * (4 * hp["h"] ** 2 + 3 * hp["h"] * hp["ffnh"])
        D = sig3(hp["ti"] * hp["bs"] * seq_len)
        rows.append([name, int(N), D, hp["lr"], int(hp["bs"]), float(losses[-1]), smooth, int(iters[-1]), int(interval), sigma, losses.size])
    rows.sort(key=lambda r: r[0])
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["exp_name", "N", "D", "lr", "bs", "loss", "smooth loss", "final_iter", "log_interval", "sigma", "points"])
        for r in rows:
            w.writerow([repr(v) if isinstance(v, float) else v for v in r])
    print(f"{len(rows)} runs written, {skipped} skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
