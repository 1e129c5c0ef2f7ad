/**
 * Group (cluster) bootstrap of the Step Law fit: the generic resampler, the
 * coverage of its intervals on synthetic sweeps whose groups carry an offset
 * (known truth), and a cross-check on the released dense file against a
 * cluster jackknife and a two-stage centroid fit computed here independently.
 */
import { describe, expect, it } from 'vitest';
import { clusterBootstrap, resampleClusters } from '../../src/fitter/bootstrap.js';
import { createRng } from '../../src/util/random.js';
import { studentTQuantile } from '../../src/util/stats.js';
import { fitStepLaw, MIN_INTERVAL_GROUPS } from '../../src/laws/steplaw-fit.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { sweepOf } from '../helpers/synthetic.js';
import { offsetSweep } from '../helpers/offset-sweep.js';
import { repoData } from '../helpers/paths.js';

describe('resampleClusters / clusterBootstrap', () => {
  it('each drawn cluster contributes all its indices, in draw order', () => {
    const clusters = [Int32Array.from([0, 1]), Int32Array.from([2]), Int32Array.from([3, 4, 5])];
    const rng = createRng(7);
    const twin = createRng(7);
    const idx = resampleClusters(clusters, rng);
    const expected = [0, 1, 2].flatMap(() => Array.from(clusters[twin.int(3)]));
    expect(Array.from(idx)).toEqual(expected);
  });
  it('a cluster mean bootstrap has the between-cluster spread, not the within-cluster one', () => {
    // 20 clusters of 10 identical values each: the mean's SE is sd(cluster values)/√20,
    // whatever the cluster size (a run bootstrap would divide by √200).
    const rng0 = createRng(3);
    const values: number[] = [];
    const clusters: Int32Array[] = [];
    for (let g = 0; g < 20; g++) {
      const v = rng0.normal();
      clusters.push(Int32Array.from({ length: 10 }, (_, k) => values.length + k));
      for (let k = 0; k < 10; k++) values.push(v);
    }
    const cm = clusters.map((c) => values[c[0]]);
    const m = cm.reduce((s, v) => s + v, 0) / 20;
    const sd = Math.sqrt(cm.reduce((s, v) => s + (v - m) ** 2, 0) / 19);
    const r = clusterBootstrap(clusters, 2000, createRng(0), (idx) => [Array.from(idx).reduce((s, i) => s + values[i], 0) / idx.length]);
    expect(r.std[0]).toBeGreaterThan(0.85 * (sd / Math.sqrt(20)));
    expect(r.std[0]).toBeLessThan(1.15 * (sd / Math.sqrt(20)));
  });
});

describe('coverage of the true lr D-exponent on sweeps with a group offset', () => {
  it('group bootstrap covers 90–99%; the run bootstrap under-covers', () => {
    // 20 groups, each with an offset u_g ~ N(0, 0.2²) in ln lr* that all its 9 runs share.
    const trials = 150;
    const covered = { groups: 0, runs: 0, groupPercentile: 0 };
    const Ns = [1e8, 3e8, 1e9, 3e9];
    const Ds = [2e10, 6e10, 2e11, 6e11, 2e12];
    const inside = (ci: [number, number]) => ci[0] <= 0.3 && 0.3 <= ci[1];
    for (let t = 0; t < trials; t++) {
      const grids = groupSweep(sweepOf(offsetSweep(1000 + t, 0.2, Ns, Ds))).grids;
      for (const resample of ['groups', 'runs'] as const) {
        const f = fitStepLaw(grids, { bootstrap: 300, seed: t, resample });
        const term = f.lr.terms.find((x) => x.term === 'lnD')!;
        expect(f.lr.interval).toBe(resample === 'groups' ? 'group-bootstrap-t' : 'run-bootstrap');
        if (inside(term.ci95!)) covered[resample]++;
        if (resample === 'groups' && inside(term.bootstrapCi95!)) covered.groupPercentile++;
      }
    }
    const rate = (k: number) => k / trials;
    console.log(
      `coverage of the true lr D-exponent (${trials} trials, 20 groups, σu = 0.2): group bootstrap ${rate(covered.groups)} ` +
        `(its plain percentiles ${rate(covered.groupPercentile)}), run bootstrap ${rate(covered.runs)}`,
    );
    expect(rate(covered.groups)).toBeGreaterThanOrEqual(0.9);
    expect(rate(covered.groups)).toBeLessThanOrEqual(0.99);
    expect(rate(covered.runs)).toBeLessThan(0.85);
  });
});

/** OLS by the normal equations (3 × 3, Gaussian elimination), written here independently of src/. */
function olsNormal(X: number[][], y: number[]): number[] {
  const p = X[0].length;
  const A = Array.from({ length: p }, (_, a) => [...Array.from({ length: p }, (_, b) => X.reduce((s, r) => s + r[a] * r[b], 0)), X.reduce((s, r, i) => s + r[a] * y[i], 0)]);
  for (let c = 0; c < p; c++) {
    for (let r = c + 1; r < p; r++) {
      const f = A[r][c] / A[c][c];
      for (let k = c; k <= p; k++) A[r][k] -= f * A[c][k];
    }
  }
  const b = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) b[r] = (A[r][p] - A[r].slice(r + 1, p).reduce((s, v, k) => s + v * b[r + 1 + k], 0)) / A[r][r];
  return b;
}

