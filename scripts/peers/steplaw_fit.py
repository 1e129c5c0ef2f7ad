"""Peer for scripts/bench-fit.ts: the Step Law authors' fitting procedure in lean numpy.

The steps of code/fit_tool.py in github.com/step-law/steplaw (docs/method.md#fitting-procedure): per (N, D)
group keep every run within 0.25% of the group's minimum smooth loss, batch in tokens (bs * 2048), OLS of
ln lr on (1, ln N, ln D) and of ln B on (1, ln D) over all kept runs, 1000 bootstrap resamples of the kept
runs, report the mean coefficients. Reads the CSV with the standard library (the authors use pandas, which
is slower to import), writes the means and the 1000 rows as JSON.

Run: python3 scripts/peers/steplaw_fit.py data/steplaw/dense_lr_bs_loss.csv out.json [--bootstrap 1000] [--seed 0]
"""
import csv
import json
import sys

import numpy as np


def main() -> None:
    args = sys.argv[1:]
    path, out = args[0], args[1]
    nboot = int(args[args.index("--bootstrap") + 1]) if "--bootstrap" in args else 1000
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 0
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    N = np.array([float(r["N"]) for r in rows])
    D = np.array([float(r["D"]) for r in rows])
    lr = np.array([float(r["lr"]) for r in rows])
    bs = np.array([float(r["bs"]) for r in rows]) * 2048.0
    loss = np.array([float(r["smooth loss"]) for r in rows])
    keep = np.zeros(len(rows), dtype=bool)
    for n, d in set(zip(N.tolist(), D.tolist())):
        g = (N == n) & (D == d)
        keep |= g & (np.abs(loss / loss[g].min() - 1.0) < 0.0025)
    lnN, lnD, lnlr, lnB = np.log(N[keep]), np.log(D[keep]), np.log(lr[keep]), np.log(bs[keep])
    X_lr = np.column_stack([np.ones(lnN.size), lnN, lnD])
    X_b = np.column_stack([np.ones(lnD.size), lnD])
    rng = np.random.default_rng(seed)
    samples = np.empty((nboot, 5))
    for b in range(nboot):
        i = rng.integers(0, lnN.size, lnN.size)
        samples[b, :3] = np.linalg.lstsq(X_lr[i], lnlr[i], rcond=None)[0]
        samples[b, 3:] = np.linalg.lstsq(X_b[i], lnB[i], rcond=None)[0]
    names = ["lr_intercept", "lr_coefN", "lr_coefD", "bs_intercept", "bs_coefD"]
    result = {
        "kept": int(keep.sum()),
        "ols": {
            "lr": np.linalg.lstsq(X_lr, lnlr, rcond=None)[0].tolist(),
            "batch": np.linalg.lstsq(X_b, lnB, rcond=None)[0].tolist(),
        },
        "mean": dict(zip(names, samples.mean(axis=0).tolist())),
        "samples": samples.tolist(),
    }
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
