import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { shapeStudy } from '../../src/slices/shapes.js';
import { repoData } from '../helpers/paths.js';
import { sweepOf, syntheticRuns } from '../helpers/synthetic.js';

const shapeA = { h: 1280, numl: 10, ffnh: 4096 };
const shapeB = { h: 1536, numl: 8, ffnh: 5120 };

describe('does the optimum move with shape?', () => {
  const Ns = [4.29e8];
  const Ds = [1e10, 4e10];
  it('two shapes whose optimal lr differs ×4 (4 √2-steps) at the same (N, D): detected as a move', () => {
    const runs = [
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55 }, Ns, Ds, { attrs: shapeA }),
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55, a: 2 }, Ns, Ds, { attrs: shapeB }),
    ];
    const s = shapeStudy(sweepOf(runs), { reader: 'nearest' });
    expect(s.shapes).toHaveLength(4);
    expect(s.shapes.map((x) => x.shape)).toContain('d1280×L10×ffn3.20');
    expect(s.shifts).toHaveLength(2);
    for (const sh of s.shifts) {
      expect(sh.lrSteps).toBeCloseTo(4, 9);
      expect(sh.batchSteps).toBeCloseTo(0, 9);
      // loss of one shape at the other's optimum: k·(ln 4)² / L0 = 0.004·1.922/2 ≈ 0.384%
      expect(sh.aAtB!).toBeCloseTo((0.004 * Math.log(4) ** 2) / 2, 6);
      expect(sh.moves).toBe(true);
    }
    expect(s.notes[0]).toMatch(/2 of 2 pair\(s\).*moves with shape/);
  });
  it('two shapes with the same optimum: no move', () => {
    const runs = [
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55 }, Ns, Ds, { attrs: shapeA }),
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55 }, Ns, Ds, { attrs: shapeB, noise: 0.0002, seed: 3 }),
    ];
    const s = shapeStudy(sweepOf(runs), { reader: 'nearest' });
    for (const sh of s.shifts) expect(sh.moves).toBe(false);
    expect(s.notes[0]).toMatch(/no shift beyond the grid's resolution/);
  });
  it('a shift of one grid step is within the grid’s resolution', () => {
    const runs = [
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55 }, Ns, Ds, { attrs: shapeA }),
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55, a: 0.5 * Math.SQRT2 }, Ns, Ds, { attrs: shapeB }),
    ];
    const s = shapeStudy(sweepOf(runs), { reader: 'nearest' });
    for (const sh of s.shifts) {
      expect(sh.lrSteps).toBeCloseTo(1, 9);
      expect(sh.moves).toBe(false);
    }
  });
  it('the released dense file has one shape per (N, D): says it cannot test shape, still scores each shape', () => {
    const s = shapeStudy(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]), { reader: 'nearest' });
    expect(s.shifts).toHaveLength(0);
    expect(new Set(s.shapes.map((x) => x.shape)).size).toBe(5);
    expect(s.notes.join(' ')).toMatch(/cannot show whether the optimum moves with shape/);
    // published law per shape-group = the 17 dense groups' nearest-cell errors (mean 0.096%, docs/method.md#relative-error)
    const errs = s.shapes.map((x) => x.publishedRelativeError!);
    expect(errs.reduce((a, b) => a + b, 0) / errs.length).toBeCloseTo(0.00096, 4);
  });
});
