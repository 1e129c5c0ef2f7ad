/**
 * The streaming CSV parser (issue 11 items 6 and 9): the same records however
 * the bytes are split into chunks; errors name the data row and the physical
 * line (blank lines and line breaks inside quoted cells counted); UTF-16 is
 * decoded or named; a number that underflows to 0 is called that.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, parseCsvText, readCsv } from '../../src/ingest/csv.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { InputError } from '../../src/messages.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-csv-'));
function file(name: string, content: string | Buffer): string {
  const f = join(dir, name);
  writeFileSync(f, content);
  return f;
}
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

/** RFC 4180 serialisation of one cell. */
const quote = (c: string) => (/[",\r\n]/.test(c) || c.trim() !== c ? `"${c.replaceAll('"', '""')}"` : c);

describe('chunked parsing', () => {
  it('gives the same records however the bytes are split', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '1', ',', '"', '\n', ' ', 'é', '€', '😀'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) =>
          fc.tuple(fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 }), fc.constant(w)),
        ),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        ([rows, w], cuts, crlf) => {
          const header = Array.from({ length: w }, (_, k) => `c${k}`);
          // Rows whose cells are all blank are skipped by design: keep one non-blank cell.
          const data = rows.map((r) => r.map((c, k) => (k === 0 ? `x${c}` : c)));
          const nl = crlf ? '\r\n' : '\n';
          const text = [header, ...data].map((r) => r.map(quote).join(',')).join(nl) + nl;
          const bytes = Buffer.from(text, 'utf8');
          const got: string[][] = [];
          const parser = new CsvParser('p.csv', { header: () => {}, row: (cells) => void got.push(cells) });
          let at = 0;
          for (let k = 0; at < bytes.length; k++) {
            const n = cuts[k % cuts.length];
            parser.push(bytes.subarray(at, at + n));
            at += n;
          }
          parser.end();
          expect(got).toEqual(data);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('reads ; tab and | delimited files, CRLF endings and "" escapes', () => {
    expect(parseCsvText('a;b\r\n1;"x""y"\r\n', 's.csv').rows).toEqual([['1', 'x"y']]);
    expect(parseCsvText('a\tb\n1\t2\n', 't.csv').rows).toEqual([['1', '2']]);
    expect(parseCsvText('a|b\n1|2\n', 'p.csv').rows).toEqual([['1', '2']]);
    expect(parseCsvText('a,b\r1,2\r3,4', 'mac.csv')).toMatchObject({ rows: [['1', '2'], ['3', '4']], lines: [2, 3] });
  });
});

describe('rows and lines in messages', () => {
  const HEAD = 'N,D,lr,batch,loss,note\n';
  it('counts blank lines and line breaks inside quoted cells', () => {
    // line 1 header, 2 blank, 3–4 row 1 (a two-line note), 5 blank, 6 row 2.
    const f = file('lines.csv', HEAD + '\n1e8,2e9,1e-3,1000000,3,"two\nlines"\n\n1e8,2e9,abc,1000000,3,x\n');
    expect(errorOf(() => loadSweep([f]))).toMatch(/lines\.csv: row 2 \(line 6\), column "lr": "abc" is not a number/);
    const t = readCsv(f);
    expect(t.lines).toEqual([3, 6]);
  });
  it('CLI: one line, exit 2, row and physical line', () => {
    const f = file('lines-cli.csv', HEAD + '\n\n1e8,2e9,1e-3,1000000,3,x\n1e8,2e9,1e-3,1000000,3\n');
    const r = runCli(['fit', f, '--bootstrap', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/row 2 \(line 5\): has 5 fields, the header has 6/);
  });
  it('an unclosed quote names the row and line it starts on', () => {
    expect(errorOf(() => parseCsvText(HEAD + '1e8,2e9,1e-3,1000000,3,x\n\n1e8,2e9,1e-3,1000000,3,"open\n', 'q.csv'))).toMatch(
      /q\.csv: row 2 \(line 4\): CSV syntax error: a quoted cell is never closed/,
    );
  });
});

describe('encodings', () => {
  const text = 'N,D,lr,batch,loss\n1e8,2e9,1e-3,1048576,3.0\n1e8,2e9,2e-3,1048576,3.1\n';
  it('decodes UTF-16 LE and BE files with a byte-order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [name, bytes] of [['le.csv', le], ['be.csv', be]] as const) {
      const s = loadSweep([file(name, bytes)]);
      expect(s.runs.map((r) => [r.N, r.D, r.lr, r.batchTokens, r.loss])).toEqual([
        [1e8, 2e9, 1e-3, 1048576, 3.0],
        [1e8, 2e9, 2e-3, 1048576, 3.1],
      ]);
    }
  });
  it('names UTF-16 without a byte-order mark instead of "has 1 fields"', () => {
    const f = file('nobom.csv', Buffer.from(text, 'utf16le'));
    const r = runCli(['fit', f, '--bootstrap', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nobom\.csv: the file is UTF-16 without a byte-order mark .*save it as UTF-8/);
  });
});

describe('numbers out of range', () => {
  it('1e-400 is said to underflow to 0, 1e400 to overflow', () => {
    const under = file('under.csv', 'N,D,lr,batch,loss\n1e8,2e9,1e-400,1048576,3\n');
    const r = runCli(['fit', under, '--bootstrap', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/under\.csv: row 1 \(line 2\), column "lr": "1e-400" must be a finite number > 0 \(it underflows to 0/);
    const over = file('over.csv', 'N,D,lr,batch,loss\n1e8,1e400,1e-3,1048576,3\n');
    expect(errorOf(() => loadSweep([over]))).toMatch(/"1e400" must be a finite number > 0 \(it overflows to infinity/);
    const zero = file('zero.csv', 'N,D,lr,batch,loss\n1e8,2e9,0.0e5,1048576,3\n');
    expect(errorOf(() => loadSweep([zero]))).not.toMatch(/underflow/);
  });
});
