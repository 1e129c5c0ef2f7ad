/**
 * multiStart keeps the best converged start, gridStarts is a Cartesian
 * product, bootstrap is deterministic under a seed and its intervals are
 * percentiles, fitReport / fitResultJson carry lmfit's sections.
 */
import { describe, expect, it } from 'vitest';
import { bootstrap, curveFit, fitReport, fitResultJson, gridStarts, leastSquares, multiStart } from '../../src/fitter/index.js';
import { createRng } from '../../src/util/random.js';
import { quantile } from '../../src/util/stats.js';

/**
 * cost(a) = ½[(a − 1)²(a + 2)² + 0.09·(a + 2)²]: global minimum 0 at a = −2, a
 * local minimum near a = 1 (cost ≈ 0.4). Starting right of 0 leads to the local one.
 */
const twoBasins = {
  params: [{ name: 'a', value: 1.5 }],
  residuals: (p: Float64Array) => Float64Array.of((p[0] - 1) * (p[0] + 2), 0.3 * (p[0] + 2)),
};

describe('multiStart', () => {
  it('a single start from the right converges to the local minimum', () => {
    const res = leastSquares(twoBasins);
    expect(res.success).toBe(true);
    expect(res.values.a).toBeGreaterThan(0.5);
    expect(res.cost).toBeGreaterThan(0.3);
  });
  it('keeps the best converged start (the global minimum a = −2) and counts starts', () => {
    const res = multiStart(twoBasins, [[1.5], [3], [-3.5], [0.8]]);
    expect(res.success).toBe(true);
    expect(res.values.a).toBeCloseTo(-2, 10);
    expect(res.cost).toBeLessThan(1e-20);
    expect(res.starts).toBe(4);
    expect(res.convergedStarts).toBe(4);
    expect(res.bestStart).toBe(2);
    expect(res.params[0].init).toBe(-3.5);
  });
  it('reports failure (success false, 0 converged) when no start converges', () => {
    // With 2 evaluations nothing converges.
    const none = multiStart(twoBasins, [[1.5], [-3.5]], { maxEvaluations: 2 });
    expect(none.success).toBe(false);
    expect(none.convergedStarts).toBe(0);
  });
  it('when every converged run is degenerate, the result says so (success false, status degenerate)', () => {
    // y = c + a·exp(−k·x) on flat data: the decay term must vanish, and where it does k has no effect.
    const x = [1, 2, 3, 4, 5, 6];
    const problem = {
      params: [{ name: 'c', value: 0 }, { name: 'a', value: 1 }, { name: 'k', value: 1 }],
      residuals: (p: Float64Array) => Float64Array.from(x, (t) => 5 - (p[0] + p[1] * Math.exp(-p[2] * t))),
    };
    const res = multiStart(problem, [[0, 1, 50], [1, 2, 80]]);
    expect(res.success).toBe(false);
    expect(res.status).toBe('degenerate');
    expect(res.values.c).toBeCloseTo(5, 10);
  });
  it('accepts record starts naming a subset of parameters; rejects unknown names', () => {
    const res = multiStart(twoBasins, [{ a: -3 }]);
    expect(res.values.a).toBeCloseTo(-2, 10);
    expect(() => multiStart(twoBasins, [{ b: 1 }])).toThrow(/unknown parameter/);
  });
  it('recovers a known exponential decay from a grid of starts', () => {
    const x = Array.from({ length: 30 }, (_, i) => i / 3);
    const y = x.map((t) => 3 * Math.exp(-0.7 * t) + 0.5);
    const residuals = (p: Float64Array) => Float64Array.from(x, (t, i) => y[i] - (p[0] * Math.exp(-p[1] * t) + p[2]));
    const res = multiStart(
      { params: [{ name: 'A', value: 1 }, { name: 'k', value: 1 }, { name: 'c', value: 0 }], residuals },
      gridStarts([[0.1, 10], [0.01, 0.1, 1, 10], [-1, 1]]),
    );
    expect(res.values.A).toBeCloseTo(3, 8);
    expect(res.values.k).toBeCloseTo(0.7, 8);
    expect(res.values.c).toBeCloseTo(0.5, 8);
    expect(res.starts).toBe(16);
  });
});

describe('gridStarts', () => {
  it('is the Cartesian product, last axis fastest', () => {
    expect(gridStarts([[0, 1], [5, 6]])).toEqual([[0, 5], [0, 6], [1, 5], [1, 6]]);
    expect(gridStarts([[1, 2, 3], [0], [7, 8]])).toHaveLength(6);
  });
  it('the docs/method.md#loss-laws Chinchilla grid has 4,500 starts', () => {
    const r = (a: number, b: number, s: number) => Array.from({ length: Math.round((b - a) / s) + 1 }, (_, i) => a + i * s);
    expect(gridStarts([r(0, 25, 5), r(0, 2, 0.5), r(0, 25, 5), r(0, 2, 0.5), r(-1, 1, 0.5)])).toHaveLength(4500);
  });
});

