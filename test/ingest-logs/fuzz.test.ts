/**
 * Fuzz: training logs in the three formats, mutated the ways real logs break
 * (cut mid-line or mid-byte, garbage bytes, a huge line, CRLF line ends, NUL
 * runs, lines dropped or repeated), end in a summary or a named skip reason —
 * never an exception; and `ingest-logs` on a tree of such logs exits 0 or 2
 * with plain warning/summary lines, never 1 or a stack trace.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/ingest/logs/read-log.js';
import { runCli } from '../helpers/cli.js';
import { series } from './series.js';
import { jsonlLog, megatronLog, range, wandbCsv } from './write-logs.js';

const x = series(120);
const iters = range(120, 10);
const BASES: Record<string, Buffer> = {
  megatron: Buffer.from(megatronLog(iters, x)),
  jsonl: Buffer.from(jsonlLog(iters, x)),
  wandb: Buffer.from(wandbCsv(iters, x)),
};
const FAILURES = new Set(['unreadable', 'empty', 'no-loss-records', 'too-few-points', 'non-increasing-iterations']);

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'garbage'; at: number; bytes: number[] }
  | { kind: 'huge-line'; at: number; length: number }
  | { kind: 'crlf' }
  | { kind: 'nuls'; at: number; length: number }
  | { kind: 'drop-lines'; at: number; count: number }
  | { kind: 'repeat-line'; at: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('huge-line' as const), at: fc.nat(), length: fc.integer({ min: 70_000, max: 3_000_000 }) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('nuls' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 5000 }) }),
  fc.record({ kind: fc.constant('drop-lines' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('repeat-line' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 50 }) }),
);

function apply(buf: Buffer, m: Mutation): Buffer {
  const at = (n: number) => (buf.length === 0 ? 0 : n % (buf.length + 1));
  switch (m.kind) {
    case 'truncate':
      return buf.subarray(0, at(m.at));
    case 'garbage':
      return Buffer.concat([buf.subarray(0, at(m.at)), Buffer.from(m.bytes), buf.subarray(at(m.at))]);
    case 'huge-line':
      return Buffer.concat([buf.subarray(0, at(m.at)), Buffer.alloc(m.length, 0x78), Buffer.from('\n'), buf.subarray(at(m.at))]);
    case 'crlf':
      return Buffer.from(buf.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 'nuls':
      return Buffer.concat([buf.subarray(0, at(m.at)), Buffer.alloc(m.length, 0), buf.subarray(at(m.at))]);
    case 'drop-lines': {
      const lines = buf.toString('latin1').split('\n');
      lines.splice(m.at % lines.length, m.count);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 'repeat-line': {
      const lines = buf.toString('latin1').split('\n');
      const i = m.at % lines.length;
      lines.splice(i, 0, ...Array(m.times - 1).fill(lines[i]));
      return Buffer.from(lines.join('\n'), 'latin1');
    }
  }
}

describe('fuzzed training logs', () => {
  it('readRunLog: every mutation ends in a summary with a finite smooth loss or a named failure, never an exception', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-logfuzz-'));
    const seen = { ok: 0, failed: 0 };
    let k = 0;
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(BASES)), fc.array(mutation, { minLength: 1, maxLength: 4 }), (format, ms) => {
        const file = join(dir, `log-${k++}.${format === 'jsonl' ? 'jsonl' : format === 'wandb' ? 'csv' : 'log'}`);
        writeFileSync(file, ms.reduce(apply, BASES[format]));
        const r = readRunLog(file);
        if (r.ok) {
          seen.ok++;
          expect(Number.isFinite(r.smoothLoss)).toBe(true);
          expect(r.points).toBeGreaterThanOrEqual(2);
          expect(r.malformed).toBeGreaterThanOrEqual(0);
        } else {
          seen.failed++;
          expect(FAILURES.has(r.kind)).toBe(true);
        }
      }),
      { numRuns: 300, seed: 20261201 },
    );
    // Both outcomes occur: the fuzzer reaches the summaries and the skip paths.
    expect(seen.ok).toBeGreaterThan(30);
    expect(seen.failed).toBeGreaterThan(10);
  }, 120_000);

  it('ingest-logs on a tree of broken logs: exit 0 or 2, only warning/summary/error lines on stderr', () => {
    const root = mkdtempSync(join(tmpdir(), 'steplaw-logtree-'));
    const cases: Record<string, Buffer> = {
      cut_mid_line: BASES.megatron.subarray(0, BASES.megatron.length - 37),
      cut_mid_byte: Buffer.concat([BASES.jsonl, Buffer.from('{"step": 1210, "loss": 2.\xe2', 'latin1')]),
      crlf: Buffer.from(BASES.wandb.toString().replace(/\n/g, '\r\n')),
      nuls: Buffer.concat([BASES.megatron.subarray(0, 5000), Buffer.alloc(20_000, 0), BASES.megatron.subarray(5000)]),
      huge_line: Buffer.concat([BASES.jsonl, Buffer.alloc(4_000_000, 0x61), Buffer.from('\n')]),
      garbage: Buffer.from(Array.from({ length: 30_000 }, (_, i) => (i * 7919) % 256)),
      empty: Buffer.alloc(0),
    };
    Object.entries(cases).forEach(([name, bytes], i) => {
      const dir = join(root, `run_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, name === 'crlf' ? 'history.csv' : name.startsWith('cut_mid_byte') || name === 'huge_line' ? 'metrics.jsonl' : 'train.log'), bytes);
      writeFileSync(join(dir, 'run.json'), JSON.stringify({ N: 1e8 * (i + 1), D: 2e9, lr: 1e-3, batch_tokens: 524288, ti: 1200 }));
    });
    const r = runCli(['ingest-logs', root, '--out', join(root, 'sweep.csv')]);
    // Five runs are usable (cut, CRLF, NULs, a huge line do not stop the reader); the empty and the garbage log are skipped by name.
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^ingest-logs: 7 run\(s\) found, \d written to .*; skipped: 1 empty, 1 without loss records;/m);
    expect(r.stderr).toContain('run_garbage/train.log: no (iteration, loss) records found as megatron; run skipped');
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^(warning \[[a-z-]+\]|ingest-logs: |error: )/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
