/**
 * Loss-law fits per slice (a column's values, e.g. Gadre et al.'s training
 * sets) and the differences table of issue 5: per quantity, each slice's
 * estimate with its bootstrap interval, and every pairwise difference with a
 * bootstrap interval and whether that interval excludes zero.
 *
 * The slices are disjoint sets of runs, so their bootstrap resamples are
 * independent (each slice is fitted with its own seed, seed + slice index in
 * sorted order). The difference's interval is the 2.5–97.5% percentile of
 * θ_i^(k) − θ_j^(k) over k = 1 … min(#samples_i, #samples_j), pairing the k-th
 * successful resample of one slice with the k-th of the other; its point
 * estimate is the difference of the full-data estimates.
 */
import { pairedDifference } from '../fitter/paired-difference.js';
import { fitLossLaw, LOSS_LAW_QUANTITIES, type LossLawFit, type LossLawOptions, type LossLawQuantity, type LossPoint } from './loss-law.js';
import { DEFAULT_SEED } from '../util/random.js';
import { groupBy } from '../util/group-by.js';

export interface SliceDifference {
  of: [string, string];
  estimate: number;
  stderr: number | null;
  ci95: [number, number] | null;
  /** null when there are no bootstrap samples. */
  excludesZero: boolean | null;
  pairs: number;
}

export interface LossLawComparisonRow {
  quantity: LossLawQuantity;
  slices: { label: string; value: number; stderr: number | null; ci95: [number, number] | null }[];
  differences: SliceDifference[];
}

export interface LossLawComparison {
  quantities: LossLawQuantity[];
  /** 'first − second' for each pair, pairs in slice order. */
  difference: string;
  rows: LossLawComparisonRow[];
}

/** Default quantities compared: the exponents, and the compute-optimal split a = β/(α+β). */
export const COMPARED_QUANTITIES: LossLawQuantity[] = ['alpha', 'beta', 'a', 'E'];

/**
 * Differences table between slice fits (each with bootstrap samples for
 * intervals). Pairs (i, j), i < j in the order given.
 */
export function compareLossLawSlices(
  fits: readonly LossLawFit[],
  options: { quantities?: readonly LossLawQuantity[] } = {},
): LossLawComparison {
  const quantities = [...(options.quantities ?? COMPARED_QUANTITIES)];
  const rows = quantities.map((q): LossLawComparisonRow => {
    const j = LOSS_LAW_QUANTITIES.indexOf(q);
    if (j < 0) throw new Error(`compareLossLawSlices: unknown quantity ${q}`);
    const differences: SliceDifference[] = [];
    for (let a = 0; a < fits.length; a++) {
      for (let b = a + 1; b < fits.length; b++) {
        // NaN where a reduced law does not identify the quantity: dropped by the helper.
        const p = pairedDifference(
          (fits[a].bootstrap?.samples ?? []).map((v) => v[j]),
          (fits[b].bootstrap?.samples ?? []).map((v) => v[j]),
          fits[a].estimates[q].value - fits[b].estimates[q].value,
        );
        differences.push({
          of: [fits[a].label, fits[b].label],
          estimate: p.estimate,
          stderr: p.stderr,
          ci95: p.ci95,
          excludesZero: p.excludesZero,
          pairs: p.pairs,
        });
      }
    }
    return {
      quantity: q,
      slices: fits.map((f) => ({ label: f.label, value: f.estimates[q].value, stderr: f.estimates[q].stderr, ci95: f.estimates[q].ci95 })),
      differences,
    };
  });
  return { quantities, difference: 'first − second', rows };
}

/**
 * Group points by a slice value and fit each slice (sorted by value, numbers
 * in numeric order — '2in88' before '10in80'; slice i bootstraps with seed + i).
 */
export function fitLossLawSlices(
  points: readonly (LossPoint & { slice: string })[],
  options: LossLawOptions = {},
): LossLawFit[] {
  const groups = groupBy(points, (p) => p.slice);
  const seed = options.seed ?? DEFAULT_SEED;
  return [...groups.keys()]
    .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))
    .map((value, i) => fitLossLaw(groups.get(value)!, { ...options, label: value, seed: seed + i }));
}

/** A fit without its bootstrap sample vectors (for JSON files). */
export function withoutSamples(fit: LossLawFit): Omit<LossLawFit, 'bootstrap'> & {
  bootstrap: null | Omit<NonNullable<LossLawFit['bootstrap']>, 'samples'>;
} {
  if (!fit.bootstrap) return { ...fit, bootstrap: null };
  const { samples: _s, ...b } = fit.bootstrap;
  return { ...fit, bootstrap: b };
}
