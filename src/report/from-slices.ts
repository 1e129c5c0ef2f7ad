/**
 * Adapters from a slice study (src/slices/study.ts: one Step Law fit per
 * slice, pooled fit, paired-bootstrap differences) to the report: a forest
 * plot of each identified exponent by slice with its 95% bootstrap interval,
 * the pooled estimate as reference and the published Step Law value; and the
 * table of pairwise differences.
 */
import type { ExponentKey } from '../slices/differences.js';
import type { SliceStudy } from '../slices/study.js';
import type { ForestInput, TableInput } from './types.js';

/** `lr/lnD` → `lr: D-exponent`. */
export function exponentLabel(key: ExponentKey | string): string {
  const [target, term] = key.split('/');
  return `${target}: ${term === 'lnN' ? 'N' : term === 'lnD' ? 'D' : term}-exponent`;
}

/** Forest plot input of a slice study: slices without an interval for an exponent are left out of that panel (and named in the caption). */
export function forestFromSliceStudy(study: SliceStudy, source: string, id = `forest-${study.by}`): ForestInput {
  const rows: ForestInput['rows'] = [];
  const missing: string[] = [];
  const pooled: ForestInput['pooled'] = [];
  const published: NonNullable<ForestInput['published']> = [];
  for (const c of study.exponents) {
    const exponent = exponentLabel(c.exponent);
    for (const s of c.slices) {
      if (!s.identified || !s.ci95) {
        missing.push(`${s.slice} (${exponent})`);
        continue;
      }
      rows.push({ slice: s.slice, exponent, estimate: s.bootstrapMean ?? s.estimate!, lo: s.ci95[0], hi: s.ci95[1] });
    }
    if (c.pooled?.identified) {
      pooled.push({ exponent, estimate: c.pooled.bootstrapMean ?? c.pooled.estimate!, lo: c.pooled.ci95?.[0], hi: c.pooled.ci95?.[1] });
    }
    if (c.published !== null) published.push({ exponent, value: c.published, label: 'Step Law (published)' });
  }
  return {
    id,
    title: `Exponents by ${study.by}`,
    caption:
      `${source}: one fit per ${study.by} (runs within ${(study.options.band * 100).toFixed(2)}% of their group minimum, OLS in logs, ${study.options.bootstrap} bootstrap resamples, seed ${study.options.seed}); ` +
      `square: bootstrap mean, bar: 95% bootstrap interval.` +
      (missing.length > 0 ? ` Not identified (left out): ${missing.join(', ')}.` : ''),
    rows,
    pooled,
    published,
  };
}

/** Pairwise differences of each exponent between slices, with paired-bootstrap 95% intervals; rows whose interval excludes 0 are marked. */
export function sliceDifferencesTable(study: SliceStudy, source: string, id = `slice-differences-${study.by}`): TableInput {
  return {
    id,
    title: `Differences between ${study.by} slices.`,
    caption: `${source}: estimate(a) − estimate(b) per exponent with its 95% bootstrap interval; marked rows: the interval excludes 0 (the slices differ).`,
    columns: [
      { key: 'exponent', label: 'exponent' },
      { key: 'a', label: 'a' },
      { key: 'b', label: 'b' },
      { key: 'difference', label: 'a − b', format: 'num' },
      { key: 'lo', label: '95% lo', format: 'num' },
      { key: 'hi', label: '95% hi', format: 'num' },
      { key: 'excludesZero', label: 'excludes 0', format: 'bool' },
    ],
    rows: study.exponents.flatMap((c) =>
      c.differences.map((d) => ({ exponent: exponentLabel(c.exponent), a: d.a, b: d.b, difference: d.difference, lo: d.ci95[0], hi: d.ci95[1], excludesZero: d.excludesZero })),
    ),
    flagKey: 'excludesZero',
  };
}
