/**
 * Acceptance of the planner on the released dense grid (issue 15): with six
 * runs per group, the replay reveals ≤ 7% of the grid's compute, the planned
 * law's exponents lie inside the complete grid's cluster-aware 95% intervals
 * and its leave-one-group-out error is within 0.02 percentage points of the
 * complete grid's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep, type Grid } from '../../src/sweep/grid.js';
import { replayPlan, type PlanReplay } from '../../src/plan/replay.js';
import { stepLaw } from '../../src/laws/published/steplaw.js';
import { crossValidate } from '../../src/validate/cv.js';
import { repoData } from '../helpers/paths.js';

let grids: Grid[];
let r: PlanReplay;

beforeAll(() => {
  grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
  r = replayPlan(grids, stepLaw(), { runsPerGroup: 6, seed: 0 });
}, 300_000);

describe('replay on the released dense grid, K = 6, seed 0', () => {
  it('reveals at most 7% of the compute, 6 runs per group', () => {
    expect(r.summary.computeFraction).toBeLessThanOrEqual(0.07);
    for (const g of r.groups) expect(g.runs.length).toBe(6);
    // Compute fraction recomputed by hand from the revealed runs.
    const c = (N: number, D: number) => 6 * N * D;
    const all = grids.reduce((s, g) => s + g.runs.length * c(g.N, g.D), 0);
    const rev = r.groups.reduce((s, g) => s + g.runs.length * c(g.N, g.D), 0);
    expect(r.summary.computeFraction).toBeCloseTo(rev / all, 12);
    expect(r.summary.totalRuns).toBe(1911);
  });
  it('every revealed run is a cell of the grid with its measured loss', () => {
    for (const g of r.groups) {
      const grid = grids.find((x) => x.key === g.key)!;
      for (const run of g.runs) {
        const cell = grid.runs.find((x) => Math.abs(Math.log(x.lr / run.lr)) < 0.011 && x.batchTokens === run.batchTokens);
        expect(cell, `${g.key} lr ${run.lr} batch ${run.batchTokens}`).toBeDefined();
        expect(run.loss).toBe(cell!.loss);
      }
      // The best revealed run vs the grid minimum.
      const best = Math.min(...g.runs.map((x) => x.loss));
      expect(g.relativeError).toBeCloseTo(best / grid.minLoss - 1, 12);
    }
  });
  it('planned exponents inside the full grid\'s cluster-aware 95% intervals', () => {
    for (const [name, e] of Object.entries(r.summary.exponents)) {
      expect(e.fullGridCi95, name).not.toBeNull();
      expect(e.planned, name).toBeGreaterThanOrEqual(e.fullGridCi95![0]);
      expect(e.planned, name).toBeLessThanOrEqual(e.fullGridCi95![1]);
      expect(e.inside).toBe(true);
    }
    // The full grid's point estimates are the authors' OLS on the 129 band-selected runs.
    expect(r.summary.exponents.lrN.fullGrid).toBeCloseTo(-0.766228, 5);
    expect(r.summary.exponents.lrD.fullGrid).toBeCloseTo(0.197006, 5);
    expect(r.summary.exponents.batchD.fullGrid).toBeCloseTo(0.612529, 5);
  });
  it('leave-one-group-out error within 0.02 percentage points of the full grid\'s', () => {
    const full = crossValidate(grids, { reader: 'nearest' }).summary.cv.meanRelativeError!;
    expect(r.summary.fullGridCvMeanRelativeError).toBeCloseTo(full, 12);
    expect(Math.abs(r.summary.cvMeanRelativeError! - full)).toBeLessThanOrEqual(0.0002);
  });
});
