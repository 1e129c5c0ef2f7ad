/**
 * `steplaw ingest-logs` through the built CLI (dist/; `npm test` builds first):
 * exit codes, messages on stderr, CSV / JSON on stdout, worker threads.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { addStepLawRuns, mixedTree, RUN_A, S250 } from './tree.js';

const root = mixedTree();
const scratch = mkdtempSync(join(tmpdir(), 'steplaw-ingest-cli-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

describe('ingest-logs CLI', () => {
  it('writes the sweep, lists unreadable runs by path, summarises on stderr (exit 0)', () => {
    const out = join(scratch, 'sweep.csv');
    const r = runCli(['ingest-logs', root, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`warning [log-unreadable]: ${join(root, 'runG_unreadable', 'train_log_1.txt')}: cannot read log (ENOENT`);
    expect(r.stderr).toContain('warning [log-empty]');
    expect(r.stderr).toContain('warning [run-truncated]');
    expect(r.stderr).toContain('warning [malformed-lines]');
    expect(r.stderr).toContain(
      'ingest-logs: 9 run(s) found, 4 written to ' + out + ' (canonical layout); skipped: 1 truncated, 1 without hyperparameters, 1 with a bad sidecar, 1 unreadable, 1 empty; 1 malformed line(s)',
    );
    expect(r.stderr).not.toContain('\r'); // no progress bar when stderr is not a terminal
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBe(5);
    expect(lines[4].startsWith(`${RUN_A},`)).toBe(true);
    expect(Math.abs(Number(lines[4].split(',')[5]) - S250)).toBeLessThan(1e-12);
  });

  it('worker threads and one thread write the same bytes (29 runs: enough to start the pool)', () => {
    const many = addStepLawRuns(mixedTree(), 20);
    try {
      const a = join(scratch, 'j1.csv');
      const b = join(scratch, 'j2.csv');
      expect(runCli(['ingest-logs', many, '--out', a, '--jobs', '1']).status).toBe(0);
      const r = runCli(['ingest-logs', many, '--out', b, '--jobs', '2']);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('29 run(s) found, 24 written');
      expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  });

  it('CSV on stdout without --out', () => {
    const r = runCli(['ingest-logs', root, '--pattern', '^step2v2']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^h,ffnh,numh,numl,lr,bs,ti,loss,smooth loss,exp_name,D,N,D\/N,/);
    expect(r.stdout.trim().split('\n').length).toBe(3); // header + A + E (D truncated)
  });

  it('--json: summary and warnings on stdout', () => {
    const out = join(scratch, 'sweep-json.csv');
    const r = runCli(['ingest-logs', root, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toMatchObject({ runs: 9, written: 4, skipped: { truncated: 1, unreadable: 1, empty: 1 }, malformedLines: 1 });
    expect(j.warnings.map((w: { code: string }) => w.code).sort()).toEqual(
      ['log-empty', 'log-unreadable', 'malformed-lines', 'run-no-hparams', 'run-truncated', 'sidecar-invalid'],
    );
  });

  it('bad input exits 2 with one error line', () => {
    const cases: [string[], string][] = [
      [['ingest-logs', join(scratch, 'nope')], 'log directory not found'],
      [['ingest-logs', root, '--pattern', '('], 'bad --pattern "(": not a valid regular expression'],
      [['ingest-logs', root, '--json'], '--json writes the summary to stdout'],
      [['ingest-logs', root, '--format', 'tensorboard'], 'bad --format "tensorboard"'],
      [['ingest-logs', root, '--layout', 'wide'], 'bad --layout "wide"'],
      [['ingest-logs', root, '--seq-len', '0'], 'bad --seq-len "0"'],
      [['ingest-logs', root, '--pattern', 'no-such-run'], 'no run directories found'],
      [['ingest-logs', root, '--layout', 'steplaw', '--out', join(scratch, 'x.csv')], '--layout steplaw needs'],
    ];
    for (const [args, text] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).toContain(text);
      expect(r.stderr.trim().split('\n').length).toBe(1);
    }
  });

  it('runs found but none usable: warnings, summary, then exit 2', () => {
    const dir = join(scratch, 'only-empty');
    mkdirSync(join(dir, 'r1'), { recursive: true });
    writeFileSync(join(dir, 'r1', 'train_log_1.txt'), '');
    const r = runCli(['ingest-logs', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('warning [log-empty]');
    expect(r.stderr).toContain('error: ' + dir + ': none of the 1 run(s) found gave a row');
    expect(r.stdout).toBe('');
  });
});
