/**
 * RunStore keeps every cell it is given: numbers, interned strings, and — past the interning limit, as a
 * column of unique run names is — strings held as UTF-8 bytes, read back as the same text.
 */
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/sweep/run-store.js';

describe('RunStore attribute columns', () => {
  it('a column of 100k distinct names mixed with numbers, empty and non-ASCII text reads back exactly', () => {
    const store = new RunStore('s.csv', ['run', 'tag']);
    const value = (i: number) => (i % 7 === 3 ? i / 4 : i % 11 === 5 ? '' : i % 13 === 1 ? `ñamé-${i}-λ` : `r${i.toString(36)}`);
    const n = 100_000;
    for (let i = 0; i < n; i++) store.add(i + 1, 1, 2, 3, 4, 5, false, [value(i), i % 2 ? 'odd' : 'even']);
    for (let i = 0; i < n; i += 1) {
      const a = store.attrs(i);
      expect(a.run).toBe(value(i));
      expect(a.tag).toBe(i % 2 ? 'odd' : 'even');
    }
    expect(store.runs[n - 1].attrs.run).toBe(value(n - 1));
  });
});
