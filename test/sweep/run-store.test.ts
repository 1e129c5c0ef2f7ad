/**
 * RunStore keeps every cell it is given: numbers, interned strings, and — past the interning limit, as a
 * column of unique run names is — strings held as UTF-8 bytes, read back as the same text.
 */
import fc from 'fast-check';
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

  it('a column of names distinct from the start (bytes after the first few thousand), then repeats and numbers', () => {
    const store = new RunStore('s.csv', ['run']);
    const value = (i: number) => (i < 6000 ? `name-${i}` : i % 3 === 0 ? 'again' : i % 3 === 1 ? i : `n${i}é`);
    for (let i = 0; i < 9000; i++) store.add(i + 1, 1, 2, 3, 4, 5, false, [value(i)]);
    for (let i = 0; i < 9000; i++) expect(store.attrs(i).run).toBe(value(i));
  });
});

describe('streamed text cells stored as bytes', () => {
  it('a 70k-run file with unique names (plain, quoted, formula-escaped, non-ASCII) reads back as the table reader reads it', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readSweepFile, tableToRuns } = await import('../../src/ingest/sweep.js');
    const { parseCsvText } = await import('../../src/ingest/csv.js');
    const name = (i: number) => (i % 17 === 0 ? `"q,${i}"` : i % 19 === 0 ? `'=run${i}` : i % 23 === 0 ? `λ${i}` : i % 29 === 0 ? '' : `r${i}`);
    const lines = ['N,D,lr,batch,loss,run'];
    for (let i = 0; i < 70_000; i++) lines.push(`1e8,1e10,0.001,65536,${2 + i / 1e6},${name(i)}`);
    const text = lines.join('\n') + '\n';
    const file = join(mkdtempSync(join(tmpdir(), 'steplaw-store-')), 's.csv');
    writeFileSync(file, text);
    const streamed = readSweepFile(file).runs;
    const table = tableToRuns(parseCsvText(text, file)).runs;
    expect(streamed).toHaveLength(70_000);
    for (let i = 0; i < streamed.length; i++) expect(streamed[i].attrs.run, String(i)).toBe(table[i].attrs.run);
    expect(streamed[19].attrs.run).toBe('=run19');
    expect(streamed[17].attrs.run).toBe('q,17');
  });
});

describe('RunStore by columns and per-group passes', () => {
  it('runs added by columns (in batches, N and D with their change lists) equal runs added one by one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(1e8, 2e8, 4e8), fc.constantFrom(1e10, 2e10), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (stretches, batches, scatter) => {
          const rows: number[][] = [];
          for (const [N, D, k] of stretches) for (let j = 0; j < k; j++) rows.push([scatter ? N + (rows.length % 9) : N, D, 1e-3 * (1 + (j % 4)), 2 ** (16 + (j % 3)), 2 + rows.length / 1e4]);
          const one = new RunStore('s.csv', []);
          rows.forEach((r, i) => one.add(i + 1, r[0], r[1], r[2], r[3], r[4], false, []));
          const cols = new RunStore('s.csv', []);
          for (let at = 0, b = 0; at < rows.length; b++) {
            const part = rows.slice(at, at + batches[b % batches.length]);
            const col = (k: number) => Float64Array.from(part, (r) => r[k]);
            const changes = (k: number) => Int32Array.from(part.flatMap((r, i) => (i === 0 || r[k] !== part[i - 1][k] ? [i] : [])));
            cols.addColumns(col(0), col(1), col(2), col(3), col(4), changes(0), changes(1));
            at += part.length;
          }
          expect(cols.length).toBe(one.length);
          for (let i = 0; i < rows.length; i++) {
            for (const c of ['N', 'D', 'lr', 'batchTokens', 'loss'] as const) expect(Object.is(cols[c].get(i), one[c].get(i)), `${c} of run ${i + 1}`).toBe(true);
            expect(cols.flags(i)).toEqual([]);
          }
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('lossSummary, withinBand and lrAndBatch give what run-by-run reads give (flagged runs skipped, first argmin)', () => {
    const store = new RunStore('s.csv', []);
    const losses = [2.5, 2.1, Infinity, 2.1, 2.4, NaN, 2.1005, 3.9];
    losses.forEach((l, i) => store.add(i + 1, 1e8, 1e10, 1e-3 * (i + 1), 65536 * (i + 1), l, !Number.isFinite(l), []));
    const index = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
    // Usable: finite losses; the argmin is the first of the two 2.1s (position 1).
    expect(store.lossSummary(index)).toEqual({ count: 6, min: 2.1, max: 3.9, at: 1 });
    expect(store.lossSummary(Int32Array.from([2, 5]))).toEqual({ count: 0, min: Infinity, max: -Infinity, at: -1 });
    const out: number[] = [];
    store.withinBand(index, 2.1, 0.0025, out);
    expect(out).toEqual([1, 3, 6]);
    const lrs = new Float64Array(3);
    const batches = new Float64Array(3);
    store.lrAndBatch(Int32Array.from([7, 0, 3]), lrs, batches);
    expect([...lrs]).toEqual([8e-3, 1e-3, 4e-3]);
    expect([...batches]).toEqual([65536 * 8, 65536, 65536 * 4]);
  });
});
