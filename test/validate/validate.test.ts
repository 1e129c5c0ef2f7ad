import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { resolveLaw } from '../../src/laws/catalog.js';
import type { Law } from '../../src/laws/law.js';
import { InputError } from '../../src/messages.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { validateLaw } from '../../src/validate/validate.js';
import { repoData } from '../helpers/paths.js';
import { levelsAround, syntheticGrids, type SyntheticGroup } from './synthetic.js';

const dense = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
const moe = groupSweep(loadSweep([repoData('steplaw', 'moe_lr_bs_loss.csv')])).grids;

describe('published Step Law on the released grids (nearest cell; docs/method.md#relative-error, issue 4 acceptance)', () => {
  it('dense, rounded constants: mean 0.096% (±0.003%), worst group 0.31%, over 17 groups', () => {
    const v = validateLaw(dense, resolveLaw('steplaw-rounded'), { reader: 'nearest' });
    expect(v.summary.evaluated).toBe(17);
    expect(Math.abs(v.summary.meanRelativeError! - 0.00096)).toBeLessThan(0.00003);
    expect(v.summary.maxRelativeError!).toBeCloseTo(0.0031, 4);
    expect(v.summary.worstGroup).toBe('N=2.147e+8 D=2e+10');
  });

  it('dense, bootstrap-mean constants: mean 0.098% (±0.003%), worst 0.31%', () => {
    const v = validateLaw(dense, resolveLaw('steplaw'), { reader: 'nearest' });
    expect(Math.abs(v.summary.meanRelativeError! - 0.00098)).toBeLessThan(0.00003);
    expect(v.summary.maxRelativeError!).toBeCloseTo(0.0031, 4);
  });

  it('MoE, total N: within +0.5% of all but at most one of the 16 groups (mean ≈ 0.16%, worst ≈ 0.51%); groups keyed on moe_name too', () => {
    const v = validateLaw(moe, resolveLaw('steplaw-rounded'), { reader: 'nearest' });
    expect(v.groupedBy).toEqual(['moe_name', 'N', 'D']);
    expect(v.summary.evaluated).toBe(16);
    expect(v.groups.filter((g) => g.relativeError! > 0.005).length).toBeLessThanOrEqual(1);
    expect(Math.abs(v.summary.meanRelativeError! - 0.0016)).toBeLessThan(0.0001);
    expect(Math.abs(v.summary.maxRelativeError! - 0.0051)).toBeLessThan(0.0001);
  });

  it('MoE, activated N (--N-column Na) is clearly worse: mean ≈ 1%', () => {
    const v = validateLaw(moe, resolveLaw('steplaw-rounded'), { reader: 'nearest', NColumn: 'Na' });
    expect(v.NColumn).toBe('Na');
    expect(v.summary.meanRelativeError!).toBeGreaterThan(0.008);
    expect(v.summary.meanRelativeError!).toBeLessThan(0.012);
  });

  it('JSON fields per group and in the summary', () => {
    const v = JSON.parse(JSON.stringify(validateLaw(dense, resolveLaw('steplaw'), { reader: 'nearest' })));
    const g = v.groups[0];
    for (const k of ['N', 'D', 'lossAtPrediction', 'relativeError', 'flags']) expect(g).toHaveProperty(k);
    for (const k of ['lr', 'batchTokens']) expect(g.predicted).toHaveProperty(k);
    for (const k of ['lr', 'batchTokens', 'loss']) expect(g.argmin).toHaveProperty(k);
    for (const k of ['meanRelativeError', 'medianRelativeError', 'maxRelativeError']) expect(typeof v.summary[k]).toBe('number');
  });
});

/** A law predicting fixed values. */
function fixedLaw(lr: number | undefined, batchTokens: number | undefined): Law {
  return {
    name: 'fixed',
    title: 'fixed',
    formula: 'fixed',
    citation: 'test',
    caveats: [],
    needs: { lr: [], batch: [] },
    predicts: { lr: lr !== undefined, batch: batchTokens !== undefined },
    evaluable: true,
    predict: () => ({ lr, batchTokens }),
  };
}

