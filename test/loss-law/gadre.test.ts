/**
 * Gadre et al. 2024 on the released data (docs/method.md#loss-laws): the published
 * check, and the per-training-set Huber fits checked against independent
 * computations.
 */
import { describe, expect, it } from 'vitest';
import { fitLossLaw, lossLawValues, type LossLawFit, type LossPoint } from '../../src/laws/loss-law.js';
import { compareLossLawSlices, fitLossLawSlices } from '../../src/laws/loss-law-slices.js';
import { gadreCheck, loadGadre, reproduceGadre } from '../../src/jobs/gadre.js';
import { createRng } from '../../src/util/random.js';
import { quantile } from '../../src/util/stats.js';
import { repoData } from '../helpers/paths.js';
import { centralGradient, huberObjective, nelderMead } from './independent.js';

// The shipped copy (data/gadre-overtraining/), the file reproduceGadre() below reads too.
const runs = loadGadre(repoData('gadre-overtraining', 'gadre_104_models_flat.csv'));
const setPoints = (ds: string): LossPoint[] =>
  runs.filter((r) => r.attrs.train_dataset === ds).map((r) => ({ N: r.N, D: r.D, loss: r.loss, row: r.row }));
const lseVector = (f: LossLawFit) => ['a', 'b', 'e', 'alpha', 'beta'].map((n) => f.lse.find((q) => q.name === n)!.value);

describe('Gadre et al. published check (rpj, C4 eval loss, shared exponent, least squares in loss)', () => {
  const check = gadreCheck(runs);

  it('fits the five published points: four small configs at M = 20 and d=96 at M = 320', () => {
    expect(check.fitPoints).toHaveLength(5);
    expect(check.fitPoints.filter((p) => p.M === 20)).toHaveLength(4);
    expect(check.fitPoints.filter((p) => p.M === 320).map((p) => p.model_config)).toEqual(['d=96_l=8_h=4']);
  });

  it('predicts the 1.4B model at M = 640 within 0.7103% and the 6.9B model at M = 20 within 0.7320%', () => {
    const [b1, b7] = check.predictions;
    expect(b1.model_config).toBe('open_lm_1b');
    expect(b1.relativeErrorPct.toPrecision(3)).toBe('0.710');
    expect(b1.relativeErrorPct.toFixed(4)).toBe('0.7103');
    expect(b7.model_config).toBe('open_lm_7b');
    expect(b7.relativeErrorPct.toPrecision(3)).toBe('0.732');
    expect(b7.relativeErrorPct.toFixed(4)).toBe('0.7320');
    expect(check.reproduced).toBe(true);
  });

  it('lands on the optimum scipy finds', () => {
    // scipy.optimize.least_squares(method='lm') on r = E + A·N^−γ + B·D^−γ − L over the same 5 rows, best of
    // starts E0 ∈ {0.5,1,1.5,2}, A0, B0 ∈ {1,10,100,1e3,1e4}, γ0 ∈ {0.1,0.2,0.3,0.5}: E = 1.83664838,
    // A = 166.210985, B = 287.168082, γ = 0.272850703, ½Σr² = 0.0002128238352 (predictions 0.7103352529705%, 0.7320458830787%).
    expect(check.fit.E).toBeCloseTo(1.83664838, 6);
    expect(check.fit.A / 166.210985).toBeCloseTo(1, 5);
    expect(check.fit.B / 287.168082).toBeCloseTo(1, 5);
    expect(check.fit.gamma).toBeCloseTo(0.272850703, 7);
    expect(check.fit.objective / 2).toBeCloseTo(0.0002128238352, 12);
    expect(check.fit.convergence.success).toBe(true);
  });
});

