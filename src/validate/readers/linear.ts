/**
 * Linear reader: bilinear interpolation in (ln lr, ln B) over the lattice.
 *
 * The point's enclosing cell [x_i, x_i+1] × [y_j, y_j+1] of the grid's level
 * lattice is found; with t = (x − x_i)/(x_i+1 − x_i), u = (y − y_j)/(y_j+1 − y_j),
 *   L = (1−t)(1−u)·L_ij + t(1−u)·L_i+1,j + (1−t)u·L_i,j+1 + tu·L_i+1,j+1.
 * Corners with weight 0 are not needed.
 *
 * Missing cells (a run never trained, or held out): a needed corner that has no
 * run is filled by 1-D linear interpolation in ln lr between the nearest present
 * cells on both sides in its batch row, and likewise in ln B along its lr
 * column; the mean of the axes that bracket it is used (flag `filled-cell`). A
 * corner no axis brackets makes the reader fall back to the nearest run (flag
 * `fallback-nearest`). Outside the range of the lattice's runs the coordinates
 * are held at the edge and the reading is flagged `extrapolated` (never
 * silently clamped).
 */
import { outsideBy, type Lattice } from '../lattice.js';
import { readNearest } from './nearest.js';
import type { LossReader, LossReading, ReadFlag } from './types.js';

/** Index k with levels[k] ≤ v ≤ levels[k+1] and the fraction t in [0, 1]; v is clamped to the range. */
function bracket(levels: number[], v: number): { k: number; t: number } {
  const n = levels.length;
  if (n === 1) return { k: 0, t: 0 };
  if (v <= levels[0]) return { k: 0, t: 0 };
  if (v >= levels[n - 1]) return { k: n - 2, t: 1 };
  let k = 0;
  while (k < n - 2 && levels[k + 1] < v) k++;
  return { k, t: (v - levels[k]) / (levels[k + 1] - levels[k]) };
}

/**
 * Fill an empty cell (i, j) from its row and column: linear in ln lr between
 * the nearest present cells left and right, linear in ln B between those below
 * and above; the mean of the available ones. Undefined when neither axis brackets it.
 */
export function fillCell(lattice: Lattice, i: number, j: number): { loss: number; diverged: boolean } | undefined {
  const est: number[] = [];
  let diverged = false;
  const along = (n: number, get: (k: number) => ReturnType<Lattice['at']>, k0: number, levels: number[]) => {
    let lo = k0 - 1;
    while (lo >= 0 && !get(lo)) lo--;
    let hi = k0 + 1;
    while (hi < n && !get(hi)) hi++;
    if (lo < 0 || hi >= n) return;
    const a = get(lo)!;
    const b = get(hi)!;
    const t = (levels[k0] - levels[lo]) / (levels[hi] - levels[lo]);
    est.push((1 - t) * a.loss + t * b.loss);
    diverged ||= a.diverged || b.diverged;
  };
  along(lattice.xLevels.length, (k) => lattice.at(k, j), i, lattice.xLevels);
  along(lattice.yLevels.length, (k) => lattice.at(i, k), j, lattice.yLevels);
  if (est.length === 0) return undefined;
  return { loss: est.reduce((s, v) => s + v, 0) / est.length, diverged };
}

export function readLinear(lattice: Lattice, x: number, y: number): LossReading {
  const outside = outsideBy(lattice, x, y);
  const flags: ReadFlag[] = [];
  if (outside.lnLr !== 0 || outside.lnB !== 0) flags.push('extrapolated');
  // Hold at the edge of the runs' range (not of the level range: a level may have lost all its runs).
  const cx = x - outside.lnLr;
  const cy = y - outside.lnB;
  const bx = bracket(lattice.xLevels, cx);
  const by = bracket(lattice.yLevels, cy);
  const corners = [
    { i: bx.k, j: by.k, w: (1 - bx.t) * (1 - by.t) },
    { i: bx.k + 1, j: by.k, w: bx.t * (1 - by.t) },
    { i: bx.k, j: by.k + 1, w: (1 - bx.t) * by.t },
    { i: bx.k + 1, j: by.k + 1, w: bx.t * by.t },
  ].filter((c) => c.w > 1e-12);
  let loss = 0;
  let filled = false;
  let diverged = false;
  for (const c of corners) {
    const p = lattice.at(c.i, c.j);
    if (p) {
      loss += c.w * p.loss;
      diverged ||= p.diverged;
      continue;
    }
    const f = fillCell(lattice, c.i, c.j);
    if (!f) {
      const near = readNearest(lattice, cx, cy);
      flags.push('fallback-nearest', ...near.flags.filter((g) => g === 'diverged-run'));
      return { loss: near.loss, flags, outside };
    }
    filled = true;
    diverged ||= f.diverged;
    loss += c.w * f.loss;
  }
  if (filled) flags.push('filled-cell');
  if (diverged) flags.push('diverged-run');
  return { loss, flags, outside };
}

export const linearReader: LossReader = {
  name: 'linear',
  description: 'bilinear in (ln lr, ln B) on the enclosing lattice cell; empty corners filled linearly along their row/column (flagged)',
  read: readLinear,
};
