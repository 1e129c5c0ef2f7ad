/**
 * `fit --method huber|nls`: the engine-based regressions of the Step Law,
 * checked on data with known coefficients.
 */
import { describe, expect, it } from 'vitest';
import { regress, huberScale } from '../../src/laws/log-linear-regression.js';
import { createRng } from '../../src/util/random.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { sweepOf, syntheticRuns } from '../helpers/synthetic.js';

function design(n: number, seed: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  for (let i = 0; i < n; i++) X.push([1, 18 + 4 * rng.float(), 21 + 5 * rng.float()]);
  return { X, rng };
}
const beta = [1.2, -0.7, 0.3];
const eta = (x: number[]) => x.reduce((s, v, j) => s + v * beta[j], 0);

describe('log-linear regression methods', () => {
  it('exact data: ols, huber and nls all return the true coefficients', () => {
    const { X } = design(40, 1);
    const y = X.map(eta);
    for (const m of ['ols', 'huber', 'nls'] as const) {
      const r = regress(X, y, m);
      r.coef.forEach((c, j) => expect(c, `${m} b${j}`).toBeCloseTo(beta[j], 7));
      if (r.engine) expect(r.engine.success).toBe(true);
    }
  });
  it('huber resists gross outliers that pull OLS away', () => {
    const { X, rng } = design(200, 2);
    const y = X.map((x) => eta(x) + 0.05 * rng.normal());
    for (let i = 0; i < 20; i++) y[i] += 3; // 10% gross outliers (×20 in lr)
    const o = regress(X, y, 'ols');
    const h = regress(X, y, 'huber');
    const err = (c: number[]) => Math.abs(c[2] - beta[2]) + Math.abs(c[1] - beta[1]);
    expect(err(h.coef)).toBeLessThan(err(o.coef) / 3);
    expect(Math.abs(h.coef[2] - beta[2])).toBeLessThan(0.03);
  });
  it('huberScale is 1.345·1.4826·MAD (hand-checked: residuals ±1 → MAD 1)', () => {
    expect(huberScale([-1, 1, -1, 1])).toBeCloseTo(1.345 * 1.4826, 12);
  });
  it('fitStepLaw --method nls and huber on a synthetic sweep recover the known exponents and record convergence', () => {
    const s = sweepOf(syntheticRuns({ cN: -0.7, cD: 0.3, bD: 0.55 }, [1e8, 3e8, 1e9], [1e10, 3e10, 1e11]));
    for (const method of ['huber', 'nls'] as const) {
      const f = fitStepLaw(groupSweep(s).grids, { band: 1e-6, bootstrap: 20, method });
      expect(f.method).toBe(method);
      expect(f.lr.engine!.success).toBe(true);
      expect(f.lr.terms.find((t) => t.term === 'lnD')!.estimate).toBeCloseTo(0.3, 6);
      expect(f.lr.terms.find((t) => t.term === 'lnN')!.estimate).toBeCloseTo(-0.7, 6);
      expect(f.batch.terms.find((t) => t.term === 'lnD')!.estimate).toBeCloseTo(0.55, 6);
    }
  });
  it('an engine fit carries the authors’ OLS next to it (docs/method.md#fitting-procedure values on the released dense file)', async () => {
    const { loadSweep } = await import('../../src/ingest/sweep.js');
    const { repoData } = await import('../helpers/paths.js');
    const f = fitStepLaw(groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids, { bootstrap: 0, method: 'huber' });
    const ref = f.lr.olsReference!;
    expect(ref.map((t) => t.term)).toEqual(['intercept', 'lnN', 'lnD']);
    expect(ref[1].estimate).toBeCloseTo(-0.766228, 6);
    expect(ref[2].estimate).toBeCloseTo(0.197006, 6);
    expect(f.batch.olsReference![1].estimate).toBeCloseTo(0.612529, 6);
    expect(fitStepLaw(groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids, { bootstrap: 0 }).lr.olsReference).toBeUndefined();
  });
});
