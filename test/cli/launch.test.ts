/**
 * The installed command (dist/steplaw.cjs, src/cli/launch.cts) runs the bundle through the V8 code cache the
 * build made: the cache belongs to the bundle it was made from (its SHA-256 heads it), is used when it does,
 * and a missing, stale or rejected cache changes nothing but the time — the outputs are the same bytes.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, repoData, repoRoot } from '../helpers/paths.js';

const dist = join(repoRoot, 'dist');
const bundle = join(dist, 'steplaw-bundle.cjs');
const cache = join(dist, 'steplaw-bundle.cache');
const csv = repoData('steplaw', 'dense_lr_bs_loss.csv');

/** A copy of the launcher and bundle in a folder of dist/ (node_modules and package.json found above it). */
let copy: string;
beforeAll(() => {
  copy = mkdtempSync(join(dist, 'launch-test-'));
  copyFileSync(cliPath, join(copy, 'steplaw.cjs'));
  copyFileSync(bundle, join(copy, 'steplaw-bundle.cjs'));
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

function run(launcher: string, args: string[]) {
  const r = spawnSync(process.execPath, [launcher, ...args], {
    encoding: 'utf8',
    env: { ...process.env, STEPLAW_CODE_CACHE_STATUS: '1' },
  });
  const lines = r.stderr.split('\n');
  const status = lines.find((l) => l.startsWith('steplaw: code cache '))?.slice('steplaw: code cache '.length);
  return { status: r.status, stdout: r.stdout, cache: status, stderr: lines.filter((l) => !l.startsWith('steplaw: code cache ')).join('\n') };
}

const fitArgs = ['fit', csv, '--bootstrap', '50', '--json'];

describe('the code cache of the command line', () => {
  it('is headed by the SHA-256 of the bundle as built', () => {
    const digest = createHash('sha256').update(readFileSync(bundle)).digest();
    expect(readFileSync(cache).subarray(0, 32).equals(digest)).toBe(true);
  });

  it('is used by the installed command, and a fit through it prints what the bundle compiled from its text does', () => {
    const cached = run(cliPath, fitArgs);
    expect(cached.cache).toBe('used');
    expect(cached.status).toBe(0);
    const plain = run(join(copy, 'steplaw.cjs'), fitArgs);
    expect(plain.cache).toBe('absent');
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe(cached.stdout);
    expect(plain.stderr).toBe(cached.stderr);
    // The released dense file's known OLS slope on ln N (docs/method.md).
    expect(JSON.parse(cached.stdout).lr.terms.find((t: { term: string }) => t.term === 'lnN').estimate).toBeCloseTo(-0.76623, 5);
  });

  it('is not used for another bundle, and the command still works', () => {
    // A cache made for different bytes, with V8's own checks passing (same length and flags): refused by the digest.
    const stale = Buffer.from(readFileSync(cache));
    stale[0] ^= 0xff;
    writeFileSync(join(copy, 'steplaw-bundle.cache'), stale);
    const r = run(join(copy, 'steplaw.cjs'), fitArgs);
    expect(r.cache).toBe('stale');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run(cliPath, fitArgs).stdout);
    rmSync(join(copy, 'steplaw-bundle.cache'));
  });

  it('rejected by V8 (other flags than it was made with) costs only time', () => {
    const r = spawnSync(process.execPath, ['--stack-size=2000', cliPath, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, STEPLAW_CODE_CACHE_STATUS: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('steplaw: code cache rejected\n');
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version}\n`);
  });
});
