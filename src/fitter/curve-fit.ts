/**
 * `curveFit`: y ≈ model(x, p) with optional σ per point (residuals
 * r_i = (y_i − model(x_i, p))/σ_i, like scipy `curve_fit` with
 * absolute_sigma = false), and R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² on the
 * unweighted data (lmfit's `rsquared` on the residuals it minimised uses the
 * weighted ones; we report the plain-data R² scientists quote — weights only
 * change the fit, not what "variance explained" means).
 */
import { leastSquares } from './least-squares.js';
import type { FitResult, LeastSquaresOptions, ParamSpec } from './types.js';

export interface CurveFitOptions extends LeastSquaresOptions {
  sigma?: number[];
  /** Analytic ∂model(x, p)/∂p_j for all params. */
  jacobian?: (x: number, p: Float64Array) => number[];
}

export function curveFit(
  model: (x: number, p: Float64Array) => number,
  x: number[],
  y: number[],
  params: ParamSpec[],
  options: CurveFitOptions = {},
): FitResult {
  const m = x.length;
  if (y.length !== m) throw new Error(`curveFit: x has ${m} values, y has ${y.length}`);
  const sigma = options.sigma;
  if (sigma && sigma.length !== m) throw new Error(`curveFit: sigma has ${sigma.length} values, y has ${m}`);
  if (sigma && sigma.some((v) => !(v > 0) || !Number.isFinite(v))) throw new Error('curveFit: sigma must be finite and > 0');
  const w = Float64Array.from({ length: m }, (_, i) => (sigma ? 1 / sigma[i] : 1));
  const residuals = (p: Float64Array): Float64Array => {
    const r = new Float64Array(m);
    for (let i = 0; i < m; i++) r[i] = (y[i] - model(x[i], p)) * w[i];
    return r;
  };
  const jmodel = options.jacobian;
  const jacobian = jmodel
    ? (p: Float64Array): Float64Array[] => {
        const rows: Float64Array[] = new Array(m);
        for (let i = 0; i < m; i++) {
          const g = jmodel(x[i], p);
          const row = new Float64Array(g.length);
          for (let j = 0; j < g.length; j++) row[j] = -g[j] * w[i];
          rows[i] = row;
        }
        return rows;
      }
    : undefined;
  const res = leastSquares({ params, residuals, jacobian }, options);
  let ybar = 0;
  for (const v of y) ybar += v;
  ybar /= m;
  let sst = 0;
  let sse = 0;
  for (let i = 0; i < m; i++) {
    sst += (y[i] - ybar) ** 2;
    sse += (res.residuals[i] / w[i]) ** 2;
  }
  res.rsquared = sst > 0 ? 1 - sse / sst : undefined;
  return res;
}
