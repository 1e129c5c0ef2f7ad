/**
 * Independent reference computations for the loss-law tests: the objective
 * written out from its definition, a central-difference gradient, and a plain
 * Nelder–Mead simplex (Nelder & Mead 1965; Lagarias et al. 1998 coefficients)
 * that shares no code with the engine.
 */
import type { LossPoint } from '../../src/laws/loss-law.js';

/** Σ Huber_δ(ln L − ln(E + A N^−α + B D^−β)) with A = e^a, B = e^b, E = e^e; x = [a, b, e, α, β]. */
export function huberObjective(points: readonly LossPoint[], x: readonly number[], delta = 1e-3): number {
  const [a, b, e, alpha, beta] = x;
  let s = 0;
  for (const p of points) {
    const pred = Math.exp(e) + Math.exp(a) / p.N ** alpha + Math.exp(b) / p.D ** beta;
    const r = Math.abs(Math.log(p.loss) - Math.log(pred));
    s += r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
  }
  return s;
}

export function centralGradient(f: (x: number[]) => number, x: readonly number[], h = 1e-6): number[] {
  return x.map((_, j) => {
    const up = [...x];
    const dn = [...x];
    up[j] += h;
    dn[j] -= h;
    return (f(up) - f(dn)) / (2 * h);
  });
}

export function nelderMead(f: (x: number[]) => number, x0: readonly number[], step = 0.1, maxIter = 20000, tol = 1e-16): { x: number[]; f: number } {
  const n = x0.length;
  let simplex = [x0.slice()];
  for (let j = 0; j < n; j++) {
    const v = x0.slice();
    v[j] += step * Math.max(1, Math.abs(v[j]));
    simplex.push(v);
  }
  let fx = simplex.map(f);
  for (let it = 0; it < maxIter; it++) {
    const order = fx.map((_, i) => i).sort((i, j) => fx[i] - fx[j]);
    simplex = order.map((i) => simplex[i]);
    fx = order.map((i) => fx[i]);
    if (Math.abs(fx[n] - fx[0]) <= tol * Math.max(1e-300, Math.abs(fx[0])) && it > 50) break;
    const c = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j] += simplex[i][j] / n;
    const along = (t: number) => c.map((cj, j) => cj + t * (simplex[n][j] - cj));
    const xr = along(-1);
    const fr = f(xr);
    if (fr < fx[0]) {
      const xe = along(-2);
      const fe = f(xe);
      if (fe < fr) [simplex[n], fx[n]] = [xe, fe];
      else [simplex[n], fx[n]] = [xr, fr];
    } else if (fr < fx[n - 1]) {
      [simplex[n], fx[n]] = [xr, fr];
    } else {
      const xc = fr < fx[n] ? along(-0.5) : along(0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, fx[n])) [simplex[n], fx[n]] = [xc, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          fx[i] = f(simplex[i]);
        }
      }
    }
  }
  const best = fx.indexOf(Math.min(...fx));
  return { x: simplex[best], f: fx[best] };
}
