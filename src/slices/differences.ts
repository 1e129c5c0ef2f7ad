/**
 * Do the exponents differ between slices? Per exponent, each slice's estimate
 * with its 95% bootstrap interval, and every pairwise difference with a 95%
 * percentile interval from the bootstrap: slices are resampled independently,
 * so pairing the b-th refit of slice A with the b-th refit of slice B gives a
 * draw from the bootstrap distribution of the difference (Efron & Tibshirani,
 * *An Introduction to the Bootstrap*, §13). A difference "is resolved" when its
 * interval excludes zero.
 */
import { quantile } from '../util/stats.js';
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
        const sa = samplesOf(A, key);
        const sb = samplesOf(B, key);
        const n = Math.min(sa.length, sb.length);
        if (n < 2) continue;
        const d = Array.from({ length: n }, (_, k) => sa[k] - sb[k]);
        const ci: [number, number] = [quantile(d, 0.025), quantile(d, 0.975)];
        differences.push({
          a: slices[i].label,
          b: slices[j].label,
          difference: rows[i].estimate! - rows[j].estimate!,
          ci95: ci,
          excludesZero: ci[0] > 0 || ci[1] < 0,
        });
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