describe('per-training-set Huber fits (the field method, 5 parameters)', () => {
  // scipy reference: least_squares(res, x0, jac=analytic, loss='huber', f_scale=1e-3, method='trf', x_scale='jac')
  // from each of the 4,500 grid starts, on ALL rows of the set (target loss_c4_val, N = N_params, D = D_tokens),
  // keeping the lowest Σ Huber_δ; then L-BFGS-B on Σ Huber_δ from that point (no further decrease).
  // x = [a, b, e, alpha, beta].
  const SCIPY: Record<string, { n: number; huber: number; x: number[] }> = {
    c4_original: { n: 34, huber: 0.0005299541304503387, x: [4.808544572071875, 5.4914505777322065, 0.48244066977835237, 0.25257405865327603, 0.262229222300774] },
    rpj: { n: 35, huber: 0.0004265108271538938, x: [4.664297156726175, 5.69701141201557, 0.5424666160675401, 0.24308448159477294, 0.2730054407211611] },
    rw_original: { n: 35, huber: 0.0004757255016302867, x: [4.340869314414576, 5.951060430860967, 0.5314160016400821, 0.22258715606189702, 0.2897729030276439] },
  };
  const fits = fitLossLawSlices(
    runs.map((r) => ({ N: r.N, D: r.D, loss: r.loss, row: r.row, slice: String(r.attrs.train_dataset) })),
    { bootstrap: 200, seed: 11 },
  );

  it('one fit per training set, sorted, each converged', () => {
    expect(fits.map((f) => f.label)).toEqual(['c4_original', 'rpj', 'rw_original']);
    for (const f of fits) {
      expect(f.n).toBe(SCIPY[f.label].n);
      expect(f.convergence.success).toBe(true);
      expect(f.bootstrap!.failed).toBe(0);
    }
  });

  it('reaches the scipy optimum: same Σ Huber to 1e-9 relative, exponents to 1e-6', () => {
    for (const f of fits) {
      const ref = SCIPY[f.label];
      expect(f.objectiveValue).toBeLessThanOrEqual(ref.huber * (1 + 1e-9));
      expect(f.objectiveValue / ref.huber).toBeCloseTo(1, 9);
      const x = lseVector(f);
      expect(x[3]).toBeCloseTo(ref.x[3], 6);
      expect(x[4]).toBeCloseTo(ref.x[4], 6);
      expect(x[2]).toBeCloseTo(ref.x[2], 4);
    }
  });

  it('the reported optimum has zero gradient of Σ Huber_δ (central differences)', () => {
    for (const f of fits) {
      const pts = setPoints(f.label);
      const x = lseVector(f);
      const g = centralGradient((v) => huberObjective(pts, v), x, 1e-7);
      // Scale of each component: Σ_i |∂ Huber_δ(r_i)/∂x_j| (per-point gradients, also by central differences).
      const scale = x.map(() => 0);
      for (const p of pts) centralGradient((v) => huberObjective([p], v), x, 1e-7).forEach((gj, j) => (scale[j] += Math.abs(gj)));
      g.forEach((gj, j) => expect(Math.abs(gj) / scale[j], `${f.label} component ${j}`).toBeLessThan(1e-6));
    }
  });

  it('an independent Nelder–Mead from perturbed points finds nothing better', () => {
    const f = fits[1]; // rpj
    const pts = setPoints(f.label);
    const obj = (x: number[]) => huberObjective(pts, x);
    const x = lseVector(f);
    const rng = createRng(2024);
    for (let k = 0; k < 3; k++) {
      const x0 = x.map((v, j) => v + (j < 3 ? 0.5 : 0.05) * rng.normal());
      const nm = nelderMead(obj, nelderMead(obj, x0, 0.05, 4000, 1e-13).x, 0.01, 4000, 1e-13);
      expect(nm.f).toBeGreaterThanOrEqual(f.objectiveValue * (1 - 1e-12));
    }
  });

  it('bootstrap intervals bracket the estimates', () => {
    for (const f of fits) {
      for (const q of ['alpha', 'beta', 'a'] as const) {
        const e = f.estimates[q];
        expect(e.ci95![0]).toBeLessThanOrEqual(e.value);
        expect(e.ci95![1]).toBeGreaterThanOrEqual(e.value);
        expect(e.stderr!).toBeGreaterThan(0);
      }
    }
  });

  it('differences table: estimate = difference of estimates, interval = percentiles of the bootstrap sample differences', () => {
    const cmp = compareLossLawSlices(fits, { quantities: ['alpha', 'beta'] });
    expect(cmp.rows.map((r) => r.quantity)).toEqual(['alpha', 'beta']);
    for (const row of cmp.rows) {
      const j = row.quantity === 'alpha' ? 3 : 4;
      expect(row.differences.map((d) => d.of.join(' − '))).toEqual(['c4_original − rpj', 'c4_original − rw_original', 'rpj − rw_original']);
      for (const d of row.differences) {
        const fa = fits.find((f) => f.label === d.of[0])!;
        const fb = fits.find((f) => f.label === d.of[1])!;
        expect(d.estimate).toBe(fa.estimates[row.quantity].value - fb.estimates[row.quantity].value);
        const sa = fa.bootstrap!.samples;
        const sb = fb.bootstrap!.samples;
        const diffs = sa.slice(0, Math.min(sa.length, sb.length)).map((s, k) => s[j] - sb[k][j]);
        expect(d.pairs).toBe(diffs.length);
        expect(d.ci95).toEqual([quantile(diffs, 0.025), quantile(diffs, 0.975)]);
        expect(d.excludesZero).toBe(d.ci95![0] > 0 || d.ci95![1] < 0);
      }
    }
  });

  it('screening the 4,500 starts finds the same optimum as running every start to full tolerance', () => {
    const pts = setPoints('rpj');
    const full = fitLossLaw(pts, { exhaustive: true });
    expect(full.convergence.search).toBe('exhaustive');
    expect(full.convergence.polished).toBe(4500);
    expect(fits[1].objectiveValue / full.objectiveValue).toBeCloseTo(1, 10);
    expect(lossLawValues(fits[1]).alpha).toBeCloseTo(lossLawValues(full).alpha, 6);
  });
});

describe('reproduceGadre()', () => {
  it('is JSON-safe, deterministic, and carries the check and the three-set comparison', () => {
    const a = reproduceGadre({ bootstrap: 30 });
    const b = reproduceGadre({ bootstrap: 30 });
    const s = JSON.stringify(a);
    expect(JSON.stringify(b)).toBe(s);
    expect(JSON.parse(s).check.reproduced).toBe(true);
    expect(a.perDataset.fits.map((f) => f.label)).toEqual(['c4_original', 'rpj', 'rw_original']);
    expect(a.differences.rows.length).toBeGreaterThan(0);
    expect('samples' in (a.perDataset.fits[0].bootstrap ?? {})).toBe(false);
  });
});
