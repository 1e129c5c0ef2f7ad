/**
 * One rule for where commands write: under the current directory, or under --out-dir; relative --out paths
 * are taken relative to it. Every command that writes says so in its --help.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoData } from '../helpers/paths.js';

const work = mkdtempSync(join(tmpdir(), 'steplaw-outdir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dense = repoData('steplaw', 'dense_lr_bs_loss.csv');

describe('outputs go where the user is', () => {
  it('fit without --out writes fits/<input>.fit.json under the current directory', () => {
    const cwd = mkdtempSync(join(work, 'cwd-'));
    const r = runCli(['fit', dense, '--bootstrap', '0'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(cwd, 'fits', 'dense_lr_bs_loss.fit.json'))).toBe(true);
  });

  it('--out-dir takes the default path and relative --out paths', () => {
    const cwd = mkdtempSync(join(work, 'cwd-'));
    const a = runCli(['fit', dense, '--bootstrap', '0', '--out-dir', 'x'], { cwd });
    expect(a.status, a.stderr).toBe(0);
    expect(existsSync(join(cwd, 'x', 'fits', 'dense_lr_bs_loss.fit.json'))).toBe(true);
    const b = runCli(['fit', dense, '--bootstrap', '0', '--out-dir', 'y', '--out', 'mine.json'], { cwd });
    expect(b.status, b.stderr).toBe(0);
    expect(existsSync(join(cwd, 'y', 'mine.json'))).toBe(true);
    const abs = join(work, 'abs.json');
    const c = runCli(['fit', dense, '--bootstrap', '0', '--out-dir', 'z', '--out', abs], { cwd });
    expect(c.status, c.stderr).toBe(0);
    expect(existsSync(abs)).toBe(true);
  });

  it('every command that writes states the rule in its --help, and only those', () => {
    const writing = ['reproduce', 'fit', 'slices', 'loss-fit', 'compute-optimal', 'ingest-logs', 'report', 'plan'];
    for (const cmd of writing) {
      const h = runCli([cmd, '--help']).stdout;
      expect(h, cmd).toContain('--out-dir <dir>');
      expect(h.replace(/\s+/g, ' '), cmd).toContain('files are written under the current directory, or under --out-dir DIR');
    }
    for (const cmd of ['predict', 'validate', 'compare', 'landscape', 'laws']) {
      expect(runCli([cmd, '--help']).stdout, cmd).not.toContain('--out-dir');
    }
  });
});
