/**
 * The plain-row lane (ingest/plain-rows.ts, a WebAssembly scanner) must read a record exactly as the general
 * path of the CSV reader does, or leave it to that path: a file read with the lane gives the same runs (every
 * column bit for bit), the same warnings and the same errors (file, row, line, column) as without it.
 *
 * Checked against the general path itself (the lane switched off), on generated files that mix plain records
 * with everything the lane must leave: quoted cells, CR line ends, blank lines, extra or missing cells,
 * numbers outside its grammar, non-positive and non-finite values; files large enough to cross the reader's
 * 1 MiB reads, the lane's windows and its 32,768-row output; and the scanner's numbers against
 * `decimalFromBytes` (itself checked against Number() in number-bytes.test.ts).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decimalSpelling } from '../helpers/decimal.js';
import { decimalFromBytes } from '../../src/ingest/number.js';
import { plainRowsAvailable, scannerDecimal, usePlainRows } from '../../src/ingest/plain-rows.js';
import { readSweepFile, type IngestOptions } from '../../src/ingest/sweep.js';
import type { RunStore } from '../../src/sweep/run-store.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-plain-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => usePlainRows(true));

let files = 0;
function file(text: string): string {
  const f = join(dir, `sweep-${files++}.csv`);
  writeFileSync(f, text);
  return f;
}

/** Every column of a store, as plain arrays (Object.is compares them, so -0 and NaN count). */
function columns(store: RunStore) {
  const n = store.length;
  const col = (get: (i: number) => number) => Array.from({ length: n }, (_, i) => get(i));
  return {
    N: col((i) => store.N.get(i)),
    D: col((i) => store.D.get(i)),
    lr: col((i) => store.lr.get(i)),
    batch: col((i) => store.batchTokens.get(i)),
    loss: col((i) => store.loss.get(i)),
    flags: Array.from({ length: n }, (_, i) => store.flags(i).join()),
    attrs: Array.from({ length: n }, (_, i) => store.attrs(i)),
  };
}

/** What reading the file gives: the runs and warnings, or the error message. */
function read(path: string, options: IngestOptions, lane: boolean) {
  usePlainRows(lane);
  try {
    const r = readSweepFile(path, options);
    return { columns: columns(r.store), warnings: r.warnings, format: r.format };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    usePlainRows(true);
  }
}

function sameWithAndWithout(path: string, options: IngestOptions = {}): ReturnType<typeof read> {
  const general = read(path, options, false);
  const lane = read(path, options, true);
  // The numbers first, with Object.is (toEqual treats -0 and 0 alike): the first run that differs, if any.
  if ('columns' in lane && 'columns' in general) {
    for (const k of ['N', 'D', 'lr', 'batch', 'loss'] as const) {
      const a = lane.columns![k];
      const b = general.columns![k];
      expect(a.length, `${k}: runs`).toBe(b.length);
      const i = a.findIndex((v, j) => !Object.is(v, b[j]));
      expect(i < 0 ? 'same' : `${k} of run ${i + 1}: ${a[i]} vs ${b[i]}`).toBe('same');
    }
  }
  expect(lane).toEqual(general);
  return lane;
}

