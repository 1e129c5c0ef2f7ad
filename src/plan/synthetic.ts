/**
 * Synthetic sweeps with a known law, to measure the planner's bias and the
 * coverage of its intervals (issue 15). Per (N, D) group, on the group's lattice:
 *
 *   ln L(x, y) = ln L0 + ω_g + H(z − μ_g)        z = (ln lr, ln B)
 *   μ_g = (c0 + cN·ln N + cD·ln D + τ_lr·ε, b0 + bD·ln D + τ_B·ε')
 *   observed ln L = ln L(x, y) + σ·ε''             (ε's standard normal, seeded)
 *
 * H(w) = xx·w_x² + yy·w_y² + xy·w_x·w_y is a flat plateau (the released grid's
 * curvature, propose.ts DEFAULT_CURVATURE), ω_g a group offset of the loss level,
 * τ the scatter of real optima around a power law and σ the run noise — both
 * measured on the released data by the caller (syntheticNoiseOf).
 */
import type { LogLinearCoefficients } from '../laws/law.js';
import type { Rng } from '../util/random.js';
import type { CellLattice } from './types.js';

export interface SyntheticSpec {
  law: LogLinearCoefficients;
  curvature: { xx: number; yy: number; xy: number };
  /** Run noise: sd of ln L. */
  sigma: number;
  /** Scatter of the group optima around the law: sd of ln lr* and ln B*. */
  tau: { lr: number; batch: number };
  /** Sd of the group's loss level offset ω_g (ln units; moves no optimum). */
  groupOffset: number;
  /** Loss level at the optimum before offsets. */
  L0?: number;
}

export interface SyntheticGroup {
  key: string;
  N: number;
  D: number;
  lattice: CellLattice;
  /** True optimum of the group (with its scatter). */
  optimum: { lnLr: number; lnB: number };
  /** Loss of every cell, by `i,j`. */
  loss: Map<string, number>;
}

export function syntheticSweep(groups: { key: string; N: number; D: number; lattice: CellLattice }[], spec: SyntheticSpec, rng: Rng): SyntheticGroup[] {
  const { law, curvature: h } = spec;
  return groups.map((g) => {
    const lnLr = law.lr.intercept + law.lr.coefN * Math.log(g.N) + law.lr.coefD * Math.log(g.D) + spec.tau.lr * rng.normal();
    const lnB = law.batch.intercept + law.batch.coefN * Math.log(g.N) + law.batch.coefD * Math.log(g.D) + spec.tau.batch * rng.normal();
    const level = Math.log(spec.L0 ?? 2.5) + spec.groupOffset * rng.normal();
    const loss = new Map<string, number>();
    g.lattice.lrLevels.forEach((lr, i) =>
      g.lattice.batchLevels.forEach((b, j) => {
        const u = Math.log(lr) - lnLr;
        const v = Math.log(b) - lnB;
        loss.set(`${i},${j}`, Math.exp(level + h.xx * u * u + h.yy * v * v + h.xy * u * v + spec.sigma * rng.normal()));
      }),
    );
    return { ...g, optimum: { lnLr, lnB }, loss };
  });
}
