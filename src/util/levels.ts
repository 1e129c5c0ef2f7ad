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
export interface Levels {
  /** Sorted level values (geometric mean of each cluster; the value itself for a cluster of one). */
  values: number[];
  /** Index of the level a value belongs to, or -1 if it is in none. */
  indexOf(value: number): number;
}

export function clusterLevels(values: Iterable<number>, relTol = 0.01): Levels {
  const sorted = values instanceof Float64Array ? distinctPositive(values) : [...new Set(values)].filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const v of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && v / last[last.length - 1] - 1 <= relTol) last.push(v);
    else clusters.push([v]);
  }
  // A level written one way only keeps that exact value (exp of one log may differ from it in the last bit).
  const levelValues = clusters.map((c) => (c.length === 1 ? c[0] : Math.exp(c.reduce((s, v) => s + Math.log(v), 0) / c.length)));
  const lookup = new Map<number, number>();
  clusters.forEach((c, i) => c.forEach((v) => lookup.set(v, i)));
  return {
    values: levelValues,
    indexOf(value: number): number {
      const i = lookup.get(value);
      if (i !== undefined) return i;
      for (let k = 0; k < levelValues.length; k++) {
        if (Math.abs(value / levelValues[k] - 1) <= relTol) return k;
      }
      return -1;
    },
  };
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
