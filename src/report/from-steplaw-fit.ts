/**
 * Adapters from a `StepLawFit` (src/laws/steplaw-fit.ts, the authors'
 * procedure: band-selected runs, OLS in logs, bootstrap) to the report's
 * inputs: the fit figures (lr vs N, lr vs D, batch vs D — only those whose
 * term the fit identified) and the reproduction record against published
 * coefficients.
 */
import { basename } from 'node:path';
import type { LogLinearCoefficients } from '../laws/law.js';
import type { StepLawFit } from '../laws/steplaw-fit.js';
import { bootstrapRows } from '../laws/steplaw-fit.js';
import { fitFiguresFromLogLinear } from './adapters.js';
import { fmtPct } from './format.js';
import type { ReproductionRowInput } from './tables.js';
import type { FitLineInput } from './types.js';

export interface PublishedCoefficients {
  label: string;
  coefficients: LogLinearCoefficients;
}

/** The fit figures of a Step Law fit, with the published law drawn for comparison. */
export function fitFiguresFromStepLawFit(fit: StepLawFit, published?: PublishedCoefficients, idPrefix = 'fit'): FitLineInput[] {
  const has = (target: 'lr' | 'batch', term: 'lnN' | 'lnD') => fit[target].terms.some((t) => t.term === term);
  const files = fit.data.files.map((f) => basename(f.path)).join(', ');
  const nboot = fit.bootstrap?.samples.length ?? 0;
  const figs = fitFiguresFromLogLinear({
    coefficients: fit.law,
    bootstrap: bootstrapRows(fit),
    runs: fit.kept.map((r) => ({ N: r.N, D: r.D, lr: r.lr, batchTokens: r.batchTokens, label: r.group })),
    published,
    fitLabel: `re-derived (${fit.method}, ${fit.lawSource === 'bootstrap-mean' ? `mean of ${nboot} bootstrap fits` : 'least squares'})`,
    source: `${files}: ${fit.data.keptRuns} runs from ${fit.data.groups} groups`,
    band: fit.options.band,
    idPrefix,
  });
  return figs.filter((f) => {
    if (f.id.endsWith('lr-vs-N')) return has('lr', 'lnN');
    if (f.id.endsWith('lr-vs-D')) return has('lr', 'lnD');
    return has('batch', 'lnD');
  });
}

const TERMS: { target: 'lr' | 'batch'; term: 'intercept' | 'lnN' | 'lnD'; key: 'intercept' | 'coefN' | 'coefD'; label: string }[] = [
  { target: 'lr', term: 'intercept', key: 'intercept', label: 'ln lr: intercept' },
  { target: 'lr', term: 'lnN', key: 'coefN', label: 'ln lr: N-exponent' },
  { target: 'lr', term: 'lnD', key: 'coefD', label: 'ln lr: D-exponent' },
  { target: 'batch', term: 'intercept', key: 'intercept', label: 'ln B: intercept' },
  { target: 'batch', term: 'lnN', key: 'coefN', label: 'ln B: N-exponent' },
  { target: 'batch', term: 'lnD', key: 'coefD', label: 'ln B: D-exponent' },
];

/**
 * Published vs re-derived coefficients. The re-derived value is the bootstrap
 * mean (else the least-squares estimate); the interval the 95% bootstrap
 * percentile interval (else estimate ± 1.96·stderr). Terms the fit dropped are
 * left out; a published term that is 0 and not fitted (ln B on ln N) too.
 */
export function reproductionRowsFromStepLawFit(fit: StepLawFit, published: PublishedCoefficients): ReproductionRowInput[] {
  const rows: ReproductionRowInput[] = [];
  for (const t of TERMS) {
    const est = fit[t.target].terms.find((x) => x.term === t.term);
    if (!est) continue;
    const value = est.bootstrapMean ?? est.estimate;
    const [lo, hi] = est.ci95 ?? [est.estimate - 1.96 * est.stderr, est.estimate + 1.96 * est.stderr];
    rows.push({
      quantity: t.label,
      published: published.coefficients[t.target][t.key],
      estimate: value,
      lo,
      hi,
      note: est.ci95 ? `95% bootstrap interval, ${fit.bootstrap?.samples.length} resamples, band ${fmtPct(fit.options.band)}` : `±1.96 standard errors, band ${fmtPct(fit.options.band)}`,
    });
  }
  return rows;
}
