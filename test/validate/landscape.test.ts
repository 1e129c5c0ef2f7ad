import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { convexityOf, landscape } from '../../src/validate/landscape.js';
import { repoData } from '../helpers/paths.js';
import { levelsAround, syntheticGrids } from './synthetic.js';

describe('landscape', () => {
  it('released dense groups: medians ≈ 7 runs spanning ×2 within 0.25%, ≈ 30 runs spanning ×8 within 1% (docs/method.md#relative-error)', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
    const { summary } = landscape(grids);
    const m = Object.fromEntries(summary.medians.map((x) => [x.band, x]));
    expect(m[0.0025].runs).toBe(7);
    expect(m[0.0025].lrSpan).toBeCloseTo(2, 2);
    expect(m[0.0025].batchSpan).toBeCloseTo(2, 2);
    expect(m[0.01].runs).toBe(30);
    expect(m[0.01].lrSpan).toBeCloseTo(8, 1);
    expect(m[0.01].batchSpan).toBeCloseTo(8, 1);
  });

  it('a bowl is convex with its vertex at the optimum; a saddle is not', () => {
    const base = { N: 1e8, D: 1e9, lrStar: 1e-3, bStar: 2.5e5, lrs: levelsAround(1e-3, Math.SQRT2, 3), batches: levelsAround(2.5e5, Math.SQRT2, 3) };
    const c = convexityOf(syntheticGrids([base])[0]);
    expect(c.positiveDefinite).toBe(true);
    expect(c.hessian![0][0]).toBeCloseTo(0.02, 10); // 2a
    expect(c.hessian![1][1]).toBeCloseTo(0.01, 10); // 2b
    expect(c.vertex!.lr).toBeCloseTo(1e-3, 10);
    const saddle = convexityOf(syntheticGrids([{ ...base, b: -0.0005 }])[0]);
    expect(saddle.positiveDefinite).toBe(false);
    const { summary } = landscape(syntheticGrids([{ ...base, b: -0.0005 }]));
    expect(summary.notConvex.length).toBe(1);
  });

  it('a single-run group has no convexity verdict', () => {
    const one = syntheticGrids([{ N: 1e8, D: 1e9, lrStar: 1e-3, bStar: 1e5, lrs: [1e-3], batches: [1e5] }]);
    expect(convexityOf(one[0]).source).toBe('insufficient');
    expect(landscape(one).summary.notConvex).toHaveLength(1);
  });
});
