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
import { fitFiguresFromLogLinear } from './adapters.js';
import { fmtNum, fmtPct } from './format.js';
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
    bootstrapSamples: fit.bootstrap?.samples ?? [],
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
 *
 * Intercepts are compared where they are comparable. A fit that drops a size
 * term the published law has (the MoE file: total N within 0.3%, so no N
 * term) has an intercept that absorbs that term at the data's size:
 *   c0_fit ≈ c0_pub + cN_pub·ln N_ref  (N_ref = geometric mean N of the kept runs),
 * so the published value compared is c0_pub + cN_pub·ln N_ref (and likewise
 * + cD_pub·ln D_ref when the D term is dropped), and the row says so.
 */
export function reproductionRowsFromStepLawFit(fit: StepLawFit, published: PublishedCoefficients): ReproductionRowInput[] {
  const rows: ReproductionRowInput[] = [];
  const geoMean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
  const ref = { N: geoMean(fit.kept.map((r) => r.N)), D: geoMean(fit.kept.map((r) => r.D)) };
  for (const t of TERMS) {
    const est = fit[t.target].terms.find((x) => x.term === t.term);
    if (!est) continue;
    const value = est.bootstrapMean ?? est.estimate;
    const [lo, hi] = est.ci95 ?? [est.estimate - 1.96 * est.stderr, est.estimate + 1.96 * est.stderr];
    const pub = published.coefficients[t.target];
    const has = (term: 'lnN' | 'lnD') => fit[t.target].terms.some((x) => x.term === term);
    const absorbed = t.term === 'intercept' ? ([['lnN', 'N', pub.coefN], ['lnD', 'D', pub.coefD]] as const).filter(([term, , c]) => c !== 0 && !has(term)) : [];
    const comparable = absorbed.reduce((v, [, size, c]) => v + c * Math.log(ref[size]), pub[t.key]);
    const base = est.ci95 ? `95% bootstrap interval, ${fit.bootstrap?.samples.length} resamples, band ${fmtPct(fit.options.band)}` : `±1.96 standard errors, band ${fmtPct(fit.options.band)}`;
    const at = absorbed.map(([, size]) => `${size} = ${fmtNum(ref[size], 4)}`).join(', ');
    rows.push({
      quantity: absorbed.length > 0 ? `${t.label} at ${at}` : t.label,
      published: comparable,
      estimate: value,
      lo,
      hi,
      ...(absorbed.length > 0 ? { publishedAsPrinted: pub[t.key], comparedAt: Object.fromEntries(absorbed.map(([, size]) => [size, ref[size]])) } : {}),
      note:
        absorbed.length > 0
          ? `the fit has no ${absorbed.map(([, size]) => size).join(' or ')} term, so its intercept absorbs it: published ${fmtNum(pub[t.key], 4)}${absorbed.map(([, size, c]) => ` ${c < 0 ? '−' : '+'} ${fmtNum(Math.abs(c), 4)}·ln ${size}`).join('')} evaluated at the kept runs' ${at} (geometric mean); ${base}`
          : base,
    });
  }
  return rows;
}
