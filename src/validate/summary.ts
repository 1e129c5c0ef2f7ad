/**
 * Summary statistics of per-group relative errors: mean, median, max over the
 * groups that were evaluated.
 */
import { mean, median } from '../util/stats.js';

export interface ErrorSummary {
  /** Groups given. */
  groups: number;
  /** Groups with a relative error (the law predicted there and the loss could be read). */
  evaluated: number;
  meanRelativeError: number | null;
  medianRelativeError: number | null;
  maxRelativeError: number | null;
  /** Key of the group with the largest relative error. */
  worstGroup: string | null;
  /** Groups where the law's prediction could not be placed on the grid (flag `not-evaluable`): never scored. */
  notEvaluable: number;
  /** Groups whose loss at the prediction is within the band of the minimum. */
  insideBand: number;
  band: number;
}

export function summarise(rows: { group: string; relativeError: number | null; flags?: readonly string[] }[], band: number): ErrorSummary {
  const ok = rows.filter((r): r is { group: string; relativeError: number } => r.relativeError !== null && Number.isFinite(r.relativeError));
  const errs = ok.map((r) => r.relativeError);
  let worst: (typeof ok)[number] | undefined;
  for (const r of ok) if (!worst || r.relativeError > worst.relativeError) worst = r;
  return {
    groups: rows.length,
    evaluated: ok.length,
    meanRelativeError: errs.length ? mean(errs) : null,
    medianRelativeError: errs.length ? median(errs) : null,
    maxRelativeError: worst ? worst.relativeError : null,
    worstGroup: worst ? worst.group : null,
    notEvaluable: rows.filter((r) => r.flags?.includes('not-evaluable')).length,
    insideBand: errs.filter((e) => e < band).length,
    band,
  };
}
