import { describe, expect, it } from 'vitest';
import {
  dropHighest,
  fitLossLaw,
  HOFFMANN_GRID,
  lossLawProblem,
  lossLawStarts,
  predictLoss,
  type LossLawGrid,
  type LossPoint,
} from '../../src/laws/loss-law.js';
import { huberObjective } from './independent.js';

/** Exact points from a known law on a 5 × 6 (N, D) design. */
function exactPoints(law: { E: number; A: number; B: number; alpha: number; beta: number }): LossPoint[] {
  const pts: LossPoint[] = [];
  let row = 1;
  for (const N of [1e7, 4e7, 1.6e8, 6.4e8, 2.56e9]) for (const M of [5, 10, 20, 40, 80, 160]) pts.push({ N, D: M * N, loss: predictLoss(law, N, M * N), row: row++ });
  return pts;
}

const TRUE = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }; // Hoffmann et al. 2022's published law, as a test law

describe('lossLawProblem', () => {
  const pts = exactPoints(TRUE).slice(0, 12);
  const x5 = Float64Array.of(6, 6.2, 0.4, 0.3, 0.25);
  const x4 = Float64Array.of(6, 6.2, 0.4, 0.3);
  for (const [objective, shared, x] of [
    ['huber', false, x5],
    ['lsq', false, x5],
    ['huber', true, x4],
    ['lsq', true, x4],
  ] as const) {
    it(`analytic Jacobian equals central differences (${objective}, shared=${shared})`, () => {
      const pb = lossLawProblem(pts, objective, shared);
      const J = pb.jacobian!(x);
      for (let j = 0; j < x.length; j++) {
        const h = 1e-6;
        const up = Float64Array.from(x);
        const dn = Float64Array.from(x);
        up[j] += h;
        dn[j] -= h;
        const ru = pb.residuals(up);
        const rd = pb.residuals(dn);
        for (let i = 0; i < pts.length; i++) {
          const fd = (ru[i] - rd[i]) / (2 * h);
          expect(Math.abs(J[i][j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
        }
      }
    });
  }

  it('residuals: log residual for huber, loss residual for lsq (definition)', () => {
    const p = Float64Array.of(Math.log(TRUE.A), Math.log(TRUE.B), Math.log(TRUE.E), TRUE.alpha, TRUE.beta);
    const wrong = [{ N: 1e8, D: 2e9, loss: 3 }];
    const L = predictLoss(TRUE, 1e8, 2e9);
    expect(lossLawProblem(wrong, 'huber', false).residuals(p)[0]).toBeCloseTo(Math.log(3) - Math.log(L), 13);
    expect(lossLawProblem(wrong, 'lsq', false).residuals(p)[0]).toBeCloseTo(3 - L, 13);
  });
});

describe('grid of starts', () => {
  it('the default grid is the 4,500-start grid of Hoffmann et al. / Besiroglu et al.', () => {
    expect(HOFFMANN_GRID.alpha).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(HOFFMANN_GRID.beta).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(HOFFMANN_GRID.e).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(HOFFMANN_GRID.a).toEqual([0, 5, 10, 15, 20, 25]);
    expect(HOFFMANN_GRID.b).toEqual([0, 5, 10, 15, 20, 25]);
    expect(lossLawStarts(HOFFMANN_GRID, false)).toHaveLength(4500);
    expect(lossLawStarts(HOFFMANN_GRID, true)).toHaveLength(900);
  });
});

describe('fitLossLaw on exact data', () => {
  const pts = exactPoints(TRUE);
  for (const objective of ['huber', 'lsq'] as const) {
    it(`recovers E, A, B, alpha, beta (${objective}) and the split a = β/(α+β)`, () => {
      const f = fitLossLaw(pts, { objective });
      expect(f.convergence.success).toBe(true);
      expect(f.estimates.E.value).toBeCloseTo(TRUE.E, 5);
      expect(f.estimates.A.value / TRUE.A).toBeCloseTo(1, 4);
      expect(f.estimates.B.value / TRUE.B).toBeCloseTo(1, 4);
      expect(f.estimates.alpha.value).toBeCloseTo(TRUE.alpha, 6);
      expect(f.estimates.beta.value).toBeCloseTo(TRUE.beta, 6);
      expect(f.estimates.a.value).toBeCloseTo(0.28 / 0.62, 6);
      expect(f.estimates.b.value).toBeCloseTo(0.34 / 0.62, 6);
      expect(f.objectiveValue).toBeLessThan(1e-14);
      expect(f.estimates.alpha.stderr).toBeNull(); // no bootstrap asked
    });
  }

  it('shared exponent: alpha = beta, recovered on data from such a law', () => {
    const law = { E: 1.8, A: 300, B: 900, alpha: 0.3, beta: 0.3 };
    const f = fitLossLaw(exactPoints(law), { sharedExponent: true, objective: 'lsq' });
    expect(f.estimates.alpha.value).toBe(f.estimates.beta.value);
    expect(f.estimates.alpha.value).toBeCloseTo(0.3, 6);
    expect(f.estimates.a.value).toBe(0.5);
    expect(f.convergence.starts).toBe(900);
  });

  it('reports the objective as Σ Huber_δ of the log residuals, recomputed independently', () => {
    const noisy = pts.map((p, i) => ({ ...p, loss: p.loss * (1 + 0.01 * Math.sin(7 * i)) }));
    const f = fitLossLaw(noisy);
    const x = ['a', 'b', 'e', 'alpha', 'beta'].map((n) => f.lse.find((q) => q.name === n)!.value);
    expect(f.objectiveValue / huberObjective(noisy, x)).toBeCloseTo(1, 12);
  });
});

describe('options and degenerate input', () => {
  const pts = exactPoints(TRUE);
  it('--drop-top K excludes the K highest losses and reports them', () => {
    const { kept, dropped } = dropHighest(pts, 3);
    const sorted = [...pts].sort((p, q) => q.loss - p.loss);
    expect(dropped.map((p) => p.row)).toEqual(sorted.slice(0, 3).map((p) => p.row));
    expect(kept).toHaveLength(pts.length - 3);
    const small: LossLawGrid = { alpha: [0.5], beta: [0.5], e: [0.5], a: [5], b: [5] };
    const f = fitLossLaw(pts, { dropTop: 3, grid: small });
    expect(f.n).toBe(pts.length - 3);
    expect(f.dropped.map((p) => p.row)).toEqual(sorted.slice(0, 3).map((p) => p.row));
    expect(f.warnings.map((w) => w.code)).toContain('dropped-top');
  });

  it('fewer points than parameters: a too-few-points warning, NaN estimates, success false', () => {
    const four = pts.filter((_, i) => i % 6 === 0).slice(0, 4); // four N, four D
    expect(new Set(four.map((p) => p.N)).size).toBe(4);
    const f = fitLossLaw(four);
    expect(f.form).toBe('full');
    expect(f.convergence.success).toBe(false);
    expect(Number.isNaN(f.estimates.alpha.value)).toBe(true);
    expect(f.warnings.map((w) => w.code)).toContain('too-few-points');
  });

  it('one N only: a single-level warning and the reduced law L = E\' + B/D^β, recovered exactly', () => {
    const one = pts.filter((p) => p.N === 1e7);
    const f = fitLossLaw(one, { objective: 'lsq' });
    expect(f.warnings.some((w) => w.code === 'single-level' && w.detail?.axis === 'N')).toBe(true);
    expect(f.warnings.map((w) => w.code)).toContain('reduced-law');
    expect(f.form).toBe('D-only');
    expect(f.convergence.starts).toBe(5 * 5 * 6);
    // E' = E + A/N^α at N = 1e7 (hand-derivable from the generating law).
    expect(f.estimates.E.value).toBeCloseTo(TRUE.E + TRUE.A / 1e7 ** TRUE.alpha, 6);
    expect(f.estimates.B.value / TRUE.B).toBeCloseTo(1, 4);
    expect(f.estimates.beta.value).toBeCloseTo(TRUE.beta, 6);
    expect(Number.isNaN(f.estimates.alpha.value)).toBe(true);
    expect(Number.isNaN(f.estimates.a.value)).toBe(true);
  });

  it('one D only: the reduced law L = E\' + A/N^α, with bootstrap intervals for what it identifies', () => {
    const law = { E: 1.7, A: 400, B: 400, alpha: 0.3, beta: 0.3 };
    const one = [1e7, 3e7, 1e8, 3e8, 1e9, 3e9].map((N, i) => ({ N, D: 2e10, loss: predictLoss(law, N, 2e10) * (1 + 0.002 * Math.sin(3 * i)) }));
    const f = fitLossLaw(one, { bootstrap: 30, seed: 1 });
    expect(f.form).toBe('N-only');
    expect(f.estimates.alpha.ci95).not.toBeNull();
    expect(f.estimates.beta.ci95).toBeNull();
    expect(f.bootstrap!.failed).toBeLessThan(30);
  });

  it('all points at one (N, D): not identified, nothing fitted', () => {
    const same = [1, 2, 3, 4, 5, 6].map((k) => ({ N: 1e8, D: 1e9, loss: 3 + 0.01 * k }));
    const f = fitLossLaw(same);
    expect(f.convergence.success).toBe(false);
    expect(f.warnings.map((w) => w.code)).toContain('not-identified');
  });

  it('non-finite or non-positive points are left out with a warning', () => {
    const bad = [...pts, { N: 1e8, D: 1e9, loss: NaN }, { N: 1e8, D: 1e9, loss: Infinity }];
    const f = fitLossLaw(bad, { grid: { alpha: [0.5], beta: [0.5], e: [0.5], a: [5], b: [5] } });
    expect(f.n).toBe(pts.length);
    expect(f.warnings.find((w) => w.code === 'skipped-runs')?.count).toBe(2);
  });
});
