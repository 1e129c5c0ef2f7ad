/**
 * Identifiability (issue 11 item 1): designs the data cannot identify are refused before fitting, with a reason;
 * the explicit override fits and stamps an `unidentifiable` warning. Values asserted are hand-derivable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curvatureTolerance, lossLawDesignProblems, designCondition, designProblems, groupOptimumProblems, MAX_CONDITION, symmetricEigenvalues } from '../../src/laws/identifiability.js';
import { convexityOf } from '../../src/validate/landscape.js';
import { fitLossLaw } from '../../src/laws/loss-law.js';
import { fitStepLaw, fitToLaw } from '../../src/laws/steplaw-fit.js';
import { InputError } from '../../src/messages.js';
import { groupSweep } from '../../src/sweep/grid.js';
import type { Run } from '../../src/sweep/types.js';
import { syntheticRuns, sweepOf } from '../helpers/synthetic.js';

const LAW = { cN: -0.713, cD: 0.307, bD: 0.571 };
const grids = (runs: Run[]) => groupSweep(sweepOf(runs)).grids;

/** A compute-optimal ladder: D = ratio·N in every group. */
function ladder(Ns: number[], ratio: number): Run[] {
  return Ns.flatMap((N, k) => syntheticRuns(LAW, [N], [ratio * N], { seed: k + 1 }));
}
/** Keep only the runs at each group's law lr (the centre row of the 9 × 9 lattice: i = 0). */
function oneLrPerGroup(runs: Run[]): Run[] {
  return runs.filter((_, k) => Math.floor((k % 81) / 9) === 4);
}
const flat = (runs: Run[]): Run[] => runs.map((r) => ({ ...r, loss: 2.5 }));

