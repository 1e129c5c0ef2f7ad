/**
 * The cluster bootstrap's replicates in WebAssembly (fitter/cluster-draws.ts) are the JavaScript path's, bit for
 * bit: for each replicate the same normal-equation sums as drawing with `Rng.ints` (`drawClusters`) and adding up
 * in `ClusterSums.accumulate`, and the generator left in the same state, so every later draw is the same too.
 * Checked over group counts that take every branch of the draw (1 and 2: nothing rejected; 3, 7, 1000, 70001:
 * the last partial block of 2^32 rejected), and end to end on a Step Law fit's bootstrap samples.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ResampledOls } from '../../src/fitter/ols-columns.js';
import { clusterDrawKernelAvailable, useClusterDrawKernel } from '../../src/fitter/cluster-draws.js';
import { createRng } from '../../src/util/random.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { repoData } from '../helpers/paths.js';

afterEach(() => useClusterDrawKernel(true));

/** G groups of 1–4 rows with two regressors and two targets (values from a seeded generator). */
function design(G: number) {
  const rng = createRng(G);
  const clusters: Int32Array[] = [];
  const cols: number[][] = [[], [], [], []];
  for (let g = 0; g < G; g++) {
    const ix: number[] = [];
    for (let k = 1 + rng.int(4); k > 0; k--) {
      ix.push(cols[0].length);
      for (const c of cols) c.push(rng.normal() * 3);
    }
    clusters.push(Int32Array.from(ix));
  }
  const [x1, x2, y, z] = cols.map((c) => Float64Array.from(c));
  return { clusters, x1, x2, y, z };
}

describe('cluster bootstrap draws in WebAssembly', () => {
  it('is built (npm run build makes dist/cluster-draws.wasm)', () => {
    expect(clusterDrawKernelAvailable()).toBe(true);
  });

  it('every replicate has the sums of the JavaScript draws and additions, and the generator ends where it would', () => {
    for (const G of [1, 2, 3, 7, 1000, 70_001]) {
      const { clusters, x1, x2, y, z } = design(G);
      const replicates = G > 10_000 ? 3 : 40;
      const run = (kernel: boolean) => {
        useClusterDrawKernel(kernel);
        const o = new ResampledOls([x1, x2], [y, z]);
        const sums = o.clusterSums(clusters);
        const rng = createRng(17);
        const drawn = new Int32Array(G);
        const out: number[][] = [];
        for (let r = 0; r < replicates; r++) {
          sums.drawAndAccumulate(rng, drawn);
          out.push([...o.xtx, ...o.xty[0], ...o.xty[1]]);
        }
        // The stream goes on from the same state.
        out.push([rng.int(1_000_003), rng.int(G), rng.float()]);
        return out;
      };
      const js = run(false);
      const wasm = run(true);
      expect(wasm.length).toBe(js.length);
      wasm.forEach((row, r) => row.forEach((v, k) => expect(Object.is(v, js[r][k]), `G = ${G}, replicate ${r}, entry ${k}: ${v} vs ${js[r][k]}`).toBe(true)));
    }
  });

  it('a Step Law fit of the released dense sweep has the same bootstrap samples with and without it', () => {
    const grids = groupSweep(loadSweep([repoData('steplaw/dense_lr_bs_loss.csv')])).grids;
    const fit = (kernel: boolean) => {
      useClusterDrawKernel(kernel);
      return fitStepLaw(grids, { bootstrap: 300 }).bootstrap!.samples;
    };
    const js = fit(false);
    const wasm = fit(true);
    expect(wasm.length).toBe(300);
    expect(wasm.flat().every((v, i) => Object.is(v, js.flat()[i]))).toBe(true);
  });
});
