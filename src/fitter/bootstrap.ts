/**
 * Seeded nonparametric bootstrap (Efron & Tibshirani 1993, ch. 6 and 13), of
 * independent observations (`bootstrap`) or of clusters (`clusterBootstrap`):
 * draw a resample, refit it, and report the mean, the standard deviation
 * (n − 1 denominator) and the 2.5% and 97.5% percentiles (numpy type-7
 * quantiles) of every parameter over the successful refits, and how many
 * refits failed (refit returned undefined or a non-finite value). Statistics
 * are NaN when too few refits succeeded.
 *
 * The refit receives one Int32Array of observation indices, repeated as drawn
 * (it knows nothing about how they were drawn); `clusterDrawBootstrap` hands
 * it the drawn cluster numbers instead, for refits from per-cluster sums.
 */
import type { Rng } from '../util/random.js';
import { mean, quantiles, sampleStd } from '../util/stats.js';
import type { BootstrapResult } from './types.js';

type Refit = (idx: Int32Array) => number[] | undefined;
type Progress = (done: number, total: number) => void;

/** Resample the n indices 0…n−1 with replacement, nboot times. */
export function bootstrap(n: number, nboot: number, rng: Rng, refit: Refit, onProgress?: Progress): BootstrapResult {
  if (!(n >= 1) || !(nboot >= 1)) throw new Error(`bootstrap: need n ≥ 1 and nboot ≥ 1 (got ${n}, ${nboot})`);
  const idx = new Int32Array(n);
  return summarise(nboot, () => {
    for (let i = 0; i < n; i++) idx[i] = rng.int(n);
    return idx.slice();
  }, refit, onProgress);
}

/**
 * One cluster resample: draw G = clusters.length clusters with replacement and
 * concatenate the indices of each drawn cluster (a cluster drawn twice
 * contributes its indices twice). Clusters are drawn in order, so the result
 * is a deterministic function of the RNG state.
 */
export function resampleClusters(clusters: readonly ArrayLike<number>[], rng: Rng): Int32Array {
  const G = clusters.length;
  const drawn = drawClusters(G, rng, new Int32Array(G));
  let len = 0;
  for (let g = 0; g < G; g++) len += clusters[drawn[g]].length;
  const idx = new Int32Array(len);
  let at = 0;
  for (let g = 0; g < G; g++) {
    const c = clusters[drawn[g]];
    for (let k = 0; k < c.length; k++) idx[at++] = c[k];
  }
  return idx;
}

/** The clusters of one cluster resample: G draws of a cluster number in [0, G), in order, into `out`. */
export function drawClusters(G: number, rng: Rng, out: Int32Array): Int32Array {
  rng.ints(G, out.length === G ? out : out.subarray(0, G));
  return out;
}

/**
 * The cluster bootstrap for refits that work from per-cluster sums (e.g. the
 * normal equations, `ClusterSums` in ols-columns.ts): the refit receives the
 * drawn cluster numbers (`drawClusters`, the same draws as `clusterBootstrap`
 * makes from the same RNG) instead of the concatenated observation indices,
 * so a replicate costs O(G), not O(observations). The array is reused between
 * replicates: the refit must not keep it.
 */
export function clusterDrawBootstrap(G: number, nboot: number, rng: Rng, refit: Refit, onProgress?: Progress): BootstrapResult {
  if (!(G >= 1) || !(nboot >= 1)) throw new Error(`clusterDrawBootstrap: need ≥ 1 cluster and nboot ≥ 1 (got ${G}, ${nboot})`);
  const drawn = new Int32Array(G);
  return summarise(nboot, () => drawClusters(G, rng, drawn), refit, onProgress);
}

/**
 * A bootstrap whose replicate draws and refits in one step (e.g. `ClusterSums.drawAndAccumulate`, which draws
 * the clusters and adds up their sums together): `replicate` returns the replicate's parameters, or undefined
 * when it failed; summarised as every bootstrap here.
 */
