/**
 * What the complete grid gives, for a replay to be compared with: the Step
 * Law fitted the authors' way on every run (steplaw-fit.ts: runs within 0.25%
 * of each group's minimum, OLS on logs) with its bootstrap intervals — whole
 * groups resampled, the cluster-aware default of the fit, CR1-scaled t(G − 1)
 * intervals — and its
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
import { estimatePlannedLaw, exponentsOf, lawOf } from './estimate.js';
import { type ExponentName, type Exponents, type GroupRuns } from './types.js';
import { InputError, msg } from '../messages.js';

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

export function fullGridReference(grids: Grid[], options: { bootstrap: number; seed: number; cutoff?: number }): FullGridReference {
  // The Step Law fit's own cluster-aware intervals: whole groups resampled, CR1-scaled t(G − 1) interval (steplaw-fit.ts).
  const fit = fitStepLaw(grids, { bootstrap: options.bootstrap, seed: options.seed, resample: 'groups' });
  const term = (target: 'lr' | 'batch', t: 'intercept' | 'lnN' | 'lnD') => (target === 'lr' ? fit.lr : fit.batch).terms.find((x) => x.term === t);
  const ci95: FullGridReference['ci95'] = { lrN: term('lr', 'lnN')?.ci95 ?? null, lrD: term('lr', 'lnD')?.ci95 ?? null, batchD: term('batch', 'lnD')?.ci95 ?? null };
  // Point estimates: the least-squares fit on every kept run (the authors' estimate, REFERENCE values), not bootstrap means.
  const ls = (target: 'lr' | 'batch', t: 'intercept' | 'lnN' | 'lnD') => term(target, t)?.estimate ?? 0;
  const coefficients: LogLinearCoefficients = {
    lr: { intercept: ls('lr', 'intercept'), coefN: ls('lr', 'lnN'), coefD: ls('lr', 'lnD') },
    batch: { intercept: ls('batch', 'intercept'), coefN: 0, coefD: ls('batch', 'lnD') },
  };
  const cv = crossValidate(grids, { reader: 'nearest' });
  const all = allRuns(grids);
  const planner = estimatePlannedLaw(all, { cutoff: options.cutoff });
  if (!planner) throw new InputError(msg.planGridCannotIdentify());
  const plannerCv = all.map((h) => {
    const e = estimatePlannedLaw(all.filter((o) => o !== h), { cutoff: options.cutoff });
    const g = grids.find((x) => x.key === h.key)!;
    return e ? validateGrid(g, lawOf(e.law.coefficients, 'cv'), nearestReader).relativeError : null;
  });
  const ok = plannerCv.filter((v): v is number => v !== null);
  return {
    coefficients,
    exponents: exponentsOf(coefficients),
    ci95,
    resample: `${fit.bootstrap?.resample ?? 'none'} (${fit.lr.interval})`,
    cvMeanRelativeError: cv.summary.cv.meanRelativeError ?? NaN,
    plannerEstimator: { exponents: planner.exponents, cvMeanRelativeError: mean(ok) },
  };
}
