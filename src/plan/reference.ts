/**
 * What the complete grid gives, for a replay to be compared with: the Step
 * Law fitted the authors' way on every run (steplaw-fit.ts: runs within 0.25%
 * of each group's minimum, OLS on logs) with its bootstrap intervals — whole
 * groups resampled, the cluster-aware default of the fit — and its
 * leave-one-group-out error (validate/cv.ts, nearest cell); and the planner's
 * own estimator with every run revealed, with its leave-one-group-out error.
 */
import type { LogLinearCoefficients } from '../laws/law.js';
import { fitStepLaw } from '../laws/steplaw-fit.js';
import type { Grid } from '../sweep/grid.js';
import { crossValidate } from '../validate/cv.js';
import { validateGrid } from '../validate/validate.js';
import { nearestReader } from '../validate/readers/index.js';
import { mean } from '../util/stats.js';
import { createRng } from '../util/random.js';
import { bootstrap } from '../fitter/bootstrap.js';
import { estimatePlannedLaw, exponentsOf, lawOf } from './estimate.js';
import { type ExponentName, type Exponents, type GroupRuns } from './types.js';

export interface FullGridReference {
  coefficients: LogLinearCoefficients;
  exponents: Exponents;
  /** 95% bootstrap intervals of the authors' fit on every run. */
  ci95: Record<ExponentName, [number, number] | null>;
  /** How the fit's bootstrap resampled ('groups': cluster-aware). */
  resample: string;
  cvMeanRelativeError: number;
  plannerEstimator: { exponents: Exponents; cvMeanRelativeError: number };
}

/** Every usable run of each grid, as the planner's estimator reads them. */
export function allRuns(grids: Grid[]): GroupRuns[] {
  return grids.map((g) => ({ key: g.key, N: g.N, D: g.D, runs: g.usable.map((r) => ({ lr: r.lr, batchTokens: r.batchTokens, loss: r.loss })) }));
}

/**
 * 95% percentile intervals of the authors' fit's exponents when whole groups
 * are resampled (a cluster bootstrap: runs of one group are not independent).
 */
function groupBootstrapCi(grids: Grid[], nboot: number, seed: number): FullGridReference['ci95'] {
  if (nboot < 2) return { lrN: null, lrD: null, batchD: null };
  const res = bootstrap(grids.length, nboot, createRng(seed), (idx) => {
    try {
      const e = exponentsOf(fitStepLaw(Array.from(idx, (k) => grids[k]), { bootstrap: 0 }).law);
      return [e.lrN, e.lrD, e.batchD];
    } catch {
      return undefined;
    }
  });
  const ci = (k: number): [number, number] | null => (Number.isFinite(res.lower[k]) ? [res.lower[k], res.upper[k]] : null);
  return { lrN: ci(0), lrD: ci(1), batchD: ci(2) };
}

export function fullGridReference(grids: Grid[], options: { bootstrap: number; seed: number; cutoff?: number }): FullGridReference {
  const fit = fitStepLaw(grids, { bootstrap: 0 });
  const ci95 = groupBootstrapCi(grids, options.bootstrap, options.seed);
  const cv = crossValidate(grids, { reader: 'nearest' });
  const all = allRuns(grids);
  const planner = estimatePlannedLaw(all, { cutoff: options.cutoff });
  if (!planner) throw new Error('the complete grid cannot identify the law');
  const plannerCv = all.map((h) => {
    const e = estimatePlannedLaw(all.filter((o) => o !== h), { cutoff: options.cutoff });
    const g = grids.find((x) => x.key === h.key)!;
    return e ? validateGrid(g, lawOf(e.law.coefficients, 'cv'), nearestReader).relativeError : null;
  });
  const ok = plannerCv.filter((v): v is number => v !== null);
  return {
    coefficients: fit.law,
    exponents: exponentsOf(fit.law),
    ci95,
    resample: 'groups',
    cvMeanRelativeError: cv.summary.cv.meanRelativeError ?? NaN,
    plannerEstimator: { exponents: planner.exponents, cvMeanRelativeError: mean(ok) },
  };
}
