/**
 * `steplaw reproduce` (the main job): deterministic bytes, and the records
 * committed in fits/ are exactly what the code produces from data/ — fits/ is
 * reproducible, not a snapshot of some earlier run. (If this fails after a
 * change, run `npm start` and commit fits/ with the change that moved them.)
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out.map((p) => relative(dir, p)).sort();
}

describe('steplaw reproduce', () => {
  const a = mkdtempSync(join(tmpdir(), 'steplaw-repro-a-'));
  const b = mkdtempSync(join(tmpdir(), 'steplaw-repro-b-'));
  const ra = runCli(['reproduce', '--out-dir', a], { cwd: tmpdir() });
  const rb = runCli(['reproduce', '--out-dir', b]);

  it('runs from any working directory and says what it wrote', () => {
    expect(ra.status, ra.stderr).toBe(0);
    expect(rb.status, rb.stderr).toBe(0);
    expect(ra.stdout).toContain(`records to ${a}`);
  });
  it('writes the same bytes on every run', () => {
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });
  it('the committed fits/ are exactly what the code produces', () => {
    const committed = join(repoRoot, 'fits');
    expect(files(committed)).toEqual(files(a));
    for (const f of files(a)) expect(readFileSync(join(committed, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });
  it('records carry no machine-specific paths', () => {
    for (const f of files(a)) expect(readFileSync(join(a, f), 'utf8').includes(repoRoot), f).toBe(false);
  });
});
