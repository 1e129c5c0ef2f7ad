import { describe, expect, it } from 'vitest';
import { lossLawFigures } from '../../src/report/adapters.js';
import { chinchillaOptimum, isoLossCurve, lossLawCurves } from '../../src/laws/loss-law-curves.js';
import { predictLoss as chinchillaLoss } from '../../src/laws/loss-law.js';

// Hoffmann et al. 2022 approach-3 parameters.
const P = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

describe('Chinchilla-form loss law helpers', () => {
  it('the compute-optimal point spends C = 6·N·D and minimises L along the iso-FLOP line', () => {
    for (const C of [1e19, 1e21, 5.76e23]) {
      const { N, D } = chinchillaOptimum(P, C);
      expect((6 * N * D) / C).toBeCloseTo(1, 12);
      const L = chinchillaLoss(P, N, D);
      for (const f of [0.8, 0.95, 1.05, 1.25]) expect(chinchillaLoss(P, N * f, D / f)).toBeGreaterThan(L);
    }
  });

  it('the optimum satisfies the first-order condition α·A/N^α = β·B/D^β', () => {
    const { N, D } = chinchillaOptimum(P, 1e22);
    expect((P.alpha * P.A) / N ** P.alpha / ((P.beta * P.B) / D ** P.beta)).toBeCloseTo(1, 10);
  });

  it('iso-loss points have L(N, D) = level, and N too small to reach it gives no point', () => {
    const pts = isoLossCurve(P, 2.5, [1e7, 1e8, 1e9, 1e10]);
    for (const p of pts) expect(chinchillaLoss(P, p.N, p.D)).toBeCloseTo(2.5, 10);
    // E + A/N^α ≥ 2.5 when N ≤ (406.4/0.81)^(1/0.34) ≈ 8.7e7: N = 1e7 has no point.
    expect(pts.map((p) => p.N)).toEqual([1e8, 1e9, 1e10]);
  });

  it('observed-vs-fitted input pairs each run with the law value', () => {
    const { observed, frontier } = lossLawFigures({ curves: lossLawCurves(P, [{ N: 1e8, D: 2e9, loss: 3.1 }]), runs: [{ N: 1e8, D: 2e9, loss: 3.1 }], lawLabel: 'L', source: 's' });
    expect(observed.points[0].fitted).toBeCloseTo(chinchillaLoss(P, 1e8, 2e9), 12);
    expect(frontier.frontier.length).toBeGreaterThan(2);
  });
});
