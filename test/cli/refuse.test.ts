/**
 * Issue 11 part B through the built CLI: a result is either supported by the data or refused with a reason (exit 2,
 * one line), and the explicit override stamps every output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/sweep/types.js';
import { runCli } from '../helpers/cli.js';
import { syntheticRuns } from '../helpers/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-refuse-'));
const LAW = { cN: -0.713, cD: 0.307, bD: 0.571 };

function csv(name: string, runs: Run[]): string {
  const f = join(dir, name);
  writeFileSync(f, 'N,D,lr,batch,loss\n' + runs.map((r) => [r.N, r.D, r.lr, r.batchTokens, r.loss].join(',')).join('\n') + '\n');
  return f;
}
const mapped = ['--batch-unit', 'tokens'];

/** One line on stderr, starting `error:`, matching `pattern`; exit 2. */
function expectRefused(args: string[], pattern: RegExp) {
  const r = runCli(args);
  expect(r.status, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stdout).toBe('');
}

const ladder = csv('ladder.csv', [1e8, 2e8, 4e8, 8e8, 1.6e9].flatMap((N, k) => syntheticRuns(LAW, [N], [20 * N], { seed: k + 1 })));
const oneLr = csv('one-lr.csv', syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10]).filter((_, k) => Math.floor((k % 81) / 9) === 4));
const flat = csv('flat.csv', syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10]).map((r) => ({ ...r, loss: 2.5 })));
const good = csv('good.csv', syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10, 3.2e11], { noise: 2e-4 }));

describe('fit refuses unidentifiable designs (exit 2, one line naming the reason and the override)', () => {
  it('D = 20·N in every group', () =>
    expectRefused(['fit', ladder, ...mapped, '--bootstrap', '0', '--json'], /not identifiable \(rank-deficient\).*--allow-unidentifiable/));
  it('one lr per group', () =>
    expectRefused(['fit', oneLr, ...mapped, '--bootstrap', '0', '--json'], /not identifiable \(optimum-not-readable\).*lr axis 1 level/));
  it('all losses equal', () =>
    expectRefused(['fit', flat, ...mapped, '--bootstrap', '0', '--json'], /not identifiable \(optimum-not-readable\).*every run lies within the band/));
  it('two roles mapped to one column', () =>
    expectRefused(['fit', good, ...mapped, '--map', 'N=loss,D=loss', '--json'], /bad --map: column "loss" is mapped to N and D and loss/));
});

describe('--allow-unidentifiable fits anyway and stamps every output', () => {
  const out = join(dir, 'ladder.fit.json');
  const r = runCli(['fit', ladder, ...mapped, '--bootstrap', '20', '--allow-unidentifiable', '--out', out]);
  it('fit: exit 0; the text report and the record carry the unidentifiable warning', () => {
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\[unidentifiable\] NOT IDENTIFIABLE \(rank-deficient\)/);
  });
  it('predict --fit on it: every line of output says NOT IDENTIFIABLE (text and JSON)', () => {
    const p = runCli(['predict', '--fit', out, '--N', '4e8', '--D', '8e9']);
    expect(p.stdout).toMatch(/NOT IDENTIFIABLE \(rank-deficient\)/);
    const j = runCli(['predict', '--fit', out, '--N', '4e8', '--D', '8e9', '--json']);
    if (j.status === 0) {
      const res = JSON.parse(j.stdout);
      expect(res.warnings.map((w: { code: string }) => w.code)).toContain('unidentifiable');
    } else {
      // The unidentified coefficients may give a non-finite lr: refused, not printed as 0.
      expect(j.status).toBe(2);
      expect(j.stderr).toMatch(/not a finite positive number/);
    }
  });
});

describe('predictions outside the fitted range say so and by how much; absurd inputs and results are refused', () => {
  const out = join(dir, 'good.fit.json');
  const fitted = runCli(['fit', good, ...mapped, '--bootstrap', '50', '--out', out]);
  it('the fit records the N and D range of the groups it used', () => {
    expect(fitted.status, fitted.stderr).toBe(0);
    const j = runCli(['predict', '--fit', out, '--N', '4e8', '--D', '8e10', '--json']);
    const res = JSON.parse(j.stdout);
    expect(res.fittedRange).toEqual({ N: [1e8, 1.6e9], D: [2e10, 3.2e11] });
    // Inside the range: no extrapolation warning.
    expect(res.warnings).toEqual([]);
  });
  it('N = 1e15 is 625000× above the largest N fitted (1.6e9): said in text and JSON; the interval is not a point', () => {
    const t = runCli(['predict', '--fit', out, '--N', '1e15', '--D', '8e10']);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/N = 1\.00e\+15 is 6\.3e\+5× above the largest N fitted \(1\.600e\+9\)/);
    const res = JSON.parse(runCli(['predict', '--fit', out, '--N', '1e15', '--D', '8e10', '--json']).stdout);
    const w = res.warnings.find((x: { code: string }) => x.code === 'extrapolated');
    expect(w.detail).toMatchObject({ axis: 'N', side: 'above', bound: 1.6e9 });
    expect(w.detail.factor).toBeCloseTo(1e15 / 1.6e9, 6);
    const [lo, hi] = res.interval95.lr;
    expect(hi / lo).toBeGreaterThan(1.01);
    // Wider (in ratio) than inside the range: the exponent's uncertainty is multiplied by ln(N/N̄).
    const inside = JSON.parse(runCli(['predict', '--fit', out, '--N', '4e8', '--D', '8e10', '--json']).stdout).interval95.lr;
    expect(hi / lo).toBeGreaterThan(inside[1] / inside[0]);
  });
  it('D below the smallest D fitted is said too', () => {
    const t = runCli(['predict', '--fit', out, '--N', '4e8', '--D', '2e9']);
    expect(t.stdout).toMatch(/D = 2\.00e\+9 is 10× below the smallest D fitted \(2\.000e\+10\)/);
  });
  it('--N 1e300 --D 1e-300 is refused (exit 2, one line), for a fit and for a catalog law', () => {
    expectRefused(['predict', '--fit', out, '--N', '1e300', '--D', '1e-300'], /bad --D 1e-300: less than 1/);
    expectRefused(['predict', '--N', '1e300', '--D', '1e-300'], /bad --D 1e-300/);
  });
  it('a result that is not finite and positive is refused, not printed as 0 or Infinity', () => {
    // A valid fit file whose lr N-exponent is 100: at N = 1e15, lr = e^{c0 + 100·34.5 + …} overflows to Infinity.
    const rec = JSON.parse(readFileSync(out, 'utf8'));
    rec.law.lr.coefN = 100;
    const steep = join(dir, 'steep.fit.json');
    writeFileSync(steep, JSON.stringify(rec));
    expectRefused(['predict', '--fit', steep, '--N', '1e15', '--D', '8e10'], /gives lr = Infinity at these inputs: not a finite positive number/);
  });
});
