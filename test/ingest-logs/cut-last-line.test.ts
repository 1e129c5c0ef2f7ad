/**
 * A log whose last line was cut mid-write (issue 11 item 3): `lm loss: 2.` is
 * not the loss 2. The file's last line, without a line break, counts as
 * malformed when the value it would give runs to its end; the smooth loss is
 * the one of the complete lines (scipy reference S250, see read-log.test.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/ingest/logs/read-log.js';
import { scratchFiles, summaryOf } from './log-files.js';
import { runCli } from '../helpers/cli.js';
import { series } from './series.js';
import { jsonlLog, megatronLine, megatronLog, range } from './write-logs.js';

const { dir, file } = scratchFiles('steplaw-cut-');
const ok = summaryOf;

// x = series(250); gaussian_filter1d(x, min(100, 0.01*250)/10)[-1]   (scipy 1.17.1)
const S250 = 2.007999334909928;
const x250 = series(250);
const it250 = range(250, 10);
/** The 251st Megatron line cut right after `lm loss: 2.`. */
const cutMegatron = (() => {
  const full = megatronLine(2510, 2510, '2.013456E+00');
  return full.slice(0, full.indexOf('lm loss: ') + 'lm loss: 2.'.length);
})();
const csv2 = (iters: number[], losses: number[]) => ['_step,loss', ...iters.map((it, i) => `${it},${losses[i]}`)].join('\n') + '\n';

describe('a cut last line is malformed, not a loss', () => {
  it('Megatron: `lm loss: 2.` at the end of the file', () => {
    const r = ok(readRunLog(file('m.log', megatronLog(it250, x250) + cutMegatron)));
    expect(r.points).toBe(250);
    expect(r.malformed).toBe(1);
    expect(r.smoothLoss).toBeCloseTo(S250, 12);
  });
  it('W&B CSV with the loss in the last column: `2510,2.`', () => {
    const r = ok(readRunLog(file('w.csv', csv2(it250, x250) + '2510,2.')));
    expect(r.format).toBe('wandb-csv');
    expect(r.points).toBe(250);
    expect(r.malformed).toBe(1);
    expect(r.smoothLoss).toBeCloseTo(S250, 12);
  });
  it('JSON-lines: a cut object', () => {
    const r = ok(readRunLog(file('j.jsonl', jsonlLog(it250, x250) + '{"step": 2510, "loss": 2.')));
    expect(r.points).toBe(250);
    expect(r.malformed).toBe(1);
    expect(r.smoothLoss).toBeCloseTo(S250, 12);
  });
  it('a complete Megatron last line without a line break is still a record', () => {
    const text = megatronLog(it250, x250).replace(/\n$/, '');
    const r = ok(readRunLog(file('m-complete.log', text)));
    expect(r.points).toBe(250);
    expect(r.malformed).toBe(0);
    expect(r.smoothLoss).toBeCloseTo(S250, 12);
  });
  it('the same text followed by a line break is a complete line: the file says so', () => {
    const r = ok(readRunLog(file('m-terminated.log', megatronLog(it250, x250) + cutMegatron + '\n')));
    expect(r.malformed).toBe(0);
    expect(r.points).toBe(251);
    expect(r.lastLoss).toBe(2);
  });
  it('CLI: ingest-logs counts it (warning malformed-lines, malformed_lines 1) and keeps the complete lines’ smooth loss, exit 0', () => {
    const root = join(dir, 'tree');
    const run = 'step2v2_0618_h960_ffnh9368_numh15_numl7_lr3.453e-04_bs32_ti2510_mlr1.00e-05';
    mkdirSync(join(root, run), { recursive: true });
    writeFileSync(join(root, run, 'train_log_1.txt'), megatronLog(it250, x250, 2510) + cutMegatron);
    const out = join(dir, 'sweep.csv');
    const r = runCli(['ingest-logs', root, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[malformed-lines\].*1 malformed line/);
    const [header, row] = readFileSync(out, 'utf8').trim().split('\n');
    const cells = row.split(',');
    const col = (name: string) => cells[header.split(',').indexOf(name)];
    expect(Number(col('malformed_lines'))).toBe(1);
    expect(Number(col('smooth loss'))).toBeCloseTo(S250, 12);
  });
});
