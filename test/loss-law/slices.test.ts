/**
 * Issue 5 on synthetic slices: two slices built from loss laws whose exponents
 * differ by a known amount (seeded 1% noise) → the differences table's interval
 * for alpha excludes 0; with equal exponents it includes 0 in ≥ 90% of seeded
 * trials. Small 32-start grid and 100 bootstrap refits to stay fast (~4 s).
 * The same for compute-optimal slices (N*(C) exponents).
 */
import { describe, expect, it } from 'vitest';
import { fitLossLaw, predictLoss, type LossLawGrid, type LossPoint } from '../../src/laws/loss-law.js';
import { compareLossLawSlices } from '../../src/laws/loss-law-slices.js';
import { compareComputeOptimalSlices, fitComputeOptimal } from '../../src/laws/compute-optimal.js';
import type { OptimumPoint } from '../../src/ingest/optimal-pairs.js';
import { createRng, type Rng } from '../../src/util/random.js';

const GRID: LossLawGrid = { alpha: [0.2, 0.6], beta: [0.2, 0.6], e: [0, 1], a: [5, 10], b: [5, 10] };

function slice(law: { E: number; A: number; B: number; alpha: number; beta: number }, rng: Rng): LossPoint[] {
  const pts: LossPoint[] = [];
  for (const N of [2e7, 6e7, 2e8, 6e8, 2e9, 6e9]) {
    for (const M of [2, 5, 10, 20, 40, 80, 160, 320]) pts.push({ N, D: M * N, loss: predictLoss(law, N, M * N) * Math.exp(0.01 * rng.normal()) });
  }
  return pts;
}

const BASE = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

describe('compareLossLawSlices on synthetic slices', () => {
  it('detects an alpha difference of 0.12 (interval excludes 0) and not a beta difference that is not there', () => {
    const rng = createRng(77);
    const a = fitLossLaw(slice(BASE, rng), { grid: GRID, bootstrap: 100, seed: 1, label: 'a' });
    const b = fitLossLaw(slice({ ...BASE, alpha: 0.46, A: 406.4 * 1e7 ** 0.12 }, rng), { grid: GRID, bootstrap: 100, seed: 2, label: 'b' });
    const cmp = compareLossLawSlices([a, b], { quantities: ['alpha', 'beta'] });
    const dAlpha = cmp.rows[0].differences[0];
    expect(dAlpha.of).toEqual(['a', 'b']);
    expect(dAlpha.estimate).toBeLessThan(0);
    expect(dAlpha.excludesZero).toBe(true);
    expect(dAlpha.ci95![0]).toBeLessThan(-0.12 / 2);
    expect(cmp.rows[1].differences[0].excludesZero).toBe(false);
  });

  it('with equal exponents the alpha and beta intervals include 0 in ≥ 90% of 10 seeded trials', () => {
    const falseAlarms = { alpha: 0, beta: 0 };
    for (let k = 0; k < 10; k++) {
      const rng = createRng(500 + k);
      const a = fitLossLaw(slice(BASE, rng), { grid: GRID, bootstrap: 100, seed: 2 * k, label: 'a' });
      const b = fitLossLaw(slice(BASE, rng), { grid: GRID, bootstrap: 100, seed: 2 * k + 1, label: 'b' });
      const cmp = compareLossLawSlices([a, b], { quantities: ['alpha', 'beta'] });
      if (cmp.rows[0].differences[0].excludesZero) falseAlarms.alpha++;
      if (cmp.rows[1].differences[0].excludesZero) falseAlarms.beta++;
    }
    expect(falseAlarms.alpha).toBeLessThanOrEqual(1);
    expect(falseAlarms.beta).toBeLessThanOrEqual(1);
  });
});

describe('compareComputeOptimalSlices on synthetic slices', () => {
  /** 12 budgets, ln N* = ln k + a ln C + noise with log-std σ_i. */
  function optima(dataset: string, a: number, rng: Rng, rowBase: number): OptimumPoint[] {
    return Array.from({ length: 12 }, (_, i) => {
      const C = 1e16 * 2 ** i;
      const s = 0.05 + 0.01 * (i % 3);
      const Nstar = 0.1 * C ** a * Math.exp(s * rng.normal());
      return { file: 'synthetic', row: rowBase + i, config: { dataset, recipe: 'x' }, C, Nstar, NstarLogStd: s, Dstar: NaN, DstarLogStd: NaN };
    });
  }
  const table = (points: OptimumPoint[]) => ({ file: 'synthetic', configColumns: ['dataset', 'recipe'], provenanceColumns: [], points, warnings: [] });

  it('detects an exponent difference of 0.05; equal exponents give intervals including 0 in ≥ 90% of 20 trials', () => {
    const rng = createRng(9);
    const diff = compareComputeOptimalSlices(
      fitComputeOptimal(table([...optima('p', 0.5, rng, 1), ...optima('q', 0.55, rng, 13)]), { bootstrap: 500, seed: 1 }),
      { by: 'dataset' },
    );
    expect(diff).toHaveLength(1);
    expect(diff[0].difference.of).toEqual(['p', 'q']);
    expect(diff[0].difference.excludesZero).toBe(true);
    let alarms = 0;
    for (let k = 0; k < 20; k++) {
      const r = createRng(100 + k);
      const cmp = compareComputeOptimalSlices(
        fitComputeOptimal(table([...optima('p', 0.5, r, 1), ...optima('q', 0.5, r, 13)]), { bootstrap: 300, seed: k * 7 }),
        { by: 'dataset' },
      );
      if (cmp[0].difference.excludesZero) alarms++;
    }
    expect(alarms).toBeLessThanOrEqual(2);
  });
});
