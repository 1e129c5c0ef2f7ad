/**
 * Each group's optimum from a few runs: a local quadratic model of the plateau
 * with one curvature shared by every group.
 *
 * Near its optimum the loss of one (N, D) group is, in x = ln lr, y = ln B,
 *
 *   ln L(x, y) = a_g + (z − μ_g)ᵀ H (z − μ_g),     z = (x, y),
 *
 * (the landscape is "convex with a broad optimum": a positive-definite quadratic
 * near the minimum in every released dense group: fits/landscape.json). Written
 * linearly, ln L = a'_g + p_g·u + q_g·v + h_xx·u² + h_yy·v² + h_xy·u·v with
 * (u, v) = z − z̄_g (the mean of the group's runs used); H is shared across
 * groups (in relative-loss units the plateau has a similar width everywhere:
 * ×2 in lr and ×2 in batch within 0.25% in the median dense group), so a group
 * needs only three runs for its own (a_g, p_g, q_g). One ordinary least-squares
 * fit of the stacked design gives every coefficient; the optimum of group g is
 * the vertex, where the gradient vanishes: (u, v) = −G⁻¹·(p_g, q_g) with the
 * Hessian G = [[2h_xx, h_xy], [h_xy, 2h_yy]], i.e. μ_g = z̄_g + (u, v).
 *
 * The model is local: a group's runs enter when they lie within one design
 * stride of its best run on each axis (×2 in lr, ×4 in batch: the compass
 * around it) and less than `cutoff` (default 2%) above it — a model of the
 * plateau, not of the diverging edge. A loss cutoff alone is not enough: at the
 * optimum the ×4 batch neighbours rise about 1.0%, and a 1% cutoff that drops
 * some of them biased the D-exponents by −0.02 to −0.03 on synthetic sweeps. The
 * cross term h_xy is fitted when the runs identify it (some runs off the axes
 * through each group's centre); otherwise it is dropped and the result says so.
 * A vertex that lies outside the range of the group's runs by more than one
 * design stride is flagged `vertex-outside`: an extrapolation, kept but named.
 *
 * Unlike keeping every run within a band of the best *revealed* run (the
 * authors' selection, Repo `code/fit_tool.py`), the vertex does not depend on
 * which side of the optimum the runs happen to be: a one-sided subset of a flat
 * plateau truncates the band and biases the law (issue 15; synthetic sweeps
 * with known exponents: test/plan/synthetic.test.ts).
 */
import { olsCoefficients } from '../fitter/ols.js';
import type { GroupRuns } from './types.js';

export const DEFAULT_CUTOFF = 0.02;
/** A lattice level "one stride away" may sit slightly beyond the stride (irregular batch ladders). */
const STRIDE_SLACK = 1.05;

export interface Curvature {
  /** Coefficients of u², v², u·v in ln L (u = ln lr, v = ln B, centred per group). */
  xx: number;
  yy: number;
  xy: number;
  /** Whether the cross term was fitted (false: assumed 0, the runs did not identify it). */
  crossFitted: boolean;
  /** Whether H is positive definite (a minimum, not a saddle). */
  positiveDefinite: boolean;
}

export type OptimumFlag = 'vertex-outside' | 'lr-not-varied' | 'batch-not-varied' | 'too-few-runs' | 'best-run';

export interface GroupOptimum {
  key: string;
  N: number;
  D: number;
  /** ln lr and ln B (tokens) of the group's optimum. */
  lnLr: number;
  lnB: number;
  /** Runs used (within the cutoff of the group's best run). */
  runsUsed: number;
  /** How the optimum was obtained: the model's vertex, or the best run (too few runs, or no minimum). */
  source: 'vertex' | 'best-run';
  flags: OptimumFlag[];
}

export interface OptimaResult {
  curvature: Curvature | null;
  optima: GroupOptimum[];
  cutoff: number;
  /** Residual standard deviation of ln L (the run noise the model sees). */
  sigma: number | null;
}

export interface OptimaOptions {
  /** Runs whose loss exceeds the group's best by more than this fraction are not used (default 0.02). */
  cutoff?: number;
  /** One design stride in ln lr and ln B, for the `vertex-outside` flag (default ln 2, ln 4). */
  stride?: { lnLr: number; lnB: number };
}

interface Prepared {
  g: GroupRuns;
  u: number[];
  v: number[];
  y: number[];
  cx: number;
  cy: number;
  varyU: boolean;
  varyV: boolean;
  best: { x: number; y: number };
}

const distinct = (xs: number[]) => new Set(xs.map((x) => x.toPrecision(9))).size;

function prepare(g: GroupRuns, cutoff: number, stride: { lnLr: number; lnB: number }): Prepared | null {
  const finite = g.runs.filter((r) => Number.isFinite(r.loss) && r.loss > 0);
  if (finite.length === 0) return null;
  const minLoss = Math.min(...finite.map((r) => r.loss));
  const best = finite.find((r) => r.loss === minLoss)!;
  // The plateau near the best run: within one design stride of it on each axis, and not far above it.
  const bx = Math.log(best.lr);
  const by = Math.log(best.batchTokens);
  const used = finite.filter(
    (r) => r.loss / minLoss - 1 <= cutoff && Math.abs(Math.log(r.lr) - bx) <= STRIDE_SLACK * stride.lnLr && Math.abs(Math.log(r.batchTokens) - by) <= STRIDE_SLACK * stride.lnB,
  );
  const xs = used.map((r) => Math.log(r.lr));
  const ys = used.map((r) => Math.log(r.batchTokens));
  const cx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const cy = ys.reduce((s, y) => s + y, 0) / ys.length;
  return {
    g,
    u: xs.map((x) => x - cx),
    v: ys.map((y) => y - cy),
    y: used.map((r) => Math.log(r.loss)),
    cx,
    cy,
    varyU: distinct(xs) >= 2,
    varyV: distinct(ys) >= 2,
    best: { x: Math.log(best.lr), y: Math.log(best.batchTokens) },
  };
}

