/**
 * `ingest-logs` writes CSVs that `fit` reads (issue 11 item 6): a synthetic
 * log tree whose optima are placed on a known law goes through ingest-logs
 * and then fit, in both output layouts, and the fit recovers the law.
 *
 * Each (N, D) group is a 3 × 3 (lr, batch) lattice around lr* = 0.3·N^−0.7·D^0.3
 * and B* = 2·D^0.5 tokens; every run logs a flat loss 2 + 0.05·(i² + j²), so
 * its smooth loss is exactly that and only the centre run is within the
 * 0.25% band: OLS over the centres recovers the exponents to rounding.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { jsonlLog, megatronLog, range } from './write-logs.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ITERS = range(250, 10);
const flat = (v: number) => Array<number>(250).fill(v);

describe('ingest-logs → fit', () => {
  it('canonical layout (sidecars, batches of 4k–64k tokens): fit reads it with no options and recovers the law', () => {
    const root = join(dir, 'canonical');
    for (const N of [1e8, 4e8, 1.6e9]) {
      for (const D of [2e9, 8e9, 3.2e10]) {
        const lrStar = 0.3 * N ** -0.7 * D ** 0.3;
        const bStar = Math.round(2 * D ** 0.5 / 1024) * 1024;
        for (const i of [-1, 0, 1]) {
          for (const j of [-1, 0, 1]) {
            const run = join(root, `run_N${N}_D${D}_i${i}_j${j}`);
            mkdirSync(run, { recursive: true });
            writeFileSync(join(run, 'metrics.jsonl'), jsonlLog(ITERS, flat(2 + 0.05 * (i * i + j * j))));
            writeFileSync(join(run, 'run.json'), JSON.stringify({ N, D, lr: lrStar * 2 ** i, batch_tokens: bStar * 2 ** j, ti: 2500 }));
          }
        }
      }
    }
    const csv = join(dir, 'canonical.csv');
    const ing = runCli(['ingest-logs', root, '--out', csv]);
    expect(ing.status, ing.stderr).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^run,N,D,lr,batch_tokens,loss,/);
    const out = join(dir, 'canonical.fit.json');
    const fit = runCli(['fit', csv, '--bootstrap', '0', '--out', out]);
    expect(fit.status, fit.stderr).toBe(0);
    const f = JSON.parse(readFileSync(out, 'utf8'));
    expect(f.data.runs).toBe(81);
    expect(f.data.keptRuns).toBe(9);
    expect(f.law.lr.coefN).toBeCloseTo(-0.7, 9);
    expect(f.law.lr.coefD).toBeCloseTo(0.3, 9);
    expect(f.law.lr.intercept).toBeCloseTo(Math.log(0.3), 9);
    // B* rounded to whole KiB tokens: the exponent to within that rounding.
    expect(Math.abs(f.law.batch.coefD - 0.5)).toBeLessThan(2e-3);
  });

  it('steplaw layout (Step Law run names): fit reads it and keeps each group’s centre run', () => {
    const root = join(dir, 'steplaw');
    const shapes = [[960, 9368, 15, 7], [1280, 9472, 10, 10], [1536, 9728, 12, 12]];
    const lrs = ['3.453e-04', '4.883e-04', '6.905e-04'];
    const bss = [32, 64, 128];
    for (const [h, ffnh, numh, numl] of shapes) {
      for (const steps128 of [500, 1000]) {
        lrs.forEach((lr, a) =>
          bss.forEach((bs, b) => {
            // One D per group: D = ti·bs·2048 tokens, so ti shrinks as the batch grows.
            const ti = (steps128 * 128) / bs;
            const name = `step2v2_0618_h${h}_ffnh${ffnh}_numh${numh}_numl${numl}_lr${lr}_bs${bs}_ti${ti}_mlr1.00e-05`;
            mkdirSync(join(root, name), { recursive: true });
            const its = range(ti / 10, 10);
            writeFileSync(join(root, name, 'train_log_1.txt'), megatronLog(its, Array<number>(its.length).fill(2 + 0.05 * ((a - 1) ** 2 + (b - 1) ** 2))));
          }),
        );
      }
    }
    const csv = join(dir, 'steplaw.csv');
    const ing = runCli(['ingest-logs', root, '--out', csv]);
    expect(ing.status, ing.stderr).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^h,ffnh,numh,numl,lr,bs,ti,loss,smooth loss,exp_name,D,N,D\/N,/);
    const out = join(dir, 'steplaw.fit.json');
    const fit = runCli(['fit', csv, '--bootstrap', '0', '--out', out]);
    expect(fit.status, fit.stderr).toBe(0);
    const f = JSON.parse(readFileSync(out, 'utf8'));
    expect(f.data.runs).toBe(54);
    expect(f.data.groups).toBe(6);
    // The kept runs are the lattice centres: lr 4.883e-4 and 64 sequences of 2048 tokens.
    expect(f.kept.map((k: { lr: number }) => k.lr)).toEqual(Array(6).fill(4.883e-4));
    expect(f.kept.map((k: { batchTokens: number }) => k.batchTokens)).toEqual(Array(6).fill(64 * 2048));
  });
});
