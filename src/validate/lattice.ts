/**
 * The (ln lr, ln B) lattice of one grid, as the loss readers see it.
 *
 * x = ln lr level, y = ln batchTokens level (natural logs; lr levels are the
 * grid's merged levels: the one lattice, src/util/lattice.ts). Every run with a finite loss is a
 * point — diverged runs included, flagged: a prediction that lands on a diverged
 * run reads the loss training really gave there. Two runs in one cell are
 * averaged (the ingester already warned about them).
 */
import type { Grid } from '../sweep/grid.js';
import type { Run } from '../sweep/types.js';

export interface LatticePoint {
  /** Index into `xLevels` / `yLevels`. */
  i: number;
  j: number;
  /** ln lr and ln batchTokens of the cell. */
  x: number;
  y: number;
  loss: number;
  /** Whether a run of the cell is flagged diverged (loss above the diverged ratio × group minimum). */
  diverged: boolean;
  /** The run of the cell (the first one when a cell holds several). */
  run?: Run;
}

export interface Lattice {
  /** ln of every lr level / batch level of the grid, ascending. */
  xLevels: number[];
  yLevels: number[];
  points: LatticePoint[];
  /** The point in cell (i, j), if the lattice has one. */
  at(i: number, j: number): LatticePoint | undefined;
}

/** Build a lattice from points on given levels. */
export function makeLattice(xLevels: number[], yLevels: number[], points: LatticePoint[]): Lattice {
  const byCell = new Map<number, LatticePoint>();
  const ny = yLevels.length;
  for (const p of points) byCell.set(p.i * ny + p.j, p);
  return { xLevels, yLevels, points, at: (i, j) => byCell.get(i * ny + j) };
}

/** The lattice of a grid (finite-loss runs; duplicate cells averaged). */
export function latticeOf(grid: Grid): Lattice {
  const xLevels = grid.lrLevels.map(Math.log);
  const yLevels = grid.batchLevels.map(Math.log);
  const cells = new Map<number, Run[]>();
  for (const run of grid.runs) {
    if (!Number.isFinite(run.loss)) continue;
    const { i, j } = grid.cellOf(run);
    if (i < 0 || j < 0) continue;
    const k = i * yLevels.length + j;
    const list = cells.get(k);
    if (list) list.push(run);
    else cells.set(k, [run]);
  }
  const points: LatticePoint[] = [];
  for (const [k, runs] of [...cells].sort((a, b) => a[0] - b[0])) {
    const i = Math.floor(k / yLevels.length);
    const j = k % yLevels.length;
    const loss = runs.reduce((s, r) => s + r.loss, 0) / runs.length;
    points.push({ i, j, x: xLevels[i], y: yLevels[j], loss, diverged: runs.some((r) => r.flags.includes('diverged')), run: runs[0] });
  }
  return makeLattice(xLevels, yLevels, points);
}

/** The same lattice without one point (leave-one-cell-out). */
export function withoutPoint(lattice: Lattice, p: LatticePoint): Lattice {
  return makeLattice(
    lattice.xLevels,
    lattice.yLevels,
    lattice.points.filter((q) => q !== p),
  );
}

/**
 * How far (x, y) lies outside the range of the lattice's points, in ln units
 * along each axis (0 inside). Positive = beyond the largest level, negative =
 * below the smallest.
 */
export function outsideBy(lattice: Lattice, x: number, y: number): { lnLr: number; lnB: number } {
  let xmin = Infinity, xmax = -Infinity, ymin = Infinity, ymax = -Infinity;
  for (const p of lattice.points) {
    if (p.x < xmin) xmin = p.x;
    if (p.x > xmax) xmax = p.x;
    if (p.y < ymin) ymin = p.y;
    if (p.y > ymax) ymax = p.y;
  }
  const tol = 1e-9;
  const d = (v: number, lo: number, hi: number) => (v < lo - tol ? v - lo : v > hi + tol ? v - hi : 0);
  return { lnLr: d(x, xmin, xmax), lnB: d(y, ymin, ymax) };
}
