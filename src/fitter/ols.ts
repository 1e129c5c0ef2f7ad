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
  return olsColumns(columnsOf(X), y);
}

/** The columns of a design given as rows (as many as the first row has; none for no rows). */
export function columnsOf(X: readonly (readonly number[])[]): Float64Array[] {
  const n = X.length;
  const p = n > 0 ? X[0].length : 0;
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) columns[j][i] = X[i][j];
  return columns;
}

/**
 * The OLS covariance σ²·(XᵀX)⁻¹ = σ²·R⁻¹R⁻ᵀ from X = QR, by the operations, in the order, of ml-matrix's
 * `inverse(R).mmul(inverse(R).transpose()).mul(σ²)`, which this replaced (so the bits are the same; loading
 * ml-matrix cost every command ~30 ms of start-up, util/ml-matrix.ts). ml-matrix inverts by an LU solve against
 * the identity; for an upper-triangular R with a non-zero diagonal LU's pivot search never swaps (the entries
 * below the diagonal are zero), L is the identity and forward elimination leaves the identity as it is, so
 * what remains is the back substitution below: for k from p − 1 down, row k of X divided by R[k][k], then
 * subtracted, times R[i][k], from each row i above it. Then C[i][j] = (Σ_k X[i][k]·X[j][k]) · σ², the sum from
 * k = 0 up, as ml-matrix's mmul and scalar mul do it.
 */
export function qrCovariance(R: readonly (readonly number[])[], sigma2: number): number[][] {
  const p = R.length;
  const X = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? 1 : 0)));
  for (let k = p - 1; k >= 0; k--) {
    for (let j = 0; j < p; j++) X[k][j] /= R[k][k];
    for (let i = 0; i < k; i++) for (let j = 0; j < p; j++) X[i][j] -= X[k][j] * R[i][k];
  }
  return Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (let k = 0; k < p; k++) s += X[i][k] * X[j][k];
      return s * sigma2;
    }),
  );
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
  const covariance = qrCovariance(qr.upperTriangular(), sigma2);
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
  const beta = new Array<number>(p);
  return solveNormalEquationsInto(xtx, xty, p, new Float64Array(p * p), new Float64Array(p), beta) ? beta : undefined;
}

/**
 * `solveNormalEquations` into `beta` (p entries), with `L` (≥ p² entries) and `z` (≥ p) as work space, written
 * before they are read, so they can be reused between calls: the bootstrap solves a thousand small systems and
 * allocates nothing for them. False when XᵀX is not positive definite (`beta` then unspecified).
 */
export function solveNormalEquationsInto(
  xtx: ArrayLike<number>,
  xty: ArrayLike<number>,
  p: number,
  L: Float64Array,
  z: Float64Array,
  beta: { [k: number]: number },
): boolean {
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let s = xtx[a * p + b];
      for (let k = 0; k < b; k++) s -= L[a * p + k] * L[b * p + k];
      if (a === b) {
        if (!(s > 1e-12 * xtx[a * p + a])) return false;
        L[a * p + a] = Math.sqrt(s);
      } else L[a * p + b] = s / L[b * p + b];
    }
  }
  for (let a = 0; a < p; a++) {
    let s = xty[a];
    for (let k = 0; k < a; k++) s -= L[a * p + k] * z[k];
    z[a] = s / L[a * p + a];
  }
  for (let a = p - 1; a >= 0; a--) {
    let s = z[a];
    for (let k = a + 1; k < p; k++) s -= L[k * p + a] * beta[k];
    beta[a] = s / L[a * p + a];
  }
  return true;
}
