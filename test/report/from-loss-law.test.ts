/**
 * Loss-law figures from a real fit: fitLossLaw on points generated exactly by
 * Hoffmann et al.'s approach-3 law (E 1.69, A 406.4, B 410.7, α 0.34, β 0.28)
 * recovers it, so every observed point sits on the diagonal; a one-N data set
 * gets the reduced law and no frontier figure.
 */
import { describe, expect, it } from 'vitest';
import { fitLossLaw } from '../../src/laws/loss-law.js';
import { chinchillaParams, lossLawCurves } from '../../src/laws/loss-law-curves.js';
import { lossLawItemsFromFit } from '../../src/report/from-loss-law.js';

const law = (N: number, D: number) => 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28;

describe('lossLawItemsFromFit', () => {
  it('full law: observed-vs-fitted on the diagonal and a frontier figure', () => {
    const pts = [1e8, 3e8, 1e9].flatMap((N) => [2e9, 8e9, 3.2e10].map((D) => ({ N, D, loss: law(N, D) })));
    const fit = fitLossLaw(pts);
    const items = lossLawItemsFromFit(fit, lossLawCurves(chinchillaParams(fit), pts), pts, 'synthetic');
    expect(items.map((i) => i.kind)).toEqual(['loss-observed', 'loss-frontier']);
    const obs = items[0].kind === 'loss-observed' ? items[0].figure : undefined;
    for (const p of obs!.points) expect(p.fitted / p.observed - 1).toBeCloseTo(0, 6);
  });

  it('one N: reduced law, no frontier', () => {
    const pts = [2e9, 8e9, 3.2e10, 1e11].map((D) => ({ N: 3e8, D, loss: law(3e8, D) }));
    const fit = fitLossLaw(pts);
    expect(fit.form).toBe('D-only');
    const items = lossLawItemsFromFit(fit, lossLawCurves(chinchillaParams(fit), pts), pts, 'synthetic');
    expect(items.map((i) => i.kind)).toEqual(['loss-observed']);
    const obs = items[0].kind === 'loss-observed' ? items[0].figure : undefined;
    for (const p of obs!.points) expect(p.fitted / p.observed - 1).toBeCloseTo(0, 4);
  });
});
