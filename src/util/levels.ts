/**
 * Grid levels: values written with mixed rounding are one level.
 *
 * The Step Law files write one learning-rate level as 0.000345 and as
 * 0.0003453 (docs/method.md#released-data): levels are powers of √2 apart, so values within
 * a relative tolerance (default 1%) of their neighbour form one cluster. Each
 * level is represented by the geometric mean of its members (a level written
 * one way only, by that value).
 *
 * @example clusterLevels([0.000345, 0.0003453, 0.000488]).values; // => [≈0.00034515, 0.000488]
 */
import { indexOfSorted } from './arrays.js';

export interface Levels {
  /** Sorted level values (geometric mean of each cluster; the value itself for a cluster of one). */
  values: number[];
  /** Index of the level a value belongs to, or -1 if it is in none. */
  indexOf(value: number): number;
}

export function clusterLevels(values: Iterable<number>, relTol = 0.01): Levels {
  const sorted = values instanceof Float64Array ? distinctPositive(values) : [...new Set(values)].filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  return new ClusteredLevels(sorted, relTol);
}

/**
 * Levels of sorted distinct positive values: the values, each value's cluster
 * (ascending, so a binary search finds an exact member) and the levels — plain
 * arrays and prototype methods, no map or closure per group (a large sweep
 * builds one per (N, D) group).
 */
class ClusteredLevels implements Levels {
  readonly values: number[] = [];
  /** The level of each member of `sorted`. */
  private readonly clusterOf: number[];
  constructor(
    private readonly sorted: number[],
    private readonly relTol: number,
  ) {
    const clusterOf = new Array<number>(sorted.length);
    let start = 0;
    for (let k = 0; k < sorted.length; k++) {
      if (k > 0 && !(sorted[k] / sorted[k - 1] - 1 <= relTol)) {
        this.values.push(levelValue(sorted, start, k));
        start = k;
      }
      clusterOf[k] = this.values.length;
    }
    if (sorted.length > 0) this.values.push(levelValue(sorted, start, sorted.length));
    this.clusterOf = clusterOf;
  }

  indexOf(value: number): number {
    // An exact member: binary search of the sorted members.
    const at = indexOfSorted(this.sorted, value);
    if (at >= 0) return this.clusterOf[at];
    const levels = this.values;
    for (let k = 0; k < levels.length; k++) {
      if (Math.abs(value / levels[k] - 1) <= this.relTol) return k;
    }
    return -1;
  }
}

/**
 * The level of the cluster `sorted[start, end)`: the geometric mean of its members; a level written one way only
 * keeps that exact value (exp of one log may differ from it in the last bit).
 */
function levelValue(sorted: number[], start: number, end: number): number {
  if (end - start === 1) return sorted[start];
  let s = 0;
  for (let k = start; k < end; k++) s += Math.log(sorted[k]);
  return Math.exp(s / (end - start));
}

/**
 * The distinct finite positive values of `values`, ascending — what the Set,
 * filter and sort above give — by the typed array's own numeric sort (sorts
 * `values` in place; no boxed copies).
 */
function distinctPositive(values: Float64Array): number[] {
  values.sort();
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v > 0 && v !== Infinity && (out.length === 0 || v !== out[out.length - 1])) out.push(v);
  }
  return out;
}
