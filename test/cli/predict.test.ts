/**
 * `steplaw predict` against the authors' prediction tool (docs/method.md#step-law):
 * N = 7e9, D = 1.4e12, seq_len 2048 → lr 9.347e-04, 4,996,961 tokens = 2439.9 sequences.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const sig = (x: number, d: number) => Number(x.toPrecision(d));

describe('steplaw predict', () => {
  it('default law (bootstrap means) matches the authors’ tool to 4 significant digits', () => {
    const r = runCli(['predict', '--N', '7e9', '--D', '1.4e12', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.law).toBe('steplaw');
    expect(sig(p.lr, 4)).toBe(9.347e-4);
    expect(sig(p.batchTokens, 4)).toBe(4.997e6);
    expect(Math.round(p.batchTokens)).toBe(4996961);
    expect(p.batchSequences.toFixed(1)).toBe('2439.9');
    expect(p.interval95.lr[0]).toBeLessThan(p.lr);
    expect(p.interval95.lr[1]).toBeGreaterThan(p.lr);
  });
  it('steplaw-rounded is the 1.79/0.58 formula (≈ 9.17e-4, about 2% lower)', () => {
    const p = JSON.parse(runCli(['predict', '--N', '7e9', '--D', '1.4e12', '--law', 'steplaw-rounded', '--json']).stdout);
    expect(p.lr).toBeCloseTo(1.79 * 7e9 ** -0.713 * 1.4e12 ** 0.307, 15);
    expect(p.batchTokens).toBeCloseTo(0.58 * 1.4e12 ** 0.571, 6);
    expect(sig(p.lr, 3)).toBe(9.17e-4);
  });
  it('--seq-len changes only the batch in sequences', () => {
    const p = JSON.parse(runCli(['predict', '--N', '7e9', '--D', '1.4e12', '--seq-len', '4096', '--json']).stdout);
    expect(p.batchSequences).toBeCloseTo(p.batchTokens / 4096, 9);
  });
  it('prints a readable text report', () => {
    const r = runCli(['predict', '--N', '7e9', '--D', '1.4e12']);
    expect(r.stdout).toContain('9.347e-4');
    expect(r.stdout).toContain('4,996,961 tokens = 2439.9 sequences');
  });
  it('bad or missing inputs are one-line errors with exit 2', () => {
    for (const args of [
      ['--N', 'seven', '--D', '1e12'],
      ['--N', '-7e9', '--D', '1e12'],
      ['--N', '7e9', '--D', '1e12', '--law', 'nosuchlaw'],
      ['--law', 'steplaw'],
    ]) {
      const r = runCli(['predict', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
  it('a missing input the lr formula needs is named, the batch still predicted', () => {
    const r = runCli(['predict', '--D', '1.4e12']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^lr\s+none: needs --N, the model size in non-embedding parameters$/m);
    expect(r.stdout).toContain('4,996,961 tokens');
  });
  it('predicts with a fit JSON written by `steplaw fit`', () => {
    const out = `/tmp/steplaw-predict-${process.pid}.json`;
    const f = runCli(['fit', 'data/steplaw/dense_lr_bs_loss.csv', '--bootstrap', '0', '--out', out]);
    expect(f.status, f.stderr).toBe(0);
    const p = JSON.parse(runCli(['predict', '--N', '1e9', '--D', '1e11', '--fit', out, '--json']).stdout);
    // OLS on the released dense file (docs/method.md#fitting-procedure): ln lr = 4.35268 − 0.766228 ln N + 0.197006 ln D
    expect(p.lr / Math.exp(4.35268 - 0.766228 * Math.log(1e9) + 0.197006 * Math.log(1e11))).toBeCloseTo(1, 4);
    expect(p.batchTokens / Math.exp(-1.56771 + 0.612529 * Math.log(1e11))).toBeCloseTo(1, 4);
  });
  it('says why a law gives nothing: OpenAI\'s lr formula is ≤ 0 above N = exp(3.239e-3/1.395e-4) ≈ 1.2e10, its batch law needs a loss L', () => {
    // Issue 11: `predict --law openai --N 1e11` printed `lr (needs )`.
    const r = runCli(['predict', '--law', 'openai', '--N', '1e11']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'error: law "openai" predicts nothing here — lr: the formula 3.239e-3 − 1.395e-4·ln N is ≤ 0 for N ≥ 1.2e+10 (N = 1.00e+11 given); batch: needs --L, the loss in nats per token at which its loss-based batch law is evaluated\n',
    );
    const withL = runCli(['predict', '--law', 'openai', '--N', '1e11', '--L', '2.5']);
    expect(withL.status).toBe(0);
    expect(withL.stdout).toMatch(/^lr\s+none: the formula 3\.239e-3 − 1\.395e-4·ln N is ≤ 0 for N ≥ 1\.2e\+10 \(N = 1\.00e\+11 given\)$/m);
    // B = 2e8 / 2.5^(1/0.21) tokens
    expect(withL.stdout).toContain(`batch    ${Math.round(2e8 / 2.5 ** (1 / 0.21)).toLocaleString('en-US')} tokens`);
    // Below the limit the lr is the formula's value.
    const small = JSON.parse(runCli(['predict', '--law', 'openai', '--N', '1e9', '--L', '2.5', '--json']).stdout);
    expect(small.lr).toBeCloseTo(3.239e-3 - 1.395e-4 * Math.log(1e9), 12);
  });
});
