import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runLattice } from '../../src/util/lattice.js';
import { clusterLevels } from '../../src/util/levels.js';
import { groupSweep } from '../../src/sweep/grid.js';
import type { Run, Sweep } from '../../src/sweep/types.js';
import { latticeOf } from '../../src/validate/lattice.js';
import { lattice as landscapeLattice } from '../../src/report/landscape.js';
import { landscapeFromGrid } from '../../src/report/adapters.js';

// One (N, D) group written the way the released files write it: one lr level as 0.000345 and as 0.0003453,
// the others one way only (0.000488 and 0.001953 must stay those exact values, not exp(ln v)).
const cells: [number, number, number][] = [
  [0.000345, 2 ** 20, 3.1],
  [0.0003453, 2 ** 21, 3.05],
  [0.000488, 2 ** 20, 3.0],
  [0.000488, 2 ** 21, 3.02],
  [0.001953, 2 ** 20, 3.2],
  [0.001953, 2 ** 21, 3.25],
];
const runs: Run[] = cells.map(([lr, batchTokens, loss], k) => ({ file: 'synthetic.csv', row: k + 1, N: 1e8, D: 1e10, lr, batchTokens, loss, attrs: {}, flags: [] }));
const sweep: Sweep = { files: ['synthetic.csv'], format: 'canonical', runs, groupKeys: [], warnings: [] } as unknown as Sweep;

describe('one (lr, batch) lattice (util/lattice.ts)', () => {
  it('merges roundings of one lr level, keeps single-valued levels exact and batch sizes exact', () => {
    const lat = runLattice(runs);
    expect(lat.lrLevels).toHaveLength(3);
    expect(Math.abs(lat.lrLevels[0] / Math.sqrt(0.000345 * 0.0003453) - 1)).toBeLessThan(1e-15);
    expect(lat.lrLevels.slice(1)).toEqual([0.000488, 0.001953]);
    expect(lat.batchLevels).toEqual([2 ** 20, 2 ** 21]);
    expect(lat.cellOf(0.0003453, 2 ** 21)).toEqual({ i: 0, j: 1 });
    expect(lat.cellOf(0.01, 2 ** 21)).toEqual({ i: -1, j: 1 });
    expect(lat.cellOf(0.000488, 3)).toEqual({ i: 1, j: -1 });
  });

  it('the Grid, the loss readers and the report draw the same lattice', () => {
    const [grid] = groupSweep(sweep).grids;
    const lat = runLattice(runs);
    expect(grid.lrLevels).toEqual(lat.lrLevels);
    expect(grid.batchLevels).toEqual(lat.batchLevels);
    const readers = latticeOf(grid);
    expect(readers.xLevels).toEqual(lat.lrLevels.map(Math.log));
    expect(readers.yLevels).toEqual(lat.batchLevels.map(Math.log));
    const drawn = landscapeLattice(landscapeFromGrid(grid));
    expect(drawn.lr).toEqual(lat.lrLevels);
    expect(drawn.batch).toEqual(lat.batchLevels);
    // The 0.000345 run is drawn at the merged level, in the same cell the readers put it.
    expect(drawn.rel[0][0]).toBeCloseTo(3.1 / 3.0 - 1, 12);
    expect(readers.at(0, 0)!.loss).toBe(3.1);
  });

  it('levels from a typed array (sorted in place) are the levels from a list: unordered, repeated, non-positive and non-finite values', () => {
    const values = [0.000488, 0.000345, NaN, 0.0003453, -1, 0, 0.000488, Infinity, 0.001953, 0.000345];
    const fromList = clusterLevels(values);
    const fromTyped = clusterLevels(Float64Array.from(values));
    expect(fromTyped.values).toEqual(fromList.values);
    expect(fromTyped.values.slice(1)).toEqual([0.000488, 0.001953]);
    for (const v of [...values, 0.0003451, 0.01]) expect(fromTyped.indexOf(v)).toBe(fromList.indexOf(v));
    expect(lat3().lrLevelOf(0.0003453)).toBe(0);
    expect(lat3().batchLevelOf(2 ** 21)).toBe(1);
    expect(lat3().batchLevelOf(NaN)).toBe(-1);
  });
});

const lat3 = () => runLattice(runs);


/** The level lookup as first written (a map of members, then the 1% scan): the oracle of the sorted-array search. */
function referenceLevels(values: number[], relTol = 0.01): { values: number[]; indexOf(v: number): number } {
  const sorted = [...new Set(values)].filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const v of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && v / last[last.length - 1] - 1 <= relTol) last.push(v);
    else clusters.push([v]);
  }
  const levelValues = clusters.map((c) => (c.length === 1 ? c[0] : Math.exp(c.reduce((s, v) => s + Math.log(v), 0) / c.length)));
  const lookup = new Map<number, number>();
  clusters.forEach((c, i) => c.forEach((v) => lookup.set(v, i)));
  return {
    values: levelValues,
    indexOf: (value) => lookup.get(value) ?? levelValues.findIndex((l) => Math.abs(value / l - 1) <= relTol),
  };
}

describe('level and batch lookups by binary search agree with a map lookup', () => {
  // Levels √2 apart, each written with up to three roundings (within 1%), plus stray values.
  const level = fc.tuple(fc.integer({ min: -30, max: 0 }), fc.constantFrom(1, 1.0004, 0.9993, 1.004));
  const value = fc.oneof(level.map(([e, r]) => 2 ** (e / 2) * r), fc.double({ min: -1, max: 2, noNaN: false }), fc.constantFrom(0, -0, NaN, Infinity));
  it('clusterLevels: the same levels and the same index for members, near misses and strays', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.array(value, { maxLength: 20 }), (values, probes) => {
        const ref = referenceLevels(values);
        const got = clusterLevels(Float64Array.from(values));
        expect(got.values).toEqual(ref.values);
        for (const v of [...values, ...probes, ...values.map((x) => x * 1.006)]) expect(got.indexOf(v)).toBe(ref.indexOf(v));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
  it('batchLevelOf: the position of an exact batch level, −1 elsewhere (NaN, zero and negative batches too)', () => {
    const batch = fc.oneof(fc.integer({ min: 1, max: 2 ** 24 }), fc.constantFrom(0, -0, NaN, Infinity, -4096));
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 30 }), fc.array(batch, { maxLength: 10 }), (batches, probes) => {
        const lat = runLattice(batches.map((b) => ({ lr: 1e-3, batchTokens: b })));
        const levels = [...new Set(batches)].sort((a, b) => a - b);
        expect(lat.batchLevels).toEqual(levels);
        const index = new Map(levels.map((b, j) => [b, j]));
        for (const b of [...batches, ...probes, 3.5]) expect(lat.batchLevelOf(b)).toBe(Number.isNaN(b) ? -1 : (index.get(b) ?? -1));
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});
