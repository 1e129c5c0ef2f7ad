/**
 * OLS refits of one design on many resamples (the bootstrap's hot loop),
 * without gathering rows: the design is held column-wise in contiguous
 * Float64Arrays, and for a resample given as an index array (repeats allowed,
 * any length) the normal-equation sums XᵀX and Xᵀy of every target are
 * accumulated straight from the indices in one pass, then each regression —
 * any subset of the columns, with an intercept — is solved by Cholesky.
 *
 * β̂ = (XᵀX)⁻¹Xᵀy (Seber & Lee, *Linear Regression Analysis*, §3). The normal
 * equations square the condition number, so callers centre the regressors
 * (on the full-sample means): XᵀX of centred columns is then close to
 * diagonal and the intercept is mapped back as c0 − Σ cₖ·meanₖ. A resample
 * whose XᵀX is not positive definite to a relative pivot tolerance of 1e-12
 * (it cannot identify the coefficients) gives undefined, as `olsCoefficients`.
 */
import { solveNormalEquationsInto } from './ols.js';
import { drawClusters } from './bootstrap.js';
import { ClusterDrawKernel } from './cluster-draws.js';
import type { Rng } from '../util/random.js';

export class ResampledOls {
  /** Number of regressor columns (the intercept is implicit). */
  readonly k: number;
  /** XᵀX of the last accumulated resample, (k+1)², intercept first; lower triangle filled. */
  readonly xtx: Float64Array;
  /** Xᵀy of the last accumulated resample, one (k+1)-vector per target. */
  readonly xty: Float64Array[];

  /**
   * @param columns regressor columns (centred), all of one length n
   * @param targets response columns, of length n
   */
  constructor(
    private readonly columns: readonly Float64Array[],
    private readonly targets: readonly Float64Array[],
  ) {
    this.k = columns.length;
    const p = this.k + 1;
    this.xtx = new Float64Array(p * p);
    this.xty = targets.map(() => new Float64Array(p));
    this.sub = new Float64Array(p * p);
    this.rhs = new Float64Array(p);
    this.L = new Float64Array(p * p);
    this.z = new Float64Array(p);
  }

  /** Work space of `solveInto`: the sub-system of the chosen terms and its Cholesky factor. */
  private readonly sub: Float64Array;
  private readonly rhs: Float64Array;
  private readonly L: Float64Array;
  private readonly z: Float64Array;

  /**
   * Per-cluster sums of the normal equations, for a cluster bootstrap whose
   * replicate is a list of drawn clusters (`clusterDrawBootstrap`): see
   * `ClusterSums`.
   */
  clusterSums(clusters: readonly ArrayLike<number>[]): ClusterSums {
    return new ClusterSums(this, clusters);
  }

  /** Accumulate XᵀX and every Xᵀy over the rows `idx` (in order, repeats counted). */
  accumulate(idx: ArrayLike<number>): void {
    const { xtx, xty, columns, targets } = this;
    xtx.fill(0);
    for (const v of xty) v.fill(0);
    if (columns.length === 2 && targets.length === 2) {
      this.accumulate2x2(idx);
      return;
    }
    const p = this.k + 1;
    const m = idx.length;
    const row = new Float64Array(p);
    row[0] = 1;
    for (let r = 0; r < m; r++) {
      const i = idx[r];
      for (let a = 1; a < p; a++) row[a] = columns[a - 1][i];
      for (let a = 0; a < p; a++) {
        for (let b = 0; b <= a; b++) xtx[a * p + b] += row[a] * row[b];
      }
      for (let t = 0; t < targets.length; t++) {
        const y = targets[t][i];
        const v = xty[t];
        for (let a = 0; a < p; a++) v[a] += row[a] * y;
      }
    }
  }

  /** The Step Law case (ln N, ln D; ln lr, ln B) unrolled: twelve sums in registers. */
  private accumulate2x2(idx: ArrayLike<number>): void {
    const [x1, x2] = this.columns;
    const [y1, y2] = this.targets;
    const m = idx.length;
    let s1 = 0, s2 = 0, s11 = 0, s21 = 0, s22 = 0;
    let t0 = 0, t1 = 0, t2 = 0, u0 = 0, u1 = 0, u2 = 0;
    for (let r = 0; r < m; r++) {
      const i = idx[r];
      const a = x1[i];
      const b = x2[i];
      const y = y1[i];
      const z = y2[i];
      s1 += a;
      s2 += b;
      s11 += a * a;
      s21 += b * a;
      s22 += b * b;
      t0 += y;
      t1 += a * y;
      t2 += b * y;
      u0 += z;
      u1 += a * z;
      u2 += b * z;
    }
    this.setStepLawSums(m, s1, s11, s2, s21, s22, t0, t1, t2, u0, u1, u2);
  }

  /**
   * The normal equations of the Step Law case (ln N, ln D; ln lr, ln B) from their twelve sums: the lower
   * triangle of the 3 × 3 XᵀX (entries 0; 3, 4; 6, 7, 8), then Xᵀy of each target.
   */
  setStepLawSums(n: number, s1: number, s11: number, s2: number, s21: number, s22: number, t0: number, t1: number, t2: number, u0: number, u1: number, u2: number): void {
    const xtx = this.xtx;
    xtx.fill(0);
    xtx[0] = n;
    xtx[3] = s1;
    xtx[4] = s11;
    xtx[6] = s2;
    xtx[7] = s21;
    xtx[8] = s22;
    const [v, w] = this.xty;
    v[0] = t0;
    v[1] = t1;
    v[2] = t2;
    w[0] = u0;
    w[1] = u1;
    w[2] = u2;
  }

