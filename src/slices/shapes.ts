/**
 * Model shape: does the optimum move with shape? (Step Law paper §4: six
 * shapes at N ≈ 429M — d_model 1280–2048, 8–14 layers, FFN ratio 1.1×–6.25× —
 * land within 0.125%–0.4% of their grid minimum; those runs were not released.)
 *
 * Per shape (d_model × layers × FFN ratio, see derive.ts) and (N, D) group: the
 * grid optimum, and how far the pooled law (fitted on all shapes, the authors'
 * way) and the published Step Law land from it. Shapes "of one model size"
 * rarely have exactly one N (the paper's six shapes at N ≈ 429M differ by up
 * to 0.1%): groups that share D (and the other group keys) and whose N lie
 * within a relative `sizeTolerance` (default 1%) of the smallest N of their
 * size class are compared as one model size. For every size class with two
 * or more shapes, each pair's optima are compared: the distance in grid steps
 * (ln-spacing of the lattice levels) and whether one shape's optimum setting
 * is still inside the other's near-optimal band. The optimum "moves beyond
 * the grid's resolution" when the optima are more than one step apart on an
 * axis AND at least one shape's optimum setting lies outside the other's band
 * (read with the validator's reader) — a shift the landscape's flatness cannot
 * absorb.
 */
import type { Sweep } from '../sweep/types.js';
import { DEFAULT_BAND, groupSweep, type Grid } from '../sweep/grid.js';
import { fitStepLaw, fitToLaw } from '../laws/steplaw-fit.js';
import { stepLawRounded } from '../laws/published/steplaw.js';
import type { Law } from '../laws/law.js';
import { validateGrid } from '../validate/validate.js';
import { latticeOf } from '../validate/lattice.js';
import { DEFAULT_READER, getReader, type ReaderName } from '../validate/readers/index.js';
import { InputError, msg } from '../messages.js';
import { median } from '../util/stats.js';
import { withSliceAttribute } from './derive.js';
import { own } from '../util/own.js';
import { groupBy } from '../util/group-by.js';

export interface ShapeOptimum {
  shape: string;
  group: string;
  N: number;
  D: number;
  runs: number;
  argmin: { lr: number; batchTokens: number; loss: number } | null;
  bracketed: { lr: boolean; batch: boolean };
  /** Relative error of the pooled law's prediction (null when the pooled fit failed). */
  pooledRelativeError: number | null;
  publishedRelativeError: number | null;
}

export interface ShapeShift {
  /** N of shape a's group (the size class spans `sizeClass`). */
  N: number;
  /** N of shape b's group. */
  Nb: number;
  D: number;
  /** Smallest and largest N of the size class the two shapes were matched in. */
  sizeClass: [number, number];
  a: string;
  b: string;
  /** |ln lr_a* − ln lr_b*| in lattice steps. */
  lrSteps: number;
  batchSteps: number;
  /** Loss of grid a read at b's optimum setting, relative to a's minimum (and vice versa). */
  aAtB: number | null;
  bAtA: number | null;
  moves: boolean;
}

export interface ShapeStudy {
  kind: 'steplaw-shapes';
  version: 1;
  band: number;
  reader: string;
  /** Relative N tolerance of "one model size". */
  sizeTolerance: number;
  shapes: ShapeOptimum[];
  shifts: ShapeShift[];
  notes: string[];
}

/** Median ln-spacing of adjacent levels (the grid's resolution on an axis). */
function step(levels: number[]): number {
  const gaps = levels.slice(1).map((v, i) => Math.log(v / levels[i]));
  return gaps.length ? median(gaps) : NaN;
}

/** Default relative N tolerance within which groups of one D are one model size. */
export const DEFAULT_SIZE_TOLERANCE = 0.01;

/**
 * Size classes: grids sharing D (and `keys`), sorted by N, a new class starting
 * whenever N exceeds the class's smallest N by more than `tolerance` (relative).
 */
export function sizeClasses(grids: Grid[], keys: readonly string[], tolerance: number): Grid[][] {
  const byD = groupBy(grids, (g) => JSON.stringify([...keys.map((a) => own(g.keyAttrs, a)), g.D]));
  const out: Grid[][] = [];
  for (const list of byD.values()) {
    const sorted = [...list].sort((a, b) => a.N - b.N);
    let current: Grid[] = [];
    for (const g of sorted) {
      if (current.length && g.N > current[0].N * (1 + tolerance)) {
        out.push(current);
        current = [];
      }
      current.push(g);
    }
    if (current.length) out.push(current);
  }
  return out;
}

