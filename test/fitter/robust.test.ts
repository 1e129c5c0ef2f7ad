/**
 * Robust losses: rho and the residual/Jacobian rescaling against hand-derived
 * values, M-estimates of location against their estimating equations, and a
 * line fit against scipy.
 */
import { describe, expect, it } from 'vitest';
import { leastSquares, curveFit, rho, robustCost } from '../../src/fitter/index.js';
import { robustScale } from '../../src/fitter/loss.js';

const EPS = 2.220446049250313e-16;

describe('rho and cost (scipy definitions)', () => {
  it('rho(z) for each loss at z = 4', () => {
    expect(rho('linear', 4)).toBe(4);
    expect(rho('huber', 4)).toBe(3); // 2·√4 − 1
    expect(rho('huber', 0.25)).toBe(0.25);
    expect(rho('soft_l1', 3)).toBe(2); // 2·(√4 − 1)
    expect(rho('cauchy', 4)).toBeCloseTo(Math.log(5), 15);
  });

  it('cost = ½·f_scale²·Σ rho((r/f_scale)²)', () => {
    expect(robustCost(Float64Array.of(3), 'huber', 1)).toBe(2.5);
    expect(robustCost(Float64Array.of(3, 1), 'linear', 7)).toBe(5);
    // r = 6, f_scale = 2: z = 9, rho = 5, cost = ½·4·5 = 10
    expect(robustCost(Float64Array.of(6), 'huber', 2)).toBe(10);
    expect(robustCost(Float64Array.of(3), 'soft_l1', 1)).toBeCloseTo(Math.sqrt(10) - 1, 15);
    expect(robustCost(Float64Array.of(3), 'cauchy', 1)).toBeCloseTo(0.5 * Math.log(10), 15);
  });
});

describe('residual and Jacobian rescaling (scipy scale_for_robust_loss_function)', () => {
  const scaleOf = (loss: 'linear' | 'huber' | 'soft_l1' | 'cauchy', r: number, fs = 1) => {
    const s = new Float64Array(1);
    const rt = new Float64Array(1);
    robustScale(Float64Array.of(r), loss, fs, s, rt);
    return { s: s[0], rt: rt[0] };
  };
  it('inside the Huber region nothing changes', () => {
    expect(scaleOf('huber', 0.5)).toEqual({ s: 1, rt: 0.5 });
  });
  it('outside the Huber region rho′ + 2·rho″·z = 0 is floored at EPS', () => {
    // r = 2: rho′ = 1/2, rho″ = −1/16, 1/2 + 2·(−1/16)·4 = 0 → s = √EPS, r̃ = r·rho′/s.
    const { s, rt } = scaleOf('huber', 2);
    expect(s).toBe(Math.sqrt(EPS));
    expect(rt).toBeCloseTo(1 / Math.sqrt(EPS), 0);
  });
  it('soft_l1 at r = 2: s² = 1/√5 − 4/(5√5) = 1/(5√5), r̃ = 2·(1/√5)/s', () => {
    const { s, rt } = scaleOf('soft_l1', 2);
    const s5 = Math.sqrt(5);
    expect(s).toBeCloseTo(Math.sqrt(1 / (5 * s5)), 15);
    expect(rt).toBeCloseTo(2 / s5 / Math.sqrt(1 / (5 * s5)), 13);
  });
  it('cauchy at r = 1/2 with f_scale = 1/2 (z = 1): s² = 1/2 − 2·(1/4) → EPS', () => {
    const { s } = scaleOf('cauchy', 0.5, 0.5);
    expect(s).toBe(Math.sqrt(EPS));
  });
  it('J̃ᵀr̃ equals the cost gradient Σ rho′(z)·r·J (a single residual, J = 1)', () => {
    for (const loss of ['soft_l1', 'cauchy'] as const) {
      const r = 0.7;
      const { s, rt } = scaleOf(loss, r, 0.5);
      const z = (r / 0.5) ** 2;
      const d1 = loss === 'soft_l1' ? 1 / Math.sqrt(1 + z) : 1 / (1 + z);
      expect(s * rt).toBeCloseTo(d1 * r, 14);
    }
  });
});

/** Location M-estimate a: residuals y_i − a; the estimating equation is Σ ψ(y_i − a) = 0. */
const locationFit = (y: number[], loss: 'huber' | 'soft_l1' | 'cauchy', fScale: number, start = 0) =>
  leastSquares(
    { params: [{ name: 'a', value: start }], residuals: (p) => Float64Array.from(y, (v) => v - p[0]) },
    { loss, fScale },
  );

