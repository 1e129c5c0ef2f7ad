/**
 * A full report input with every figure and table kind, for the report tests:
 * - landscapes from the released Step Law data (two dense groups, one MoE group);
 * - fit figures from an OLS fit of ln lr ~ ln N + ln D and ln B ~ ln D on the
 *   runs within 0.25% of their dense group minimum (docs/method.md#fitting-procedure, step 2–3),
 *   with a small seeded bootstrap (this fixture's own, not the product fit);
 * - a forest plot, a loss-law pair and the three tables from synthetic numbers.
 *
 * The published Step Law (rounded; docs/method.md#step-law, Li et al. arXiv 2503.04715):
 * ln lr = ln 1.79 − 0.713 ln N + 0.307 ln D;  B = 0.58·D^0.571 tokens.
 */
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep, withinBand, type Grid } from '../../src/sweep/grid.js';
import { ols } from '../../src/fitter/ols.js';
import { createRng } from '../../src/util/random.js';
import type { LogLinearCoefficients } from '../../src/laws/law.js';
import { landscapeFromGrid, fitFiguresFromLogLinear, lossLawFigures, type LandscapeLaw } from '../../src/report/adapters.js';
import { lossLawCurves } from '../../src/laws/loss-law-curves.js';
import { compareTable, reproductionTable, validationTable } from '../../src/report/tables.js';
import type { ReportInput } from '../../src/report/types.js';
import { repoData } from '../helpers/paths.js';

export const STEP_LAW_ROUNDED: LogLinearCoefficients = {
  lr: { intercept: Math.log(1.79), coefN: -0.713, coefD: 0.307 },
  batch: { intercept: Math.log(0.58), coefN: 0, coefD: 0.571 },
};

export const stepLawRounded: LandscapeLaw = {
  label: 'Step Law (published, rounded)',
  predict: ({ N, D }) =>
    N !== undefined && D !== undefined ? { lr: 1.79 * N ** -0.713 * D ** 0.307, batchTokens: 0.58 * D ** 0.571 } : {},
};

/** Porian et al. 2024 lr = 3.7·N^−0.36 — given here without its batch law, to exercise the lr-only marker. */
export const porianLrOnly: LandscapeLaw = {
  label: 'Porian et al. lr law',
  predict: ({ N }) => (N !== undefined ? { lr: 3.7 * N ** -0.36 } : {}),
};

let cache: { dense: Grid[]; moe: Grid[] } | undefined;
export function releasedGrids(): { dense: Grid[]; moe: Grid[] } {
  if (!cache) {
    const dense = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids;
    const moe = groupSweep(loadSweep([repoData('steplaw', 'moe_lr_bs_loss.csv')])).grids;
    cache = { dense, moe };
  }
  return cache;
}

function olsLogLinear(runs: { N: number; D: number; lr: number; batchTokens: number }[]): LogLinearCoefficients {
  const lr = ols(
    runs.map((r) => [1, Math.log(r.N), Math.log(r.D)]),
    runs.map((r) => Math.log(r.lr)),
  ).coef;
  const b = ols(
    runs.map((r) => [1, Math.log(r.D)]),
    runs.map((r) => Math.log(r.batchTokens)),
  ).coef;
  return { lr: { intercept: lr[0], coefN: lr[1], coefD: lr[2] }, batch: { intercept: b[0], coefN: 0, coefD: b[1] } };
}

