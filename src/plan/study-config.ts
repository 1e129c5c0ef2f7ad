/**
 * The settings of the planner's reliability study (scripts/plan-study.ts,
 * docs/plan-study.json, checked by test/plan/plan-study.test.ts), and the
 * noise it measures on a complete grid for the synthetic sweeps.
 */
import type { Grid } from '../sweep/grid.js';
import { fitOptimaLaw } from './estimate.js';
import { groupOptima } from './optimum.js';
import { allRuns } from './reference.js';
import { InputError, msg } from '../messages.js';

export const PLAN_STUDY = {
  priors: ['steplaw', 'deepseek'],
  runsPerGroup: [4, 6, 8, 12, 16],
  seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  referenceBootstrap: 1000,
  synthetic: { trials: 30, runsPerGroup: 6, bootstrap: 200, seed: 0 },
};

/** Curvature, run noise and scatter of optima of a complete grid, by the planner's estimator on every run. */
export function planStudyInputs(grids: Grid[]): { curvature: { xx: number; yy: number; xy: number }; sigma: number; tau: { lr: number; batch: number } } {
  const o = groupOptima(allRuns(grids));
  const law = fitOptimaLaw(o.optima);
  if (!o.curvature || o.sigma === null || !law || law.sigma.lr === null || law.sigma.batch === null) throw new InputError(msg.planNoiseModelUnidentified());
  return { curvature: { xx: o.curvature.xx, yy: o.curvature.yy, xy: o.curvature.xy }, sigma: o.sigma, tau: { lr: law.sigma.lr, batch: law.sigma.batch } };
}
