/**
 * Level comparisons between slices on synthetic sweeps with known truth: two
 * data sets with the same exponents, the second's optimal lr planted ×1.5
 * higher (or equal), each (N, D) group with its own offset.
 */
import { describe, expect, it } from 'vitest';
import { fitSlices } from '../../src/slices/fit-slices.js';
import { compareSliceLevels } from '../../src/slices/levels.js';
import { sliceStudy } from '../../src/slices/study.js';
import { sweepOf } from '../helpers/synthetic.js';
import { OFFSET_LAW, offsetSweep } from '../helpers/offset-sweep.js';

const Ns = [1e8, 3e8, 1e9, 3e9];
const Ds = [2e10, 6e10, 2e11];
const two = (seed: number, factor: number, sigma = 0.2, lossNoise = 0.0002) =>
  sweepOf([
    ...offsetSweep(seed, sigma, Ns, Ds, OFFSET_LAW, { dataset: 'A' }, 0, lossNoise),
    ...offsetSweep(seed + 5000, sigma, Ns, Ds, { ...OFFSET_LAW, a: OFFSET_LAW.a * factor }, { dataset: 'B' }, 1000, lossNoise),
  ]);

describe('level comparisons between slices', () => {
  it('exact data: both methods give the planted ratio, at the stated reference (geometric centre of the shared range)', () => {
    const slices = fitSlices(two(1, 1.5, 0, 0), 'dataset', { bootstrap: 100 });
    const L = compareSliceLevels(slices, { bootstrap: 100 });
    const at = L.comparisons.find((c) => c.quantity === 'lr' && c.method === 'at-reference')!;
    expect(at.pair).toEqual(['dataset=A', 'dataset=B']);
    expect(at.ratio).toBeCloseTo(1 / 1.5, 8);
    expect(at.reference!.N).toBeCloseTo(Math.sqrt(1e8 * 3e9), 0);
    expect(at.reference!.D).toBeCloseTo(Math.sqrt(2e10 * 2e11), 0);
    expect(at.reference!.how).toBe('shared-range-centre');
    const sh = L.comparisons.find((c) => c.quantity === 'lr' && c.method === 'shared-exponents')!;
    expect(sh.ratio).toBeCloseTo(1 / 1.5, 8);
    const b = L.comparisons.find((c) => c.quantity === 'batch' && c.method === 'at-reference')!;
    expect(b.ratio).toBeCloseTo(1, 8);
    // The shared fit recovers the common exponents.
    const lr = L.shared.find((s) => s.quantity === 'lr')!;
    expect(lr.exponents.find((e) => e.term === 'lnD')!.estimate).toBeCloseTo(0.3, 8);
    expect(lr.exponents.find((e) => e.term === 'lnN')!.estimate).toBeCloseTo(-0.7, 8);
  });
  it('a given reference is used and stated', () => {
    const slices = fitSlices(two(2, 1.5, 0.1), 'dataset', { bootstrap: 50 });
    const L = compareSliceLevels(slices, { reference: { N: 7e9, D: 1.4e12 }, bootstrap: 50 });
    const at = L.comparisons.find((c) => c.method === 'at-reference')!;
    expect(at.reference).toEqual({ N: 7e9, D: 1.4e12, how: 'given' });
    // By hand from the two fits' OLS estimates.
    const lv = (i: number) => {
      const t = slices[i].fit!.lr.terms;
      const g = (n: string) => t.find((x) => x.term === n)!.estimate;
      return g('intercept') + g('lnN') * Math.log(7e9) + g('lnD') * Math.log(1.4e12);
    };
    expect(at.ratio).toBeCloseTo(Math.exp(lv(0) - lv(1)), 10);
  });
  it('a planted ×1.5 lr level shift is resolved in ≥ 90% of seeded trials; equal levels in ≤ 10%', () => {
    const trials = 30;
    const hits = { shift: { 'at-reference': 0, 'shared-exponents': 0 }, equal: { 'at-reference': 0, 'shared-exponents': 0 } };
    for (let t = 0; t < trials; t++) {
      for (const [kind, factor] of [['shift', 1.5], ['equal', 1]] as const) {
        const slices = fitSlices(two(100 + 17 * t, factor), 'dataset', { bootstrap: 200, seed: t });
        const L = compareSliceLevels(slices, { bootstrap: 200, seed: t });
        for (const c of L.comparisons.filter((x) => x.quantity === 'lr')) {
          if (c.resolved) hits[kind][c.method]++;
          if (kind === 'shift' && c.resolved) expect(c.ci95![1]).toBeLessThan(1);
        }
      }
    }
    const r = (k: number) => k / trials;
    console.log(
      `lr level, 12 groups per slice, σu = 0.2, ${trials} trials: ×1.5 resolved at reference ${r(hits.shift['at-reference'])}, shared exponents ${r(hits.shift['shared-exponents'])}; ` +
        `equal levels resolved at reference ${r(hits.equal['at-reference'])}, shared exponents ${r(hits.equal['shared-exponents'])}`,
    );
    for (const m of ['at-reference', 'shared-exponents'] as const) {
      expect(r(hits.shift[m])).toBeGreaterThanOrEqual(0.9);
      expect(r(hits.equal[m])).toBeLessThanOrEqual(0.1);
    }
  });
  it('slices --json: each pairwise level comparison has quantity, pair, ratio and ci95', () => {
    const study = sliceStudy(two(3, 1.5), 'dataset', { bootstrap: 100 });
    expect(study.levels.comparisons.length).toBe(4);
    for (const c of study.levels.comparisons) {
      expect(['lr', 'batch']).toContain(c.quantity);
      expect(c.pair).toEqual(['dataset=A', 'dataset=B']);
      expect(c.ratio).toBeGreaterThan(0);
      expect(c.ci95![0]).toBeLessThan(c.ci95![1]);
      expect(c.groups).toEqual([12, 12]);
    }
  });
});
