/**
 * Adapter from a loss-law fit (src/laws/loss-law.ts, L = E + A/N^α + B/D^β)
 * to the report's loss-law figures: observed against fitted loss, and the
 * iso-loss curves with the compute-optimal frontier in (N, D). A reduced law
 * (one N or one D in the data) has no frontier: only the first figure.
 */
import type { LossLawFit, LossPoint } from '../laws/loss-law.js';
import { lossLawFigures } from './adapters.js';
import { fmtNum } from './format.js';
import type { ReportItem } from './types.js';

export function lossLawItemsFromFit(fit: LossLawFit, points: readonly (LossPoint & { series?: string })[], source: string, idPrefix = 'loss-law'): ReportItem[] {
  const e = fit.estimates;
  const v = { E: e.E.value, A: e.A.value, B: e.B.value, alpha: e.alpha.value, beta: e.beta.value, a: e.a.value, b: e.b.value };
  // A reduced law has no N term (D-only: L = E' + B/D^β) or no D term: its A, α (or B, β) are NaN; the term is 0.
  if (!(Number.isFinite(v.A) && Number.isFinite(v.alpha))) Object.assign(v, { A: 0, alpha: 1 });
  if (!(Number.isFinite(v.B) && Number.isFinite(v.beta))) Object.assign(v, { B: 0, beta: 1 });
  const objective = fit.objective === 'huber' ? `Huber(δ = ${fit.delta}) on log residuals` : 'least squares in loss';
  const lawLabel = `${fit.label}: L = E + A/N^α + B/D^β (${fit.form}${fit.sharedExponent ? ', α = β' : ''}; ${objective}; ${Number.isFinite(v.a) ? `a = ${fmtNum(v.a)}, b = ${fmtNum(v.b)}` : 'reduced law'})`;
  const figs = lossLawFigures({ params: v, runs: points.map((p) => ({ N: p.N, D: p.D, loss: p.loss, series: p.series })), lawLabel, source, idPrefix });
  const items: ReportItem[] = [{ kind: 'loss-observed', figure: figs.observed }];
  if ((fit.form === 'full' || fit.form === 'shared') && figs.frontier.isoLoss.length > 0) items.push({ kind: 'loss-frontier', figure: figs.frontier });
  return items;
}
