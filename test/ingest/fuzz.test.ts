/**
 * Fuzz: random mutations of a real CSV (cut lines, swapped cells, junk bytes,
 * wrong delimiters, truncation) end in a result or an InputError — never in an
 * unhandled exception of another kind.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/ingest/csv.js';
import { tableToRuns, duplicateCellWarnings } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { InputError } from '../../src/messages.js';
import { repoData } from '../helpers/paths.js';

const lines = readFileSync(repoData('steplaw', 'dense_lr_bs_loss.csv'), 'utf8').split('\n');
// Header plus three groups' worth of rows keeps each case fast.
const base = [lines[0], ...lines.slice(1, 200)];

type Mutation =
  | { kind: 'cut'; at: number; len: number }
  | { kind: 'swap'; row: number; a: number; b: number }
  | { kind: 'junk'; row: number; pos: number; bytes: string }
  | { kind: 'delimiter'; row: number; to: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'cell'; row: number; col: number; value: string };

const cellValues = ['', 'nan', 'inf', '-1', '0', '1e400', 'x', '"', '""', '1,2', ' ', '\u0000', '+1.5E-3', '-inf', '１２'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(220), len: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant('swap' as const), row: fc.nat(220), a: fc.nat(14), b: fc.nat(14) }),
  fc.record({ kind: fc.constant('junk' as const), row: fc.nat(220), pos: fc.nat(200), bytes: fc.string({ unit: 'binary', maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delimiter' as const), row: fc.nat(220), to: fc.constantFrom(';', '\t', '|', ' ', '') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(40000) }),
  fc.record({ kind: fc.constant('cell' as const), row: fc.nat(220), col: fc.nat(14), value: fc.constantFrom(...cellValues) }),
);

function apply(rows: string[], m: Mutation): string[] {
  const out = rows.slice();
  const r = (i: number) => i % Math.max(out.length, 1);
  switch (m.kind) {
    case 'cut':
      out.splice(r(m.at), m.len);
      return out;
    case 'swap': {
      const i = r(m.row);
      const cells = (out[i] ?? '').split(',');
      if (cells.length > Math.max(m.a, m.b)) [cells[m.a], cells[m.b]] = [cells[m.b], cells[m.a]];
      out[i] = cells.join(',');
      return out;
    }
    case 'junk': {
      const i = r(m.row);
      const s = out[i] ?? '';
      const p = m.pos % (s.length + 1);
      out[i] = s.slice(0, p) + m.bytes + s.slice(p);
      return out;
    }
    case 'delimiter': {
      const i = r(m.row);
      out[i] = (out[i] ?? '').split(',').join(m.to);
      return out;
    }
    case 'truncate':
      return out.join('\n').slice(0, m.at).split('\n');
    case 'cell': {
      const i = r(m.row);
      const cells = (out[i] ?? '').split(',');
      if (cells.length > m.col) cells[m.col] = m.value;
      out[i] = cells.join(',');
      return out;
    }
  }
}

function pipeline(text: string): void {
  const part = tableToRuns(parseCsvText(text, 'fuzz.csv'));
  duplicateCellWarnings(part.runs, part.groupKeys);
  const { grids } = groupSweep({ files: ['fuzz.csv'], format: part.format, runs: part.runs, groupKeys: part.groupKeys, warnings: part.warnings });
  try {
    // The fit may legitimately refuse (too few runs); that must be an InputError too.
    fitStepLaw(grids, { bootstrap: 5, seed: 1 });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
}

describe('fuzzed CSVs', () => {
  it('every mutation ends in a result or an InputError naming the file', () => {
    let errors = 0;
    let results = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (ms) => {
        const text = ms.reduce(apply, base).join('\n');
        try {
          pipeline(text);
          results++;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message.startsWith('fuzz.csv')).toBe(true);
          errors++;
        }
      }),
      { numRuns: 400, seed: 20250305 },
    );
    // Both outcomes occur: the fuzzer exercises error paths and success paths.
    expect(errors).toBeGreaterThan(20);
    expect(results).toBeGreaterThan(20);
  });
});
