/**
 * Silent pooling and ambiguous batch units (issue 11 item 5): files with
 * different headers are not fitted as one sweep without being told to, and a
 * batch column of 32–1024 is not read as tokens without --batch-unit.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-pool-'));

/** A 3 × 3 × (3 lr × 3 batch) sweep with its optimum at lr* = 1e-3·(N/1e8)^-0.7, batch = `bStar`. */
function sweep(name: string, extra: string | undefined, bStar: number): string {
  const lines = [`N,D,lr,batch,loss${extra ? `,${extra}` : ''}`];
  for (const N of [1e8, 3e8, 1e9]) {
    for (const D of [1e10, 3e10, 1e11]) {
      const lrStar = 1e-3 * (N / 1e8) ** -0.7 * (D / 1e10) ** 0.3;
      for (const i of [-1, 0, 1]) {
        for (const j of [-1, 0, 1]) {
          const loss = 2 + 0.05 * (i * i + j * j);
          lines.push(`${N},${D},${lrStar * 2 ** i},${bStar * 2 ** j},${loss}${extra ? ',x' : ''}`);
        }
      }
    }
  }
  const f = join(dir, name);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

describe('files with different headers', () => {
  const a = sweep('dense.csv', undefined, 1 << 20);
  const b = sweep('moe.csv', 'moe_name', 1 << 21);
  it('are refused by default: one line, exit 2, naming both files and the ways out', () => {
    const r = runCli(['fit', a, b, '--bootstrap', '0']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*moe\.csv \(mapped\) has a different header from .*dense\.csv \(mapped\).*--by file.*--pool/);
  });
  it('--pool pools them and the warning travels into the fit file and the report text', () => {
    const out = join(dir, 'pooled.fit.json');
    const r = runCli(['fit', a, b, '--bootstrap', '0', '--pool', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const fit = JSON.parse(readFileSync(out, 'utf8'));
    expect(fit.data.runs).toBe(162);
    expect(fit.warnings.some((w: { code: string }) => w.code === 'pooled-files')).toBe(true);
    expect(r.stderr).toMatch(/pooled files with different headers/);
  });
  it('--by file fits each file on its own', () => {
    const out = join(dir, 'by-file.fit.json');
    const r = runCli(['fit', a, b, '--bootstrap', '0', '--by', 'file', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const rec = JSON.parse(readFileSync(out, 'utf8'));
    expect(rec.slices).toHaveLength(2);
    // Each file's own batch optimum: 2^20 and 2^21 tokens at every D (exponent 0).
    const intercepts = rec.slices.map((s: { fit: { law: { batch: { intercept: number; coefD: number } } } }) => s.fit.law.batch.intercept).sort();
    expect(intercepts[0]).toBeCloseTo(Math.log(2 ** 20), 6);
    expect(intercepts[1]).toBeCloseTo(Math.log(2 ** 21), 6);
    expect(rec.warnings.some((w: { code: string }) => w.code === 'pooled-files')).toBe(false);
  });
  it('files with the same header (one sweep in parts) pool without a word', () => {
    const c = sweep('part2.csv', undefined, 1 << 20);
    const r = runCli(['fit', a, c, '--bootstrap', '0', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).warnings.some((w: { code: string }) => w.code === 'pooled-files')).toBe(false);
  });
});

describe('a batch column without its unit', () => {
  const seqs = sweep('seqs.csv', undefined, 256);
  it('of values ≤ 16384 (32–1024 here) is refused: one line, exit 2, asking for --batch-unit', () => {
    const r = runCli(['fit', seqs, '--bootstrap', '0']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/seqs\.csv: batch column "batch" holds 128–512 .*--batch-unit sequences .*--batch-unit tokens/);
  });
  it('--batch-unit sequences multiplies by --seq-len; --batch-unit tokens takes them as they are', () => {
    const r = runCli(['fit', seqs, '--bootstrap', '0', '--json', '--batch-unit', 'sequences', '--seq-len', '4096']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).law.batch.intercept).toBeCloseTo(Math.log(256 * 4096), 6);
    const t = runCli(['fit', seqs, '--bootstrap', '0', '--json', '--batch-unit', 'tokens']);
    expect(t.status, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout).law.batch.intercept).toBeCloseTo(Math.log(256), 6);
  });
  it('of token-sized values (≥ 2^20 here) is read as tokens', () => {
    const r = runCli(['fit', sweep('tokens.csv', undefined, 1 << 20), '--bootstrap', '0', '--json']);
    expect(r.status, r.stderr).toBe(0);
  });
});
