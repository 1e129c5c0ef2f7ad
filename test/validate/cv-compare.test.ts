import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { catalogLaws, resolveLaw } from '../../src/laws/catalog.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { compareLaws } from '../../src/validate/compare.js';
import { crossValidate } from '../../src/validate/cv.js';
import { repoData } from '../helpers/paths.js';
import { levelsAround, syntheticGrids, type SyntheticGroup } from './synthetic.js';

/** Grids whose optima follow ln lr = 1 − 0.5 ln N + 0.2 ln D, ln B = −1 + 0.6 ln D, each lattice centred on its optimum. */
function lawfulGroups(): SyntheticGroup[] {
  const out: SyntheticGroup[] = [];
  for (const N of [1e8, 3e8, 1e9]) for (const D of [1e9, 5e9, 2e10]) {
    const lrStar = Math.exp(1 - 0.5 * Math.log(N) + 0.2 * Math.log(D));
    const bStar = Math.exp(-1 + 0.6 * Math.log(D));
    out.push({ N, D, lrStar, bStar, lrs: levelsAround(lrStar, Math.SQRT2, 3), batches: levelsAround(bStar, 2, 2), a: 0.004, b: 0.002 });
  }
  return out;
}

describe('crossValidate', () => {
  it('recovers the generating law without the held-out group, so each held-out group scores 0', () => {
    const cv = crossValidate(syntheticGrids(lawfulGroups()), { reader: 'nearest' });
    expect(cv.groups).toHaveLength(9);
    for (const g of cv.groups) {
      expect(g.coefficients!.lr.coefN).toBeCloseTo(-0.5, 8);
      expect(g.coefficients!.lr.coefD).toBeCloseTo(0.2, 8);
      expect(g.coefficients!.batch.coefD).toBeCloseTo(0.6, 8);
      expect(g.heldOut!.relativeError).toBeCloseTo(0, 12);
    }
    expect(cv.summary.cv.maxRelativeError).toBeCloseTo(0, 12);
  });

  it('reports the published law on the same groups', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
    const cv = crossValidate(grids, { reader: 'nearest', published: resolveLaw('steplaw-rounded') });
    expect(cv.summary.publishedLaw).toBe('steplaw-rounded');
    expect(Math.abs(cv.summary.published!.meanRelativeError! - 0.00096)).toBeLessThan(0.00003);
    expect(cv.summary.cv.evaluated).toBe(17);
  });
});

describe('compareLaws', () => {
  it('ranks laws best first and keeps laws it cannot evaluate, with the reason', () => {
    const grids = syntheticGrids(lawfulGroups());
    const cmp = compareLaws(grids, catalogLaws().filter((l) => l.evaluable), { reader: 'nearest' });
    const means = cmp.rows.filter((r) => r.meanRelativeError !== null).map((r) => r.meanRelativeError!);
    expect(means).toEqual([...means].sort((a, b) => a - b));
    const ds = cmp.rows.find((r) => r.law === 'deepseek')!;
    expect(ds.error).toMatch(/needs C/);
    expect(cmp.rows[cmp.rows.length - 1].law).toBe('deepseek');
  });

  it('on the released dense groups the published Step Law is first (nearest: 0.096% rounded, 0.098% means)', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
    const cmp = compareLaws(grids, catalogLaws().filter((l) => l.evaluable), { reader: 'nearest' });
    expect(cmp.rows.slice(0, 2).map((r) => r.law).sort()).toEqual(['steplaw', 'steplaw-rounded']);
    expect(cmp.rows.find((r) => r.law === 'microsoft')!.flags['batch-from-grid']).toBe(17);
  });
});
