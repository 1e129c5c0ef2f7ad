import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { withinBand } from '../../src/sweep/grid.js';
import { fitSlices } from '../../src/slices/fit-slices.js';
import { compareSliceExponents } from '../../src/slices/differences.js';
import { sliceStudy } from '../../src/slices/study.js';
import { withSliceAttribute } from '../../src/slices/derive.js';
import { InputError } from '../../src/messages.js';
import { repoData } from '../helpers/paths.js';
import { sweepOf, syntheticRuns } from '../helpers/synthetic.js';

/** Independent OLS slope and intercept of y on one regressor x (closed form). */
function slope(x: number[], y: number[]): { b: number; a: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return { b: sxy / sxx, a: my - (sxy / sxx) * mx };
}

describe('MoE sparsity slices of the released file', () => {
  const sweep = loadSweep([repoData('steplaw', 'moe_lr_bs_loss.csv')]);
  const slices = fitSlices(sweep, 'moe_name', { bootstrap: 300, seed: 3 });
  it('four sparsities, each fitted on D alone (one total N per sparsity) with a reduced-fit warning', () => {
    expect(slices.map((s) => s.value)).toEqual(['1in8', '1in89', '2in88', '3in8']);
    for (const s of slices) {
      expect(s.fit!.lr.terms.map((t) => t.term)).toEqual(['intercept', 'lnD']);
      expect(s.fit!.warnings.some((w) => w.code === 'reduced-fit')).toBe(true);
    }
  });
  it('per-sparsity D-exponents equal an independent closed-form OLS on each slice’s band-selected runs', () => {
    for (const s of slices) {
      const kept = s.grids.flatMap((g) => withinBand(g, 0.0025));
      const lr = slope(kept.map((r) => Math.log(r.D)), kept.map((r) => Math.log(r.lr)));
      const bs = slope(kept.map((r) => Math.log(r.D)), kept.map((r) => Math.log(r.batchTokens)));
      expect(s.fit!.lr.terms[1].estimate).toBeCloseTo(lr.b, 10);
      expect(s.fit!.lr.terms[0].estimate).toBeCloseTo(lr.a, 8);
      expect(s.fit!.batch.terms[1].estimate).toBeCloseTo(bs.b, 10);
      const [lo, hi] = s.fit!.lr.terms[1].ci95!;
      expect(lo).toBeLessThan(lr.b);
      expect(hi).toBeGreaterThan(lr.b);
    }
  });
  it('the pooled MoE fit does not fit an N exponent on total N that differs by 0.3% between sparsities', () => {
    const cmp = compareSliceExponents(slices);
    expect(cmp.map((c) => c.exponent)).toEqual(['lr/lnD', 'batch/lnD']);
    expect(cmp[0].published).toBe(0.307);
    expect(cmp[1].published).toBe(0.571);
    expect(cmp[0].differences).toHaveLength(6);
  });
  it('sparsity is derivable as Na/N', () => {
    const s = withSliceAttribute(sweep, 'sparsity');
    expect(new Set(s.runs.map((r) => r.attrs.sparsity))).toEqual(new Set([0.0874, 0.108, 0.274, 0.576]));
  });
});