  /**
   * Coefficients of target `t` on the terms `terms` (0 = intercept, j = column
   * j − 1; ascending) from the last accumulated sums, or undefined when the
   * resample cannot identify them.
   */
  solve(terms: readonly number[], t: number): number[] | undefined {
    const beta = new Array<number>(terms.length);
    return this.solveInto(terms, t, beta) ? beta : undefined;
  }

  /** `solve` into `beta` (terms.length entries), allocating nothing; false when the resample cannot identify them. */
  solveInto(terms: readonly number[], t: number, beta: { [k: number]: number }): boolean {
    const P = this.k + 1;
    const p = terms.length;
    const { sub, rhs } = this;
    // Only the lower triangle is written, and only it is read.
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) sub[a * p + b] = this.xtx[terms[a] * P + terms[b]];
      rhs[a] = this.xty[t][terms[a]];
    }
    return solveNormalEquationsInto(sub, rhs, p, this.L, this.z, beta);
  }
}

/**
 * The normal equations of a cluster resample from per-cluster sums. XᵀX and
 * Xᵀy are sums over rows, and a cluster resample takes every row of each drawn
 * cluster, so for drawn clusters g₁ … g_G
 *
 *   XᵀX = Σ_k S(g_k),  Xᵀy = Σ_k T(g_k),  S(g) = Σ_{i∈g} x_i x_iᵀ,  T(g) = Σ_{i∈g} x_i y_i,
 *
 * the same sums as over the concatenated rows, regrouped (exact in real
 * arithmetic; in floating point they agree to rounding). S and T are computed
 * once, so a replicate costs O(G·p²) instead of O(rows·p²). The sums land in
 * the owning `ResampledOls` (`xtx`, `xty`), whose `solve` then applies.
 */
export class ClusterSums {
  /** Per cluster: the lower triangle of S (p(p+1)/2 entries), then T of every target (p each). */
  private readonly sums: Float64Array;
  private readonly stride: number;
  readonly clusters: number;

  constructor(
    private readonly ols: ResampledOls,
    clusters: readonly ArrayLike<number>[],
  ) {
    const p = ols.k + 1;
    const tri = (p * (p + 1)) / 2;
    const T = ols.xty.length;
    this.stride = tri + T * p;
    this.clusters = clusters.length;
    this.sums = new Float64Array(this.clusters * this.stride);
    for (let g = 0; g < clusters.length; g++) {
      ols.accumulate(clusters[g]);
      const at = g * this.stride;
      let q = at;
      for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) this.sums[q++] = ols.xtx[a * p + b];
      for (let t = 0; t < T; t++) for (let a = 0; a < p; a++) this.sums[q++] = ols.xty[t][a];
    }
  }

  /** The WebAssembly replicates of the Step Law case (null: not available, or not that case). */
  private kernel: ClusterDrawKernel | null | undefined;

  /**
   * One cluster-bootstrap replicate into the owner's sums: G draws of `rng` (`drawClusters`' draws: a group
   * number in [0, G) each) and the drawn clusters' sums added up in the order drawn — for the Step Law case in
   * WebAssembly (cluster-draws.ts: the same draws and sums, bit for bit) when the generator's state is
   * reachable, else by `drawClusters` into `drawn` and `accumulate`.
   */
  drawAndAccumulate(rng: Rng, drawn: Int32Array): void {
    if (this.kernel === undefined) this.kernel = (this.stride === 12 && this.ols.k === 2 && this.ols.xty.length === 2 && ClusterDrawKernel.create(this.sums)) || null;
    const words = rng.words;
    if (this.kernel && words) {
      const s = this.kernel.replicate(words);
      this.ols.setStepLawSums(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]);
      return;
    }
    this.accumulate(drawClusters(this.clusters, rng, drawn));
  }

  /** XᵀX and every Xᵀy of the resample made of the clusters `drawn` (repeats counted), into the owner's sums. */
  accumulate(drawn: ArrayLike<number>): void {
    const { ols, sums, stride } = this;
    const p = ols.k + 1;
    if (stride === 12 && p === 3) {
      this.accumulate12(drawn);
      return;
    }
    const acc = new Float64Array(stride);
    for (let r = 0; r < drawn.length; r++) {
      const at = drawn[r] * stride;
      for (let q = 0; q < stride; q++) acc[q] += sums[at + q];
    }
    const xtx = ols.xtx;
    xtx.fill(0);
    let q = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b <= a; b++) xtx[a * p + b] = acc[q++];
    for (const v of ols.xty) for (let a = 0; a < p; a++) v[a] = acc[q++];
  }

  /** The Step Law case (two regressors, two targets: 6 + 2·3 sums per cluster) in registers. */
  private accumulate12(drawn: ArrayLike<number>): void {
    const sums = this.sums;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0, a10 = 0, a11 = 0;
    for (let r = 0; r < drawn.length; r++) {
      const at = drawn[r] * 12;
      a0 += sums[at];
      a1 += sums[at + 1];
      a2 += sums[at + 2];
      a3 += sums[at + 3];
      a4 += sums[at + 4];
      a5 += sums[at + 5];
      a6 += sums[at + 6];
      a7 += sums[at + 7];
      a8 += sums[at + 8];
      a9 += sums[at + 9];
      a10 += sums[at + 10];
      a11 += sums[at + 11];
    }
    this.ols.setStepLawSums(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
  }
}
