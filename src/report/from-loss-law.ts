/**
 * Adapter from a loss-law fit (src/laws/loss-law.ts, L = E + A/N^α + B/D^β)
 * to the report's loss-law figures: observed against fitted loss, and the
 * iso-loss curves with the compute-optimal frontier in (N, D). A reduced law
 * (one N or one D in the data) has no frontier: only the first figure.
 */
import type { LossLawFit, LossPoint } from '../laws/loss-law.js';
import type { LossLawCurves } from '../laws/loss-law-curves.js';
import { lossLawFigures } from './adapters.js';
import { fmtNum } from './format.js';
import type { ReportItem } from './types.js';

/** The figures of `fit` over `points`; `curves` is what the law says over those points (laws/loss-law-curves.ts `lossLawCurves`, in the points' order). */
export function lossLawItemsFromFit(
  fit: LossLawFit,
  curves: LossLawCurves,
  points: readonly (LossPoint & { series?: string })[],
  source: string,
  idPrefix = 'loss-law',
): ReportItem[] {
  const v = { a: fit.estimates.a.value, b: fit.estimates.b.value };
  const objective = fit.objective === 'huber' ? `Huber(δ = ${fit.delta}) on log residuals` : 'least squares in loss';
  const lawLabel = `${fit.label}: L = E + A/N^α + B/D^β (${fit.form}${fit.sharedExponent ? ', α = β' : ''}; ${objective}; ${Number.isFinite(v.a) ? `a = ${fmtNum(v.a)}, b = ${fmtNum(v.b)}` : 'reduced law'})`;
  const figs = lossLawFigures({ curves, runs: points.map((p) => ({ N: p.N, D: p.D, loss: p.loss, series: p.series })), lawLabel, source, idPrefix });
  const items: ReportItem[] = [{ kind: 'loss-observed', figure: figs.observed }];
  if ((fit.form === 'full' || fit.form === 'shared') && figs.frontier.isoLoss.length > 0) items.push({ kind: 'loss-frontier', figure: figs.frontier });
  return items;
}
