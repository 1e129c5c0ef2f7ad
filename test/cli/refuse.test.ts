/**
 * Issue 11 part B through the built CLI: a result is either supported by the data or refused with a reason (exit 2,
 * one line), and the explicit override stamps every output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/sweep/types.js';
import { expectRefused, runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { syntheticRuns } from '../helpers/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-refuse-'));
const LAW = { cN: -0.713, cD: 0.307, bD: 0.571 };

function csv(name: string, runs: Run[]): string {
  const f = join(dir, name);
  writeFileSync(f, 'N,D,lr,batch,loss\n' + runs.map((r) => [r.N, r.D, r.lr, r.batchTokens, r.loss].join(',')).join('\n') + '\n');
  return f;
}
const mapped = ['--batch-unit', 'tokens'];


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
    expectRefused(['fit', flat, ...mapped, '--bootstrap', '0', '--json'], /not identifiable \(optimum-not-readable\).*the losses are all equal/));
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

describe('the catalog Step Law carries the paper\'s (N, D) range: outside it a prediction says so; a batch no run can have is refused', () => {
  // docs/method.md#the-range-behind-the-published-law: 59M parameters and 2B tokens (the paper's smallest, not
  // released) to the largest of the authors' release.
  const RANGE = { N: [5.9e7, 2.16e9], D: [2e9, 1e11] };
  const predict = (...args: string[]) => JSON.parse(runCli(['predict', ...args, '--json']).stdout);
  const extrapolated = (res: { warnings: { code: string; detail: Record<string, unknown> }[] }) =>
    res.warnings.filter((w) => w.code === 'extrapolated').map((w) => w.detail);

  it('the range covers every released dense and MoE group, so validating on them flags nothing new', () => {
    for (const file of ['dense_lr_bs_loss.csv', 'moe_lr_bs_loss.csv']) {
      const [head, ...rows] = readFileSync(join(repoRoot, 'data', 'steplaw', file), 'utf8').trim().split('\n');
      const cols = head.split(',');
      for (const axis of ['N', 'D'] as const) {
        const v = rows.map((r) => Number(r.split(',')[cols.indexOf(axis)]));
        expect(v.every(Number.isFinite), `${file} ${axis}`).toBe(true);
        for (const x of v) {
          expect(x, `${file} ${axis}`).toBeGreaterThanOrEqual(RANGE[axis][0]);
          expect(x, `${file} ${axis}`).toBeLessThanOrEqual(RANGE[axis][1]);
        }
      }
    }
  });
  it('inside the range: no extrapolation warning; the record states the range', () => {
    for (const law of ['steplaw', 'steplaw-rounded']) {
      const res = predict('--law', law, '--N', '5e8', '--D', '5e10');
      expect(res.fittedRange).toEqual(RANGE);
      expect(extrapolated(res)).toEqual([]);
    }
  });
  it("the authors' own example N = 7e9, D = 1.4e12 is an extrapolation: 3.2× above in N, 14× above in D; still predicted", () => {
    const res = predict('--N', '7e9', '--D', '1.4e12');
    expect(Math.round(res.batchTokens)).toBe(4996961);
    const x = extrapolated(res);
    expect(x.map((d) => [d.axis, d.side])).toEqual([['N', 'above'], ['D', 'above']]);
    expect(x[0].factor).toBeCloseTo(7e9 / 2.16e9, 9);
    expect(x[1].factor).toBeCloseTo(1.4e12 / 1e11, 9);
    expect(runCli(['predict', '--N', '7e9', '--D', '1.4e12']).stdout).toMatch(/^extrapol N = 7\.00e\+9 is 3\.2× above the largest N fitted \(2\.160e\+9\)/m);
    // The README and docs/method.md quote these factors as the code prints them (two significant digits).
    const [fN, fD] = x.map((d) => Number((d.factor as number).toPrecision(2)));
    const flat = (doc: string) => readFileSync(join(repoRoot, doc), 'utf8').replace(/\s+/g, ' ');
    expect(flat('README.md')).toContain(`outside the (N, D) range of the paper's grids, by ${fN}× in N and ${fD}× in D`);
    expect(flat('docs/method.md')).toContain(`is such an extrapolation (${fN}× in N, ${fD}× in D)`);
    const e = (v: number) => v.toExponential().replace('e+', 'e');
    expect(flat('docs/method.md')).toContain(`N from ${e(RANGE.N[0])} to ${e(RANGE.N[1])} and D from ${e(RANGE.D[0])} to ${e(RANGE.D[1])}`);
  });
  it('--N 1e300 --D 1e10: the prediction is printed with its factor, 1e300 / 2.16e9', () => {
    const res = predict('--law', 'steplaw', '--N', '1e300', '--D', '1e10');
    const x = extrapolated(res);
    expect(x).toHaveLength(1);
    expect(x[0]).toMatchObject({ axis: 'N', side: 'above', bound: 2.16e9 });
    expect((x[0].factor as number) / (1e300 / 2.16e9)).toBeCloseTo(1, 12);
  });
  it('--N 1e300 --D 1e6: a batch of 0.58·(1e6)^0.571 ≈ 1,547 tokens, less than one sequence of 2048, is refused', () => {
    expect(0.58 * 1e6 ** 0.571).toBeLessThan(2048);
    expectRefused(['predict', '--law', 'steplaw', '--N', '1e300', '--D', '1e6'], /gives a batch of 1\.55e\+3 tokens at these inputs: less than one sequence of 2048 tokens per step/);
  });
  it('a batch larger than the whole run (DeepSeek at C = 1e30: 0.2920·C^0.3271 ≈ 1.9e9 tokens > D = 1e6) is refused', () => {
    expect(0.292 * 1e30 ** 0.3271).toBeGreaterThan(1e9);
    expectRefused(['predict', '--law', 'deepseek', '--C', '1e30', '--D', '1e6'], /gives a batch of 1\.90e\+9 tokens at these inputs: more than the D = 1\.00e\+6 tokens of the whole run/);
  });
});

describe('readers never score a prediction they cannot place (compare, validate)', () => {
  const base = join(dir, 'base.fit.json');
  const fitted = runCli(['fit', good, ...mapped, '--bootstrap', '20', '--out', base]);
  /** A copy of the fit with its lr intercept (also in every bootstrap row) at −1000: lr = e^−1000·… = 0. */
  function zeroLrFit(): string {
    const rec = JSON.parse(readFileSync(base, 'utf8'));
    rec.law.lr.intercept = -1000;
    for (const s of rec.bootstrap.samples) s[0] = -1000;
    const f = join(dir, 'zero-lr.fit.json');
    writeFileSync(f, JSON.stringify(rec));
    return f;
  }
  it('compare --read linear and the default reader: a law predicting lr = 0 ranks last, not evaluated, with the reason', () => {
    expect(fitted.status, fitted.stderr).toBe(0);
    const zero = zeroLrFit();
    for (const read of [['--read', 'linear'], []]) {
      const r = runCli(['compare', good, ...mapped, '--law', zero, ...read, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const rows = JSON.parse(r.stdout).rows as { law: string; evaluated: number; meanRelativeError: number | null; insideBand: number; error: string | null }[];
      const last = rows[rows.length - 1];
      expect(last.law).toBe('zero-lr.fit');
      expect(last.evaluated).toBe(0);
      expect(last.insideBand).toBe(0);
      expect(last.meanRelativeError).toBeNull();
      expect(last.error).toMatch(/predicts lr = 0, which cannot be placed/);
    }
  });
  it('predict with that law: lr = 0 is refused (exit 2, one line), not printed as 0.000e+0', () => {
    expectRefused(['predict', '--fit', zeroLrFit(), '--N', '4e8', '--D', '8e10'], /law "zero-lr.fit" gives lr = 0 at these inputs: not a finite positive number/);
  });
  it('validate with that law: exit 2, one line', () => {
    expectRefused(['validate', good, ...mapped, '--law', zeroLrFit()], /law "zero-lr.fit" cannot be evaluated: no group can be scored: the law predicts lr = 0/);
  });
  it('validate with a fitted law flags the groups outside its fitted range, with the factor', () => {
    const wider = csv('wider.csv', syntheticRuns(LAW, [1e8, 6.4e9], [2e10], { noise: 2e-4 }));
    const r = runCli(['validate', wider, ...mapped, '--law', base, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const groups = JSON.parse(r.stdout).groups as { N: number; flags: string[]; extrapolation?: { axis: string; side: string; factor: number }[] }[];
    const out = groups.find((g) => g.N === 6.4e9)!;
    expect(out.flags).toContain('outside-fitted-range');
    expect(out.extrapolation).toEqual([{ axis: 'N', side: 'above', factor: 4 }]);
    expect(groups.find((g) => g.N === 1e8)!.flags).not.toContain('outside-fitted-range');
  });
});

describe('fit files are validated on read: exit 2, one line naming the file and the field', () => {
  const base = join(dir, 'v.fit.json');
  runCli(['fit', good, ...mapped, '--bootstrap', '10', '--out', base]);
  function damaged(name: string, edit: (rec: Record<string, any>) => void): string {
    const rec = JSON.parse(readFileSync(base, 'utf8'));
    edit(rec);
    const f = join(dir, name);
    writeFileSync(f, JSON.stringify(rec));
    return f;
  }
  const nullCoef = damaged('null-coef.fit.json', (r) => (r.law.lr.coefN = null));
  const nullSample = damaged('null-sample.fit.json', (r) => (r.bootstrap.samples[3][2] = null));
  const badRange = damaged('bad-range.fit.json', (r) => (r.data.range.N = [2e9, 1e8]));
  const noLaw = damaged('no-law.fit.json', (r) => delete r.law);
  it('predict, validate and compare on a null coefficient', () => {
    const field = /null-coef\.fit\.json: not a valid steplaw fit file: field "law\.lr\.coefN" is null/;
    expectRefused(['predict', '--fit', nullCoef, '--N', '1e9', '--D', '1e11'], field);
    expectRefused(['validate', good, ...mapped, '--law', nullCoef], field);
    expectRefused(['compare', good, ...mapped, '--law', nullCoef], field);
  });
  it('a null in a bootstrap row, a range with min above max, a missing law', () => {
    expectRefused(['predict', '--fit', nullSample, '--N', '1e9', '--D', '1e11'], /field "bootstrap\.samples\[3\]\[2\]" is null/);
    expectRefused(['predict', '--fit', badRange, '--N', '1e9', '--D', '1e11'], /field "data\.range\.N" is \[2000000000, 100000000\]: min above max/);
    expectRefused(['predict', '--fit', noLaw, '--N', '1e9', '--D', '1e11'], /field "law" is missing/);
  });
});

describe('an override fit stamps validate and report too', () => {
  const out = join(dir, 'one-lr.fit.json');
  const f = runCli(['fit', oneLr, ...mapped, '--bootstrap', '0', '--allow-unidentifiable', '--out', out]);
  it('fit text: NOT IDENTIFIABLE under [[Law]]; validate --json: the unidentifiable warnings and a note', () => {
    expect(f.status, f.stderr).toBe(0);
    expect(f.stdout).toMatch(/\[\[Law\]\]\n {4}NOT IDENTIFIABLE/);
    const v = runCli(['validate', good, ...mapped, '--law', out, '--json']);
    expect(v.status, v.stderr).toBe(0);
    const res = JSON.parse(v.stdout);
    // One per group: 3 N × 2 D groups each tried a single lr.
    expect(res.warnings.filter((w: { code: string }) => w.code === 'unidentifiable')).toHaveLength(6);
    expect(res.notes.join('\n')).toMatch(/NOT IDENTIFIABLE \(optimum-not-readable\).*and 5 more/);
  });
  it('report --law on it: the page says NOT IDENTIFIABLE', () => {
    const rep = join(dir, 'report-one-lr');
    const r = runCli(['report', good, ...mapped, '--law', out, '--out', rep]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(rep, 'index.html'), 'utf8')).toMatch(/NOT IDENTIFIABLE \(optimum-not-readable\)/);
  });
});

describe('loss-fit refuses a loss law its points cannot identify', () => {
  const L = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;
  const f = join(dir, 'loss-ladder.csv');
  writeFileSync(f, 'N,D,loss\n' + [1e8, 2e8, 4e8, 8e8, 1.6e9].map((N) => `${N},${20 * N},${L(N, 20 * N)}`).join('\n') + '\n');
  it('a D = 20·N ladder: exit 2, one line; the override fits and marks it', () => {
    expectRefused(['loss-fit', f, '--json'], /loss-ladder\.csv: not identifiable \(rank-deficient\): the N and D terms/);
    const r = runCli(['loss-fit', f, '--json', '--allow-unidentifiable']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).fits[0].warnings.some((w: { code: string; message: string }) => w.code === 'unidentifiable' && /NOT IDENTIFIABLE/.test(w.message))).toBe(true);
  });
});

describe('report on an unidentifiable sweep', () => {
  it('the fit section is the refusal, not a law with the published one "inside the interval"', () => {
    const rep = join(dir, 'report-ladder');
    const r = runCli(['report', ladder, ...mapped, '--out', rep]);
    expect(r.status, r.stderr).toBe(0);
    const html = readFileSync(join(rep, 'index.html'), 'utf8');
    expect(html).toMatch(/not identifiable \(rank-deficient\)/);
    expect(html).not.toMatch(/inside the interval/);
  });
});