export function replicateBootstrap(nboot: number, replicate: () => number[] | undefined, onProgress?: Progress): BootstrapResult {
  if (!(nboot >= 1)) throw new Error(`replicateBootstrap: need nboot ≥ 1 (got ${nboot})`);
  return summariseReplicates(nboot, replicate, onProgress);
}

/**
 * Cluster (pairs) bootstrap: resample whole clusters with replacement, each
 * drawn cluster contributing all its observations, and refit. When
 * observations share a cluster-level error (runs of one (N, D) group share N,
 * D and the group's offset), resampling observations treats them as
 * independent and understates the sampling variance; resampling clusters keeps
 * the within-cluster dependence intact and is consistent as the number of
 * clusters grows (Field & Welsh 2007, "Bootstrapping clustered data", JRSS B
 * 69:369–390; Cameron, Gelbach & Miller 2008, "Bootstrap-based improvements
 * for inference with clustered errors", REStat 90:414–427). With few clusters
 * (Cameron et al.: below about 5–10) the percentile intervals are too narrow
 * and many resamples cannot identify the coefficients: callers must say how
 * many clusters the intervals rest on.
 */
export function clusterBootstrap(
  clusters: readonly ArrayLike<number>[],
  nboot: number,
  rng: Rng,
  refit: Refit,
  onProgress?: Progress,
): BootstrapResult {
  if (!(clusters.length >= 1) || !(nboot >= 1)) {
    throw new Error(`clusterBootstrap: need ≥ 1 cluster and nboot ≥ 1 (got ${clusters.length}, ${nboot})`);
  }
  if (clusters.some((c) => c.length === 0)) throw new Error('clusterBootstrap: empty cluster');
  return summarise(nboot, () => resampleClusters(clusters, rng), refit, onProgress);
}

/**
 * Stratified cluster bootstrap: independent samples (strata, e.g. slices),
 * each with its own clusters; every replicate resamples each stratum's
 * clusters within the stratum (G_s draws from stratum s), so every stratum
 * keeps its size, and concatenates the indices, strata in order.
 */
export function stratifiedClusterBootstrap(
  strata: readonly (readonly ArrayLike<number>[])[],
  nboot: number,
  rng: Rng,
  refit: Refit,
  onProgress?: Progress,
): BootstrapResult {
  if (!(strata.length >= 1) || strata.some((s) => s.length === 0) || !(nboot >= 1)) {
    throw new Error('stratifiedClusterBootstrap: need ≥ 1 stratum, each with ≥ 1 cluster, and nboot ≥ 1');
  }
  return summarise(
    nboot,
    () => {
      const parts = strata.map((s) => resampleClusters(s, rng));
      const idx = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        idx.set(p, at);
        at += p.length;
      }
      return idx;
    },
    refit,
    onProgress,
  );
}

function summarise(nboot: number, draw: () => Int32Array, refit: Refit, onProgress?: Progress): BootstrapResult {
  return summariseReplicates(nboot, () => refit(draw()), onProgress);
}

function summariseReplicates(nboot: number, replicate: () => number[] | undefined, onProgress?: Progress): BootstrapResult {
  const samples: number[][] = [];
  let failed = 0;
  for (let b = 0; b < nboot; b++) {
    const v = replicate();
    if (v === undefined || !allFinite(v)) failed++;
    else samples.push(v);
    onProgress?.(b + 1, nboot);
  }
  const k = samples.length ? samples[0].length : 0;
  const n = samples.length;
  const result: BootstrapResult = { samples, nboot, failed, mean: [], std: [], lower: [], upper: [] };
  for (let j = 0; j < k; j++) {
    // Parameter j over the successful refits (n ≥ 1 here), read once for its four statistics.
    const col = new Array<number>(n);
    for (let i = 0; i < n; i++) col[i] = samples[i][j];
    const [lower, upper] = quantiles(col, [0.025, 0.975]);
    result.mean.push(mean(col));
    // NaN where too few refits succeeded to define the statistic (std needs 2).
    result.std.push(n >= 2 ? sampleStd(col) : NaN);
    result.lower.push(lower);
    result.upper.push(upper);
  }
  return result;
}

function allFinite(v: readonly number[]): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
