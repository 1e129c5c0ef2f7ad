/**
 * Synthetic sweeps with known optima, for tests. A group's loss is a bowl in
 * (ln lr, ln B) centred on a chosen optimum:
 *   L = L0 + a·(ln lr − ln lr*)² + b·(ln B − ln B*)².
 */
import { groupSweep, type Grid } from '../../src/sweep/grid.js';
import type { Run, Sweep } from '../../src/sweep/types.js';

export interface SyntheticGroup {
  N: number;
  D: number;
  lrStar: number;
  bStar: number;
  /** lr levels and batch levels (tokens) of the lattice. */
  lrs: number[];
  batches: number[];
  L0?: number;
  a?: number;
  b?: number;
  attrs?: Record<string, string | number>;
  /** Cells to leave out, as [lr index, batch index]. */
  missing?: [number, number][];
}

export function bowl(g: SyntheticGroup, lr: number, B: number): number {
  return (g.L0 ?? 2.5) + (g.a ?? 0.01) * Math.log(lr / g.lrStar) ** 2 + (g.b ?? 0.005) * Math.log(B / g.bStar) ** 2;
}

/** Levels centre·ratio^k for k = −n..n. */
export function levelsAround(centre: number, ratio: number, n: number): number[] {
  const out: number[] = [];
  for (let k = -n; k <= n; k++) out.push(centre * ratio ** k);
  return out;
}

export function syntheticSweep(groups: SyntheticGroup[]): Sweep {
  const runs: Run[] = [];
  for (const g of groups) {
    g.lrs.forEach((lr, i) =>
      g.batches.forEach((B, j) => {
        if (g.missing?.some(([a, b]) => a === i && b === j)) return;
        runs.push({ file: 'synthetic.csv', row: runs.length + 1, N: g.N, D: g.D, lr, batchTokens: B, loss: bowl(g, lr, B), attrs: { ...(g.attrs ?? {}) }, flags: [] });
      }),
    );
  }
  return { files: ['synthetic.csv'], format: 'mapped', runs, groupKeys: [], warnings: [] };
}

export function syntheticGrids(groups: SyntheticGroup[]): Grid[] {
  return groupSweep(syntheticSweep(groups)).grids;
}
