import { describe, expect, it } from 'vitest';
import { groupOptima } from '../../src/plan/optimum.js';
import { fitOptimaLaw, estimatePlannedLaw } from '../../src/plan/estimate.js';
import type { GroupRuns } from '../../src/plan/types.js';

/** ln L = ln 2 + (z − μ)ᵀ H (z − μ), H from (xx, yy, xy) as in optimum.ts: xx·u² + yy·v² + xy·u·v. */
function bowl(mu: [number, number], h = { xx: 0.006, yy: 0.004, xy: -0.003 }) {
  return (lr: number, b: number) => {
    const u = Math.log(lr) - mu[0];
    const v = Math.log(b) - mu[1];
    return 2 * Math.exp(h.xx * u * u + h.yy * v * v + h.xy * u * v);
  };
}

const compass = (c: [number, number]) => [
  [0, 0], [-1, 0], [1, 0], [0, -1], [0, 1], [1, 1],
].map(([a, b]) => [Math.exp(c[0] + a * Math.log(2)), Math.exp(c[1] + b * Math.log(4))]);

describe('group optima: vertex of a shared-curvature quadratic', () => {
  it('recovers known vertices exactly from six noise-free runs per group, cross term included', () => {
    const truth: [number, number][] = [[-7, 13], [-6.5, 14], [-7.4, 13.5], [-6.8, 12.8]];
    const groups: GroupRuns[] = truth.map((mu, k) => {
      const f = bowl(mu);
      // Centres off the optimum by up to a stride: the design is one-sided in some groups.
      const centre: [number, number] = [mu[0] + 0.3 * (k - 1.5), mu[1] - 0.5 * (k - 1)];
      return { key: `g${k}`, N: 1e8 * 2 ** k, D: 1e10 * 3 ** k, runs: compass(centre).map(([lr, b]) => ({ lr, batchTokens: b, loss: f(lr, b) })) };
    });
    const r = groupOptima(groups, { cutoff: 0.05 });
    expect(r.curvature!.crossFitted).toBe(true);
    expect(r.curvature!.xx).toBeCloseTo(0.006, 10);
    expect(r.curvature!.xy).toBeCloseTo(-0.003, 10);
    r.optima.forEach((o, k) => {
      expect(o.source).toBe('vertex');
      expect(o.lnLr).toBeCloseTo(truth[k][0], 8);
      expect(o.lnB).toBeCloseTo(truth[k][1], 8);
    });
  });
  it('a group with fewer runs than its coefficients gets its best run, flagged', () => {
    const f = bowl([-7, 13]);
    const g: GroupRuns = { key: 'tiny', N: 1e8, D: 1e10, runs: compass([-7, 13]).slice(0, 2).map(([lr, b]) => ({ lr, batchTokens: b, loss: f(lr, b) })) };
    const r = groupOptima([g]);
    expect(r.optima[0].source).toBe('best-run');
    expect(r.optima[0].flags).toContain('too-few-runs');
    expect(r.optima[0].lnLr).toBeCloseTo(-7, 12);
  });
  it('the law of the optima: OLS in logs recovers a known power law; a size term without spread is dropped', () => {
    const pts = [[1e8, 1e10], [2e8, 1e10], [1e8, 5e10], [4e8, 2e11], [3e8, 3e10]].map(([N, D]) => ({
      N,
      D,
      lnLr: 4 - 0.7 * Math.log(N) + 0.2 * Math.log(D),
      lnB: -1.5 + 0.6 * Math.log(D),
    }));
    const l = fitOptimaLaw(pts)!;
    expect(l.coefficients.lr.coefN).toBeCloseTo(-0.7, 10);
    expect(l.coefficients.lr.coefD).toBeCloseTo(0.2, 10);
    expect(l.coefficients.batch.coefD).toBeCloseTo(0.6, 10);
    const oneN = fitOptimaLaw(pts.map((p) => ({ ...p, N: 1e8 })))!;
    expect(oneN.reducedTerms).toEqual(['lnN']);
    expect(oneN.coefficients.lr.coefN).toBe(0);
  });
  it('estimatePlannedLaw: exact law from exact bowls; group-bootstrap intervals contain it', () => {
    const Ns = [1e8, 2e8, 4e8];
    const Ds = [1e10, 3e10, 1e11];
    const groups: GroupRuns[] = [];
    for (const N of Ns) for (const D of Ds) {
      const mu: [number, number] = [4 - 0.7 * Math.log(N) + 0.2 * Math.log(D), -1.5 + 0.6 * Math.log(D)];
      const f = bowl(mu);
      groups.push({ key: `${N},${D}`, N, D, runs: compass([mu[0] + 0.2, mu[1] - 0.3]).map(([lr, b]) => ({ lr, batchTokens: b, loss: f(lr, b) })) });
    }
    const e = estimatePlannedLaw(groups, { cutoff: 0.05, bootstrap: 50, seed: 0 })!;
    expect(e.exponents.lrN).toBeCloseTo(-0.7, 8);
    expect(e.exponents.lrD).toBeCloseTo(0.2, 8);
    expect(e.exponents.batchD).toBeCloseTo(0.6, 8);
    expect(e.bootstrap!.ci95.lrD[0]).toBeLessThanOrEqual(0.2 + 1e-9);
    expect(e.bootstrap!.ci95.lrD[1]).toBeGreaterThanOrEqual(0.2 - 1e-9);
  });
});
