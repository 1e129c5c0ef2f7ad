/**
 * One-dimensional Gaussian filter, the definition of scipy's
 * `scipy.ndimage.gaussian_filter1d(x, sigma, mode='reflect', truncate=4.0)`
 * (order 0), which the Step Law authors smooth their loss curves with
 * (github.com/step-law/steplaw `code/log_analysis.py`, docs/method.md#smooth-loss).
 *
 * - Kernel radius r = int(truncate · sigma + 0.5) (truncation toward zero).
 * - Weights w_k = exp(−0.5 / sigma² · k²) for k = −r … r, divided by their sum.
 * - y_i = Σ_k w_k · x_{i+k}, where indices outside [0, n) are folded by the
 *   'reflect' (half-sample symmetric) rule `(d c b a | a b c d | d c b a)`:
 *   x_{−1} = x_0, x_{−2} = x_1, x_n = x_{n−1}, x_{n+1} = x_{n−2}; the pattern
 *   repeats with period 2n, so kernels longer than the series fold again.
 *
 * sigma must be a finite number > 0: scipy raises `ZeroDivisionError` for
 * sigma = 0 and rejects the negative radius a sigma ≤ −0.125 gives; we throw a
 * `RangeError` for every sigma ≤ 0 rather than invent a meaning. A tiny
 * positive sigma (r = 0) leaves the series unchanged, exactly as scipy does.
 */

export const DEFAULT_TRUNCATE = 4.0;

/** Kernel radius scipy uses: int(truncate · sigma + 0.5). */
export function kernelRadius(sigma: number, truncate = DEFAULT_TRUNCATE): number {
  checkSigma(sigma);
  return Math.trunc(truncate * sigma + 0.5);
}

/** Normalised Gaussian weights w[0..2r], w[r] at offset 0 (symmetric). */
export function gaussianKernel(sigma: number, truncate = DEFAULT_TRUNCATE): Float64Array {
  const r = kernelRadius(sigma, truncate);
  const c = -0.5 / (sigma * sigma);
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let k = -r; k <= r; k++) {
    const v = Math.exp(c * k * k);
    w[k + r] = v;
    sum += v;
  }
  for (let i = 0; i < w.length; i++) w[i] /= sum;
  return w;
}

/** Fold an index into [0, n) by the half-sample symmetric 'reflect' rule. */
export function reflectIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  const period = 2 * n;
  const j = ((i % period) + period) % period;
  return j < n ? j : period - 1 - j;
}

/** The smoothed value at position i, given precomputed weights (`gaussianKernel`). */
export function smoothedAt(x: ArrayLike<number>, i: number, weights: Float64Array): number {
  const n = x.length;
  const r = (weights.length - 1) / 2;
  let acc = weights[r] * x[i];
  for (let k = 1; k <= r; k++) {
    acc += weights[r + k] * (x[reflectIndex(i + k, n)] + x[reflectIndex(i - k, n)]);
  }
  return acc;
}

/** The whole filtered series (scipy `gaussian_filter1d`, mode 'reflect'). */
export function gaussianFilter1d(x: ArrayLike<number>, sigma: number, truncate = DEFAULT_TRUNCATE): Float64Array {
  const w = gaussianKernel(sigma, truncate);
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = smoothedAt(x, i, w);
  return y;
}

function checkSigma(sigma: number): void {
  if (!(Number.isFinite(sigma) && sigma > 0)) {
    throw new RangeError(`gaussian filter: sigma must be a finite number > 0, got ${sigma}`);
  }
}