export function fullReportInput(): ReportInput {
  const { dense, moe } = releasedGrids();
  const kept = dense.flatMap((g) => withinBand(g, 0.0025).map((r) => ({ N: r.N, D: r.D, lr: r.lr, batchTokens: r.batchTokens, label: g.key })));
  const coefficients = olsLogLinear(kept);
  const rng = createRng(7);
  const bootstrap = Array.from({ length: 60 }, () => olsLogLinear(kept.map(() => kept[rng.int(kept.length)])));
  const fits = fitFiguresFromLogLinear({
    coefficients,
    bootstrap,
    runs: kept,
    published: { label: 'Step Law (published, rounded)', coefficients: STEP_LAW_ROUNDED },
    fitLabel: 'OLS on the released dense runs',
    source: 'dense_lr_bs_loss.csv',
  });
  const lossRuns = [1e8, 3e8, 1e9].flatMap((N, i) =>
    [2e9, 8e9, 3.2e10].map((D, j) => ({ N, D, loss: 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28 + 0.004 * (((i + 2 * j) % 3) - 1), series: j === 0 ? 'c4' : 'rpj' })),
  );
  const loss = lossLawFigures({
    // Hoffmann et al. 2022 (Chinchilla) approach-3 fit: E 1.69, A 406.4, B 410.7, α 0.34, β 0.28.
    curves: lossLawCurves({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }, lossRuns),
    runs: lossRuns,
    lawLabel: 'L = E + A/N^α + B/D^β',
    source: 'synthetic runs',
  });
  const laws = [stepLawRounded, porianLrOnly];
  return {
    title: 'steplaw report — test fixture',
    intro: ['Released Step Law runs (dense and MoE) with the published Step Law marked; synthetic numbers for the slice, loss-law and table sections.'],
    sections: [
      {
        id: 'landscapes',
        title: 'Loss landscapes',
        items: [
          { kind: 'landscape', figure: landscapeFromGrid(dense[0], { laws }) },
          { kind: 'landscape', figure: landscapeFromGrid(dense[8], { laws }) },
          { kind: 'landscape', figure: landscapeFromGrid(moe[0], { laws: [stepLawRounded] }) },
        ],
      },
      { id: 'fits', title: 'Fits', items: fits.map((f) => ({ kind: 'fit' as const, figure: f })) },
      {
        id: 'slices',
        title: 'Slices',
        items: [
          {
            kind: 'forest',
            figure: {
              id: 'forest-moe-sparsity',
              title: 'D-exponents by MoE sparsity',
              caption: 'Synthetic numbers: per-slice D-exponent with 95% interval; pooled estimate as reference.',
              rows: ['1in89', '2in88', '1in8', '3in8'].flatMap((s, k) => [
                { slice: s, exponent: 'lr: D-exponent', estimate: 0.25 + 0.03 * k, lo: 0.18 + 0.03 * k, hi: 0.33 + 0.03 * k },
                { slice: s, exponent: 'batch: D-exponent', estimate: 0.55 + 0.02 * k, lo: 0.45 + 0.02 * k, hi: 0.65 + 0.02 * k },
              ]),
              pooled: [
                { exponent: 'lr: D-exponent', estimate: 0.29, lo: 0.26, hi: 0.32 },
                { exponent: 'batch: D-exponent', estimate: 0.58, lo: 0.54, hi: 0.62 },
              ],
              published: [
                { exponent: 'lr: D-exponent', value: 0.307, label: 'Step Law' },
                { exponent: 'batch: D-exponent', value: 0.571, label: 'Step Law' },
              ],
            },
          },
        ],
      },
      {
        id: 'loss-law',
        title: 'Loss law',
        items: [
          { kind: 'loss-observed', figure: loss.observed },
          { kind: 'loss-frontier', figure: loss.frontier },
        ],
      },
      {
        id: 'tables',
        title: 'Tables',
        items: [
          {
            kind: 'table',
            table: validationTable(
              'validation',
              'Step Law',
              [
                { group: 'N=2.147e+8 D=1e+11', N: 2.147e8, D: 1e11, predictedLr: 4.9e-3, predictedBatch: 1.1e6, argminLr: 7.8e-3, argminBatch: 2.1e6, argminLoss: 2.342, lossAtPrediction: 2.344, relativeError: 0.00085, insideBand: true },
                { group: 'N=1.074e+9 D=5.69e+10', N: 1.074e9, D: 5.69e10, predictedLr: 1.7e-3, predictedBatch: 8e5, argminLr: 2e-3, argminBatch: 1e6, argminLoss: 2.1, lossAtPrediction: 2.1065, relativeError: 0.0031, insideBand: false, flags: ['partial group'] },
              ],
              'Synthetic rows.',
            ),
          },
          {
            kind: 'table',
            table: compareTable(
              'compare',
              [
                { law: 'OpenAI', meanRelativeError: 0.0095, maxRelativeError: 0.03, groups: 17 },
                { law: 'Step Law', meanRelativeError: 0.00096, medianRelativeError: 0.0007, maxRelativeError: 0.0031, groups: 17 },
              ],
              'Synthetic rows.',
            ),
          },
          {
            kind: 'table',
            table: reproductionTable(
              'reproduction',
              [
                { quantity: 'lr: D-exponent', published: 0.307, estimate: 0.197, lo: 0.16, hi: 0.24, note: 'released runs only' },
                { quantity: 'batch: D-exponent', published: 0.571, estimate: 0.613, lo: 0.55, hi: 0.68 },
              ],
              'Synthetic rows.',
            ),
          },
        ],
      },
    ],
  };
}

/** Figure kinds the issue requires, and how many figures of each the fixture has. */
export const FIXTURE_FIGURES = { landscape: 3, fit: 3, forest: 1, 'loss-observed': 1, 'loss-frontier': 1 } as const;
