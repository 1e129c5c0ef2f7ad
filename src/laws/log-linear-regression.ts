/**
 * The regressions behind a Step Law fit, ln y = X·β, by one of three methods:
 *
 *  - `ols`: ordinary least squares on natural logs — the authors' method
 *    (github.com/step-law/steplaw `code/fit_tool.py`).
 *  - `huber`: the same log-space model with scipy's Huber loss
 *    (rho on (r/δ)², `least_squares(loss='huber', f_scale=δ)`), robust to the
 *    odd run in the band. δ = 1.345·σ̂ with σ̂ = 1.4826·MAD of the OLS log
 *    residuals: Huber's tuning constant for 95% efficiency under normal errors
 *    (Huber & Ronchetti, *Robust Statistics*, 2nd ed., §4.4).
 *  - `nls`: y = exp(X·β) in linear space with relative residuals
 *    r = exp(X·β − ln y) − 1, i.e. least squares on (ŷ − y)/y.
 *
 * Engine methods start from the OLS solution; their standard errors come from
 * the engine's covariance (SVD of the Jacobian, scaled by the reduced χ²).
 */
import { leastSquares, type FitResult } from '../fitter/index.js';
import { columnsOf, olsColumns, olsCoefficients } from '../fitter/ols.js';
import { median } from '../util/stats.js';

export type RegressionMethod = 'ols' | 'huber' | 'nls';
export const REGRESSION_METHODS: readonly RegressionMethod[] = ['ols', 'huber', 'nls'];

export interface Regression {
  coef: number[];
  stderr: number[];
  n: number;
  dof: number;
  /** 1 − SS_res/SS_tot of the log residuals. */
  r2: number;
  /** Residual standard deviation of the log residuals, √(SS_res/dof). */
  sigma: number;
  /** Engine methods: convergence and the Huber δ used. */
  engine?: { success: boolean; status: string; message: string; nfev: number; fScale?: number };
  /** Engine methods: the OLS solution they start from (the authors' estimates), for comparison. */
  ols?: { coef: number[]; stderr: number[] };
}

function logStats(X: number[][], y: number[], coef: number[]): { r2: number; sigma: number; dof: number } {
  const n = y.length;
  const res = y.map((yi, i) => yi - X[i].reduce((s, x, j) => s + x * coef[j], 0));
  const ss = res.reduce((s, r) => s + r * r, 0);
  const ybar = y.reduce((s, v) => s + v, 0) / n;
  const tss = y.reduce((s, v) => s + (v - ybar) ** 2, 0);
  const dof = n - coef.length;
  return { r2: tss > 0 ? 1 - ss / tss : NaN, sigma: Math.sqrt(ss / dof), dof };
}

/** The Huber scale δ = 1.345 · 1.4826 · MAD of the OLS residuals (floored to avoid δ = 0 on exact data). */
export function huberScale(residuals: number[]): number {
  const med = median(residuals);
  const mad = median(residuals.map((r) => Math.abs(r - med)));
  return Math.max(1.345 * 1.4826 * mad, 1e-8);
}

function engineProblem(X: number[][], y: number[], rows: ArrayLike<number> | undefined, method: 'huber' | 'nls', start: number[]) {
  const idx = rows ? Array.from(rows) : X.map((_, i) => i);
  const p = start.length;
  const m = idx.length;
  return {
    params: start.map((value, k) => ({ name: `b${k}`, value })),
    residuals: (b: Float64Array) => {
      const r = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        const i = idx[k];
        let eta = 0;
        for (let j = 0; j < p; j++) eta += X[i][j] * b[j];
        r[k] = method === 'huber' ? eta - y[i] : Math.exp(eta - y[i]) - 1;
      }
      return r;
    },
    jacobian: (b: Float64Array) => {
      const J: Float64Array[] = [];
      for (let k = 0; k < m; k++) {
        const i = idx[k];
        const row = new Float64Array(p);
        let scale = 1;
        if (method === 'nls') {
          let eta = 0;
          for (let j = 0; j < p; j++) eta += X[i][j] * b[j];
          scale = Math.exp(eta - y[i]);
        }
        for (let j = 0; j < p; j++) row[j] = scale * X[i][j];
        J.push(row);
      }
      return J;
    },
  };
}

function engineFit(X: number[][], y: number[], method: 'huber' | 'nls', start: number[], fScale: number | undefined, rows?: ArrayLike<number>, skipCovariance = false): FitResult {
  return leastSquares(engineProblem(X, y, rows, method, start), {
    loss: method === 'huber' ? 'huber' : 'linear',
    fScale: method === 'huber' ? fScale : 1,
    skipCovariance,
  });
}

/** A design matrix as its columns, and as rows made on demand (the engine methods need rows; OLS does not). */
export interface DesignMatrix {
  columns: Float64Array[];
  rows(): number[][];
}

/** A design given as rows, as a `DesignMatrix`. */
export function designOfRows(X: number[][]): DesignMatrix {
  return { columns: columnsOf(X), rows: () => X };
}

/** Fit ln y = X·β by `method` on all rows (the design as rows, or as columns with rows on demand). */
export function regress(given: number[][] | DesignMatrix, y: number[], method: RegressionMethod): Regression {
  const design = Array.isArray(given) ? designOfRows(given) : given;
  const base = olsColumns(design.columns, y);
  if (method === 'ols') {
    return { coef: base.coef, stderr: base.stderr, n: base.n, dof: base.dof, r2: base.r2, sigma: base.sigma };
  }
  const X = design.rows();
  const fScale = method === 'huber' ? huberScale(base.residuals) : undefined;
  const fit = engineFit(X, y, method, base.coef, fScale);
  const coef = fit.x;
  const stderr = fit.params.map((p) => p.stderr ?? NaN);
  return {
    coef,
    stderr,
    n: y.length,
    ...logStats(X, y, coef),
    engine: { success: fit.success, status: fit.status, message: fit.message, nfev: fit.nfev, fScale },
    ols: { coef: base.coef, stderr: base.stderr },
  };
}

/**
 * Coefficients only, on a resample (bootstrap hot loop). Engine methods start
 * from the resample's OLS solution and keep the full-data Huber δ.
 * Returns undefined when the resample cannot identify β or the engine fails.
 */
export function regressCoefficients(
  X: number[][],
  y: number[],
  rows: ArrayLike<number>,
  method: RegressionMethod,
  fScale?: number,
): number[] | undefined {
  const b = olsCoefficients(X, y, rows);
  if (!b || method === 'ols') return b;
  const fit = engineFit(X, y, method, b, fScale, rows, true);
  return fit.success ? fit.x : undefined;
}
