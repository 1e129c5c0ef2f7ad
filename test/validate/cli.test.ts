/**
 * The validator's commands as a user runs them: `node dist/steplaw.cjs …`
 * (build first: `npx tsc -p tsconfig.json`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoData } from '../helpers/paths.js';

const dense = repoData('steplaw', 'dense_lr_bs_loss.csv');
const moe = repoData('steplaw', 'moe_lr_bs_loss.csv');

/** A small mapped CSV (no shape columns): one group, 3×3 lattice, bowl centred at lr 1e-3, batch 2.5e5 tokens. */
function plainCsv(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steplaw-val-'));
  const file = join(dir, 'plain.csv');
  const rows = ['N,D,lr,batch,loss'];
  for (const lr of [5e-4, 1e-3, 2e-3]) for (const b of [1.25e5, 2.5e5, 5e5]) {
    rows.push(`1e8,1e9,${lr},${b},${2.5 + 0.01 * Math.log(lr / 1e-3) ** 2 + 0.005 * Math.log(b / 2.5e5) ** 2}`);
  }
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

describe('steplaw laws', () => {
  it('--json lists the eight catalog laws with formula, units, needs, citation, caveats', () => {
    const r = runCli(['laws', '--json']);
    expect(r.status).toBe(0);
    const laws = JSON.parse(r.stdout);
    expect(laws.map((l: { name: string }) => l.name)).toEqual(['steplaw', 'steplaw-rounded', 'deepseek', 'openai', 'microsoft', 'porian', 'minicpm', 'meituan']);
    for (const l of laws) for (const k of ['formula', 'units', 'needs', 'citation', 'caveats', 'evaluable']) expect(l).toHaveProperty(k);
  });
});

describe('steplaw validate', () => {
  it('--json has the per-group and summary fields; rounded Step Law, nearest: mean 0.096%', () => {
    const r = runCli(['validate', dense, '--law', 'steplaw-rounded', '--read', 'nearest', '--json']);
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.groups).toHaveLength(17);
    const g = v.groups[0];
    for (const k of ['N', 'D', 'lossAtPrediction', 'relativeError', 'flags']) expect(g).toHaveProperty(k);
    expect(g.predicted).toHaveProperty('lr');
    expect(g.predicted).toHaveProperty('batchTokens');
    expect(g.argmin).toHaveProperty('lr');
    expect(g.argmin).toHaveProperty('batchTokens');
    expect(g.argmin).toHaveProperty('loss');
    expect(Math.abs(v.summary.meanRelativeError - 0.00096)).toBeLessThan(0.00003);
    expect(typeof v.summary.medianRelativeError).toBe('number');
    expect(v.summary.maxRelativeError).toBeCloseTo(0.0031, 4);
  });

  it('the text output says what groups are keyed on (MoE: moe_name, N, D) and --N-column Na is worse', () => {
    const r = runCli(['validate', moe, '--law', 'steplaw-rounded', '--read', 'nearest']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/groups keyed on moe_name, N, D/);
    const na = JSON.parse(runCli(['validate', moe, '--law', 'steplaw-rounded', '--read', 'nearest', '--N-column', 'Na', '--json']).stdout);
    expect(na.summary.meanRelativeError).toBeGreaterThan(0.008);
  });

  it('exit 2 with one-line errors: unknown law, bad --read, a law needing columns the data lack, missing --N-column', () => {
    const unknown = runCli(['validate', dense, '--law', 'chinchilla']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^error: unknown law "chinchilla": use one of steplaw/m);
    expect(runCli(['validate', dense, '--read', 'spline']).status).toBe(2);
    const ds = runCli(['validate', plainCsv(), '--law', 'deepseek']);
    expect(ds.status).toBe(2);
    expect(ds.stderr).toMatch(/needs C.*h, ffnh and numl/);
    const nc = runCli(['validate', dense, '--N-column', 'Na']);
    expect(nc.status).toBe(2);
    expect(nc.stderr).toMatch(/--N-column "Na"/);
  });

  it('a law without a batch formula says it was scored at the best batch for its lr', () => {
    const r = runCli(['validate', plainCsv(), '--law', 'microsoft', '--read', 'nearest']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/batch-from-grid/);
    expect(r.stdout).toMatch(/best batch size for its lr/);
  });

  it('--cv --json reports the held-out fits next to the published law', () => {
    const r = runCli(['validate', dense, '--cv', '--law', 'steplaw', '--read', 'nearest', '--json']);
    expect(r.status).toBe(0);
    const cv = JSON.parse(r.stdout);
    expect(cv.groups).toHaveLength(17);
    expect(cv.summary.publishedLaw).toBe('steplaw');
    expect(Math.abs(cv.summary.published.meanRelativeError - 0.00098)).toBeLessThan(0.00003);
    expect(typeof cv.summary.cv.meanRelativeError).toBe('number');
  });
});

describe('steplaw compare and landscape', () => {
  it('compare --json: evaluable catalog laws, best first, Step Law first on the dense groups', () => {
    const r = runCli(['compare', dense, '--read', 'nearest', '--json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.rows).toHaveLength(7);
    expect(c.rows.map((x: { law: string }) => x.law)).not.toContain('meituan');
    const means = c.rows.map((x: { meanRelativeError: number }) => x.meanRelativeError);
    expect(means).toEqual([...means].sort((a: number, b: number) => a - b));
    expect(['steplaw', 'steplaw-rounded']).toContain(c.rows[0].law);
  });

  it('landscape --json: docs/method.md#relative-error medians; a bad --bands exits 2', () => {
    const r = runCli(['landscape', dense, '--json']);
    expect(r.status).toBe(0);
    const l = JSON.parse(r.stdout);
    expect(l.summary.medians[0].runs).toBe(7);
    expect(l.summary.medians[2].runs).toBe(30);
    expect(l.summary.groups).toBe(17);
    expect(runCli(['landscape', dense, '--bands', '2']).status).toBe(2);
  });
});
