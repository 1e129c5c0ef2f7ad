/**
 * The loss landscape of each group near its optimum (docs/method.md#relative-error: "convex
 * with a broad optimum").
 *
 * Plateau: for each band b (default 0.25%, 0.5%, 1%, 2%), the usable runs with
 * |L/L_min − 1| < b, how many, and the span of their lr and batch levels
 * (max/min: ×2 means a factor of two).
 *
 * Convexity: a full quadratic L ≈ c0 + c1·x + c2·y + c3·x² + c4·x·y + c5·y²
 * in x = ln lr, y = ln B, fitted by OLS on the runs within 2% of the minimum
 * (or, when those cannot identify it — fewer than 8 runs or a rank-deficient
 * design — on the usable runs of the 5×5 lattice neighbourhood of the argmin).
 * Its Hessian [[2c3, c4], [c4, 2c5]] is positive definite iff c3 > 0 and
 * 4·c3·c5 − c4² > 0. The vertex −H⁻¹·(c1, c2) is reported as (lr, batch).
 */
import { ols, RankDeficientError } from '../fitter/ols.js';
import type { Grid } from '../sweep/grid.js';
import type { Run } from '../sweep/types.js';
import { median } from '../util/stats.js';
import { minOf, maxOf } from '../util/arrays.js';
import { curvatureTolerance } from '../laws/identifiability.js';

export const DEFAULT_PLATEAU_BANDS = [0.0025, 0.005, 0.01, 0.02] as const;

export interface Plateau {
  band: number;
  runs: number;
  /** Span of lr levels within the band, max/min (1 = a single level). */
  lrSpan: number;
  batchSpan: number;
  lrRange: [number, number];
  batchRange: [number, number];
}

export interface Convexity {
  /** 'within-2%' or '5x5-neighbourhood'; 'insufficient' when neither can identify a quadratic. */
  source: 'within-2%' | '5x5-neighbourhood' | 'insufficient';
  points: number;
  /** Hessian of the fitted quadratic in (ln lr, ln B). */
  hessian: [[number, number], [number, number]] | null;
  eigenvalues: [number, number] | null;
  positiveDefinite: boolean | null;
  /** Stationary point of the quadratic (only meaningful when positive definite). */
  vertex: { lr: number; batchTokens: number } | null;
  r2: number | null;
}

export interface GroupLandscape {
  group: string;
  N: number;
  D: number;
  runs: number;
  usable: number;
  minLoss: number;
  argmin: { lr: number; batchTokens: number } | null;
  bracketed: { lr: boolean; batch: boolean };
  plateaus: Plateau[];
  convexity: Convexity;
}

export interface LandscapeSummary {
  groups: number;
  /** Medians over groups, per band. */
  medians: { band: number; runs: number; lrSpan: number; batchSpan: number }[];
  convex: number;
  /** Groups whose fitted quadratic is not positive definite (or could not be fitted). */
  notConvex: string[];
  notBracketed: string[];
}

function fitQuadratic(runs: Run[]): { coef: number[]; r2: number } | undefined {
  if (runs.length < 8) return undefined;
  const x0 = runs.reduce((s, r) => s + Math.log(r.lr), 0) / runs.length;
  const y0 = runs.reduce((s, r) => s + Math.log(r.batchTokens), 0) / runs.length;
  const X = runs.map((r) => {
    const x = Math.log(r.lr) - x0;
    const y = Math.log(r.batchTokens) - y0;
    return [1, x, y, x * x, x * y, y * y];
  });
  try {
    const f = ols(X, runs.map((r) => r.loss));
    // Back to absolute coordinates only for the vertex; the Hessian is shift-invariant.
    return { coef: [...f.coef, x0, y0], r2: f.r2 };
  } catch (e) {
    if (!(e instanceof RankDeficientError)) throw e;
    return undefined;
  }
}

