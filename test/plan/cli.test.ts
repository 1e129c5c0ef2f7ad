import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-plan-'));

describe('steplaw plan (built CLI)', () => {
  it('--help names the three modes', () => {
    const r = runCli(['plan', '--help']);
    expect(r.status).toBe(0);
    for (const s of ['--replay', '--after', '--ladder', '--runs-per-group', '--law']) expect(r.stdout).toContain(s);
  });
  it('bad input: one line, exit 2', () => {
    for (const args of [
      ['plan'],
      ['plan', '--N', '1e9'],
      ['plan', '--N', '1e9', '--D', '1e11', '--runs-per-group', '2'],
      ['plan', '--N', '1e9', '--D', '1e11', '--law', 'microsoft'],
      ['plan', '--N', '1e9', '--D', '1e11', '--law', 'nosuchlaw'],
      ['plan', '--replay', 'data/steplaw/dense_lr_bs_loss.csv', '--N', '1e9', '--D', '1e11'],
      ['plan', '--replay', 'no-such-file.csv'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: /);
    }
  });
  it('a new target: the first wave is the prior\'s cell and its compass neighbours, as a CSV', () => {
    const out = join(dir, 'runs.csv');
    const r = runCli(['plan', '--N', '1e9', '--D', '1e11', '--jitter', '0', '--out', out]);
    expect(r.status).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('group,N,D,lr,batch_tokens,batch_sequences,role');
    expect(rows).toHaveLength(6);
    const cells = rows.slice(1).map((l) => l.split(','));
    const lr = cells.map((c) => Number(c[3]));
    const b = cells.map((c) => Number(c[4]));
    // Step Law (bootstrap means) at N = 1e9, D = 1e11: lr = e^0.586308·N^−0.712922·D^0.307491, B = e^−0.543542·D^0.570944.
    const lrPrior = Math.exp(0.586308 - 0.712922 * Math.log(1e9) + 0.307491 * Math.log(1e11));
    expect(Math.abs(Math.log(lr[0] / lrPrior))).toBeLessThanOrEqual(Math.log(Math.SQRT2) / 2 + 1e-9);
    expect(lr[1] / lr[0]).toBeCloseTo(0.5, 4);
    expect(lr[2] / lr[0]).toBeCloseTo(2, 4);
    expect(b[3] / b[0]).toBeCloseTo(0.25, 10);
    expect(b[4] / b[0]).toBeCloseTo(4, 10);
    expect(r.stdout).toContain('prior optimum');
    expect(r.stdout).toContain('expected plateau');
  });
  it('--after: the next run of a started group is adaptive; a complete ladder proposes nothing', () => {
    // Measured: a compass around lr 1.414e-3, batch 512 sequences, with the lr ×2 side better.
    const csv = ['N,D,lr,batch,loss'];
    const cells: [number, number, number][] = [[1.414e-3, 512, 2.30], [7.07e-4, 512, 2.32], [2.828e-3, 512, 2.295], [1.414e-3, 128, 2.31], [1.414e-3, 2048, 2.305]];
    for (const [lr, bs, loss] of cells) csv.push(`1e9,1e11,${lr},${bs * 2048},${loss}`);
    const after = join(dir, 'done.csv');
    writeFileSync(after, csv.join('\n') + '\n');
    const out = join(dir, 'next.csv');
    const r = runCli(['plan', '--N', '1e9', '--D', '1e11', '--after', after, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.runs).toHaveLength(1);
    // The best run is lr ×2: its own lr ×2 neighbour (5.657e-3) is next.
    expect(p.runs[0].lr).toBeCloseTo(5.657e-3, 6);
    expect(p.runs[0].batchTokens).toBe(512 * 2048);
    expect(p.groups[0].status).toBe('in-progress');
    const done = runCli(['plan', '--N', '1e9', '--D', '1e11', '--after', after, '--runs-per-group', '5', '--json']);
    expect(JSON.parse(done.stdout).runs).toHaveLength(0);
  });
});
