/**
 * Synthetic sweeps whose (N, D) groups each carry an offset, like the released
 * data (runs of one group share its optimum's deviation from the law): per
 * group a 3 × 3 lattice (lr and batch steps of 2^½) centred on
 * lr*·e^{u_g}, B*·e^{v_g} with u_g, v_g ~ N(0, σ²), flat enough that every run
 * is within the 0.25% band (all kept unless the loss noise, default 0.02%,
 * pushes a corner out). True ln lr* = ln a + cN·ln N + cD·ln D,
 * ln B* = ln b + bD·ln D.
 */
import type { Run } from '../../src/sweep/types.js';
import { createRng } from '../../src/util/random.js';

export interface OffsetLaw {
  a: number;
  cN: number;
  cD: number;
  b: number;
  bD: number;
}

export const OFFSET_LAW: OffsetLaw = { a: 0.5, cN: -0.7, cD: 0.3, b: 2, bD: 0.5 };

export function offsetSweep(
  seed: number,
  sigmaGroup: number,
  Ns: number[],
  Ds: number[],
  law: OffsetLaw = OFFSET_LAW,
  attrs: Record<string, string | number> = {},
  firstRow = 0,
  lossNoise = 0.0002,
): Run[] {
  const rng = createRng(seed);
  const runs: Run[] = [];
  let row = firstRow;
  for (const N of Ns) {
    for (const D of Ds) {
      const lrStar = law.a * N ** law.cN * D ** law.cD * Math.exp(sigmaGroup * rng.normal());
      const bStar = law.b * D ** law.bD * Math.exp(sigmaGroup * rng.normal());
      for (let i = -1; i <= 1; i++) {
        for (let j = -1; j <= 1; j++) {
          const lr = lrStar * 2 ** (i / 2);
          const batchTokens = bStar * 2 ** (j / 2);
          const loss = 2 * (1 + 0.001 * (i * i + j * j) + lossNoise * rng.normal());
          runs.push({ file: 'synthetic.csv', row: ++row, N, D, lr, batchTokens, loss, attrs: { ...attrs }, flags: [] });
        }
      }
    }
  }
  return runs;
}
