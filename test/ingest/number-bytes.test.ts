/**
 * Numbers read straight from a cell's bytes (`decimalFromBytes`, `CsvRecord#number`) are `parseNumber`'s: the
 * same value bit for bit (−0 included) wherever the byte reader decides, and a fallback (NaN) wherever it
 * does not; `surelyNotNumber` is only true of cells `parseNumber` refuses. A streamed sweep file gives the same
 * runs as the same text parsed into a table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalSpelling } from '../helpers/decimal.js';
import { decimalFromBytes, parseNumber, surelyNotNumber } from '../../src/ingest/number.js';
import { parseCsvText, streamCsvText, type CsvRecord } from '../../src/ingest/csv.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

function agrees(s: string): void {
  const b = bytes(s);
  const fast = decimalFromBytes(b, 0, b.length);
  const ref = parseNumber(s);
  if (fast === fast) expect(Object.is(fast, ref), `${JSON.stringify(s)}: ${fast} vs ${ref}`).toBe(true);
  if (surelyNotNumber(b, 0, b.length)) expect(ref, JSON.stringify(s)).toBeUndefined();
}

describe('numbers from bytes', () => {
  it('hand-picked cells: decided ones equal Number(), the rest left to parseNumber', () => {
    const decided: [string, number][] = [
      ['0', 0], ['-0', -0], ['+0.0', 0], ['1', 1], ['2.012345', 2.012345], ['0.0012345', 0.0012345], ['.5', 0.5], ['5.', 5],
      ['-1.5e-3', -0.0015], ['1E5', 1e5], ['1e21', 1e21], ['1e22', 1e22], ['123456789012345', 123456789012345],
      ['158489000', 158489000], ['3.0e+10', 3e10], ['0.1', 0.1], ['0.3', 0.3], ['7e-22', 7e-22], ['00012', 12],
    ];
    for (const [s, v] of decided) {
      const b = bytes(s);
      expect(Object.is(decimalFromBytes(b, 0, b.length), v), s).toBe(true);
      agrees(s);
    }
    // Not decided here (NaN): blanks, 16+ significant digits, far exponents, non-finite spellings, text, bad syntax.
    for (const s of ['', ' 1', '1 ', '1234567890123456', '1e23', '1e-23', '1e99999', 'nan', 'inf', '-Infinity', 'r12', '.', '+', '1e', '1e+', '--1', '1.2.3', '0x10', '1_000', '١']) {
      const b = bytes(s);
      expect(decimalFromBytes(b, 0, b.length), JSON.stringify(s)).toBeNaN();
      agrees(s);
    }
    for (const s of ['r12', 'abc', 'Z', '=1+2', '#']) expect(surelyNotNumber(bytes(s), 0, bytes(s).length), s).toBe(true);
    for (const s of ['nan', 'Inf', ' 1', '-', '.5', '9', '\u00a01']) expect(surelyNotNumber(bytes(s), 0, bytes(s).length), s).toBe(false);
  });

  it('property: any decimal spelling (and any string) agrees with parseNumber', () => {
    const decimal = decimalSpelling(20, 400);
    fc.assert(fc.property(decimal, (s) => agrees(s)), { numRuns: 20_000, seed: 11 });
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (s) => agrees(s)), { numRuns: 5_000, seed: 12 });
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => agrees(String(x))), { numRuns: 20_000, seed: 13 });
    fc.assert(fc.property(fc.double({ noNaN: true, min: 1e-6, max: 1e12 }), fc.integer({ min: 1, max: 17 }), (x, p) => agrees(x.toPrecision(p))), { numRuns: 20_000, seed: 14 });
  });

  it('a streamed record reads every cell as the table reader does (quoted cells, blanks, CR line ends)', () => {
    const text = 'a,b,c,d\r\n1.5,"2.5", 3 ,x\r\n"-0",,1e400,"a""b"\r\n.5,inf,NaN,1e-400\r\n';
    const table = parseCsvText(text, 't.csv');
    const seen: string[][] = [];
    const nums: (number | undefined)[][] = [];
    streamCsvText(text, 't.csv', {
      header: () => {},
      row: () => {
        throw new Error('record() expected');
      },
      record: (r: CsvRecord) => {
        seen.push(r.cells());
        nums.push(Array.from({ length: r.count }, (_, k) => r.number(k)));
      },
    });
    expect(seen).toEqual(table.rows);
    // Wider than the record's first allocation (16 cells).
    const wide = `${Array.from({ length: 40 }, (_, k) => `c${k}`).join(',')}\n${Array.from({ length: 40 }, (_, k) => (k % 3 ? String(k / 8) : `"${k}"`)).join(',')}\n`;
    streamCsvText(wide, 'w.csv', {
      header: () => {},
      row: () => {},
      record: (r: CsvRecord) => {
        expect(r.count).toBe(40);
        for (let k = 0; k < 40; k++) expect(r.number(k)).toBe(k % 3 ? k / 8 : k);
      },
    });
    table.rows.forEach((row, i) => row.forEach((cell, k) => expect(Object.is(nums[i][k], parseNumber(cell)), `${i} ${k}`).toBe(true)));
  });
});
