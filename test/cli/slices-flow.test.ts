/**
 * Slices flow on: a `fit --by` file is accepted by predict and validate
 * (`--slice`), with a clear error listing the slices; duplicate-cell checks
 * and notes are keyed by the slice attribute.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { offsetSweep, OFFSET_LAW } from '../helpers/offset-sweep.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-slices-flow-'));
// Two data sets on the SAME (N, D, lr, batch) cells — B's optimum 1.5× higher: rows differ only in `dataset`.
const Ns = [1e8, 3e8, 1e9];
const Ds = [2e10, 6e10, 2e11];
const rows = [
  ...offsetSweep(1, 0, Ns, Ds, OFFSET_LAW, { dataset: 'A' }, 0, 0),
  ...offsetSweep(1, 0, Ns, Ds, OFFSET_LAW, { dataset: 'B' }, 1000, 0).map((r) => ({ ...r, loss: r.loss * 1.01 })),
];
const csv = join(dir, 'two.csv');
writeFileSync(csv, ['N,D,lr,batch,loss,dataset', ...rows.map((r) => [r.N, r.D, r.lr, r.batchTokens, r.loss, r.attrs.dataset].join(','))].join('\n') + '\n');
const map = ['--map', 'N=N,D=D,lr=lr,batch=batch,loss=loss', '--batch-unit', 'tokens'];
const fitFile = join(dir, 'two.by-dataset.fit.json');

describe('fit --by files flow into predict and validate', () => {
  it('fit --by writes one file; predict without --slice names the slices', () => {
    const f = runCli(['fit', csv, ...map, '--by', 'dataset', '--bootstrap', '20', '--out', fitFile]);
    expect(f.status, f.stderr).toBe(0);
    expect(f.stderr).not.toMatch(/duplicate-cell/);
    const p = runCli(['predict', '--fit', fitFile, '--N', '1e9', '--D', '1e11']);
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split('\n')).toHaveLength(1);
    expect(p.stderr).toMatch(/choose one with --slice: dataset=A, dataset=B/);
    const bad = runCli(['predict', '--fit', fitFile, '--slice', 'C', '--N', '1e9', '--D', '1e11']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no slice "C"; the slices are dataset=A, dataset=B/);
  });
  it('predict --slice gives that slice\'s law (the planted truth: lr* = 0.5·N^−0.7·D^0.3)', () => {
    for (const slice of ['A', 'dataset=A']) {
      const p = runCli(['predict', '--fit', fitFile, '--slice', slice, '--N', '1e9', '--D', '1e11', '--json']);
      expect(p.status, p.stderr).toBe(0);
      const out = JSON.parse(p.stdout);
      const lr = out.lr ?? out.predictions?.[0]?.lr ?? out.prediction?.lr;
      const value = typeof lr === 'number' ? lr : lr?.value ?? lr?.estimate;
      expect(value / (0.5 * 1e9 ** -0.7 * 1e11 ** 0.3)).toBeCloseTo(1, 6);
    }
  });
  it('validate --law <fit --by file> --slice B scores that slice\'s law', () => {
    const v = runCli(['validate', csv, ...map, '--law', fitFile, '--slice', 'B', '--by', 'dataset', '--json']);
    expect(v.status, v.stderr).toBe(0);
    const r = JSON.parse(v.stdout);
    expect(r.law.name ?? r.law).toMatch(/dataset=B/);
  });
  it('--by dataset: no duplicate-cell warning for rows that differ in dataset, and no MoE note', () => {
    const v = runCli(['validate', csv, ...map, '--by', 'dataset']);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stderr).not.toMatch(/duplicate-cell/);
    expect(v.stdout).not.toMatch(/MoE sparsities/);
    expect(v.stdout).toMatch(/groups are keyed on dataset, N, D/);
    // Without --by the rows ARE the same cells of one pooled sweep: warned.
    const pooled = runCli(['validate', csv, ...map]);
    expect(pooled.stderr).toMatch(/duplicate-cell/);
  });
});

describe('report --by', () => {
  it('slices the report on the attribute (a slices section for it) instead of pooling silently', () => {
    const out = join(dir, 'report');
    const r = runCli(['report', csv, ...map, '--by', 'dataset', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toMatch(/Slices — two\.csv by dataset/);
  }, 120_000);
});