describe('designCondition: rank and condition after centring and scaling', () => {
  it('a column proportional to another (ln D = ln N + ln 20) has rank 1 and infinite condition', () => {
    const lnN = [18, 19, 20, 21, 22];
    const c = designCondition({ lnN, lnD: lnN.map((v) => v + Math.log(20)) });
    expect(c.rank).toBe(1);
    expect(c.condition).toBe(Infinity);
  });
  it('uncorrelated columns: eigenvalues 1 and 1, condition 1', () => {
    // x = (−1, −1, 1, 1), y = (−1, 1, −1, 1): centred, unit RMS, orthogonal.
    const c = designCondition({ x: [-1, -1, 1, 1], y: [-1, 1, -1, 1] });
    expect(c.eigenvalues[0]).toBeCloseTo(1, 12);
    expect(c.eigenvalues[1]).toBeCloseTo(1, 12);
    expect(c.condition).toBeCloseTo(1, 12);
  });
  it('two columns of correlation ρ: κ = √((1+ρ)/(1−ρ))', () => {
    // y = x + e with e ⟂ x, |e| = |x|/2 after centring ⇒ ρ = 1/√(1 + 1/4).
    const x = [-3, -1, 1, 3];
    const e = [1, -1, -1, 1].map((v) => v * Math.sqrt(5) / 2);
    const rho = 1 / Math.sqrt(1.25);
    const c = designCondition({ x, y: x.map((v, i) => v + e[i]) });
    expect(c.rank).toBe(2);
    expect(c.condition).toBeCloseTo(Math.sqrt((1 + rho) / (1 - rho)), 10);
  });
  it('Jacobi eigenvalues of [[2, 1], [1, 2]] are 1 and 3', () => {
    expect(symmetricEigenvalues([[2, 1], [1, 2]]).sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
  });
  it('designProblems: no size term left is no-spread; fewer groups than coefficients is rank-deficient; near collinear is ill-conditioned', () => {
    expect(designProblems({ law: 'batch', columns: {}, groups: 3, targetVaries: true })[0].reason).toBe('no-spread');
    expect(designProblems({ law: 'lr', columns: { a: [1, 2], b: [3, 5] }, groups: 2, targetVaries: true })[0].reason).toBe('rank-deficient');
    // ρ with 1 − ρ ≈ 2e-8 ⇒ κ ≈ 1e4 > MAX_CONDITION.
    const x = [-3, -1, 1, 3];
    const y = x.map((v, i) => v + [1, -1, -1, 1][i] * 2e-4 * Math.sqrt(5));
    const p = designProblems({ law: 'lr', columns: { x, y }, groups: 4, targetVaries: true });
    expect(p[0].reason).toBe('ill-conditioned');
    expect(p[0].detail!.condition as number).toBeGreaterThan(MAX_CONDITION);
    // A constant target is reported as a constant, not fitted: nothing to identify.
    expect(designProblems({ law: 'batch', columns: {}, groups: 1, targetVaries: false })).toEqual([]);
  });
  it('groupOptimumProblems: < 3 lr levels, and losses all equal (relative range ≤ 1e-6), are unreadable optima', () => {
    const p = groupOptimumProblems(
      [
        // Losses as their count, lowest and highest (what reading an optimum needs of them).
        { key: 'a', lrLevels: 2, batchLevels: 5, losses: { count: 2, min: 3, max: 3.1 } },
        { key: 'b', lrLevels: 5, batchLevels: 5, losses: { count: 3, min: 3, max: 3 + 2e-6 } }, // range 6.7e-7 ≤ 1e-6
        { key: 'c', lrLevels: 5, batchLevels: 5, losses: { count: 3, min: 3, max: 3.002 } }, // inside a 0.25% band, but a readable argmin
      ],
      0.0025,
    );
    expect(p.map((x) => [x.subject, x.reason])).toEqual([
      ['group a', 'optimum-not-readable'],
      ['group b', 'optimum-not-readable'],
    ]);
  });
});

describe('fitStepLaw refuses what the data cannot identify (default) and stamps it with the override', () => {
  it('a Chinchilla ladder (D = 20·N in every group): rank-deficient lr design', () => {
    const g = grids(ladder([1e8, 2e8, 4e8, 8e8, 1.6e9], 20));
    expect(() => fitStepLaw(g, { bootstrap: 0 })).toThrow(InputError);
    expect(() => fitStepLaw(g, { bootstrap: 0 })).toThrow(/not identifiable \(rank-deficient\): lr: ln N and ln D are collinear.*--allow-unidentifiable/);
    const fit = fitStepLaw(g, { bootstrap: 0, allowUnidentifiable: true });
    const w = fit.warnings.filter((x) => x.code === 'unidentifiable');
    expect(w.map((x) => x.detail!.reason)).toEqual(['rank-deficient']);
    expect(fit.options.allowUnidentifiable).toBe(true);
    // The warning travels into the law's caveats (predict, validate, report print them).
    expect(fitToLaw(fit).caveats.some((c) => /NOT IDENTIFIABLE \(rank-deficient\)/.test(c))).toBe(true);
  });
  it('one lr per group: the "optimum" is the lr tried; refused (optimum-not-readable)', () => {
    const g = grids(oneLrPerGroup(syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10])));
    expect(g.every((x) => x.lrLevels.length === 1)).toBe(true);
    expect(() => fitStepLaw(g, { bootstrap: 0 })).toThrow(/not identifiable \(optimum-not-readable\): group N=1e\+8 D=2e\+10: lr axis 1 level\(s\).*and 5 more/);
  });
  it('all losses equal: no optimum stands out in any group; refused', () => {
    const g = grids(flat(syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10])));
    expect(() => fitStepLaw(g, { bootstrap: 0 })).toThrow(/optimum-not-readable.*the losses are all equal/);
  });
  it('one D: the batch law B(D) keeps no size term; refused (no-spread)', () => {
    const g = grids(syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10]));
    expect(() => fitStepLaw(g, { bootstrap: 0 })).toThrow(/not identifiable \(no-spread\): batch/);
  });
  it('one N, several D (the MoE case): the stated reduced fit, not a refusal', () => {
    const fit = fitStepLaw(grids(syntheticRuns(LAW, [2.15e9], [2e10, 5e10, 1e11, 2e11])), { bootstrap: 0 });
    expect(fit.warnings.map((w) => w.code)).toContain('reduced-fit');
    expect(fit.warnings.map((w) => w.code)).not.toContain('unidentifiable');
    expect(fit.lr.terms.map((t) => t.term)).toEqual(['intercept', 'lnD']);
    // Noise-free bowl centred on the law: the D exponents are the generating ones.
    expect(fit.law.lr.coefD).toBeCloseTo(LAW.cD, 6);
    expect(fit.law.batch.coefD).toBeCloseTo(LAW.bD, 6);
  });
  it('a well-posed sweep is not touched: exponents recovered, no unidentifiable warning', () => {
    const fit = fitStepLaw(grids(syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10, 3.2e11])), { bootstrap: 0 });
    expect(fit.warnings.map((w) => w.code)).not.toContain('unidentifiable');
    expect(fit.law.lr.coefN).toBeCloseTo(LAW.cN, 6);
    expect(fit.law.lr.coefD).toBeCloseTo(LAW.cD, 6);
    expect(fit.data.range).toEqual({ N: [1e8, 1.6e9], D: [2e10, 3.2e11] });
  });
});

