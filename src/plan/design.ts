/**
 * The run design inside one group: a compass (pattern) search with a wide
 * stride (Kolda, Lewis & Torczon 2003, "Optimization by direct search", SIAM
 * Review 45(3), §3: compass search), which brackets the optimum on both axes.
 *
 *   1. the centre cell (the guide law's prediction, snapped to the lattice);
 *   2. then, repeatedly, the first not yet requested neighbour of the best run
 *      so far, one stride away — lr ÷2, lr ×2, batch ÷4, batch ×4 (issue 15:
 *      two grid steps of the released √2 lr ladder; the flat plateau spans ×2 in
 *      lr and in batch within 0.25% of the minimum, so a narrower stride
 *      measures noise, not curvature) — so the best run, once found, is
 *      bracketed on both axes;
 *   3. when all four are requested: its diagonal neighbours one stride away,
 *      along the valley first (lr and batch up together, then down together:
 *      the optimal lr grows with the batch), then the two others;
 *   4. then the unrequested cell nearest to the best in (ln lr, ln B).
 *
 * A neighbour at a stride is the lattice level nearest to ln(level) ± stride,
 * at least one level away; off the lattice there is none.
 */
import type { Cell, CellLattice } from './types.js';

export const DEFAULT_STRIDE = { lnLr: Math.log(2), lnB: Math.log(4) };

export interface Stride {
  lnLr: number;
  lnB: number;
}

export const cellKey = (c: Cell): string => `${c.i},${c.j}`;

/** Index of the level nearest to `target` (ln space); ties go to the lower level. */
export function nearestLevel(levels: number[], target: number): number {
  let best = 0;
  for (let k = 1; k < levels.length; k++) {
    if (Math.abs(Math.log(levels[k]) - target) < Math.abs(Math.log(levels[best]) - target) - 1e-12) best = k;
  }
  return best;
}

/** The cell nearest to (lr, batchTokens) in (ln lr, ln B). */
export function snapToLattice(lattice: CellLattice, lr: number, batchTokens: number): Cell {
  return { i: nearestLevel(lattice.lrLevels, Math.log(lr)), j: nearestLevel(lattice.batchLevels, Math.log(batchTokens)) };
}

/** The level index one stride from `k` in direction `dir` (±1), at least one level away; undefined off the lattice. */
export function strideStep(levels: number[], k: number, dir: 1 | -1, stride: number): number | undefined {
  const target = Math.log(levels[k]) + dir * stride;
  const candidates = levels.map((_, m) => m).filter((m) => (dir > 0 ? m > k : m < k));
  if (candidates.length === 0) return undefined;
  let best = candidates[0];
  for (const m of candidates) if (Math.abs(Math.log(levels[m]) - target) < Math.abs(Math.log(levels[best]) - target) - 1e-12) best = m;
  return best;
}

export interface DesignState {
  lattice: CellLattice;
  centre: Cell;
  /** Cells already requested: their loss (NaN for a run that gave no finite loss), or null for a cell that does not exist. */
  requested: Map<string, number | null>;
}

/** The best requested cell with a finite loss, or undefined. */
export function bestCell(state: DesignState): Cell | undefined {
  let best: Cell | undefined;
  let bestLoss = Infinity;
  for (const [key, loss] of state.requested) {
    if (loss === null || !Number.isFinite(loss) || loss >= bestLoss) continue;
    const [i, j] = key.split(',').map(Number);
    best = { i, j };
    bestLoss = loss;
  }
  return best;
}

/** The next cell to request, or undefined when every cell of the lattice has been requested. */
export function nextCell(state: DesignState, stride: Stride = DEFAULT_STRIDE): Cell | undefined {
  const { lattice, requested } = state;
  const free = (c: Cell | undefined): c is Cell => c !== undefined && !requested.has(cellKey(c));
  if (free(state.centre)) return state.centre;
  const best = bestCell(state) ?? state.centre;
  const lrStep = (dir: 1 | -1) => strideStep(lattice.lrLevels, best.i, dir, stride.lnLr);
  const bStep = (dir: 1 | -1) => strideStep(lattice.batchLevels, best.j, dir, stride.lnB);
  const at = (i: number | undefined, j: number | undefined): Cell | undefined => (i === undefined || j === undefined ? undefined : { i, j });
  const compass = [at(lrStep(-1), best.j), at(lrStep(1), best.j), at(best.i, bStep(-1)), at(best.i, bStep(1))];
  const diagonal = [at(lrStep(1), bStep(1)), at(lrStep(-1), bStep(-1)), at(lrStep(1), bStep(-1)), at(lrStep(-1), bStep(1))];
  for (const c of [...compass, ...diagonal]) if (free(c)) return c;
  let nearest: Cell | undefined;
  let nd = Infinity;
  const x0 = Math.log(lattice.lrLevels[best.i]);
  const y0 = Math.log(lattice.batchLevels[best.j]);
  for (let i = 0; i < lattice.lrLevels.length; i++) {
    for (let j = 0; j < lattice.batchLevels.length; j++) {
      const c = { i, j };
      if (!free(c)) continue;
      const d = ((Math.log(lattice.lrLevels[i]) - x0) / stride.lnLr) ** 2 + ((Math.log(lattice.batchLevels[j]) - y0) / stride.lnB) ** 2;
      if (d < nd - 1e-12) {
        nd = d;
        nearest = c;
      }
    }
  }
  return nearest;
}
