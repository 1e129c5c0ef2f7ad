/**
 * A small tree of synthetic runs, one per case the ingester must handle.
 * Every complete run logs series(250) (series.ts) every 10 iterations up to
 * iteration 2500, so its smooth loss is the scipy value S250 and its raw last
 * loss series(250)[249].
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { series } from './series.js';
import { jsonlLog, megatronLine, megatronLog, range, wandbCsv } from './write-logs.js';

// x = series(250); gaussian_filter1d(x, min(100, 0.01*250)/10)[-1]   (scipy 1.17.1)
export const S250 = 2.007999334909928;
export const X250 = series(250);
export const LAST = X250[249];
export const ITERS = range(250, 10);

export const RUN_A = 'step2v2_0618_h960_ffnh9368_numh15_numl7_lr3.453e-04_bs32_ti2500_mlr1.00e-05';
export const RUN_D = 'step2v2_0618_h960_ffnh9368_numh15_numl7_lr6.905e-04_bs32_ti5000_mlr1.00e-05';
export const RUN_E = 'step2v2_0618_h960_ffnh9368_numh15_numl7_lr1.381e-03_bs64_ti2519_mlr1.00e-05';

function put(root: string, run: string, files: Record<string, string>): string {
  const dir = join(root, run);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Step Law-named runs only: A complete, D truncated, E kept at the edge (with one malformed line). */
export function stepLawTree(root = mkdtempSync(join(tmpdir(), 'steplaw-logs-'))): string {
  const full = megatronLog(ITERS, X250);
  put(join(root, 'group-214M'), RUN_A, {
    'train_log_9.txt': megatronLog(range(10, 10), Array(10).fill(9)), // an older log: not the last one
    'train_log_10.txt': full,
  });
  // ti 5000 but the log stops at 2500: |2500//10 − 5000//10| = 250 > 1
  put(join(root, 'group-214M'), RUN_D, { 'train_log_1.txt': full });
  // ti 2519: |250 − 251| = 1, kept; one garbled record inside
  const lines = full.split('\n');
  lines.splice(40, 0, megatronLine(999, 2519, '2.7E+0O'));
  put(root, RUN_E, { 'train_log_1.txt': lines.join('\n') });
  return root;
}

/** The Step Law runs plus sidecar runs in the other formats and every kind of broken run. */
export function mixedTree(): string {
  const root = stepLawTree();
  put(root, 'runB_jsonl', {
    'metrics.jsonl': jsonlLog(ITERS, X250),
    'run.json': JSON.stringify({ N: 1e8, D: 2e9, lr: 1e-3, batch_tokens: 524288, ti: 2500 }),
  });
  put(root, 'runC_wandb', {
    'history.csv': wandbCsv(ITERS, X250, 'train/loss'),
    'hparams.json': JSON.stringify({ N: 2e8, D: 4e9, lr: 2e-3, bs: 256, ti: 2500 }),
  });
  put(root, 'runF_empty', { 'train_log_1.txt': '' });
  const g = put(root, 'runG_unreadable', {});
  symlinkSync(join(g, 'gone', 'train_log_1.txt'), join(g, 'train_log_1.txt'));
  put(root, 'runH_no_hparams', { 'train.log': megatronLog(ITERS, X250) });
  put(root, 'runI_bad_sidecar', { 'train.log': megatronLog(ITERS, X250), 'run.json': '{"N": 1e8,' });
  return root;
}

/** k more complete Step Law runs (distinct learning rates), enough for the worker pool to start. */
export function addStepLawRuns(root: string, k: number): string {
  const full = megatronLog(ITERS, X250);
  for (let i = 0; i < k; i++) {
    const lr = (1e-3 * Math.SQRT2 ** i).toExponential(3);
    put(join(root, 'extra'), `step2v2_0618_h960_ffnh9368_numh15_numl7_lr${lr}_bs128_ti2500_mlr1.00e-05`, { 'train_log_1.txt': full });
  }
  return root;
}
