/**
 * The planner on synthetic sweeps with known exponents, noise like the released
 * data (its run noise, its scatter of optima around the law, its curvature,
 * measured by the planner's estimator on the dense grid) and a prior off by ×2:
 * over seeded trials the planned exponents are unbiased within their intervals,
 * and the intervals' coverage is the one the README states (docs/plan-study.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { planStudyInputs, PLAN_STUDY } from '../../src/plan/study-config.js';
import { syntheticStudy } from '../../src/plan/trials.js';
import type { PlanStudyRecord } from '../../src/report/plan-study.js';
import { repoData, repoRoot } from '../helpers/paths.js';

const study: PlanStudyRecord = JSON.parse(readFileSync(join(repoRoot, 'docs', 'plan-study.json'), 'utf8'));

let configs: ReturnType<typeof syntheticStudy>;
beforeAll(() => {
  const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids.filter((g) => g.argmin);
  const measured = planStudyInputs(grids);
  const truth = fitStepLaw(grids, { bootstrap: 0 }).law;
  configs = syntheticStudy(grids, truth, measured, PLAN_STUDY.synthetic);
}, 600_000);

describe('synthetic sweeps with known exponents', () => {
  it('the noise is measured on the released grid and the truth is its law', () => {
    const like = configs[0].spec;
    expect(like.sigma).toBeGreaterThan(0);
    expect(like.tau.lr).toBeGreaterThan(0);
    expect(like.law.lr.coefD).toBeCloseTo(0.197006, 5);
    expect(configs[1].spec.tau).toEqual({ lr: 0, batch: 0 });
  });
  it('over seeded trials: bias within a tenth of the interval width (the README\'s claim); coverage ≥ 80%', () => {
    for (const c of configs) {
      expect(c.result.failed).toBe(0);
      for (const [name, e] of Object.entries(c.result.exponents)) {
        expect(Math.abs(e.bias), `${c.label} ${name}`).toBeLessThanOrEqual(e.meanCiWidth / 10);
        expect(Math.abs(e.bias), `${c.label} ${name}`).toBeLessThan(0.02);
        expect(e.coverage, `${c.label} ${name}`).toBeGreaterThanOrEqual(0.8);
      }
    }
  });
  it('the record the README draws holds these results', () => {
    expect(study.synthetic.configs).toHaveLength(configs.length);
    configs.forEach((c, k) => {
      const r = study.synthetic.configs[k];
      expect(r.label).toBe(c.label);
      for (const [name, e] of Object.entries(c.result.exponents)) {
        const w = r.result.exponents[name as keyof typeof c.result.exponents];
        expect(w.meanEstimate).toBeCloseTo(e.meanEstimate, 10);
        expect(w.coverage).toBe(e.coverage);
        expect(w.meanCiWidth).toBeCloseTo(e.meanCiWidth, 10);
      }
    });
  });
});