describe('property: a rank-deficient synthetic design never yields a fit without the override', () => {
  const Ns = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }).map((ks) => ks.map((k) => 1e8 * 1.1 ** k));
  const design = fc.oneof(
    // D ∝ N (a compute-optimal ladder) at a random tokens-per-parameter ratio, ≥ 3 sizes.
    fc.record({ kind: fc.constant('ladder' as const), Ns: Ns.filter((n) => n.length >= 3), ratio: fc.double({ min: 5, max: 400, noNaN: true }) }),
    // One D for every group (the batch law B(D) has nothing to fit on).
    fc.record({ kind: fc.constant('single-D' as const), Ns, ratio: fc.double({ min: 5, max: 400, noNaN: true }) }),
    // One (N, D) group.
    fc.record({ kind: fc.constant('single-group' as const), Ns: Ns.map((n) => n.slice(0, 1)), ratio: fc.double({ min: 5, max: 400, noNaN: true }) }),
    // One lr per group, on a full N × D design.
    fc.record({ kind: fc.constant('one-lr' as const), Ns, ratio: fc.double({ min: 5, max: 400, noNaN: true }) }),
    // Flat losses, on a full N × D design.
    fc.record({ kind: fc.constant('flat' as const), Ns, ratio: fc.double({ min: 5, max: 400, noNaN: true }) }),
  );
  it('fitStepLaw throws "not identifiable"; with the override the fit carries unidentifiable warnings', () => {
    let refused = 0;
    fc.assert(
      fc.property(design, fc.integer({ min: 1, max: 1000 }), ({ kind, Ns, ratio }, seed) => {
        const Ds = [ratio * 1e8, ratio * 4e8];
        let runs: Run[];
        if (kind === 'ladder') runs = Ns.flatMap((N, k) => syntheticRuns(LAW, [N], [ratio * N], { seed: seed + k, noise: 1e-4 }));
        else if (kind === 'single-D') runs = syntheticRuns(LAW, Ns, [ratio * 1e9], { seed, noise: 1e-4 });
        else if (kind === 'single-group') runs = syntheticRuns(LAW, Ns, [ratio * 1e9], { seed, noise: 1e-4 });
        else if (kind === 'one-lr') runs = oneLrPerGroup(syntheticRuns(LAW, Ns, Ds, { seed, noise: 1e-4 }));
        else runs = flat(syntheticRuns(LAW, Ns, Ds, { seed }));
        const g = grids(runs);
        expect(() => fitStepLaw(g, { bootstrap: 0 })).toThrow(/not identifiable/);
        refused++;
        try {
          const fit = fitStepLaw(g, { bootstrap: 0, allowUnidentifiable: true });
          expect(fit.warnings.some((w) => w.code === 'unidentifiable')).toBe(true);
        } catch (e) {
          // Even fitted anyway, a design may have too few runs or give non-finite coefficients: still an InputError.
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 120, seed: 0 },
    );
    expect(refused).toBe(120);
  });
});

