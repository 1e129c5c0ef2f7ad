/**
 * The authors' fitting procedure on the released dense file, checked against
 * the values docs/method.md#fitting-procedure gives (plain OLS on the 129 runs within 0.25%:
 * ln lr = 4.35268 − 0.766228·ln N + 0.197006·ln D; ln B = −1.56771 + 0.612529·ln D;
 * the authors' own bootstrap code: 79.2·N^−0.766·D^0.196 and 0.211·D^0.612).
 */
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw, fitToLaw } from '../../src/laws/steplaw-fit.js';
import type { Sweep, Run } from '../../src/sweep/types.js';
import { createRng } from '../../src/util/random.js';
import { repoData } from '../helpers/paths.js';

const sig = (x: number, d: number) => Number(x.toPrecision(d));
const { grids } = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]));

describe('fitStepLaw on dense_lr_bs_loss.csv, band 0.0025', () => {
  const fit = fitStepLaw(grids, { bootstrap: 1000, seed: 0 });
  const term = (s: typeof fit.lr, t: string) => s.terms.find((x) => x.term === t)!;
  it('keeps 129 runs', () => expect(fit.data.keptRuns).toBe(129));
  it('OLS coefficients to 5 significant digits', () => {
    expect(sig(term(fit.lr, 'intercept').estimate, 6)).toBe(4.35268);
    expect(sig(term(fit.lr, 'lnN').estimate, 6)).toBe(-0.766228);
    expect(sig(term(fit.lr, 'lnD').estimate, 6)).toBe(0.197006);
    expect(sig(term(fit.batch, 'intercept').estimate, 6)).toBe(-1.56771);
    expect(sig(term(fit.batch, 'lnD').estimate, 6)).toBe(0.612529);
  });
  it('with the authors’ run resampling, bootstrap means within ±0.01 of the authors’ bootstrap exponents (−0.766, 0.196, 0.612)', () => {
    const runs = fitStepLaw(grids, { bootstrap: 1000, seed: 0, resample: 'runs' });
    expect(Math.abs(term(runs.lr, 'lnN').bootstrapMean! - -0.766)).toBeLessThan(0.01);
    expect(Math.abs(term(runs.lr, 'lnD').bootstrapMean! - 0.196)).toBeLessThan(0.01);
    expect(Math.abs(term(runs.batch, 'lnD').bootstrapMean! - 0.612)).toBeLessThan(0.01);
    expect(runs.bootstrap!.samples).toHaveLength(1000);
    expect(runs.bootstrap!.resample).toBe('runs');
    expect(runs.lr.interval).toBe('run-bootstrap');
    expect(runs.lawSource).toBe('bootstrap-mean');
  });
  it('resamples the 17 groups by default, with wider intervals than the run bootstrap', () => {
    expect(fit.options.resample).toBe('groups');
    expect(fit.bootstrap!.units).toBe(17);
    expect(fit.lr.interval).toBe('group-bootstrap-t');
    const runs = fitStepLaw(grids, { bootstrap: 1000, seed: 0, resample: 'runs' });
    const w = (f: typeof fit) => term(f.lr, 'lnD').ci95![1] - term(f.lr, 'lnD').ci95![0];
    expect(w(fit)).toBeGreaterThan(w(runs));
  });
  it('the published lr D-exponent 0.307 lies outside the re-derived 95% interval; −0.713 and 0.571 inside', () => {
    const [lo, hi] = term(fit.lr, 'lnD').ci95!;
    expect(0.307).toBeGreaterThan(hi);
    const [nlo, nhi] = term(fit.lr, 'lnN').ci95!;
    expect(-0.713).toBeGreaterThan(nlo);
    expect(-0.713).toBeLessThan(nhi);
    const [blo, bhi] = term(fit.batch, 'lnD').ci95!;
    expect(0.571).toBeGreaterThan(blo);
    expect(0.571).toBeLessThan(bhi);
    expect(lo).toBeLessThan(0.197006);
  });
  it('is deterministic for a seed and changes with the seed', () => {
    const a = fitStepLaw(grids, { bootstrap: 200, seed: 7 });
    const b = fitStepLaw(grids, { bootstrap: 200, seed: 7 });
    const c = fitStepLaw(grids, { bootstrap: 200, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.law.lr.coefD).not.toBe(c.law.lr.coefD);
  });
  it('the band moves the exponents as docs/method.md#fitting-procedure tabulates (OLS)', () => {
    const table: [number, number, number, number, number][] = [
      // band, kept, lr N-exponent, lr D-exponent, B D-exponent
      [0.001, 47, -0.755, 0.205, 0.668],
      [0.0025, 129, -0.766, 0.197, 0.613],
      [0.005, 260, -0.712, 0.173, 0.496],
      [0.01, 537, -0.64, 0.133, 0.475],
    ];
    for (const [band, kept, cN, cD, bD] of table) {
      const f = fitStepLaw(grids, { band, bootstrap: 0 });
      expect(f.data.keptRuns).toBe(kept);
      expect(term(f.lr, 'lnN').estimate).toBeCloseTo(cN, 3);
      expect(term(f.lr, 'lnD').estimate).toBeCloseTo(cD, 3);
      expect(term(f.batch, 'lnD').estimate).toBeCloseTo(bD, 3);
    }
  });
  it('the fitted law predicts with the bootstrap means, and has an interval', () => {
    const law = fitToLaw(fit, 'dense');
    const p = law.predict({ N: 1e9, D: 1e11 });
    const c = fit.law;
    expect(p.lr).toBeCloseTo(Math.exp(c.lr.intercept + c.lr.coefN * Math.log(1e9) + c.lr.coefD * Math.log(1e11)), 12);
    const iv = law.interval!({ N: 1e9, D: 1e11 });
    expect(iv.lr![0]).toBeLessThan(p.lr!);
    expect(iv.lr![1]).toBeGreaterThan(p.lr!);
  });
});

describe('synthetic sweeps with known laws', () => {
  /** Grids whose optimum sits exactly on lr* = a·N^cN·D^cD and B* = b·D^bD, with a quadratic bowl in logs. */
  function synthetic(cN: number, cD: number, bD: number, Ns: number[], Ds: number[], noise = 0, seed = 1): Sweep {
    const rng = createRng(seed);
    const runs: Run[] = [];
    let row = 0;
    for (const N of Ns) {
      for (const D of Ds) {
        const lrStar = 0.5 * N ** cN * D ** cD;
        const bStar = 2 * D ** bD;
        for (let i = -4; i <= 4; i++) {
          for (let j = -4; j <= 4; j++) {
            const lr = lrStar * 2 ** (i / 2);
            const batchTokens = bStar * 2 ** (j / 2);
            const loss = 2 + 0.002 * (Math.log(lr / lrStar) ** 2 + Math.log(batchTokens / bStar) ** 2) * (1 + noise * rng.normal());
            runs.push({ file: 'synthetic', row: ++row, N, D, lr, batchTokens, loss, attrs: {}, flags: [] });
          }
        }
      }
    }
    return { files: ['synthetic'], format: 'mapped', runs, groupKeys: [], warnings: [] };
  }
  it('recovers exponents exactly when the band keeps only the optima', () => {
    const s = synthetic(-0.7, 0.3, 0.55, [1e8, 3e8, 1e9], [1e10, 3e10, 1e11]);
    const f = fitStepLaw(groupSweep(s).grids, { band: 1e-6, bootstrap: 0 });
    expect(f.data.keptRuns).toBe(9);
    expect(f.lr.terms.find((t) => t.term === 'lnN')!.estimate).toBeCloseTo(-0.7, 10);
    expect(f.lr.terms.find((t) => t.term === 'lnD')!.estimate).toBeCloseTo(0.3, 10);
    expect(f.batch.terms.find((t) => t.term === 'lnD')!.estimate).toBeCloseTo(0.55, 10);
    expect(f.lr.terms[0].estimate).toBeCloseTo(Math.log(0.5), 9);
    expect(f.batch.terms[0].estimate).toBeCloseTo(Math.log(2), 9);
  });
  it('one N: drops the N term with a reduced-fit warning and still fits D', () => {
    const s = synthetic(-0.7, 0.3, 0.55, [3e8], [1e10, 3e10, 1e11]);
    const f = fitStepLaw(groupSweep(s).grids, { band: 1e-6, bootstrap: 0 });
    expect(f.lr.terms.map((t) => t.term)).toEqual(['intercept', 'lnD']);
    expect(f.lr.terms[1].estimate).toBeCloseTo(0.3, 10);
    expect(f.warnings.some((w) => w.code === 'reduced-fit')).toBe(true);
  });
  it('fewer than 3 optima is warned', () => {
    const s = synthetic(-0.7, 0.3, 0.55, [3e8], [1e10, 1e11]);
    const f = fitStepLaw(groupSweep(s).grids, { band: 0.001, bootstrap: 0 });
    expect(f.warnings.some((w) => w.code === 'few-groups')).toBe(true);
  });
});
