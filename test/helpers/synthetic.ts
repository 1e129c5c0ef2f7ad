/**
 * Synthetic sweeps from known Step-Law-form laws: per (N, D) group a 9 × 9
 * lattice in (lr, batch) around lr* = a·N^cN·D^cD and B* = b·D^bD (√2 steps),
 * loss = L0 + k·[(ln lr/lr*)² + (ln B/B*)²] with multiplicative noise.
 */
import type { Run, Sweep } from '../../src/sweep/types.js';
import { createRng } from '../../src/util/random.js';

export interface SyntheticLaw {
  cN: number;
  cD: number;
  bD: number;
  a?: number;
  b?: number;
}

export function syntheticRuns(law: SyntheticLaw, Ns: number[], Ds: number[], opts: { noise?: number; seed?: number; attrs?: Record<string, string | number>; curvature?: number } = {}): Run[] {
  const rng = createRng(opts.seed ?? 1);
  const runs: Run[] = [];
  const k = opts.curvature ?? 0.004;
  let row = 0;
  for (const N of Ns) {
    for (const D of Ds) {
      const lrStar = (law.a ?? 0.5) * N ** law.cN * D ** law.cD;
      const bStar = (law.b ?? 2) * D ** law.bD;
      for (let i = -4; i <= 4; i++) {
        for (let j = -4; j <= 4; j++) {
          const lr = lrStar * 2 ** (i / 2);
          const batchTokens = bStar * 2 ** (j / 2);
          const bowl = k * (Math.log(lr / lrStar) ** 2 + Math.log(batchTokens / bStar) ** 2);
          const loss = (2 + bowl) * (1 + (opts.noise ?? 0) * rng.normal());
          runs.push({ file: 'synthetic.csv', row: ++row, N, D, lr, batchTokens, loss, attrs: { ...(opts.attrs ?? {}) }, flags: [] });
        }
      }
    }
  }
  return runs;
}

export function sweepOf(runs: Run[], groupKeys: string[] = []): Sweep {
  return { files: ['synthetic.csv'], format: 'mapped', runs, groupKeys, warnings: [] };
}
