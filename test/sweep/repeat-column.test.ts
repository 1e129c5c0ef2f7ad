/**
 * RepeatColumn (sweep/run-store.ts) keeps N and D as runs of one value: every value comes back exactly
 * (Object.is: -0 and NaN too), read forwards, backwards or at random, whether the column stayed as runs or
 * moved to plain storage because its value changed too often.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RepeatColumn } from '../../src/sweep/run-store.js';

const value = fc.oneof(fc.constantFrom(1e8, 2e8, 1e10, 0, -0, NaN, Infinity), fc.double());

describe('RepeatColumn', () => {
  it('gives back every value pushed, in any read order (runs of repeats, and values that change every row)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.integer({ min: 1, max: 60 })), { maxLength: 300 }), fc.boolean(), fc.integer(), (runs, scatter, seed) => {
        // Runs of repeated values, or (scatter) one value per row for long enough to leave run storage.
        const values = scatter ? runs.flatMap(([v, k]) => Array.from({ length: k }, (_, j) => (j % 2 ? v : j))) : runs.flatMap(([v, k]) => Array<number>(k).fill(v));
        const col = new RepeatColumn();
        for (const v of values) col.push(v);
        expect(col.length).toBe(values.length);
        for (let i = 0; i < values.length; i++) expect(Object.is(col.get(i), values[i])).toBe(true);
        for (let i = values.length - 1; i >= 0; i--) expect(Object.is(col.get(i), values[i])).toBe(true);
        let x = seed >>> 0;
        for (let k = 0; k < Math.min(500, values.length); k++) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          const i = x % values.length;
          expect(Object.is(col.get(i), values[i])).toBe(true);
        }
      }),
      { seed: 21, numRuns: 200 },
    );
  });

  it('a column that changes every row past 4096 entries still reads back exactly after moving to plain storage', () => {
    const col = new RepeatColumn();
    const n = 20_000;
    for (let i = 0; i < n; i++) col.push(i % 3 === 0 ? -0 : i * 1.5);
    for (let i = 0; i < n; i += 7) expect(Object.is(col.get(i), i % 3 === 0 ? -0 : i * 1.5)).toBe(true);
  });

  it('pushAll, with or without the list of changes, makes the column pushing one by one makes (runs or plain)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(1e8, 2e8, 3e8, 0.5), fc.integer({ min: 1, max: 3 })), { maxLength: 7000 }), fc.integer({ min: 1, max: 5000 }), fc.boolean(), (runs, batch, withChanges) => {
        const values = runs.flatMap(([v, k]) => Array<number>(k).fill(v));
        const one = new RepeatColumn();
        for (const v of values) one.push(v);
        const all = new RepeatColumn();
        for (let at = 0; at < values.length; at += batch) {
          const part = Float64Array.from(values.slice(at, at + batch));
          const changes = Int32Array.from([...part.keys()].filter((i) => i === 0 || part[i] !== part[i - 1]));
          all.pushAll(part, withChanges ? changes : undefined);
        }
        expect(all.length).toBe(one.length);
        // The same storage too: runs of one value, or plain once the value changed too often (past 4096 runs).
        expect(all.segments()?.count).toBe(one.segments()?.count);
        for (let i = 0; i < values.length; i++) expect(all.get(i)).toBe(values[i]);
      }),
      { seed: 22, numRuns: 40 },
    );
  });
});
