/**
 * Grouping a stored sweep by (N, D) from its columns (sweep/run-groups.ts `storeGroups`) must give what
 * grouping its run objects gives (`runGroups`, the reference: nested maps, row by row): the same groups in the
 * same order, the same N and D, the same members in sweep order — whether N and D are read as runs of one
 * value (one lookup per stretch) or row by row (a column that changed too often, or key attributes).
 * Values include NaN and both zeros, which the stretches keep apart (Object.is) and the maps put together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/sweep/run-store.js';
import { runGroups, storeGroups } from '../../src/sweep/run-groups.js';

const size = fc.constantFrom(1e8, 2e8, 4e8, 0, -0, NaN);
const data = fc.constantFrom(1e10, 2e10, 0, -0, NaN);

function sameGroups(store: RunStore, keys: string[]): void {
  const fromColumns = storeGroups(store, keys).map((g) => ({ key: g.attrsKey, N: g.N, D: g.D, rows: Array.from(g.stored!.index, (i) => i + 1) }));
  const fromRuns = runGroups([...store.runs], keys).map((g) => ({ key: g.attrsKey, N: g.N, D: g.D, rows: g.runs.map((r) => r.row) }));
  expect(fromColumns).toEqual(fromRuns);
}

describe('storeGroups', () => {
  it('groups as runGroups does: stretches of one (N, D), scattered rows, NaN and ±0', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(size, data, fc.integer({ min: 1, max: 40 })), { maxLength: 60 }), fc.boolean(), (stretches, scatter, ) => {
        const store = new RunStore('s.csv', ['tag']);
        let row = 0;
        for (const [N, D, k] of stretches) {
          for (let j = 0; j < k; j++) {
            // Scattered: N alternates row by row, so the column soon stores every value.
            const n = scatter && j % 2 ? 3e8 + (row % 5) : N;
            row++;
            store.add(row, n, D, 1e-3, 65536, 2 + row / 1e4, false, [row % 3 ? 'a' : 'b']);
          }
        }
        sameGroups(store, []);
        sameGroups(store, ['tag']);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('a size column that changes almost every row (stored value by value) groups the same', () => {
    const store = new RunStore('s.csv', []);
    for (let i = 0; i < 9000; i++) store.add(i + 1, 1e8 * (1 + (i % 7)), i < 4500 ? 1e10 : 2e10, 1e-3, 65536, 2, false, []);
    expect(store.N.segments()).toBeUndefined();
    expect(store.D.segments()?.count).toBe(2);
    sameGroups(store, []);
  });

  it('hand-checked: three stretches, the third back to the first (N, D), make two groups in first-seen order', () => {
    const store = new RunStore('s.csv', []);
    const rows: [number, number][] = [[1e8, 1e10], [1e8, 1e10], [2e8, 1e10], [1e8, 1e10]];
    rows.forEach(([N, D], i) => store.add(i + 1, N, D, 1e-3, 65536, 2, false, []));
    const groups = storeGroups(store, []);
    expect(groups.map((g) => [g.N, g.D, Array.from(g.stored!.index)])).toEqual([
      [1e8, 1e10, [0, 1, 3]],
      [2e8, 1e10, [2]],
    ]);
  });
});
