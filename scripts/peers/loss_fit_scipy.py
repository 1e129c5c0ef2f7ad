"""Peer for scripts/bench-loss-fit.ts: the field's Chinchilla-form loss fit with scipy.

L = E + A/N^alpha + B/D^beta with A = e^a, B = e^b, E = e^e, predicted as ln L = LSE(a - alpha ln N,
b - beta ln D, e); scipy.optimize.least_squares with loss='huber', f_scale=1e-3 on the log residuals (the
same objective as Hoffmann et al. 2022 / Besiroglu et al. 2024, docs/method.md#loss-laws), analytic
Jacobian, from every start of the grid alpha, beta in {0, 0.5, ..., 2}, e in {-1, -0.5, ..., 1},
a, b in {0, 5, ..., 25} (4,500 starts), each run to scipy's default tolerances; the best cost wins.

Run: python3 scripts/peers/loss_fit_scipy.py points.json   (a JSON list of {"N", "D", "loss"})
Prints one JSON line: seconds, best parameters, cost, starts.
"""
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import least_squares
from scipy.special import logsumexp, softmax


def main() -> None:
    pts = json.load(open(sys.argv[1]))
    lnN = np.log([p["N"] for p in pts])
    lnD = np.log([p["D"] for p in pts])
    lnL = np.log([p["loss"] for p in pts])

    def terms(x):
        a, b, e, alpha, beta = x
        return np.column_stack([a - alpha * lnN, b - beta * lnD, np.full(lnN.size, e)])

    def resid(x):
        return logsumexp(terms(x), axis=1) - lnL

    def jac(x):
        w = softmax(terms(x), axis=1)
        return np.column_stack([w[:, 0], w[:, 1], w[:, 2], -w[:, 0] * lnN, -w[:, 1] * lnD])

    grid = itertools.product(np.arange(0, 30, 5), np.arange(0, 30, 5), np.arange(-1, 1.5, 0.5), np.arange(0, 2.5, 0.5), np.arange(0, 2.5, 0.5))
    t0 = time.perf_counter()
    best, starts = None, 0
    for a, b, e, alpha, beta in grid:
        starts += 1
        r = least_squares(resid, [a, b, e, alpha, beta], jac=jac, loss="huber", f_scale=1e-3, method="trf")
        if best is None or r.cost < best.cost:
            best = r
    seconds = time.perf_counter() - t0
    a, b, e, alpha, beta = best.x
    # scipy's cost is 0.5 * f_scale^2 * sum(rho(r^2 / f_scale^2)) = sum of Huber_delta(r): the field's objective.
    print(json.dumps({"seconds": seconds, "starts": starts, "cost": best.cost, "E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": float(alpha), "beta": float(beta)}))


if __name__ == "__main__":
    main()
