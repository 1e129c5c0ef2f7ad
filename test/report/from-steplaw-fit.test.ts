/**
 * The report's adapters from a StepLawFit, on the released dense file:
 * REFERENCE.md §2 says the authors' procedure there gives
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

  it('fit figures: three, with 129 band-selected runs each (REFERENCE.md §2)', () => {
    const figs = fitFiguresFromStepLawFit(fit, published);
    expect(figs.map((f) => f.id)).toEqual(['fit-lr-vs-N', 'fit-lr-vs-D', 'fit-batch-vs-D']);
    for (const f of figs) expect(f.points).toHaveLength(129);
  });

  it('MoE: total N barely varies, so the fit drops the N term and there is no lr-vs-N figure', () => {
    const section = fitSection({ label: 'moe', source: 'moe_lr_bs_loss.csv', grids: moe }, published, { band: 0.0025, bootstrap: 50 });
    const ids = section.items.flatMap((i) => (i.kind === 'fit' ? [i.figure.id] : []));
    expect(ids).toEqual(['fit-moe-lr-vs-D', 'fit-moe-batch-vs-D']);
    expect(section.items.some((i) => i.kind === 'text')).toBe(true);
  });
});
