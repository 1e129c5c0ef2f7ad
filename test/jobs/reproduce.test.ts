/**
 * `steplaw reproduce` (the main job): deterministic bytes, and the records
 * committed in fits/ are exactly what the code produces from data/ — fits/ is
 * reproducible, not a snapshot of some earlier run. (If this fails after a
 * change, run `npm start` and commit fits/ with the change that moved them.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

/** Every file below `dir`, as sorted paths relative to it. */
function files(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const p = join(d, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  return walk(dir)
    .map((p) => relative(dir, p))
    .sort();
}

describe('steplaw reproduce', () => {
  const a = mkdtempSync(join(tmpdir(), 'steplaw-repro-a-'));
  const b = mkdtempSync(join(tmpdir(), 'steplaw-repro-b-'));
  // The output rule: fits/ and report/ under --out-dir (a) or, without it, under the current directory (b).
  const ra = runCli(['reproduce', '--out-dir', a], { cwd: tmpdir() });
  const rb = runCli(['reproduce'], { cwd: b });

  it('runs from any working directory and says what it wrote', () => {
    expect(ra.status, ra.stderr).toBe(0);
    expect(rb.status, rb.stderr).toBe(0);
    expect(ra.stdout).toContain(`records to ${join(a, 'fits')}`);
    // The report's path is the last line (issue 6: npm start prints it at the end).
    const last = ra.stdout.trim().split('\n').pop()!;
    expect(last).toContain(join(a, 'report', 'index.html'));
  });
  it('writes the same bytes on every run, report included', () => {
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
  });
  it('the committed fits/ are exactly what the code produces', () => {
    const committed = join(repoRoot, 'fits');
    const produced = join(a, 'fits');
    // The files git tracks under fits/ (a user's own `steplaw fit` output there is not a committed record).
    const git = spawnSync('git', ['ls-files', 'fits'], { cwd: repoRoot, encoding: 'utf8' });
    const tracked = git.status === 0 ? git.stdout.trim().split('\n').filter(Boolean).map((f) => relative('fits', f)).sort() : files(committed);
    expect(tracked).toEqual(files(produced));
    for (const f of files(produced)) expect(readFileSync(join(committed, f)).equals(readFileSync(join(produced, f))), f).toBe(true);
  });
  it('the report has every figure and table issue 6 lists', () => {
    const report = files(join(a, 'report'));
    const html = readFileSync(join(a, 'report', 'index.html'), 'utf8');
    // A landscape per released group: 17 dense + 16 MoE (docs/method.md#released-data).
    expect(report.filter((f) => f.startsWith('landscape-dense'))).toHaveLength(17);
    expect(report.filter((f) => f.startsWith('landscape-moe'))).toHaveLength(16);
    for (const id of [
      'fit-dense-models-lr-vs-n', 'fit-dense-models-lr-vs-d', 'fit-dense-models-batch-vs-d', // fits
      'forest-moe-models-total-n-moe-name', 'forest-gadre-train-dataset', // slices: sparsity, data set
      'gadre-rpj-observed', 'gadre-rpj-frontier', // loss law: observed vs fitted, frontier
      'validation-dense-models', 'compare-dense-models', 'reproduction-dense-models', // tables
      'porian-exponents', 'cv-dense', 'gadre-check', 'gadre-differences',
    ]) {
      expect(html, id).toContain(`id="${id}"`);
    }
    expect(html).not.toMatch(/<script/i);
  });
  it('the landscape README and docs/report.md show is the one the report writes (scripts/report-docs.ts copies it)', () => {
    const shown = readFileSync(join(repoRoot, 'docs', 'landscape-example.svg'));
    expect(shown.equals(readFileSync(join(a, 'report', 'landscape-dense-models-n-2-147e-8-d-1e-11.svg')))).toBe(true);
  });
  it('records and report carry no machine-specific paths', () => {
    for (const f of files(a)) expect(readFileSync(join(a, f), 'utf8').includes(repoRoot), f).toBe(false);
  });
});
