/**
 * The (lr, batch) lattice of a group of runs — the one lattice every layer
 * uses: the Grid builds it for each (N, D) group (sweep/grid.ts), the loss
 * readers read on it (validate/lattice.ts, through the Grid), the planner
 * proposes cells of it (plan/, through the Grid) and the report draws it
 * (report/landscape.ts, from the cells it is given).
 *
 * lr levels are merged (values within 1% of their neighbour are one level,
 * util/levels.ts: the released files write one level as 0.000345 and as
 * 0.0003453; docs/method.md#released-data); batch sizes are exact, each
 * distinct value a level. Levels are sorted ascending.
 *
 * @example runLattice([{ lr: 0.000345, batchTokens: 2 }, { lr: 0.0003453, batchTokens: 4 }]).lrLevels.length; // => 1
 */
import { clusterLevels, type Levels } from './levels.js';
import { indexOfSorted } from './arrays.js';

export interface RunLattice {
  /** Sorted lr levels (mixed roundings merged). */
  lrLevels: number[];
  /** Sorted batch sizes (tokens). */
  batchLevels: number[];
  /** Lattice coordinates of an (lr, batch) pair: indices into lrLevels and batchLevels (−1 where it is on no level). */
  cellOf(lr: number, batchTokens: number): { i: number; j: number };
  /** `cellOf(lr, ·).i` without making the pair. */
  lrLevelOf(lr: number): number;
  /** `cellOf(·, batchTokens).j` without making the pair. */
  batchLevelOf(batchTokens: number): number;
}

export function runLattice(points: readonly { lr: number; batchTokens: number }[]): RunLattice {
  // The values into typed arrays (sorted there in place): no boxed copies or sets per group.
  const n = points.length;
  const lrs = new Float64Array(n);
  const batches = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    lrs[k] = points[k].lr;
    batches[k] = points[k].batchTokens;
  }
  return latticeOfColumns(lrs, batches);
}

/** `runLattice` of the points (lrs[k], batches[k]) given as columns; sorts both arrays in place (keeps neither). */
export function latticeOfColumns(lrs: Float64Array, batches: Float64Array): RunLattice {
  let plain = true;
  // NaN or a zero (±0) batch: the set-and-sort order below is kept exactly for those.
  for (let k = 0; k < batches.length; k++) if (!(batches[k] === batches[k]) || batches[k] === 0) plain = false;
  const batchLevels = plain ? distinctSorted(batches) : [...new Set(batches)].sort((a, b) => a - b);
  return new Lattice(clusterLevels(lrs), batchLevels, plain ? undefined : new Map(batchLevels.map((b, j) => [b, j])));
}

/**
 * A lattice as plain arrays and prototype methods: no map or closure per group (a large sweep builds one per
 * (N, D) group). Batch levels are found by binary search when they are sorted distinct positive numbers, else
 * (NaN or zero among them) in a map.
 */
class Lattice implements RunLattice {
  readonly lrLevels: number[];
  constructor(
    private readonly lr: Levels,
    readonly batchLevels: number[],
    private readonly batchIndex: Map<number, number> | undefined,
  ) {
    this.lrLevels = lr.values;
  }
  cellOf(lr: number, batchTokens: number): { i: number; j: number } {
    return { i: this.lr.indexOf(lr), j: this.batchLevelOf(batchTokens) };
  }
  lrLevelOf(lr: number): number {
    return this.lr.indexOf(lr);
  }
  batchLevelOf(b: number): number {
    if (Number.isNaN(b)) return -1;
    if (this.batchIndex) return this.batchIndex.get(b) ?? -1;
    return indexOfSorted(this.batchLevels, b);
  }
}

/** The distinct values of `values` (no NaN, no zero), ascending: sorts `values` in place. */
function distinctSorted(values: Float64Array): number[] {
  values.sort();
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) if (k === 0 || values[k] !== values[k - 1]) out.push(values[k]);
  return out;
}
