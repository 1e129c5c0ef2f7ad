import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { groupOptima, DEFAULT_CUTOFF } from '../../src/plan/optimum.js';
import { allRuns } from '../../src/plan/reference.js';
import { DEFAULT_CURVATURE, plateauSpans } from '../../src/plan/propose.js';
import { repoData } from '../helpers/paths.js';

describe('the default plateau curvature', () => {
  it('is the shared curvature of the released dense grid (every usable run within the cutoff)', () => {
    const { grids } = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]));
    const c = groupOptima(allRuns(grids), { cutoff: DEFAULT_CUTOFF }).curvature!;
    expect(c.positiveDefinite).toBe(true);
    expect(c.xx).toBeCloseTo(DEFAULT_CURVATURE.xx, 5);
    expect(c.yy).toBeCloseTo(DEFAULT_CURVATURE.yy, 5);
    expect(c.xy).toBeCloseTo(DEFAULT_CURVATURE.xy, 5);
  });
  it('plateau span: ln L = xx·u² rises by ln(1.0025) at u = ±√(ln 1.0025 / xx)', () => {
    const s = plateauSpans({ xx: Math.log1p(0.0025), yy: Math.log1p(0.0025) / 4 });
    expect(s.lrSpan).toBeCloseTo(Math.exp(2), 12);
    expect(s.batchSpan).toBeCloseTo(Math.exp(4), 12);
  });
});
