/**
 * Ordinary least squares y = X·β + ε by Householder QR (column-wise, `qr-columns.ts`).
 *
 * β̂ = argmin ‖y − Xβ‖²; σ̂² = RSS / (n − p); Cov(β̂) = σ̂²·(XᵀX)⁻¹ = σ̂²·R⁻¹R⁻ᵀ;
 * R² = 1 − RSS / Σ(y − ȳ)² (with an intercept column). Standard textbook
 * results (e.g. Seber & Lee, *Linear Regression Analysis*, §3).
 *
 * @throws RankDeficientError when X has fewer rows than columns or is rank deficient.
 * @example ols([[1, 0], [1, 1], [1, 2]], [1, 3, 5]).coef; // => [1, 2]
 */
import { Matrix, inverse } from '../util/ml-matrix.js';
import { ColumnQr } from './qr-columns.js';

export interface OlsResult {
  coef: number[];
  stderr: number[];
  covariance: number[][];
  residuals: number[];
  rss: number;
  r2: number;
  n: number;
  p: number;
  dof: number;
  sigma: number;
}

/** The design cannot identify the coefficients (fewer rows than columns, or rank deficient): callers that expect it catch this type only. */
export class RankDeficientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RankDeficientError';
  }
}

export function ols(X: number[][], y: number[]): OlsResult {
  const n = X.length;
  const p = n > 0 ? X[0].length : 0;
  if (n < p || p === 0) throw new RankDeficientError(`ols: need at least as many rows (${n}) as columns (${p})`);
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) columns[j][i] = X[i][j];
  return olsColumns(columns, y);
}

/** `ols` of a design given as its p columns (each of length n): no array per row. */
export function olsColumns(columns: readonly Float64Array[], y: readonly number[]): OlsResult {
  const p = columns.length;
  const n = p > 0 ? columns[0].length : 0;
  if (n < p || p === 0) throw new RankDeficientError(`ols: need at least as many rows (${n}) as columns (${p})`);
  // Column-wise Householder QR (same algorithm and bits as ml-matrix's, no object per row).
  const qr = new ColumnQr(columns);
  if (!qr.isFullRank()) throw new RankDeficientError('ols: design matrix is rank deficient');
  const coef = qr.solve(y);
  // Plain loops (no callback per row): the same sums in the same order as the reduce they replace.
  const residuals = new Array<number>(n);
  let rss = 0;
  let ysum = 0;
  for (let i = 0; i < n; i++) {
    let fitted = 0;
    for (let j = 0; j < p; j++) fitted += columns[j][i] * coef[j];
    const r = y[i] - fitted;
    residuals[i] = r;
    rss += r * r;
    ysum += y[i];
  }
  const ybar = ysum / n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i] - ybar) ** 2;
  const dof = n - p;
  const sigma2 = dof > 0 ? rss / dof : NaN;
  const R = new Matrix(qr.upperTriangular());
  const Rinv = inverse(R);
  const covariance = Rinv.mmul(Rinv.transpose()).mul(sigma2).to2DArray();
  return {
    coef,
    stderr: covariance.map((row, i) => Math.sqrt(row[i])),
    covariance,
    residuals,
    rss,
    // y constant (to rounding): R² is undefined, not 0 or 1.
    r2: tss > n * (1e-12 * Math.max(1, Math.abs(ybar))) ** 2 ? 1 - rss / tss : NaN,
    n,
    p,
    dof,
    sigma: Math.sqrt(sigma2),
  };
}

/**
 * OLS coefficients only, by the normal equations solved with Cholesky — the
 * bootstrap's hot loop, where thousands of small well-conditioned refits are
 * needed and the standard errors are not. Returns undefined when XᵀX is not
 * positive definite (a resample that cannot identify the coefficients).
 */
export function olsCoefficients(X: number[][], y: number[], rows?: ArrayLike<number>): number[] | undefined {
  const p = X[0].length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const m = rows ? rows.length : X.length;
  for (let k = 0; k < m; k++) {
    const i = rows ? rows[k] : k;
    const xi = X[i];
    const yi = y[i];
    for (let a = 0; a < p; a++) {
      xty[a] += xi[a] * yi;
      for (let b = 0; b <= a; b++) xtx[a * p + b] += xi[a] * xi[b];
    }
  }
  return solveNormalEquations(xtx, xty, p);
}

/**
 * Solve the normal equations (XᵀX)·β = Xᵀy by Cholesky, L·Lᵀ = XᵀX, then
 * L·z = Xᵀy and Lᵀ·β = z. `xtx` holds XᵀX row-major (p × p; only the lower
 * triangle is read). Returns undefined when a pivot is not positive relative
 * to its diagonal (tolerance 1e-12): XᵀX is not positive definite.
 */
export function solveNormalEquations(xtx: ArrayLike<number>, xty: ArrayLike<number>, p: number): number[] | undefined {
  const L = new Float64Array(p * p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = xtx[a * p + b];
      for (let k = 0; k < b; k++) s -= L[a * p + k] * L[b * p + k];
      if (a === b) {
        if (!(s > 1e-12 * xtx[a * p + a])) return undefined;
        L[a * p + a] = Math.sqrt(s);
      } else L[a * p + b] = s / L[b * p + b];
    }
  }
  const z = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    let s = xty[a];
    for (let k = 0; k < a; k++) s -= L[a * p + k] * z[k];
    z[a] = s / L[a * p + a];
  }
  const beta = new Array<number>(p);
  for (let a = p - 1; a >= 0; a--) {
    let s = z[a];
    for (let k = a + 1; k < p; k++) s -= L[k * p + a] * beta[k];
    beta[a] = s / L[a * p + a];
  }
  return beta;
}
