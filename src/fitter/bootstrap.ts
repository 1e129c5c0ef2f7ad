/**
 * Seeded nonparametric bootstrap (Efron & Tibshirani 1993, ch. 6 and 13):
 * resample the n data indices with replacement nboot times, refit each resample,
 * report the mean, the standard deviation (n − 1 denominator) and the 2.5% and
 * 97.5% percentiles (numpy type-7 quantiles) of every parameter over the
 * successful refits, and how many refits failed (refit returned undefined or a
 * non-finite value). Statistics are NaN when too few refits succeeded.
 */
import type { Rng } from '../util/random.js';
import { mean, quantile, sampleStd } from '../util/stats.js';
import type { BootstrapResult } from './types.js';

export function bootstrap(
  n: number,
  nboot: number,
  rng: Rng,
  refit: (idx: Int32Array) => number[] | undefined,
  onProgress?: (done: number, total: number) => void,
): BootstrapResult {
  if (!(n >= 1) || !(nboot >= 1)) throw new Error(`bootstrap: need n ≥ 1 and nboot ≥ 1 (got ${n}, ${nboot})`);
  const samples: number[][] = [];
  let failed = 0;
  const idx = new Int32Array(n);
  for (let b = 0; b < nboot; b++) {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    const v = refit(idx.slice());
    if (v === undefined || v.some((x) => !Number.isFinite(x))) failed++;
    else samples.push(v);
    onProgress?.(b + 1, nboot);
  }
  const k = samples.length ? samples[0].length : 0;
  const col = (j: number) => samples.map((v) => v[j]);
  // NaN where too few refits succeeded to define the statistic (std needs 2).
  const stat = (f: (xs: number[]) => number, need: number) =>
    Array.from({ length: k }, (_, j) => (samples.length >= need ? f(col(j)) : NaN));
  return {
    samples,
    nboot,
    failed,
    mean: stat(mean, 1),
    std: stat(sampleStd, 2),
    lower: stat((xs) => quantile(xs, 0.025), 1),
    upper: stat((xs) => quantile(xs, 0.975), 1),
  };
}