export function shapeStudy(
  sweep0: Sweep,
  options: { band?: number; reader?: ReaderName; published?: Law; divergedRatio?: number; sizeTolerance?: number } = {},
): ShapeStudy {
  const band = options.band ?? DEFAULT_BAND;
  const sizeTolerance = options.sizeTolerance ?? DEFAULT_SIZE_TOLERANCE;
  if (!(sizeTolerance >= 0 && sizeTolerance < 1)) throw new InputError(msg.badOption('--size-tolerance', String(sizeTolerance), 'a relative tolerance in [0, 1), e.g. 0.01'));
  const reader = getReader(options.reader ?? DEFAULT_READER);
  const sweep = withSliceAttribute(sweep0, 'shape');
  const { grids } = groupSweep(sweep, { by: ['shape'], divergedRatio: options.divergedRatio });
  const notes: string[] = [];
  let pooled: Law | undefined;
  try {
    pooled = fitToLaw(fitStepLaw(grids, { band, bootstrap: 0 }), 'pooled');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    notes.push(`pooled fit failed: ${e.message}`);
  }
  const published = options.published ?? stepLawRounded();
  const shapes: ShapeOptimum[] = grids.map((g) => ({
    shape: String(g.keyAttrs.shape),
    group: g.key,
    N: g.N,
    D: g.D,
    runs: g.usable.length,
    argmin: g.argmin ? { lr: g.argmin.lr, batchTokens: g.argmin.batchTokens, loss: g.argmin.loss } : null,
    bracketed: g.bracketed,
    pooledRelativeError: pooled && g.argmin ? validateGrid(g, pooled, reader, band).relativeError : null,
    publishedRelativeError: g.argmin ? validateGrid(g, published, reader, band).relativeError : null,
  }));
  // Pairs of shapes of one model size: same D and other group keys, N within the tolerance.
  const classes = sizeClasses(grids, sweep.groupKeys, sizeTolerance);
  const shifts: ShapeShift[] = [];
  const readAt = (g: Grid, lr: number, b: number): number | null => {
    if (!g.argmin) return null;
    const r = reader.read(latticeOf(g), Math.log(lr), Math.log(b));
    return r.loss / g.minLoss - 1;
  };
  for (const list of classes) {
    const sizeClass: [number, number] = [list[0].N, list[list.length - 1].N];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const A = list[i];
        const B = list[j];
        if (!A.argmin || !B.argmin) continue;
        const lrStep = step([...new Set([...A.lrLevels, ...B.lrLevels])].sort((x, y) => x - y));
        const bStep = step([...new Set([...A.batchLevels, ...B.batchLevels])].sort((x, y) => x - y));
        const lrSteps = Math.abs(Math.log(A.argmin.lr / B.argmin.lr)) / lrStep;
        const batchSteps = Number.isFinite(bStep) ? Math.abs(Math.log(A.argmin.batchTokens / B.argmin.batchTokens)) / bStep : 0;
        const aAtB = readAt(A, B.argmin.lr, B.argmin.batchTokens);
        const bAtA = readAt(B, A.argmin.lr, A.argmin.batchTokens);
        const outside = (aAtB !== null && aAtB >= band) || (bAtA !== null && bAtA >= band);
        shifts.push({
          N: A.N,
          Nb: B.N,
          D: A.D,
          sizeClass,
          a: String(A.keyAttrs.shape),
          b: String(B.keyAttrs.shape),
          lrSteps,
          batchSteps,
          aAtB,
          bAtA,
          moves: (lrSteps > 1 + 1e-9 || batchSteps > 1 + 1e-9) && outside,
        });
      }
    }
  }
  const tol = `${Number((100 * sizeTolerance).toPrecision(3))}%`;
  if (shifts.length === 0) {
    notes.push(msg.shapesNoPairs(new Set(shapes.map((x) => x.shape)).size, tol));
  } else {
    const moved = shifts.filter((x) => x.moves);
    const sizes = classes.filter((c) => new Set(c.map((g) => g.keyAttrs.shape)).size > 1).length;
    notes.push(moved.length === 0 ? msg.shapesNoShift(shifts.length, sizes, tol, band) : msg.shapesShift(moved.length, shifts.length, sizes, tol, band));
  }
  return { kind: 'steplaw-shapes', version: 1, band, reader: reader.name, sizeTolerance, shapes, shifts, notes };
}
