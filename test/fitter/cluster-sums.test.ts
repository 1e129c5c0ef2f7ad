/**
 * The group bootstrap from per-group sums (`ClusterSums`, `clusterDrawBootstrap`) is the group bootstrap:
 * the same draws as `clusterBootstrap`, and for each replicate the same normal equations as the drawn groups'
 * rows concatenated, so the same coefficients (to rounding). Checked against the direct computation — gather
 * the drawn rows, QR least squares — and end to end against a Step Law fit's bootstrap samples.
 */
import { describe, expect, it } from 'vitest';
import { clusterBootstrap, clusterDrawBootstrap, drawClusters, resampleClusters } from '../../src/fitter/bootstrap.js';
import { ResampledOls } from '../../src/fitter/ols-columns.js';
import { ols, olsCoefficients } from '../../src/fitter/ols.js';
import { createRng } from '../../src/util/random.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { repoData } from '../helpers/paths.js';

/** Groups of 1–6 rows; x1, x2 constant-ish within a group plus a little spread; two targets. */
function design(seed: number, G: number) {
  const rng = createRng(seed);
  const clusters: Int32Array[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  for (let g = 0; g < G; g++) {
    const size = 1 + rng.int(6);
    const a = rng.normal() * 2;
    const b = rng.normal();
    const ix: number[] = [];
    for (let k = 0; k < size; k++) {
      ix.push(x1.length);
      x1.push(a + 0.01 * rng.normal());
      x2.push(b + 0.01 * rng.normal());
    }
    clusters.push(Int32Array.from(ix));
  }
  const y = x1.map((a, i) => 0.3 - 0.7 * a + 0.3 * x2[i] + 0.05 * rng.normal());
  const z = x2.map((b) => -0.5 + 0.57 * b + 0.05 * rng.normal());
  return { clusters, x1: Float64Array.from(x1), x2: Float64Array.from(x2), y: Float64Array.from(y), z: Float64Array.from(z) };
}

describe('group bootstrap from per-group sums', () => {
  it('draws the same groups as clusterBootstrap from the same generator', () => {
    const { clusters } = design(1, 40);
    const a = createRng(5);
    const b = createRng(5);
    const drawn = new Int32Array(clusters.length);
    for (let r = 0; r < 50; r++) {
      drawClusters(clusters.length, a, drawn);
      const idx = resampleClusters(clusters, b);
      const expected = Array.from(drawn).flatMap((g) => Array.from(clusters[g]));
      expect(Array.from(idx)).toEqual(expected);
    }
  });

  it('each replicate solves the normal equations of the concatenated rows: equal to QR on the gathered design', () => {
    for (const seed of [1, 2, 3]) {
      const { clusters, x1, x2, y, z } = design(seed, 30);
      const o = new ResampledOls([x1, x2], [y, z]);
      const sums = o.clusterSums(clusters);
      const rng = createRng(seed);
      const drawn = new Int32Array(clusters.length);
      for (let r = 0; r < 40; r++) {
        drawClusters(clusters.length, rng, drawn);
        sums.accumulate(drawn);
        const got = o.solve([0, 1, 2], 0);
        const gotB = o.solve([0, 2], 1);
        const rows = Array.from(drawn).flatMap((g) => Array.from(clusters[g]));
        const X = rows.map((i) => [1, x1[i], x2[i]]);
        const want = ols(X, rows.map((i) => y[i])).coef;
        const wantB = ols(rows.map((i) => [1, x2[i]]), rows.map((i) => z[i])).coef;
        expect(got).toBeDefined();
        got!.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(want[k]))));
        gotB!.forEach((v, k) => expect(Math.abs(v - wantB[k])).toBeLessThan(1e-9 * Math.max(1, Math.abs(wantB[k]))));
      }
    }
  });

  it('a replicate whose groups cannot identify a slope fails, as the direct refit does', () => {
    // Two groups with the same x1: a resample drawing only those has no x1 spread.
    const x1 = Float64Array.from([1, 1, 1, 1, 5, 5]);
    const x2 = Float64Array.from([0, 1, 0, 1, 3, 2]);
    const y = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const clusters = [Int32Array.from([0, 1]), Int32Array.from([2, 3]), Int32Array.from([4, 5])];
    const o = new ResampledOls([x1, x2], [y]);
    const sums = o.clusterSums(clusters);
    sums.accumulate(Int32Array.from([0, 1, 1]));
    expect(o.solve([0, 1, 2], 0)).toBeUndefined();
    expect(olsCoefficients([[1, 1, 0], [1, 1, 1], [1, 1, 0], [1, 1, 1], [1, 1, 0], [1, 1, 1]], [1, 2, 3, 4, 3, 4])).toBeUndefined();
  });

  it('clusterDrawBootstrap summarises the same replicates as clusterBootstrap with the direct refit', () => {
    const { clusters, x1, x2, y } = design(9, 25);
    const X = Array.from(x1, (a, i) => [1, a, x2[i]]);
    const direct = clusterBootstrap(clusters, 200, createRng(0), (idx) => olsCoefficients(X, Array.from(y), idx));
    const o = new ResampledOls([x1, x2], [y]);
    const sums = o.clusterSums(clusters);
    const fast = clusterDrawBootstrap(clusters.length, 200, createRng(0), (drawn) => {
      sums.accumulate(drawn);
      return o.solve([0, 1, 2], 0);
    });
    expect(fast.failed).toBe(direct.failed);
    expect(fast.samples).toHaveLength(direct.samples.length);
    fast.samples.forEach((s, r) => s.forEach((v, k) => expect(Math.abs(v - direct.samples[r][k])).toBeLessThan(1e-9)));
  });

  it('the Step Law fit\'s group bootstrap equals the direct one on its kept runs (released dense file)', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
    const fit = fitStepLaw(grids, { bootstrap: 100, seed: 0 });
    expect(fit.options.resample).toBe('groups');
    const kept = fit.kept;
    // Groups in order of first appearance among the kept runs, as the fit forms them.
    const byGroup = new Map<string, number[]>();
    kept.forEach((r, i) => (byGroup.get(r.group) ?? byGroup.set(r.group, []).get(r.group)!).push(i));
    const clusters = [...byGroup.values()].map((ix) => Int32Array.from(ix));
    const X = kept.map((r) => [1, Math.log(r.N), Math.log(r.D)]);
    const XB = kept.map((r) => [1, Math.log(r.D)]);
    const yLr = kept.map((r) => Math.log(r.lr));
    const yB = kept.map((r) => Math.log(r.batchTokens));
    const direct = clusterBootstrap(clusters, 100, createRng(0), (idx) => {
      const a = olsCoefficients(X, yLr, idx);
      const b = olsCoefficients(XB, yB, idx);
      return a && b ? [...a, b[0], 0, b[1]] : undefined;
    });
    expect(fit.bootstrap!.failed).toBe(direct.failed);
    expect(fit.bootstrap!.samples).toHaveLength(direct.samples.length);
    fit.bootstrap!.samples.forEach((s, r) => s.forEach((v, k) => expect(Math.abs(v - direct.samples[r][k])).toBeLessThan(1e-8)));
  });
});