/**
 * Every group's optimum under the shared-curvature quadratic model.
 * Groups with fewer runs (within the cutoff) than their own coefficients get
 * their best run as the optimum (flag `too-few-runs`), as does every group when
 * the pooled curvature is not a minimum (no positive-definite H).
 */
export function groupOptima(groups: GroupRuns[], options: OptimaOptions = {}): OptimaResult {
  const cutoff = options.cutoff ?? DEFAULT_CUTOFF;
  const stride = options.stride ?? { lnLr: Math.log(2), lnB: Math.log(4) };
  const prepared = groups.map((g) => prepare(g, cutoff, stride));
  // Own columns per group: intercept, plus u and v where the group's runs vary along them.
  const ownCols = prepared.map((p) => (p ? 1 + (p.varyU ? 1 : 0) + (p.varyV ? 1 : 0) : 0));
  const modelled = prepared.map((p, k) => p !== null && p.u.length > ownCols[k] && p.varyU && p.varyV);
  const fitted = (withCross: boolean) => {
    const rows: number[][] = [];
    const ys: number[] = [];
    const offsets: number[] = [];
    let width = 0;
    prepared.forEach((p, k) => {
      offsets.push(width);
      if (p && modelled[k]) width += ownCols[k];
    });
    const shared = withCross ? 3 : 2;
    prepared.forEach((p, k) => {
      if (!p || !modelled[k]) return;
      for (let r = 0; r < p.u.length; r++) {
        const row = new Array<number>(width + shared).fill(0);
        const o = offsets[k];
        row[o] = 1;
        row[o + 1] = p.u[r];
        row[o + 2] = p.v[r];
        row[width] = p.u[r] ** 2;
        row[width + 1] = p.v[r] ** 2;
        if (withCross) row[width + 2] = p.u[r] * p.v[r];
        rows.push(row);
        ys.push(p.y[r]);
      }
    });
    if (rows.length <= width + shared) return null;
    // Coefficients by the normal equations (Cholesky): undefined when the runs do not identify them.
    const coef = olsCoefficients(rows, ys);
    if (!coef) return null;
    const rss = rows.reduce((s, row, r) => s + (ys[r] - row.reduce((t, x, c) => t + x * coef[c], 0)) ** 2, 0);
    return { f: { coef, sigma: Math.sqrt(rss / (rows.length - width - shared)) }, offsets, width };
  };
  const anyModelled = modelled.some(Boolean);
  let fit = anyModelled ? fitted(true) : null;
  let crossFitted = fit !== null;
  if (!fit && anyModelled) {
    fit = fitted(false);
    crossFitted = false;
  }
  let curvature: Curvature | null = null;
  if (fit) {
    const c = fit.f.coef;
    const xx = c[fit.width];
    const yy = c[fit.width + 1];
    const xy = crossFitted ? c[fit.width + 2] : 0;
    curvature = { xx, yy, xy, crossFitted, positiveDefinite: xx > 0 && yy > 0 && 4 * xx * yy - xy * xy > 0 };
  }
  const optima = prepared.map((p, k): GroupOptimum | null => {
    if (!p) return null;
    const g = p.g;
    const flags: OptimumFlag[] = [];
    if (!p.varyU) flags.push('lr-not-varied');
    if (!p.varyV) flags.push('batch-not-varied');
    const bestRun = (): GroupOptimum => ({
      key: g.key,
      N: g.N,
      D: g.D,
      lnLr: p.best.x,
      lnB: p.best.y,
      runsUsed: p.u.length,
      source: 'best-run',
      flags: [...flags, ...(modelled[k] ? [] : (['too-few-runs'] as const)), 'best-run'],
    });
    if (!fit || !curvature || !curvature.positiveDefinite || !modelled[k]) return bestRun();
    const o = fit.offsets[k];
    const pu = fit.f.coef[o + 1];
    const pv = fit.f.coef[o + 2];
    // ∇ = (pu + 2·xx·u + xy·v, pv + 2·yy·v + xy·u) = 0.
    const det = 4 * curvature.xx * curvature.yy - curvature.xy ** 2;
    const u = (-pu * 2 * curvature.yy + pv * curvature.xy) / det;
    const v = (-pv * 2 * curvature.xx + pu * curvature.xy) / det;
    const lnLr = p.cx + u;
    const lnB = p.cy + v;
    const range = (xs: number[]) => [Math.min(...xs), Math.max(...xs)];
    const [ulo, uhi] = range(p.u);
    const [vlo, vhi] = range(p.v);
    if (u < ulo - stride.lnLr || u > uhi + stride.lnLr || v < vlo - stride.lnB || v > vhi + stride.lnB) flags.push('vertex-outside');
    return { key: g.key, N: g.N, D: g.D, lnLr, lnB, runsUsed: p.u.length, source: 'vertex', flags };
  });
  return {
    curvature,
    optima: optima.filter((o): o is GroupOptimum => o !== null),
    cutoff,
    sigma: fit ? fit.f.sigma : null,
  };
}
