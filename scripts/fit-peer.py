"""Lean numpy peer of `steplaw fit` for the benchmarks (scripts/bench-large.ts).

Same work as `steplaw fit <csv> --bootstrap B`: read the N, D, lr, batch, loss
columns; per (N, D) group keep the runs with a finite loss not above 1.5x the
group minimum and within |L/L_min - 1| < band of it; OLS of ln lr on
(1, ln N, ln D) and of ln B on (1, ln D), regressors centred on their means;
B bootstrap resamples by the same scheme as ours ('groups': whole (N, D)
groups with replacement; 'runs': kept runs with replacement), each refit by
the normal equations of the resample. Groups, as steplaw does it: the
normal-equation sums of each kept group are computed once, and a resample's
are the drawn groups' sums added up (counts of each group drawn, times the
per-group sums: one bincount and one small matrix product per replicate).
Runs: the resample as weights over the kept runs (a run drawn k times weighs
k) -- the same sums as concatenating the drawn rows. `direct` as a fourth
argument uses the weights over kept runs for groups too (a group's weight
repeated over its runs), the way a first numpy script would.

Prints one JSON line: the OLS estimates and the bootstrap means.

  python3 scripts/fit-peer.py <csv> <bootstrap> <groups|runs> [band] [seed] [direct]
"""
import json
import sys

import numpy as np


def main() -> None:
    path, nboot, scheme = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    band = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0025
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    direct = len(sys.argv) > 6 and sys.argv[6] == "direct"
    N, D, lr, B, loss = np.loadtxt(path, delimiter=",", skiprows=1, usecols=(0, 1, 2, 3, 4), unpack=True)
    # Groups: (N, D) pairs.
    _, group = np.unique(np.stack([N, D], axis=1), axis=0, return_inverse=True)
    group = group.ravel()
    G = group.max() + 1
    finite = np.isfinite(loss)
    gmin = np.full(G, np.inf)
    np.minimum.at(gmin, group[finite], loss[finite])
    usable = finite & (loss <= 1.5 * gmin[group])
    umin = np.full(G, np.inf)
    np.minimum.at(umin, group[usable], loss[usable])
    kept = usable & (np.abs(loss / umin[group] - 1) < band)
    lnN, lnD = np.log(N[kept]), np.log(D[kept])
    ylr, yb = np.log(lr[kept]), np.log(B[kept])
    kg = group[kept]
    # Kept groups renumbered 0..Gk-1.
    _, kg = np.unique(kg, return_inverse=True)
    Gk = kg.max() + 1
    n = kept.sum()
    mN, mD = lnN.mean(), lnD.mean()
    X = np.column_stack([np.ones(n), lnN - mN, lnD - mD])
    Xb = X[:, [0, 2]]

    def solve_sums(A, r, q):
        """Coefficients from XᵀX (A), Xᵀ ln lr (r) and Xᵀ ln B (q)."""
        c = np.linalg.solve(A, r)
        d = np.linalg.solve(A[np.ix_([0, 2], [0, 2])], q[[0, 2]])
        return np.array([c[0] - c[1] * mN - c[2] * mD, c[1], c[2], d[0] - d[1] * mD, d[1]])

    def solve(w):
        Xw = X * w[:, None]
        return solve_sums(Xw.T @ X, Xw.T @ ylr, Xw.T @ yb)

    est = solve(np.ones(n))
    rng = np.random.default_rng(seed)
    samples = np.empty((nboot, 5))
    if scheme == "groups" and not direct:
        # Per kept group: the 9 entries of x xᵀ and the 3 + 3 of x·y summed over its runs (Gk x 15).
        cols = [X[:, a] * X[:, b] for a in range(3) for b in range(3)] + [X[:, a] * ylr for a in range(3)] + [X[:, a] * yb for a in range(3)]
        S = np.stack([np.bincount(kg, weights=col, minlength=Gk) for col in cols], axis=1)
        for b in range(nboot):
            t = np.bincount(rng.integers(0, Gk, Gk), minlength=Gk) @ S
            samples[b] = solve_sums(t[:9].reshape(3, 3), t[9:12], t[12:15])
    for b in range(nboot if (scheme != "groups" or direct) else 0):
        if scheme == "groups":
            w = np.bincount(rng.integers(0, Gk, Gk), minlength=Gk)[kg].astype(float)
        else:
            w = np.bincount(rng.integers(0, n, n), minlength=n).astype(float)
        samples[b] = solve(w)
    print(json.dumps({"kept": int(n), "groups": int(Gk), "estimate": est.tolist(), "bootstrapMean": samples.mean(axis=0).tolist() if nboot else None}))


if __name__ == "__main__":
    main()