function bisect(f: (a: number) => number, lo: number, hi: number): number {
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (f(lo) * f(mid) <= 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

describe('robust M-estimates of location', () => {
  it('Huber, δ = 1, data 0,0,0,10: −3a + 1 = 0 → a = 1/3, cost = 28/3', () => {
    const res = locationFit([0, 0, 0, 10], 'huber', 1);
    expect(res.success).toBe(true);
    // (8 digits: see the cost-resolution note below)
    expect(res.values.a).toBeCloseTo(1 / 3, 8);
    expect(res.cost).toBeCloseTo(28 / 3, 12);
    // chisqr is on the plain residuals regardless of the loss
    expect(res.chisqr / (3 / 9 + (29 / 3) ** 2)).toBeCloseTo(1, 9);
  });
  it('Huber, δ = 2 (f_scale), data 0,0,0,10: −3a + 2 = 0 → a = 2/3', () => {
    expect(locationFit([0, 0, 0, 10], 'huber', 2).values.a).toBeCloseTo(2 / 3, 8);
  });
  it('soft_l1 and cauchy solve Σ ψ(r) = 0 with ψ(r) = r/√(1+(r/s)²) and r/(1+(r/s)²)', () => {
    const y = [-1, 0.2, 0.5, 1.1, 9];
    const s = 0.8;
    const psi = {
      soft_l1: (r: number) => r / Math.sqrt(1 + (r / s) ** 2),
      cauchy: (r: number) => r / (1 + (r / s) ** 2),
    };
    for (const loss of ['soft_l1', 'cauchy'] as const) {
      const want = bisect((a) => y.reduce((acc, v) => acc + psi[loss](v - a), 0), -1, 2);
      const res = locationFit(y, loss, s, 0.3);
      expect(res.success).toBe(true);
      // With a large residual in the cost (the outlier), a change δ in a moves
      // the cost by ~H·δ², below double-precision resolution for δ ≲ √(eps·cost/H)
      // ≈ 1e-8: that is as close as any cost-minimiser can land.
      expect(res.values.a).toBeCloseTo(want, 7);
    }
  });
});

describe('robust line fit against scipy', () => {
  // Reference: scipy 1.17.1,
  //   x = np.arange(10.); y = 1 + 2x + [0.1,-0.2,0.05,0,-0.1,0.15,-0.05,0.2,-0.1,0]; y[7] += 8
  //   least_squares(lambda p: y-(p[0]+p[1]*x), [0,1], loss=L, f_scale=0.5, method='trf', xtol=ftol=gtol=1e-15)  → x, cost
  //   curve_fit(lambda x,a,b: a+b*x, x, y, p0=[0,1], loss=L, f_scale=0.5, method='trf', same tols) → sqrt(diag(pcov))
  const x = Array.from({ length: 10 }, (_, i) => i);
  const noise = [0.1, -0.2, 0.05, 0.0, -0.1, 0.15, -0.05, 0.2, -0.1, 0.0];
  const y = x.map((v, i) => 1 + 2 * v + noise[i] + (i === 7 ? 8 : 0));
  const ref = {
    huber: { x: [0.973382353322582, 2.015514705819704], cost: 4.007851102941176, se: [0.5896948553779008, 0.11515759675098892] },
    soft_l1: { x: [0.9742377599140183, 2.0161737978602416], cost: 3.8886676965561904, se: [0.6104760554735134, 0.12050770707688074] },
    cauchy: { x: [0.9993219475806284, 1.9972813388013508], cost: 0.7454211580608736, se: [0.27510653550497055, 0.0523572179545664] },
  };
  for (const loss of ['huber', 'soft_l1', 'cauchy'] as const) {
    it(`${loss}: parameters, cost and curve_fit standard errors`, () => {
      const res = curveFit((t, p) => p[0] + p[1] * t, x, y, [{ name: 'a', value: 0 }, { name: 'b', value: 1 }], {
        loss,
        fScale: 0.5,
        jacobian: (t) => [1, t],
      });
      expect(res.success).toBe(true);
      expect(res.values.a).toBeCloseTo(ref[loss].x[0], 8);
      expect(res.values.b).toBeCloseTo(ref[loss].x[1], 8);
      expect(res.cost).toBeCloseTo(ref[loss].cost, 9);
      expect(res.params[0].stderr! / ref[loss].se[0]).toBeCloseTo(1, 6);
      expect(res.params[1].stderr! / ref[loss].se[1]).toBeCloseTo(1, 6);
    });
  }
});