describe('plain-row lane', () => {
  it('is built: the compiled scanner is there (npm run build makes dist/plain-rows.wasm)', () => {
    expect(plainRowsAvailable()).toBe(true);
  });

  it('reads a positive decimal of the fast grammar as decimalFromBytes does, and leaves every other cell (−1)', () => {
    const check = (s: string) => {
      const b = Buffer.from(s, 'utf8');
      const ref = decimalFromBytes(b, 0, b.length);
      const got = scannerDecimal(b);
      if (ref > 0 && ref < Infinity) expect(Object.is(got, ref), `${JSON.stringify(s)}: ${got} vs ${ref}`).toBe(true);
      else expect(got, JSON.stringify(s)).toBe(-1);
    };
    for (const s of ['1', '2.012345', '0.0012345', '.5', '5.', '+1.5e-3', '1E5', '1e22', '7e-22', '123456789012345', '00012', '3.0e+10', '0.1']) check(s);
    for (const s of ['', '0', '-1', '-0', '0.000', ' 1', '1 ', '1234567890123456', '1e23', '1e-23', '1e99999', 'nan', 'inf', '.', '+', '1e', '1e+', '1.2.3', '+-1']) check(s);
    const decimal = decimalSpelling(18, 40);
    fc.assert(fc.property(decimal, check), { numRuns: 20_000, seed: 31 });
    fc.assert(fc.property(fc.double({ min: 1e-30, max: 1e30, noNaN: true }), (x) => check(String(x))), { numRuns: 10_000, seed: 32 });
    fc.assert(fc.property(fc.string({ maxLength: 10 }), check), { numRuns: 5_000, seed: 33 });
  });

  it('property: a generated sweep reads the same with and without the lane (runs, warnings, errors)', () => {
    // Cells of each role: mostly plain numbers; sometimes cells the lane must leave but the reader accepts
    // (quoted, padded, too many digits, exponents beyond ±22, non-finite losses); in files allowed errors, also
    // cells and rows the reader refuses (empty, zero, negative, text, under- and overflow, a cell too many or few).
    const plain = fc.oneof(
      fc.constantFrom('1e8', '2e8', '1e10', '2.5e10', '0.001', '0.0015', '512', '2.05', '3.0e+10', '+4'),
      fc.double({ min: 1e-6, max: 1e12, noNaN: true }).map(String),
    );
    const accepted = fc.constantFrom('"2.5"', ' 3 ', '1234567890123456789', '1e23', '2.50000000000000000001', '"1e8"');
    const refused = fc.constantFrom('', '0', '-1', 'x', '1e400', '1e-400', '"1,5"');
    const nonFinite = fc.constantFrom('nan', 'inf', 'NaN');
    const lineEnd = fc.oneof({ weight: 8, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constant('\r\n') });
    const row = (errors: boolean) =>
      fc.tuple(
        fc.array(fc.oneof({ weight: 20, arbitrary: plain }, { weight: 1, arbitrary: accepted }, { weight: errors ? 1 : 0, arbitrary: refused }), { minLength: 5, maxLength: 5 }),
        fc.oneof({ weight: 20, arbitrary: plain }, { weight: 1, arbitrary: nonFinite }),
        fc.constantFrom('r1', 'run "a"', '', '=1+2'),
        lineEnd,
        fc.integer({ min: 0, max: 40 }),
      );
    const sweep = fc.boolean().chain((errors) => fc.tuple(fc.constant(errors), fc.array(row(errors), { minLength: 1, maxLength: 120 })));
    let read = 0;
    fc.assert(
      fc.property(sweep, fc.boolean(), fc.boolean(), ([errors, rows], keepRunNames, sequences) => {
        let text = 'N,D,lr,batch,loss,run\n';
        for (const [cells, loss, name, end, shape] of rows) {
          // Now and then: a blank line, a quoted run name; in files allowed errors, a cell too many or too few.
          if (shape === 0) text += end;
          const values = [...cells.slice(0, 4), loss];
          const out = errors && shape === 1 ? [...values, name, 'extra'] : errors && shape === 2 ? values.slice(0, 4) : [...values, shape === 3 ? `"${name.replaceAll('"', '""')}"` : name.replaceAll('"', '')];
          text += out.join(',') + end;
        }
        const options: IngestOptions = { attributes: keepRunNames ? undefined : [], batchUnit: sequences ? 'sequences' : 'tokens' };
        if ('columns' in sameWithAndWithout(file(text), options)) read++;
      }),
      { numRuns: 300, seed: 20261202 },
    );
    // Most files read (the comparison is then of runs, not only of the first error).
    expect(read).toBeGreaterThan(120);
  });

  it('large files: the same runs across 1 MiB reads, windows and full outputs, and errors name the same row and line', () => {
    // 3 role columns (5-byte rows): a 256 KiB window holds more rows than the lane's 32,768-row output.
    const few: IngestOptions = { required: ['N', 'D', 'lr'], attributes: [] };
    let small = 'N,D,lr\n';
    for (let i = 0; i < 300_000; i++) small += `${1 + (i >> 6)},${2 + (i % 7)},${1 + (i % 3)}\n`;
    const r = sameWithAndWithout(file(small), few);
    expect('columns' in r && r.columns!.N.length).toBe(300_000);

    // Step Law layout, 60,000 rows, with a blank line, a CR LF line and a quoted cell far in: the lane stops,
    // the general path reads them, the lane goes on; then a bad cell near the end is named by row and line.
    const lines: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const N = 1e8 * (1 + (i >> 8));
      lines.push(`${N},1e10,${(1e-3 * (1 + (i % 11))).toPrecision(3)},${64 << (i % 5)},${(2 + ((i * 7919) % 1000) / 1e4).toFixed(4)}`);
    }
    lines[20_000] = '';
    lines[30_000] += '\r';
    lines[40_000] = lines[40_000].replace(/^(\d+)/, '"$1"');
    const header = 'N,D,lr,bs,smooth loss,h,ffnh,numl\n';
    const body = (ls: string[]) => ls.map((l) => (l === '' ? '' : `${l},1,1,1`)).join('\n') + '\n';
    const ok = sameWithAndWithout(file(header + body(lines)), { attributes: [] });
    expect('columns' in ok && ok.columns!.N.length).toBe(59_999);
    const bad = [...lines];
    bad[55_000] = bad[55_000].replace(/,([\d.]+)$/, ',-2');
    const err = sameWithAndWithout(file(header + body(bad)), { attributes: [] });
    // Data row 55,000 (one blank line before it is not a row), physical line 55,002 (the header is line 1).
    expect('error' in err && err.error).toMatch(/row 55000\b.*line 55002\b/);
  });

  it('a record longer than the widest window (a 600 KB cell) goes through the general path, and the rows around it through the lane', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${1e8 * (1 + (i >> 6))},1e10,${1e-3 * (1 + (i % 8))},${2 ** (16 + (i % 4))},${2 + (i % 97) / 1000},r${i}`);
    rows[1500] = rows[1500].replace(/r1500$/, 'x'.repeat(600_000));
    const r = sameWithAndWithout(file('N,D,lr,batch,loss,run\n' + rows.join('\n') + '\n'), { attributes: [], batchUnit: 'tokens' });
    expect('columns' in r && r.columns!.N.length).toBe(3000);
  });

  it('a file the lane cannot take alone (attribute columns kept, a per-row seq_len) reads as before', () => {
    const text = 'N,D,lr,bs,smooth loss,h,ffnh,numl,Na,moe_name,seq_len\n' + Array.from({ length: 50 }, (_, i) => `2e8,1e10,${1e-3 * (1 + (i % 5))},${128 << (i % 3)},${2 + i / 100},1,1,1,1,1in8,${i % 2 ? 2048 : 4096}`).join('\n') + '\n';
    sameWithAndWithout(file(text));
    sameWithAndWithout(file(text), { attributes: [] });
  });
});