describe('bootstrap', () => {
  const data = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 3.0];
  const meanOf = (idx: Int32Array) => [idx.reduce((s, i) => s + data[i], 0) / idx.length];

  it('is deterministic for a seed and differs across seeds', () => {
    const a = bootstrap(data.length, 200, createRng(42), meanOf);
    const b = bootstrap(data.length, 200, createRng(42), meanOf);
    const c = bootstrap(data.length, 200, createRng(43), meanOf);
    expect(a.samples).toEqual(b.samples);
    expect(a.lower).toEqual(b.lower);
    expect(c.samples).not.toEqual(a.samples);
  });
  it('resamples indices 0..n−1 with replacement; intervals are type-7 percentiles; counts failures', () => {
    const seen: number[][] = [];
    let calls = 0;
    const res = bootstrap(
      data.length,
      100,
      createRng(7),
      (idx) => {
        seen.push(Array.from(idx));
        calls++;
        return calls % 10 === 0 ? undefined : meanOf(idx);
      },
      () => {},
    );
    expect(seen.every((s) => s.length === 10 && s.every((i) => i >= 0 && i < 10 && Number.isInteger(i)))).toBe(true);
    expect(seen.some((s) => new Set(s).size < 10)).toBe(true); // with replacement
    expect(res.failed).toBe(10);
    expect(res.samples).toHaveLength(90);
    const col = res.samples.map((s) => s[0]);
    expect(res.lower[0]).toBe(quantile(col, 0.025));
    expect(res.upper[0]).toBe(quantile(col, 0.975));
    expect(res.mean[0]).toBeCloseTo(col.reduce((s, v) => s + v, 0) / 90, 12);
  });
  it('reports progress and the bootstrap SE of a mean is near s/√n', () => {
    const progress: number[] = [];
    const res = bootstrap(data.length, 2000, createRng(1), meanOf, (done, total) => {
      if (done === total) progress.push(done);
    });
    expect(progress).toEqual([2000]);
    const m = data.reduce((s, v) => s + v, 0) / data.length;
    const sdPop = Math.sqrt(data.reduce((s, v) => s + (v - m) ** 2, 0) / data.length);
    // The bootstrap SE of the mean estimates σ̂/√n with the plug-in σ̂; 2000 resamples → ~2% Monte-Carlo error.
    expect(res.std[0] / (sdPop / Math.sqrt(data.length))).toBeGreaterThan(0.9);
    expect(res.std[0] / (sdPop / Math.sqrt(data.length))).toBeLessThan(1.1);
  });
  it('refits a nonlinear model on resamples', () => {
    const x = Array.from({ length: 20 }, (_, i) => i / 4);
    const rng = createRng(5);
    const y = x.map((t) => 2 * Math.exp(-0.5 * t) + 0.01 * rng.normal());
    const res = bootstrap(x.length, 50, createRng(9), (idx) => {
      const xi = Array.from(idx, (i) => x[i]);
      const yi = Array.from(idx, (i) => y[i]);
      const f = curveFit((t, p) => p[0] * Math.exp(-p[1] * t), xi, yi, [{ name: 'A', value: 1 }, { name: 'k', value: 1 }]);
      return f.success ? f.x : undefined;
    });
    expect(res.failed).toBe(0);
    expect(res.lower[1]).toBeLessThan(0.5);
    expect(res.upper[1]).toBeGreaterThan(0.5);
  });
});

describe('fitReport and fitResultJson', () => {
  const x = [0, 1, 2, 3, 4, 5, 6, 7];
  const y = [1.1, 2.9, 5.2, 6.8, 9.1, 11.0, 12.8, 15.2];
  const res = curveFit((t, p) => p[0] + p[1] * t + p[2] * t * t, x, y, [
    { name: 'a', value: 0 },
    { name: 'b', value: 1, max: 1.5 },
    { name: 'c', value: 0.1 },
    { name: 'd', value: 7, fixed: true },
  ]);
  it('has the lmfit sections, values with stderr and init, fixed and at-boundary marks, sorted correlations, warnings', () => {
    const text = fitReport(res, { title: 'quadratic' });
    expect(text).toContain('[[Fit Statistics]]');
    expect(text).toContain('[[Variables]]');
    expect(text).toContain('[[Correlations]] (unreported correlations are < 0.100)');
    expect(text).toContain('chi-square');
    expect(text).toContain('reduced chi-square');
    expect(text).toContain('Akaike info crit');
    expect(text).toContain('Bayesian info crit');
    expect(text).toContain('R-squared');
    expect(text).toMatch(/a:\s+\S+ \+\/- \S+ \(\d+\.\d\d%\) \(init = 0\)/);
    expect(text).toMatch(/d:\s+7 \(fixed\)/);
    expect(text).toMatch(/b:.*\(at boundary\)/);
    expect(text).toContain('[[Warnings]]');
    expect(text).toContain('at-boundary');
    expect(text).toMatch(/C\(a, c\) += [-+]0\.\d{4}/);
  });
  it('JSON has the same content and survives JSON.stringify without NaN', () => {
    const j = fitResultJson(res) as Record<string, any>;
    const round = JSON.parse(JSON.stringify(j));
    expect(round.params.map((q: any) => q.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(round.params[1].atBoundary).toBe(true);
    expect(round.params[1].stderr).toBeNull();
    expect(round.params[3].fixed).toBe(true);
    expect(round.params[3].min).toBeNull(); // −Infinity → null
    expect(round.statistics.chisqr).toBeCloseTo(res.chisqr, 12);
    expect(round.warnings.map((w: any) => w.code)).toContain('at-boundary');
    expect(round.covarianceParams).toEqual(['a', 'c']);
    expect(JSON.stringify(j)).not.toContain('NaN');
  });
});
