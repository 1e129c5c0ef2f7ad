/**
 * No data loss and clean failures at the command line (issue 11, items 7–8):
 * outputs never replace an input, folders steplaw did not make are not written
 * into without --force, unwritable outputs are refused before the work with one
 * line and exit 2, usage errors exit 2 with one line, option bounds are refused
 * up front, a closed pipe ends quietly with 0, and any other error is one line
 * saying it is a bug, exit 1.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { cliPath, repoData } from '../helpers/paths.js';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const oneErrorLine = (stderr: string) => {
  const lines = stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  return lines[0];
};

let work: string;
let csv: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'steplaw-io-'));
  csv = join(work, 'sweep.csv');
  copyFileSync(repoData('steplaw', 'dense_lr_bs_loss.csv'), csv);
  // The first groups of the dense file: enough for a report, quick to draw.
  writeFileSync(join(work, 'small.csv'), readFileSync(csv, 'utf8').split('\n').slice(0, 240).join('\n') + '\n');
});

describe('never write onto an input', () => {
  it('fit sweep.csv --out sweep.csv is refused (exit 2, one line) and the CSV is unchanged', () => {
    const before = sha(csv);
    const r = runCli(['fit', 'sweep.csv', '--out', 'sweep.csv', '--bootstrap', '0'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('error: refusing to write sweep.csv: it is the input file sweep.csv; choose another output path');
    expect(r.stdout).toBe('');
    expect(sha(csv)).toBe(before);
  });

  it('also through a symbolic link, a hard-to-see relative path, and for loss-fit, slices and compute-optimal', () => {
    symlinkSync(csv, join(work, 'link.csv'));
    const before = sha(csv);
    for (const args of [
      ['fit', 'sweep.csv', '--out', 'link.csv', '--bootstrap', '0'],
      ['fit', 'sweep.csv', '--out', `../${work.split('/').pop()}/./sweep.csv`, '--bootstrap', '0'],
      ['loss-fit', 'sweep.csv', '--out', 'sweep.csv'],
      ['slices', 'sweep.csv', '--by', 'numl', '--out', 'sweep.csv'],
      ['compute-optimal', 'sweep.csv', '--out', 'sweep.csv'],
      ['plan', '--replay', 'sweep.csv', '--out', 'sweep.csv'],
      ['plan', '--N', '1e9', '--D', '1e11', '--after', 'sweep.csv', '--out', 'sweep.csv'],
    ]) {
      const r = runCli(args, { cwd: work });
      expect(r.status, args.join(' ')).toBe(2);
      expect(oneErrorLine(r.stderr)).toMatch(/^error: refusing to write .*: it is the input file sweep\.csv; choose another output path$/);
    }
    expect(sha(csv)).toBe(before);
  });
});

describe('unwritable outputs are refused before the work, with one line', () => {
  it('a path under a regular file (ENOTDIR): exit 2, no fit printed', () => {
    const r = runCli(['fit', 'sweep.csv', '--out', 'sweep.csv/x.fit.json', '--bootstrap', '1000'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('error: cannot write sweep.csv/x.fit.json: a part of the path is not a directory (ENOTDIR)');
    expect(r.stdout).toBe('');
  });

  it('an existing directory as the output file (EISDIR)', () => {
    mkdirSync(join(work, 'adir'), { recursive: true });
    const r = runCli(['fit', 'sweep.csv', '--out', 'adir', '--bootstrap', '0'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('error: cannot write adir: it is a directory (EISDIR)');
  });

  it('a folder even root may not write into (/sys is mounted read-only: EACCES or EROFS; tests run as root, so chmod would not deny)', () => {
    const r = runCli(['fit', 'sweep.csv', '--out', '/sys/steplaw-test.fit.json', '--bootstrap', '0'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(/^error: cannot write \/sys\/steplaw-test\.fit\.json: (permission denied \(EACCES\)|read-only file system \(EROFS\)|operation not permitted \(EPERM\))$/);
  });

  it('plan checks its --out (default next-runs.csv) before planning', () => {
    const r = runCli(['plan', '--N', '1e9', '--D', '1e11', '--out', 'sweep.csv/next.csv'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('error: cannot write sweep.csv/next.csv: a part of the path is not a directory (ENOTDIR)');
    expect(r.stdout).toBe('');
  });

  it('ingest-logs checks its --out before reading any log', () => {
    const logs = join(work, 'logs');
    mkdirSync(logs, { recursive: true });
    const r = runCli(['ingest-logs', logs, '--out', 'sweep.csv/out.csv'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('error: cannot write sweep.csv/out.csv: a part of the path is not a directory (ENOTDIR)');
  });

  it('a written fit file is complete JSON and no temporary file is left beside it', () => {
    const r = runCli(['fit', 'sweep.csv', '--out', 'out/dense.fit.json', '--bootstrap', '5'], { cwd: work });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'out', 'dense.fit.json'), 'utf8')).options.bootstrap).toBe(5);
    expect(readdirSync(join(work, 'out'))).toEqual(['dense.fit.json']);
  });
});

describe('report folders', () => {
  it('a non-empty folder steplaw did not make is refused before the work; --force writes and marks it; later runs need no --force', () => {
    const dir = join(work, 'mine');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'my notes\n');
    const refused = runCli(['report', 'small.csv', '--out', 'mine'], { cwd: work });
    expect(refused.status).toBe(2);
    expect(oneErrorLine(refused.stderr)).toBe(
      'error: refusing to write into mine: it is a non-empty directory steplaw did not make (no .steplaw-output file); choose another folder or add --force to write into it anyway',
    );
    expect(readdirSync(dir)).toEqual(['notes.txt']);

    const forced = runCli(['report', 'small.csv', '--out', 'mine', '--force'], { cwd: work });
    expect(forced.status).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
    const marker = JSON.parse(readFileSync(join(dir, '.steplaw-output'), 'utf8'));
    expect(marker.writtenBy).toBe('steplaw');
    expect(marker.files).toContain('index.html');
    expect(marker.files).not.toContain('notes.txt');
    for (const f of marker.files) expect(existsSync(join(dir, f))).toBe(true);

    // A figure a previous report listed but this one does not draw is removed; the user's file stays.
    writeFileSync(join(dir, 'old-figure.svg'), '<svg/>\n');
    writeFileSync(join(dir, '.steplaw-output'), JSON.stringify({ ...marker, files: [...marker.files, 'old-figure.svg'] }));
    const again = runCli(['report', 'small.csv', '--out', 'mine'], { cwd: work });
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expect(existsSync(join(dir, 'old-figure.svg'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, '.steplaw-output'), 'utf8')).files).toEqual(marker.files);
  }, 180_000);

  it('a file where the folder should be is refused with one line', () => {
    const r = runCli(['report', 'sweep.csv', '--out', 'sweep.csv'], { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('error: cannot write sweep.csv: it exists and is not a directory');
  });
});

describe('usage errors and option bounds: exit 2, one line', () => {
  it.each([
    [['fit', 'sweep.csv', '--bogus'], "error: unknown option '--bogus' (run steplaw fit --help for usage)"],
    [['fit'], "error: missing required argument 'csv' (run steplaw fit --help for usage)"],
    [['frobnicate'], "error: unknown command 'frobnicate' (run steplaw --help for usage)"],
    [['constructor'], "error: unknown command 'constructor' (run steplaw --help for usage)"],
    [['predict', '--N'], "error: option '--N <params>' argument missing (run steplaw predict --help for usage)"],
  ])('%j', (args, line) => {
    const r = runCli(args, { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe(line);
  });

  it('--help and --version still exit 0', () => {
    expect(runCli(['--version']).status).toBe(0);
    const h = runCli(['fit', '--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('--bootstrap');
  });

  it.each([
    [['fit', 'sweep.csv', '--bootstrap', '1e7'], /^error: bad --bootstrap "1e7": at most 100,000 \(/],
    [['fit', 'sweep.csv', '--seed', '4294967296'], /^error: bad --seed "4294967296": at most 2,147,483,647 \(/],
    [['loss-fit', 'sweep.csv', '--bootstrap', '20000'], /^error: bad --bootstrap "20000": at most 10,000 \(/],
    [['compute-optimal', 'sweep.csv', '--bootstrap', '1000000'], /^error: bad --bootstrap "1000000": at most 100,000 \(/],
    [['ingest-logs', '.', '--d-digits', '101'], /^error: bad --d-digits "101": at most 17 \(/],
    [['plan', '--replay', 'sweep.csv', '--bootstrap', '1e6'], /^error: bad --bootstrap "1e6": at most 100,000 \(/],
    [['predict', '--N', '7e9', '--D', '1e12', '--seq-len', '1e9'], /^error: bad --seq-len "1e9": at most 16,777,216 \(/],
  ])('%j is refused up front', (args, line) => {
    const t0 = Date.now();
    const r = runCli(args, { cwd: work });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(line);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});

describe('closed pipes and internal errors', () => {
  it('`steplaw fit … --json | head -1` ends quietly with status 0 (EPIPE is the reader going away)', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cliPath}" fit sweep.csv --json --bootstrap 3000 | head -c 10 >/dev/null`], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('an unexpected exception is one line saying it is a bug, exit 1; the stack only with STEPLAW_DEBUG=1', () => {
    // Inject a bug: a preloaded module makes writing to stdout throw a TypeError inside the command.
    const preload = join(work, 'bug.cjs');
    writeFileSync(preload, "process.stdout.write = () => { throw new TypeError('injected failure'); };\n");
    const run = (debug: boolean) =>
      spawnSync(process.execPath, ['--require', preload, cliPath, 'laws'], {
        cwd: work,
        encoding: 'utf8',
        env: { ...process.env, STEPLAW_DEBUG: debug ? '1' : '' },
      });
    const plain = run(false);
    expect(plain.status).toBe(1);
    expect(oneErrorLine(plain.stderr)).toBe(
      'error: internal error: TypeError: injected failure. This is a bug, please report it with the command you ran (set STEPLAW_DEBUG=1 to print the stack trace)',
    );
    const debug = run(true);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^error: internal error: TypeError: injected failure\. This is a bug/);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('README', () => {
  it('quotes the limits the code enforces', async () => {
    const { LIMITS } = await import('../../src/cli/limits.js');
    const readme = readFileSync(join(repoData('..'), 'README.md'), 'utf8');
    const n = (v: number) => v.toLocaleString('en-US');
    expect(readme).toContain(`\`--bootstrap\` at most ${n(LIMITS.bootstrap.max)}`);
    expect(readme).toContain(`(\`loss-fit\`: ${n(LIMITS.lossFitBootstrap.max)}, each`);
    expect(readme).toContain(`\`--seed\` at most ${n(LIMITS.seed.max)}`);
    expect(readme).toContain(`\`--seq-len\` at most ${n(LIMITS.seqLen.max)}`);
    expect(readme).toContain(`\`--d-digits\` at most ${LIMITS.dDigits.max}`);
    expect(readme).toContain(`\`--jobs\` at most ${LIMITS.jobs.max}`);
  });
});
