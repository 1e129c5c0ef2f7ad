/**
 * Parameter covariance from the Jacobian at the solution, as scipy's
 * `curve_fit` computes it (scipy/optimize/_minpack_py.py):
 *   J = U·S·Vᵀ (thin SVD); singular values s_k ≤ eps·max(m, n)·s_0 are "zero";
 *   Cov = V·S⁻²·Vᵀ · s², s² = 2·cost / (m − n_varys)   (absolute_sigma = false).
 * For loss = 'linear', 2·cost = χ² and s² is lmfit's redchi. With a robust loss
 * J is scipy's rescaled Jacobian J̃ (`least_squares(...).jac`) and cost the
 * robust cost — again what `curve_fit(..., loss=...)` does.
 *
 * A second, unit-free cut: the column-normalised J must have
 * s_min > max(accuracy of J, eps·max(m, n))·s_max.
 *
 * Where scipy would return a pseudo-inverse with the dropped directions
 * silently missing, this returns `singular: true` and no matrix ("uncertainties
 * could not be estimated", lmfit's wording) — a covariance that hides a
 * direction is not a covariance to quote.
 */
import { mlMatrix } from '../util/ml-matrix.js';

const EPS = 2.220446049250313e-16;

export interface CovarianceResult {
  covariance: number[][] | null;
  singular: boolean;
  /** s_0 / s_last of J with its columns scaled to unit norm (unit-free collinearity measure). */
  condition: number;
  /** Singular values of J (descending). */
  singularValues: number[];
}

/**
 * @param jac column-major m×k Jacobian (already rescaled for a robust loss).
 * @param s2 the variance scale (redchi-like); pass 1 for absolute sigma.
 */
export function covarianceFromJacobian(
  jac: Float64Array,
  m: number,
  k: number,
  s2: number,
  /** Relative accuracy of J: columns dependent to within it count as singular (finite differences: 1e-9). */
  jacAccuracy = 0,
): CovarianceResult {
  if (k === 0) return { covariance: [], singular: false, condition: 1, singularValues: [] };
  const { Matrix, SingularValueDecomposition } = mlMatrix();
  const J = new Matrix(m, k);
  const Jn = new Matrix(m, k);
  for (let j = 0; j < k; j++) {
    let nrm = 0;
    for (let i = 0; i < m; i++) nrm += jac[j * m + i] ** 2;
    nrm = Math.sqrt(nrm) || 1;
    for (let i = 0; i < m; i++) {
      J.set(i, j, jac[j * m + i]);
      Jn.set(i, j, jac[j * m + i] / nrm);
    }
  }
  const svd = new SingularValueDecomposition(J, { computeLeftSingularVectors: false, autoTranspose: true });
  const s = svd.diagonal;
  const V = svd.rightSingularVectors;
  const sn = new SingularValueDecomposition(Jn, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
    autoTranspose: true,
  }).diagonal;
  const snMax = Math.max(...sn);
  const snMin = Math.min(...sn);
  const condition = snMin > 0 ? snMax / snMin : Infinity;
  const sMax = Math.max(...s);
  const threshold = EPS * Math.max(m, k) * sMax;
  // scipy's cut on the raw J, plus a unit-free one on the column-normalised J
  // at the Jacobian's own accuracy (a finite-difference J turns an exact
  // dependence into singular values ~1e-11 that scipy's cut would keep).
  const singular =
    !(sMax > 0) ||
    s.some((v) => !(v > threshold)) ||
    !(snMin > Math.max(jacAccuracy, EPS * Math.max(m, k)) * snMax) ||
    !Number.isFinite(s2);
  if (singular) return { covariance: null, singular: true, condition, singularValues: s };
  const cov: number[][] = [];
  for (let a = 0; a < k; a++) {
    const row = new Array<number>(k);
    for (let b = 0; b < k; b++) {
      let sum = 0;
      for (let q = 0; q < s.length; q++) sum += (V.get(a, q) * V.get(b, q)) / (s[q] * s[q]);
      row[b] = sum * s2;
    }
    cov.push(row);
  }
  return { covariance: cov, singular: false, condition, singularValues: s };
}
