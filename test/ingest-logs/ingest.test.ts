/**
 * `ingestLogs` on a tree of synthetic runs (tree.ts), checked row by row, and
 * its CSV loaded back with the project's own `loadSweep`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestLogs, isTruncated } from '../../src/ingest/logs/ingest.js';
import { sweepCsv } from '../../src/ingest/logs/sweep-csv.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { readCsv } from '../../src/ingest/csv.js';
import { ITERS, LAST, mixedTree, RUN_A, RUN_E, S250, stepLawTree, X250 } from './tree.js';
import { jsonlLog, megatronLog } from './write-logs.js';
import { repoData } from '../helpers/paths.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
const tree = (make: () => string) => {
  const r = make();
  roots.push(r);
  return r;
};

const N_A = 7 * (4 * 960 ** 2 + 3 * 960 * 9368); // 214663680

describe('isTruncated (authors: |final // interval − ti // interval| > 1)', () => {
  it('by hand', () => {
    expect(isTruncated(2500, 2500, 10)).toBe(false);
    expect(isTruncated(2500, 2519, 10)).toBe(false); // 250 vs 251
    expect(isTruncated(2500, 2520, 10)).toBe(true); // 250 vs 252
    expect(isTruncated(2500, 5000, 10)).toBe(true);
    expect(isTruncated(2500, 2480, 10)).toBe(true); // overran: 250 vs 248
  });
});

describe('mixed tree: every format, every failure', async () => {
  const root = tree(mixedTree);
  const res = await ingestLogs(root, { jobs: 1 });

  it('summary counts each kind of skipped run', () => {
    expect(res.summary).toMatchObject({
      runs: 9,
      written: 4,
      skipped: { truncated: 1, noHparams: 1, badSidecar: 1, unreadable: 1, empty: 1, noLossRecords: 0, tooFewPoints: 0, nonIncreasing: 0 },
      truncationUnchecked: 0,
      malformedLines: 1,
      formats: { megatron: 5, jsonl: 1, 'wandb-csv': 1 }, // logs read, skipped runs included
      layout: 'canonical',
    });
  });

  it('warnings name the paths', () => {
    const byCode = (c: string) => res.warnings.filter((w) => w.code === c);
    expect(byCode('log-unreadable').map((w) => w.file)).toEqual([join(root, 'runG_unreadable', 'train_log_1.txt')]);
    expect(byCode('log-unreadable')[0].message).toContain(join(root, 'runG_unreadable', 'train_log_1.txt'));
    expect(byCode('log-empty').map((w) => w.file)).toEqual([join(root, 'runF_empty', 'train_log_1.txt')]);
    expect(byCode('sidecar-invalid').map((w) => w.file)).toEqual([join(root, 'runI_bad_sidecar', 'run.json')]);
    expect(byCode('run-no-hparams')[0].message).toContain('runH_no_hparams');
    expect(byCode('run-truncated')[0].detail).toEqual({ finalIter: 2500, plannedIters: 5000, interval: 10 });
    expect(byCode('malformed-lines')).toMatchObject([{ file: join(root, RUN_E, 'train_log_1.txt'), count: 1 }]);
  });

  it('the CSV, row by row (canonical layout, sorted by run name)', () => {
    const out = join(root, '..', `${root.split('/').pop()}-sweep.csv`);
    roots.push(out);
    writeFileSync(out, sweepCsv(res.runs, res.layout));
    const t = readCsv(out);
    expect(t.header).toEqual([
      'run', 'N', 'D', 'lr', 'batch_tokens', 'loss', 'last_loss', 'ti',
      'D_exact', 'final_iter', 'log_interval', 'sigma', 'points', 'malformed_lines', 'format', 'log_file',
    ]);
    const rows = t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])));
    expect(rows.map((r) => r.run)).toEqual(['runB_jsonl', 'runC_wandb', RUN_E, RUN_A]);
    const num = (r: Record<string, string>, k: string) => Number(r[k]);
    for (const r of rows) {
      expect(Math.abs(num(r, 'loss') - S250)).toBeLessThan(1e-12);
      expect(num(r, 'last_loss')).toBe(LAST);
      expect(num(r, 'final_iter')).toBe(2500);
      expect(num(r, 'log_interval')).toBe(10);
      expect(num(r, 'sigma')).toBe(0.25);
      expect(num(r, 'points')).toBe(250);
    }
    expect(rows[0]).toMatchObject({ N: '100000000', D: '2000000000', lr: '0.001', batch_tokens: '524288', ti: '2500', D_exact: '1310720000', format: 'jsonl', log_file: 'runB_jsonl/metrics.jsonl' });
    expect(rows[1]).toMatchObject({ N: '200000000', D: '4000000000', lr: '0.002', batch_tokens: '524288', format: 'wandb-csv', log_file: 'runC_wandb/history.csv' });
    // E: bs 64 → 131072 tokens; D = 2519·131072 = 330170368 → 3.30e8
    expect(rows[2]).toMatchObject({ N: String(N_A), D: '330000000', D_exact: '330170368', lr: '0.001381', batch_tokens: '131072', ti: '2519', malformed_lines: '1', format: 'megatron' });
    // A: the last log is train_log_10.txt (numeric order), not train_log_9.txt
    expect(rows[3]).toMatchObject({ N: String(N_A), D: '164000000', D_exact: '163840000', lr: '0.0003453', batch_tokens: '65536', log_file: `group-214M/${RUN_A}/train_log_10.txt` });
  });

  it('loads into loadSweep without a mapping', () => {
    const out = join(root, '..', `${root.split('/').pop()}-load.csv`);
    roots.push(out);
    writeFileSync(out, sweepCsv(res.runs, res.layout));
    const sweep = loadSweep([out]);
    expect(sweep.format).toBe('mapped');
    expect(sweep.runs.map((r) => [r.N, r.D, r.lr, r.batchTokens])).toEqual([
      [1e8, 2e9, 1e-3, 524288],
      [2e8, 4e9, 2e-3, 524288],
      [N_A, 3.3e8, 1.381e-3, 131072],
      [N_A, 1.64e8, 3.453e-4, 65536],
    ]);
    for (const r of sweep.runs) expect(Math.abs(r.loss - S250)).toBeLessThan(1e-12);
    expect(sweep.runs[2].attrs.run).toBe(RUN_E);
  });
});

describe('Step Law names only: the authors\' dense layout', async () => {
  const root = tree(stepLawTree);
  const res = await ingestLogs(root, { jobs: 1 });

  it('loads as steplaw-dense: bs in sequences of 2048, loss = smooth loss, raw last loss kept', () => {
    expect(res.layout).toBe('steplaw');
    const out = join(root, '..', `${root.split('/').pop()}-dense.csv`);
    roots.push(out);
    writeFileSync(out, sweepCsv(res.runs, res.layout));
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'h,ffnh,numh,numl,lr,bs,ti,loss,smooth loss,exp_name,D,N,D/N,D_exact,final_iter,log_interval,sigma,points,malformed_lines,format,log_file',
    );
    const sweep = loadSweep([out]);
    expect(sweep.format).toBe('steplaw-dense');
    expect(sweep.runs.map((r) => r.attrs.exp_name)).toEqual([RUN_E, RUN_A]);
    expect(sweep.runs.map((r) => [r.N, r.D, r.lr, r.batchTokens])).toEqual([
      [N_A, 3.3e8, 1.381e-3, 64 * 2048],
      [N_A, 1.64e8, 3.453e-4, 32 * 2048],
    ]);
    for (const r of sweep.runs) {
      expect(Math.abs(r.loss - S250)).toBeLessThan(1e-12);
      expect(r.attrs.loss).toBe(LAST);
      expect(r.attrs.h).toBe(960);
    }
    expect(sweep.runs[1].attrs['D/N']).toBe(1.64e8 / N_A);
  });

  it('--pattern picks run directories by name; --d-digits 0 keeps D exact', async () => {
    const only = await ingestLogs(root, { jobs: 1, pattern: /lr3\.453e-04/, dDigits: 0 });
    expect(only.summary.runs).toBe(1);
    expect(only.runs[0].hp.D).toBe(163840000);
  });

  it('no truncation check without a planned iteration count (counted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-logs-'));
    roots.push(dir);
    mkdirSync(join(dir, 'r1'));
    writeFileSync(join(dir, 'r1', 'log.jsonl'), jsonlLog(ITERS.slice(0, 100), X250.slice(0, 100)));
    writeFileSync(join(dir, 'r1', 'run.json'), '{"N": 1e8, "D": 1e9, "lr": 1e-3, "batch_tokens": 65536}');
    const r = await ingestLogs(dir, { jobs: 1 });
    expect(r.summary).toMatchObject({ written: 1, truncationUnchecked: 1 });
    expect(r.runs[0].log.finalIter).toBe(1000);
  });
});

describe("round trip through the authors' released dense runs", async () => {
  // One (N, D) group of dense_lr_bs_loss.csv: every run becomes a directory named
  // by its exp_name whose log is flat at its published smooth loss for the last
  // 50 points (every 10 iterations, ending at ti). Ingesting the tree must give
  // back the published N, D, lr, batch and smooth loss of each run.
  const published = loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]);
  const group = published.runs.filter((r) => r.N === 214663680 && r.D === 1e11);
  const root = tree(() => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-logs-dense-'));
    for (const r of group) {
      const ti = r.attrs.ti as number;
      const iters = Array.from({ length: 50 }, (_, k) => ti - (49 - k) * 10);
      mkdirSync(join(dir, String(r.attrs.exp_name)));
      writeFileSync(join(dir, String(r.attrs.exp_name), 'train_log_1.txt'), megatronLog(iters, iters.map(() => r.loss), ti));
    }
    return dir;
  });
  const res = await ingestLogs(root, { jobs: 1 });

  it('gives back the published rows of the group', () => {
    expect(group.length).toBe(120);
    expect(res.summary).toMatchObject({ runs: 120, written: 120, layout: 'steplaw' });
    const out = join(root, 'sweep.csv');
    writeFileSync(out, sweepCsv(res.runs, res.layout));
    const back = loadSweep([out]);
    expect(back.format).toBe('steplaw-dense');
    const key = (r: { attrs: Record<string, unknown> }) => String(r.attrs.exp_name);
    const want = [...group].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(back.runs.map(key)).toEqual(want.map(key));
    back.runs.forEach((r, i) => {
      expect([r.N, r.D, r.lr, r.batchTokens]).toEqual([want[i].N, want[i].D, want[i].lr, want[i].batchTokens]);
      expect(Math.abs(r.loss / want[i].loss - 1)).toBeLessThan(1e-12);
    });
  });
});
