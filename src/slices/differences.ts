/**
 * Do the exponents differ between slices? Per exponent, each slice's estimate
 * with its 95% interval, and every pairwise difference with a 95% interval
 * from the paired bootstrap (fitter/paired-difference.ts: slices are resampled
 * independently, so the b-th refit of A paired with the b-th of B draws from
 * the distribution of the difference; group-bootstrapped slices get the
 * small-cluster t interval). A difference "is resolved" when its interval
 * excludes zero.
 */
import { pairedDifference } from '../fitter/paired-difference.js';
import type { StepLawFit } from '../laws/steplaw-fit.js';
import type { SliceFit } from './fit-slices.js';

export type ExponentKey = 'lr/lnN' | 'lr/lnD' | 'batch/lnN' | 'batch/lnD';
export const EXPONENTS: readonly ExponentKey[] = ['lr/lnN', 'lr/lnD', 'batch/lnN', 'batch/lnD'];
/** Column of each exponent in a bootstrap sample [c0, cN, cD, b0, bN, bD]. */
const COLUMN: Record<ExponentKey, number> = { 'lr/lnN': 1, 'lr/lnD': 2, 'batch/lnN': 4, 'batch/lnD': 5 };

export interface SliceExponent {
  slice: string;
  /** False when the slice cannot identify this exponent (e.g. one N); then the numbers are null. */
  identified: boolean;
  estimate: number | null;
  bootstrapMean: number | null;
  ci95: [number, number] | null;
}

export interface ExponentDifference {
  a: string;
  b: string;
  /** estimate(a) − estimate(b), least-squares estimates. */
  difference: number;
  ci95: [number, number];
  excludesZero: boolean;
  /** How the interval was obtained (see fitter/paired-difference.ts). */
  interval: 'percentile' | 'cluster-t';
}

export interface ExponentComparison {
  exponent: ExponentKey;
  slices: SliceExponent[];
  differences: ExponentDifference[];
  pooled: SliceExponent | null;
  /** Published Step Law value for reference, where there is one. */
  published: number | null;
}

const PUBLISHED: Partial<Record<ExponentKey, number>> = { 'lr/lnN': -0.713, 'lr/lnD': 0.307, 'batch/lnD': 0.571 };

function exponentOf(fit: StepLawFit | undefined, key: ExponentKey, label: string): SliceExponent {
  const [target, term] = key.split('/') as ['lr' | 'batch', 'lnN' | 'lnD'];
  const t = fit?.[target].terms.find((x) => x.term === term);
  if (!fit || !t) return { slice: label, identified: false, estimate: null, bootstrapMean: null, ci95: null };
  return { slice: label, identified: true, estimate: t.estimate, bootstrapMean: t.bootstrapMean ?? null, ci95: t.ci95 ?? null };
}

function samplesOf(fit: StepLawFit, key: ExponentKey): number[] {
  return (fit.bootstrap?.samples ?? []).map((s) => s[COLUMN[key]]);
}

/** For two group-bootstrapped fits, the smaller number of groups (clusters); undefined for run-bootstrapped fits. */
export function clustersOf(A: StepLawFit, B: StepLawFit): number | undefined {
  if (A.bootstrap?.resample !== 'groups' || B.bootstrap?.resample !== 'groups') return undefined;
  return Math.min(A.bootstrap.units, B.bootstrap.units);
}

export function compareSliceExponents(slices: SliceFit[], pooled?: StepLawFit, exponents: readonly ExponentKey[] = EXPONENTS): ExponentComparison[] {
  const out: ExponentComparison[] = [];
  for (const key of exponents) {
    const rows = slices.map((s) => exponentOf(s.fit, key, s.label));
    if (!rows.some((r) => r.identified) && !(pooled && exponentOf(pooled, key, 'pooled').identified)) continue;
    const differences: ExponentDifference[] = [];
    for (let i = 0; i < slices.length; i++) {
      for (let j = i + 1; j < slices.length; j++) {
        const A = slices[i].fit;
        const B = slices[j].fit;
        if (!A || !B || !rows[i].identified || !rows[j].identified) continue;
        const p = pairedDifference(samplesOf(A, key), samplesOf(B, key), rows[i].estimate! - rows[j].estimate!, { clusters: clustersOf(A, B) });
        if (!p.ci95 || p.interval === 'none') continue;
        differences.push({ a: slices[i].label, b: slices[j].label, difference: p.estimate, ci95: p.ci95, excludesZero: p.excludesZero!, interval: p.interval });
      }
    }
    out.push({
      exponent: key,
      slices: rows,
      differences,
      pooled: pooled ? exponentOf(pooled, key, 'pooled') : null,
      published: PUBLISHED[key] ?? null,
    });
  }
  return out;
}
