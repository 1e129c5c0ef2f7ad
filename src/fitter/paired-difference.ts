/**
 * The difference of a quantity between two independently bootstrapped fits
 * (two slices, two data sets), with a 95% interval — the one helper every
 * comparison uses, so the null and NaN rules are the same everywhere.
 *
 * The fits are resampled independently, so pairing the k-th successful refit
 * of A with the k-th of B draws from the bootstrap distribution of
 * θ_A − θ_B (Efron & Tibshirani 1993, §13). Rules:
 *  - pairs are (a[k], b[k]) for k < min(len a, len b); a pair whose
 *    difference is not finite (a reduced fit that does not identify the
 *    quantity in that refit) is dropped and not counted in `pairs`;
 *  - with fewer than 2 pairs there is no interval: `stderr`, `ci95` and
 *    `excludesZero` are null (never NaN);
 *  - interval: the 2.5%/97.5% percentiles of the paired differences, or —
 *    when the fits were cluster-bootstrapped (`clusters` = the smaller fit's
 *    number of clusters G) — estimate ± t_{G−1, 0.975}·√(G/(G−1))·sd, the
 *    small-cluster correction of Cameron & Miller (2015, §VI) that each fit's
 *    own group-bootstrap interval uses (laws/steplaw-fit.ts), with the
 *    smaller G for conservative degrees of freedom;
 *  - "resolved" (`excludesZero`) when the interval excludes 0.
 * Quantities compared on a log scale (ln lr*) give ratios by exp().
 */
import { quantile, sampleStd, studentTQuantile } from '../util/stats.js';

export interface PairedDifference {
  /** The point estimate of θ_A − θ_B (the caller's, e.g. from the full-data fits). */
  estimate: number;
  /** Paired bootstrap draws with a finite difference. */
  pairs: number;
  /** SD of the paired differences; null with fewer than 2 pairs. */
  stderr: number | null;
  ci95: [number, number] | null;
  /** Whether ci95 excludes 0; null without an interval. */
  excludesZero: boolean | null;
  /** How ci95 was obtained. */
  interval: 'percentile' | 'cluster-t' | 'none';
}

export interface PairedDifferenceOptions {
  /** The fits were cluster-bootstrapped; the smaller number of clusters of the two (G ≥ 2). */
  clusters?: number;
}

export function pairedDifference(a: readonly number[], b: readonly number[], estimate: number, options: PairedDifferenceOptions = {}): PairedDifference {
  const d: number[] = [];
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const v = a[k] - b[k];
    if (Number.isFinite(v)) d.push(v);
  }
  if (d.length < 2 || !Number.isFinite(estimate)) {
    return { estimate, pairs: d.length, stderr: d.length < 2 ? null : sampleStd(d), ci95: null, excludesZero: null, interval: 'none' };
  }
  const sd = sampleStd(d);
  const G = options.clusters;
  let ci: [number, number];
  let interval: PairedDifference['interval'];
  if (G !== undefined && G >= 2) {
    ci = clusterTInterval(estimate, sd, G);
    interval = 'cluster-t';
  } else {
    ci = [quantile(d, 0.025), quantile(d, 0.975)];
    interval = 'percentile';
  }
  return { estimate, pairs: d.length, stderr: sd, ci95: ci, excludesZero: ci[0] > 0 || ci[1] < 0, interval };
}

/**
 * The small-cluster 95% interval from a cluster-bootstrap SD with G clusters:
 * estimate ± t_{G−1, 0.975}·√(G/(G−1))·sd (CR1 scale, t(G − 1) critical
 * value; Cameron & Miller 2015, §VI).
 */
export function clusterTInterval(estimate: number, sd: number, G: number): [number, number] {
  const h = studentTQuantile(0.975, G - 1) * Math.sqrt(G / (G - 1)) * sd;
  return [estimate - h, estimate + h];
}