describe('slice differences on synthetic sweeps with known exponents', () => {
  const Ns = [1e8, 3e8, 1e9];
  const Ds = [1e10, 3e10, 1e11, 3e11];
  const two = (cDa: number, cDb: number, seed: number) =>
    sweepOf([
      ...syntheticRuns({ cN: -0.7, cD: cDa, bD: 0.55 }, Ns, Ds, { noise: 0.0004, seed, attrs: { recipe: 'web' } }),
      ...syntheticRuns({ cN: -0.7, cD: cDb, bD: 0.55 }, Ns, Ds, { noise: 0.0004, seed: seed + 1000, attrs: { recipe: 'code' } }),
    ]);
  it('detects an lr D-exponent difference of 0.3 (interval excludes 0) and recovers it', () => {
    const study = sliceStudy(two(0.1, 0.4, 1), 'recipe', { bootstrap: 300, seed: 1 });
    const lrD = study.exponents.find((e) => e.exponent === 'lr/lnD')!;
    const d = lrD.differences[0];
    expect(d.a).toBe('recipe=code');
    expect(d.excludesZero).toBe(true);
    expect(d.difference).toBeGreaterThan(0.2);
    expect(d.difference).toBeLessThan(0.4);
    expect(d.ci95[0]).toBeLessThan(0.3);
    expect(d.ci95[1]).toBeGreaterThan(0.3);
  });
  it('with equal exponents, no difference is claimed in ≥ 90% of seeded trials', () => {
    let claimed = 0;
    const trials = 60;
    for (let t = 0; t < trials; t++) {
      const slices = fitSlices(two(0.3, 0.3, 100 + t), 'recipe', { bootstrap: 200, seed: t });
      const lrD = compareSliceExponents(slices, undefined, ['lr/lnD'])[0];
      if (lrD.differences[0].excludesZero) claimed++;
    }
    expect(claimed / trials).toBeLessThanOrEqual(0.1);
  });
});

describe('degenerate slices', () => {
  it('one N: reduced fit on D alone with a clear message', () => {
    const study = sliceStudy(sweepOf(syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [3e8], [1e10, 3e10, 1e11], { attrs: { recipe: 'a' } })), 'recipe', { bootstrap: 50 });
    expect(study.slices[0].lr!.terms.map((t) => t.term)).toEqual(['intercept', 'lnD']);
    expect(study.notes.join('\n')).toMatch(/one model size N = 300000000: the N exponents cannot be identified; fitted on D alone/);
  });
  it('one D: the batch law B(D) has no size term left, so the slice is refused; the override gives the reduced fit without a D term', () => {
    const sweep = sweepOf(syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [1e8, 3e8, 1e9], [1e10], { attrs: { recipe: 'a' } }));
    expect(sliceStudy(sweep, 'recipe', { bootstrap: 50 }).slices[0].error).toMatch(/not identifiable \(no-spread\): batch/);
    const study = sliceStudy(sweep, 'recipe', { bootstrap: 50, allowUnidentifiable: true });
    expect(study.slices[0].lr!.terms.map((t) => t.term)).toEqual(['intercept', 'lnN']);
    expect(study.slices[0].batch!.terms.map((t) => t.term)).toEqual(['intercept']);
    expect(study.notes.join('\n')).toMatch(/one data size D = 10000000000/);
  });
  it('fewer than 5 optima: few-groups note with the count', () => {
    const study = sliceStudy(sweepOf(syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [3e8], [1e10, 1e11], { attrs: { recipe: 'a' } })), 'recipe', { bootstrap: 50 });
    expect(study.notes.join("\n")).toMatch(/the intervals rest on 2 \(N, D\) group\(s\)/);
  });
  it('a slice with one run cannot be fitted and says why; the other slices still are', () => {
    const runs = [
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [1e8, 1e9], [1e10, 1e11], { attrs: { recipe: 'a' } }),
      ...syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [1e8], [1e10], { attrs: { recipe: 'b' } }).slice(0, 1),
    ];
    const study = sliceStudy(sweepOf(runs), 'recipe', { bootstrap: 50 });
    expect(study.slices[0].error).toBeNull();
    // One run: one lr level, no optimum to read.
    expect(study.slices[1].error).toMatch(/not identifiable \(optimum-not-readable\)/);
    expect(study.notes.some((n) => n.startsWith('recipe=b: not fitted'))).toBe(true);
  });
  it('slicing by a column the data lack is an InputError naming it', () => {
    expect(() => sliceStudy(sweepOf(syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [1e8], [1e10])), 'shape')).toThrow(InputError);
    expect(() => sliceStudy(sweepOf(syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.5 }, [1e8], [1e10])), 'shape')).toThrow(/cannot derive "shape"/);
  });
});