describe('landscape curvature is judged with a tolerance relative to the loss scale', () => {
  it('a flat grid (all losses equal) is not positive definite, though its fitted eigenvalues are ~1e-16 ≥ 0', () => {
    const g = grids(flat(syntheticRuns(LAW, [4e8], [8e10])))[0];
    const c = convexityOf(g);
    expect(Math.abs(c.eigenvalues![0])).toBeLessThan(curvatureTolerance(2.5));
    expect(c.positiveDefinite).toBe(false);
  });
  it('the synthetic bowl L = 2 + k·(ln² lr/lr* + ln² B/B*) has Hessian 2k·I: positive definite', () => {
    const k = 0.004;
    const c = convexityOf(grids(syntheticRuns(LAW, [4e8], [8e10], { curvature: k }))[0]);
    expect(c.eigenvalues![0]).toBeCloseTo(2 * k, 8);
    expect(c.eigenvalues![1]).toBeCloseTo(2 * k, 8);
    expect(c.positiveDefinite).toBe(true);
  });
  it('curvatureTolerance is 2e-6 of the loss (λ/2 per unit ln step below 1e-6·L)', () => {
    expect(curvatureTolerance(2.5)).toBeCloseTo(5e-6, 15);
  });
});

describe('the loss law L = E + A/N^α + B/D^β gets the same treatment', () => {
  // Chinchilla-like constants (Hoffmann et al. 2022, approach 3): a noise-free law to sample from.
  const L = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;
  const pts = (pairs: [number, number][]) => pairs.map(([N, D]) => ({ N, D, loss: L(N, D) }));
  const Ns = [1e8, 2e8, 4e8, 8e8, 1.6e9];
  it('a ladder D = 20·N: the N and D terms cannot be told apart (rank-deficient); not fitted by default', () => {
    const p = pts(Ns.map((N) => [N, 20 * N]));
    expect(lossLawDesignProblems(p, 'full').map((x) => x.reason)).toEqual(['rank-deficient']);
    const fit = fitLossLaw(p, { label: 'ladder' });
    expect(fit.convergence.status).toBe('not-identifiable');
    expect(Number.isNaN(fit.estimates.alpha.value)).toBe(true);
    expect(fit.warnings.find((w) => w.code === 'unidentifiable')!.message).toMatch(/^ladder: not identifiable \(rank-deficient\)/);
  });
  it('two N levels cannot fix A and α (no-spread); three can', () => {
    expect(lossLawDesignProblems(pts([1e8, 4e8].flatMap((N) => [1e9, 4e9, 1.6e10].map((D): [number, number] => [N, D]))), 'full')[0]).toMatchObject({
      reason: 'no-spread',
      detail: { axis: 'N', levels: 2 },
    });
    expect(lossLawDesignProblems(pts([1e8, 4e8, 1.6e9].flatMap((N) => [1e9, 4e9, 1.6e10].map((D): [number, number] => [N, D]))), 'full')).toEqual([]);
  });
  it('one N is the stated reduced law (D-only), not a refusal; equal losses are', () => {
    expect(lossLawDesignProblems(pts([1e9, 4e9, 1.6e10].map((D): [number, number] => [4e8, D])), 'D-only')).toEqual([]);
    const flatPts = [1e8, 4e8, 1.6e9].flatMap((N) => [1e9, 4e9, 1.6e10].map((D) => ({ N, D, loss: 2.5 })));
    expect(lossLawDesignProblems(flatPts, 'full').map((x) => x.subject)).toEqual(['the loss']);
  });
});
