/**
 * Hyperparameters from Step Law run names, checked against the authors' own
 * columns for every released dense run (data/steplaw/dense_lr_bs_loss.csv:
 * h, ffnh, numh, numl, lr, bs, ti, N, D next to exp_name).
 */
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/ingest/csv.js';
import { denseN, parseRunName, roundSignificant } from '../../src/ingest/logs/run-name.js';
import { resolveHparams, missingHparams } from '../../src/ingest/logs/hparams.js';
import { parseSidecar } from '../../src/ingest/logs/sidecar.js';
import { repoData } from '../helpers/paths.js';

describe('parseRunName', () => {
  it('the example name', () => {
    expect(parseRunName('step2v2_0618_h960_ffnh9368_numh15_numl7_lr3.453e-04_bs736_ti66342_mlr1.00e-05')).toEqual({
      h: 960,
      ffnh: 9368,
      numh: 15,
      numl: 7,
      lr: 3.453e-4,
      bs: 736,
      ti: 66342,
      mlr: 1e-5,
    });
  });
  it('N by hand: 7·(4·960² + 3·960·9368) = 214 663 680', () => {
    expect(denseN(7, 960, 9368)).toBe(214663680);
  });
  it('keys must be whole tokens (no h inside numh, no lr inside mlr)', () => {
    expect(parseRunName('x_numh15_mlr1e-5')).toEqual({ numh: 15, mlr: 1e-5 });
  });

  it('all 1911 released dense runs: N, lr, bs, ti from the name; D = ti·bs·2048 to 3 digits', () => {
    const t = readCsv(repoData('steplaw', 'dense_lr_bs_loss.csv'));
    const c = (name: string) => t.header.indexOf(name);
    expect(t.rows.length).toBe(1911);
    let maxRel = 0;
    for (const row of t.rows) {
      const hp = resolveHparams(row[c('exp_name')], undefined);
      expect(missingHparams(hp)).toEqual([]);
      expect(hp.N).toBe(Number(row[c('N')]));
      expect(hp.lr).toBe(Number(row[c('lr')]));
      expect(hp.name.ti).toBe(Number(row[c('ti')]));
      expect(hp.batchTokens).toBe(Number(row[c('bs')]) * 2048);
      expect(hp.D).toBe(Number(row[c('D')]));
      maxRel = Math.max(maxRel, Math.abs(hp.Dexact! / Number(row[c('D')]) - 1));
    }
    expect(maxRel).toBeLessThan(0.0025); // docs/method.md#released-data: ti·bs·2048 ≈ D
  });

  it('roundSignificant', () => {
    expect(roundSignificant(99999154176, 3)).toBe(1e11);
    expect(roundSignificant(11399999488, 3)).toBe(1.14e10);
    expect(roundSignificant(123, 0)).toBe(123);
  });
});

describe('sidecar', () => {
  it('numbers or numeric strings; sidecar overrides the name', () => {
    const sc = parseSidecar('{"N": 1e8, "D": "2e9", "lr": 0.001, "batch_tokens": 524288, "ti": 3815, "note": "x"}', 'run.json');
    expect(sc).toEqual({ ok: true, file: 'run.json', values: { N: 1e8, D: 2e9, lr: 0.001, batch_tokens: 524288, ti: 3815 } });
    if (!sc.ok) return;
    const hp = resolveHparams('run_lr5e-3_bs64_ti100', sc.values);
    expect(hp).toMatchObject({ N: 1e8, D: 2e9, lr: 0.001, batchTokens: 524288, ti: 3815, fromSidecar: true });
  });
  it('bs in sequences × seq_len; shape gives N; D from ti', () => {
    const sc = parseSidecar('{"h": 960, "ffnh": 9368, "numl": 7, "bs": 64, "seq_len": 4096, "lr": 1e-3, "train_iters": 1000}', 'hparams.json');
    if (!sc.ok) throw new Error(sc.why);
    const hp = resolveHparams('anything', sc.values, { dDigits: 0 });
    expect(hp).toMatchObject({ N: 214663680, batchTokens: 64 * 4096, D: 1000 * 64 * 4096, ti: 1000 });
  });
  it('bad sidecars say why', () => {
    expect(parseSidecar('{"N": ', 'run.json').ok).toBe(false);
    expect(parseSidecar('[1]', 'run.json')).toEqual({ ok: false, file: 'run.json', why: 'not a JSON object' });
    const bad = parseSidecar('{"lr": -1}', 'run.json');
    expect(bad.ok === false && bad.why).toContain('"lr"');
  });
  it('no name and no sidecar → all four missing', () => {
    expect(missingHparams(resolveHparams('my-run', undefined))).toEqual(['N', 'D', 'lr', 'batch']);
  });
});