describe('released dense file: the group bootstrap against independent cluster methods', () => {
  const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
  const groups = fitStepLaw(grids, { bootstrap: 1000 });
  const runs = fitStepLaw(grids, { bootstrap: 1000, resample: 'runs' });
  const lnD = (f: typeof groups) => f.lr.terms.find((t) => t.term === 'lnD')!;
  // The kept runs, grouped, as plain rows.
  const byGroup = new Map<string, { x: number[]; y: number }[]>();
  for (const r of groups.kept) {
    const rows = byGroup.get(r.group) ?? [];
    rows.push({ x: [1, Math.log(r.N), Math.log(r.D)], y: Math.log(r.lr) });
    byGroup.set(r.group, rows);
  }
  const G = byGroup.size;
  it('cluster jackknife SE (leave one group out) agrees with the group bootstrap SD within 25%; the run bootstrap is smaller', () => {
    const keys = [...byGroup.keys()];
    const thetas = keys.map((k) => {
      const rows = keys.filter((j) => j !== k).flatMap((j) => byGroup.get(j)!);
      return olsNormal(rows.map((r) => r.x), rows.map((r) => r.y))[2];
    });
    const m = thetas.reduce((s, v) => s + v, 0) / G;
    const seJack = Math.sqrt(((G - 1) / G) * thetas.reduce((s, v) => s + (v - m) ** 2, 0));
    expect(G).toBe(17);
    expect(lnD(groups).bootstrapStd!).toBeGreaterThan(0.75 * seJack);
    expect(lnD(groups).bootstrapStd!).toBeLessThan(1.25 * seJack);
    expect(lnD(runs).bootstrapStd!).toBeLessThan(lnD(groups).bootstrapStd!);
    // The published 0.307 in jackknife SEs from the refit: between 2.3 and 3.2 (the run bootstrap's figure).
    const k = (0.307 - lnD(groups).estimate) / seJack;
    expect(k).toBeGreaterThan(2);
    expect(k).toBeLessThan(3.2);
  });
  it('two-stage fit on the 17 group centroids: its t interval is as wide as the group interval (within ×1.6), overlaps it, and both exclude 0.307', () => {
    const rows = [...byGroup.values()].map((rs) => ({ x: rs[0].x, y: rs.reduce((s, r) => s + r.y, 0) / rs.length }));
    const X = rows.map((r) => r.x);
    const y = rows.map((r) => r.y);
    const b = olsNormal(X, y);
    const res = y.map((v, i) => v - X[i].reduce((s, x, j) => s + x * b[j], 0));
    const s2 = res.reduce((s, r) => s + r * r, 0) / (G - 3);
    // se of b[2] = √(s²·[(XᵀX)⁻¹]₃₃).
    const XtX = [0, 1, 2].map((a) => [0, 1, 2].map((c) => X.reduce((s, r) => s + r[a] * r[c], 0)));
    const e2 = olsNormal(XtX, [0, 0, 1]); // (XᵀX)⁻¹ e₃ (square system: least squares = solve)
    const se = Math.sqrt(s2 * e2[2]);
    const t = studentTQuantile(0.975, G - 3);
    const [lo, hi] = [b[2] - t * se, b[2] + t * se];
    const ci = lnD(groups).ci95!;
    // Comparable widths (within a factor 1.6) and overlapping.
    expect((hi - lo) / (ci[1] - ci[0])).toBeGreaterThan(1 / 1.6);
    expect((hi - lo) / (ci[1] - ci[0])).toBeLessThan(1.6);
    expect(Math.max(lo, ci[0])).toBeLessThan(Math.min(hi, ci[1]));
    // The published 0.307 lies outside both.
    expect(hi).toBeLessThan(0.307);
    expect(ci[1]).toBeLessThan(0.307);
  });
});

describe('few groups', () => {
  it(`fewer than ${MIN_INTERVAL_GROUPS} groups: a few-groups warning with the count, and centroid t intervals as wide as G − p allows`, () => {
    const runs = offsetSweep(5, 0.2, [1e9], [2e10, 6e10, 2e11, 6e11]);
    const f = fitStepLaw(groupSweep(sweepOf(runs)).grids, { bootstrap: 200 });
    const w = f.warnings.find((x) => x.code === 'few-groups')!;
    expect(w.count).toBe(4);
    expect(w.message).toMatch(/rest on 4 \(N, D\) group/);
    expect(f.lr.interval).toBe('centroid-t');
    // Hand-derived: 4 centroids on (1, ln D), 2 dof; the interval is b ± t(2)·se.
    const byD = new Map<number, number[]>();
    for (const r of f.kept) byD.set(r.D, [...(byD.get(r.D) ?? []), Math.log(r.lr)]);
    const pts = [...byD].map(([D, ys]) => ({ x: Math.log(D), y: ys.reduce((s, v) => s + v, 0) / ys.length }));
    const mx = pts.reduce((s, p) => s + p.x, 0) / 4;
    const my = pts.reduce((s, p) => s + p.y, 0) / 4;
    const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
    const slope = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
    const rss = pts.reduce((s, p) => s + (p.y - my - slope * (p.x - mx)) ** 2, 0);
    const se = Math.sqrt(rss / 2 / sxx);
    const ci = f.lr.terms.find((t) => t.term === 'lnD')!.ci95!;
    expect(ci[0]).toBeCloseTo(slope - 4.302652729749462 * se, 10);
    expect(ci[1]).toBeCloseTo(slope + 4.302652729749462 * se, 10);
  });
});

describe('studentTQuantile', () => {
  it('matches scipy.stats.t.ppf', () => {
    // scipy 1.17: t.ppf(0.975, ν) for ν = 1, 2, 3, 10, 1000; t.ppf(0.9, 5).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 8);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729749462, 9);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463052837078, 9);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 9);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.9623390808264083, 9);
    expect(studentTQuantile(0.9, 5)).toBeCloseTo(1.4758840488244815, 9);
    expect(studentTQuantile(0.025, 2)).toBeCloseTo(-4.302652729749462, 9);
  });
});
