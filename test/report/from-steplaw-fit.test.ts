/**
 * The report's adapters from a StepLawFit, on the released dense file:
 * docs/method.md#fitting-procedure says the authors' procedure there gives
 * ln lr = 4.35268 − 0.766228·ln N + 0.197006·ln D and ln B = −1.56771 + 0.612529·ln D
 * (OLS, 129 kept runs), and that the paper's lr D-exponent 0.307 lies about
 * 3 bootstrap SDs away: the reproduction record must mark it outside.
 */
import { describe, expect, it } from 'vitest';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { stepLaw } from '../../src/laws/published/steplaw.js';
import { fitFiguresFromStepLawFit, reproductionRowsFromStepLawFit } from '../../src/report/from-steplaw-fit.js';
import { fitSection } from '../../src/report/standalone.js';
import { releasedGrids } from './fixture.js';

const published = { label: 'Step Law (published, bootstrap means)', coefficients: stepLaw().coefficients };

describe('report adapters from a StepLawFit (released dense file)', () => {
  const { dense, moe } = releasedGrids();
  const fit = fitStepLaw(dense, { band: 0.0025, bootstrap: 200, seed: 1 });

  it('reproduction record: published D-exponent of the lr (0.3075) outside the re-derived interval, batch D-exponent (0.5709) inside', () => {
    const rows = reproductionRowsFromStepLawFit(fit, published);
    const byName = Object.fromEntries(rows.map((r) => [r.quantity, r]));
    expect(byName['ln lr: D-exponent'].published).toBeCloseTo(0.307491, 6);
    expect(byName['ln lr: D-exponent'].estimate).toBeCloseTo(0.197, 1);
    expect(byName['ln lr: D-exponent'].hi).toBeLessThan(0.307491);
    expect(byName['ln B: D-exponent'].published).toBeCloseTo(0.570944, 6);
    expect(byName['ln B: D-exponent'].lo).toBeLessThan(0.570944);
    expect(byName['ln B: D-exponent'].hi).toBeGreaterThan(0.570944);
    // ln B on ln N is not fitted (the paper's form): no row for it
    expect(rows.map((r) => r.quantity)).toEqual(['ln lr: intercept', 'ln lr: N-exponent', 'ln lr: D-exponent', 'ln B: intercept', 'ln B: D-exponent']);
  });

  it('fit figures: three, with 129 band-selected runs each (docs/method.md#fitting-procedure)', () => {
    const figs = fitFiguresFromStepLawFit(fit, published);
    expect(figs.map((f) => f.id)).toEqual(['fit-lr-vs-N', 'fit-lr-vs-D', 'fit-batch-vs-D']);
    for (const f of figs) expect(f.points).toHaveLength(129);
  });

  it('MoE: total N barely varies, so the fit drops the N term and there is no lr-vs-N figure', () => {
    const moeFit = fitStepLaw(moe, { band: 0.0025, bootstrap: 50, seed: 0 });
    const analysis = { label: 'moe', source: 'moe_lr_bs_loss.csv', grids: moe, fit: { ok: true as const, value: moeFit }, validations: [], comparison: { ok: false as const, subject: 'compare', error: 'not run' }, slices: [] };
    const section = fitSection(analysis, published);
    const ids = section.items.flatMap((i) => (i.kind === 'fit' ? [i.figure.id] : []));
    expect(ids).toEqual(['fit-moe-lr-vs-D', 'fit-moe-batch-vs-D']);
    expect(section.items.some((i) => i.kind === 'text')).toBe(true);
  });
});

describe('intercepts compared where comparable (MoE: the fit has no N term)', () => {
  const { moe } = releasedGrids();
  const fit = fitStepLaw(moe, { band: 0.0025, bootstrap: 200, seed: 0 });
  const rows = reproductionRowsFromStepLawFit(fit, published);
  const lr = rows.find((r) => r.quantity.startsWith('ln lr: intercept'))!;

  it('compares the published lr intercept at the slice N: c0 + cN·ln N_ref, not the bare c0', () => {
    expect(fit.lr.terms.map((t) => t.term)).toEqual(['intercept', 'lnD']);
    // N_ref: geometric mean N of the kept runs, computed here from the runs themselves
    const Nref = Math.exp(fit.kept.reduce((a, r) => a + Math.log(r.N), 0) / fit.kept.length);
    expect(Nref).toBeGreaterThan(2.14e9);
    expect(Nref).toBeLessThan(2.16e9);
    // published bootstrap means (authors' rows): 0.586308 − 0.712922·ln N
    expect(lr.published).toBeCloseTo(0.586308 - 0.712922 * Math.log(Nref), 4);
    expect(lr.published).toBeCloseTo(-14.74, 1);
    expect(lr.publishedAsPrinted).toBeCloseTo(0.586308, 6);
    expect(lr.comparedAt?.N).toBeCloseTo(Nref, -3);
    expect(lr.quantity).toMatch(/^ln lr: intercept at N = 2\.15\de9$/);
    expect(lr.note).toContain('no N term');
    // now comparable: inside the re-derived interval (the bare 0.5863 would be far outside)
    expect(lr.published).toBeGreaterThanOrEqual(lr.lo);
    expect(lr.published).toBeLessThanOrEqual(lr.hi);
    expect(0.586308 < lr.lo || 0.586308 > lr.hi).toBe(true);
  });

  it('leaves the batch intercept as printed (the published batch law has no N term to absorb)', () => {
    const b = rows.find((r) => r.quantity.startsWith('ln B: intercept'))!;
    expect(b.quantity).toBe('ln B: intercept');
    expect(b.published).toBeCloseTo(-0.543542, 6);
    expect(b.publishedAsPrinted).toBeUndefined();
  });

  it('the dense fit (N term fitted) compares the intercept as printed', () => {
    const { dense } = releasedGrids();
    const d = reproductionRowsFromStepLawFit(fitStepLaw(dense, { band: 0.0025, bootstrap: 50, seed: 0 }), published);
    const i = d.find((r) => r.quantity === 'ln lr: intercept')!;
    expect(i.published).toBeCloseTo(0.586308, 6);
    expect(i.comparedAt).toBeUndefined();
  });
});