export function convexityOf(grid: Grid): Convexity {
  const none: Convexity = { source: 'insufficient', points: 0, hessian: null, eigenvalues: null, positiveDefinite: null, vertex: null, r2: null };
  if (!grid.argmin) return none;
  const near = grid.usable.filter((r) => r.loss / grid.minLoss - 1 < 0.02);
  let source: Convexity['source'] = 'within-2%';
  let used = near;
  let fit = fitQuadratic(near);
  if (!fit) {
    const { i, j } = grid.cellOf(grid.argmin);
    used = grid.usable.filter((r) => {
      const c = grid.cellOf(r);
      return Math.abs(c.i - i) <= 2 && Math.abs(c.j - j) <= 2;
    });
    source = '5x5-neighbourhood';
    fit = fitQuadratic(used);
  }
  if (!fit) return { ...none, points: used.length };
  const [, c1, c2, c3, c4, c5, x0, y0] = fit.coef;
  const H: [[number, number], [number, number]] = [
    [2 * c3, c4],
    [c4, 2 * c5],
  ];
  const tr = H[0][0] + H[1][1];
  const det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
  const disc = Math.sqrt(Math.max(0, (tr / 2) ** 2 - det));
  const eigenvalues: [number, number] = [tr / 2 - disc, tr / 2 + disc];
  // Positive definite with a tolerance relative to the loss scale (src/laws/identifiability.ts): both eigenvalues
  // above it; a flat grid's 1e-16 is not curvature.
  const positiveDefinite = eigenvalues[0] > curvatureTolerance(grid.minLoss);
  let vertex: Convexity['vertex'] = null;
  if (Math.abs(det) > 1e-300) {
    // Solve H·v = −(c1, c2).
    const vx = (-c1 * H[1][1] + c2 * H[0][1]) / det;
    const vy = (-c2 * H[0][0] + c1 * H[1][0]) / det;
    vertex = { lr: Math.exp(vx + x0), batchTokens: Math.exp(vy + y0) };
  }
  return { source, points: used.length, hessian: H, eigenvalues, positiveDefinite, vertex, r2: fit.r2 };
}

export function plateauOf(grid: Grid, band: number): Plateau {
  const runs = grid.argmin ? grid.usable.filter((r) => Math.abs(r.loss / grid.minLoss - 1) < band) : [];
  const lrs = runs.map((r) => grid.lrLevels[grid.cellOf(r).i]);
  const bs = runs.map((r) => r.batchTokens);
  const lo = (v: number[]) => (v.length ? minOf(v) : NaN);
  const hi = (v: number[]) => (v.length ? maxOf(v) : NaN);
  return {
    band,
    runs: runs.length,
    lrSpan: hi(lrs) / lo(lrs),
    batchSpan: hi(bs) / lo(bs),
    lrRange: [lo(lrs), hi(lrs)],
    batchRange: [lo(bs), hi(bs)],
  };
}

export function landscapeOf(grid: Grid, bands: readonly number[] = DEFAULT_PLATEAU_BANDS): GroupLandscape {
  return {
    group: grid.key,
    N: grid.N,
    D: grid.D,
    runs: grid.runs.length,
    usable: grid.usable.length,
    minLoss: grid.minLoss,
    argmin: grid.argmin ? { lr: grid.argmin.lr, batchTokens: grid.argmin.batchTokens } : null,
    bracketed: grid.bracketed,
    plateaus: bands.map((b) => plateauOf(grid, b)),
    convexity: convexityOf(grid),
  };
}

export function landscape(grids: Grid[], bands: readonly number[] = DEFAULT_PLATEAU_BANDS): { groups: GroupLandscape[]; summary: LandscapeSummary } {
  const groups = grids.filter((g) => g.argmin).map((g) => landscapeOf(g, bands));
  const medians = bands.map((band, k) => {
    const ps = groups.map((g) => g.plateaus[k]);
    return {
      band,
      runs: ps.length ? median(ps.map((p) => p.runs)) : NaN,
      lrSpan: ps.length ? median(ps.map((p) => p.lrSpan)) : NaN,
      batchSpan: ps.length ? median(ps.map((p) => p.batchSpan)) : NaN,
    };
  });
  return {
    groups,
    summary: {
      groups: groups.length,
      medians,
      convex: groups.filter((g) => g.convexity.positiveDefinite === true).length,
      notConvex: groups.filter((g) => g.convexity.positiveDefinite !== true).map((g) => g.group),
      notBracketed: groups.filter((g) => !g.bracketed.lr || !g.bracketed.batch).map((g) => g.group),
    },
  };
}
