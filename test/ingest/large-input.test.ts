/**
 * Large inputs (issue 11 item 6): a 200k-row CSV goes through `steplaw fit`
 * (it used to die with "Maximum call stack size exceeded" from spread
 * arguments), a single group of 150k runs is grouped and fitted, and the
 * array helpers that replace the spreads hold a million elements.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GEN_LAW, writeSweepCsv } from '../../scripts/sweep-gen.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import type { Run } from '../../src/sweep/types.js';
import { append, maxOf, minOf, prepend } from '../../src/util/arrays.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('large inputs', () => {
  it('fits a 200,000-row CSV and recovers the exponents it was generated with', () => {
    const csv = join(dir, 'sweep-200k.csv');
    expect(writeSweepCsv(csv, { runs: 200_000, seed: 0 })).toBe(200_000);
    const out = join(dir, 'fit.json');
    const r = runCli(['fit', csv, '--bootstrap', '0', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const fit = JSON.parse(readFileSync(out, 'utf8'));
    expect(fit.data.runs).toBe(200_000);
    expect(fit.data.groups).toBe(200_000 / 64);
    // Generated from lr* = 1.79·N^-0.713·D^0.307, B* = 0.58·D^0.571 on an 8×8 lattice at √2 steps:
    // band selection around a lattice optimum recovers the exponents to within the lattice's scatter.
    expect(Math.abs(fit.law.lr.coefN - GEN_LAW.cN)).toBeLessThan(0.01);
    expect(Math.abs(fit.law.lr.coefD - GEN_LAW.cD)).toBeLessThan(0.01);
    expect(Math.abs(fit.law.batch.coefD - GEN_LAW.bD)).toBeLessThan(0.01);
  }, 120_000);

  it('groups and fits one (N, D) group of 150,000 runs', () => {
    const runs: Run[] = [];
    const lrStar = 1e-3;
    const bStar = 1e6;
    for (let i = 0; i < 500; i++) {
      for (let j = 0; j < 300; j++) {
        const lr = lrStar * 2 ** ((i - 250) / 50);
        const batchTokens = bStar * 2 ** ((j - 150) / 50);
        const loss = 2 + 0.01 * (Math.log(lr / lrStar) ** 2 + Math.log(batchTokens / bStar) ** 2);
        runs.push({ file: 'big.csv', row: runs.length + 1, N: 1e9, D: 1e11, lr, batchTokens, loss, attrs: {}, flags: [] });
      }
    }
    const { grids } = groupSweep({ files: ['big.csv'], format: 'mapped', runs, groupKeys: [], warnings: [] });
    expect(grids).toHaveLength(1);
    expect(grids[0].minLoss).toBe(2);
    expect(grids[0].argmin!.lr).toBe(lrStar);
    // One (N, D) group identifies no scaling law: refused by default; the override fits it (the point here is size).
    expect(() => fitStepLaw(grids, { bootstrap: 0 })).toThrow(/not identifiable \(no-spread\)/);
    const fit = fitStepLaw(grids, { bootstrap: 0, allowUnidentifiable: true });
    expect(fit.data.runs).toBe(150_000);
    expect(fit.warnings.some((w) => w.code === 'reduced-fit')).toBe(true);
    expect(fit.warnings.some((w) => w.code === 'unidentifiable')).toBe(true);
  });

  it('array helpers take a million elements', () => {
    const xs = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(minOf(xs)).toBe(0);
    // i·7919 mod the prime 1,000,003 is a permutation: 10^6 of its residues, so the maximum is near 1,000,002.
    let expected = -Infinity;
    for (const x of xs) if (x > expected) expected = x;
    expect(maxOf(xs)).toBe(expected);
    expect(expected).toBeGreaterThan(999_990);
    const to = [1, 2];
    append(to, xs);
    expect(to).toHaveLength(1_000_002);
    const front = prepend([-1], xs);
    expect(front).toHaveLength(1_000_001);
    expect(front[0]).toBe(xs[0]);
    expect(front[1_000_000]).toBe(-1);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([])).toBe(-Infinity);
  });
});