const centred: SyntheticGroup = { N: 1e8, D: 1e9, lrStar: 1e-3, bStar: 2.5e5, lrs: levelsAround(1e-3, 2, 2), batches: levelsAround(2.5e5, 2, 2) };

describe('validateLaw on synthetic grids with known optima', () => {
  it('relative error is exactly L(pred)/L_min − 1 and distances are ln(pred/argmin)', () => {
    const grids = syntheticGrids([centred]);
    // Predict one lr level up (×2) at the optimal batch: L = 2.5 + 0.01·ln(2)² exactly.
    const v = validateLaw(grids, fixedLaw(2e-3, 2.5e5), { reader: 'nearest' });
    const g = v.groups[0];
    expect(g.relativeError!).toBeCloseTo((0.01 * Math.LN2 ** 2) / 2.5, 12);
    expect(g.distance!.lnLr).toBeCloseTo(Math.LN2, 12);
    expect(g.distance!.lnB).toBeCloseTo(0, 12);
    expect(g.insideBand).toBe(true); // 0.019% < 0.25%
    expect(g.flags).toEqual([]);
  });

  it('a prediction outside the lattice is flagged extrapolated, with its distance', () => {
    const v = validateLaw(syntheticGrids([centred]), fixedLaw(1, 2.5e5), { reader: 'linear' });
    const g = v.groups[0];
    expect(g.flags).toContain('extrapolated');
    expect(g.outside!.lnLr).toBeCloseTo(Math.log(1 / 4e-3), 9);
    expect(v.notes.join(' ')).toMatch(/outside the grid/);
  });

  it('a group with a single run is flagged single-run', () => {
    const one: SyntheticGroup = { ...centred, lrs: [1e-3], batches: [2.5e5] };
    const v = validateLaw(syntheticGrids([one]), fixedLaw(1e-3, 2.5e5), { reader: 'nearest' });
    expect(v.groups[0].flags).toContain('single-run');
    expect(v.groups[0].relativeError).toBe(0);
  });

  it('a group whose optimum is on the edge of the lattice is flagged optimum-on-edge', () => {
    const edge: SyntheticGroup = { ...centred, lrs: levelsAround(1e-3, 2, 2).map((x) => x * 4) }; // lowest lr is the optimum
    const v = validateLaw(syntheticGrids([edge]), fixedLaw(1e-3, 2.5e5), { reader: 'nearest' });
    expect(v.groups[0].flags).toContain('optimum-on-edge');
  });

  it('a law without a batch formula is scored at the best batch for its lr (batch-from-grid) and the notes say so', () => {
    const v = validateLaw(syntheticGrids([centred]), fixedLaw(2e-3, undefined), { reader: 'nearest' });
    const g = v.groups[0];
    expect(g.flags).toContain('batch-from-grid');
    expect(g.predicted.batchFrom).toBe('grid');
    expect(g.predicted.batchTokens!).toBeCloseTo(2.5e5, 3);
    expect(v.notes.join(' ')).toMatch(/best batch size for its lr/);
  });

  it('a law needing C on data without shape columns throws an InputError naming the columns', () => {
    const grids = syntheticGrids([centred]);
    expect(() => validateLaw(grids, resolveLaw('deepseek'))).toThrow(InputError);
    expect(() => validateLaw(grids, resolveLaw('deepseek'))).toThrow(/h, ffnh and numl/);
  });

  it('a non-evaluable law (meituan) and a missing --N-column are InputErrors', () => {
    const grids = syntheticGrids([centred]);
    expect(() => validateLaw(grids, resolveLaw('meituan'))).toThrow(/cannot be evaluated/);
    expect(() => validateLaw(grids, resolveLaw('steplaw'), { NColumn: 'Na' })).toThrow(/--N-column "Na"/);
  });
});
