/**
 * Fit figures from a log-linear law: on runs generated exactly by the law the
 * D-adjusted points lie on the fitted line (residuals 0); the published line is
 * the published formula at the reference D; the band brackets the line; the
 * SVG is deterministic, matches its snapshot and names its axes and series.
 */
import { describe, expect, it } from 'vitest';
import { fitFiguresFromLogLinear } from '../../src/report/adapters.js';
import { fitSpec, residuals } from '../../src/report/fit.js';
import { renderSvg } from '../../src/report/svg.js';
import type { LogLinearCoefficients } from '../../src/laws/law.js';
import { ariaFields, markLabels, svgTexts } from './synthetic.js';
import { STEP_LAW_ROUNDED } from './fixture.js';

// The "true" law of the synthetic runs: lr = 80·N^−0.77·D^0.2, B = 0.2·D^0.61 (close to docs/method.md#fitting-procedure's released-file fit).
const TRUE: LogLinearCoefficients = {
  lr: { intercept: Math.log(80), coefN: -0.77, coefD: 0.2 },
  batch: { intercept: Math.log(0.2), coefN: 0, coefD: 0.61 },
};
const Ns = [2e8, 4e8, 1e9];
const Ds = [4e9, 2e10, 1e11];
const runs = Ns.flatMap((N) => Ds.map((D) => ({ N, D, lr: 80 * N ** -0.77 * D ** 0.2, batchTokens: 0.2 * D ** 0.61 })));
const shift = (c: LogLinearCoefficients, d: number): LogLinearCoefficients => ({
  lr: { ...c.lr, intercept: c.lr.intercept + d },
  batch: { ...c.batch, intercept: c.batch.intercept + d },
});
const bootstrap = [-0.1, -0.05, 0, 0.05, 0.1].map((d) => shift(TRUE, d));
const figs = fitFiguresFromLogLinear({
  coefficients: TRUE,
  bootstrap,
  runs,
  published: { label: 'Step Law (published, rounded)', coefficients: STEP_LAW_ROUNDED },
  fitLabel: 'synthetic fit',
  source: 'synthetic.csv',
});
const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const Dref = geo(runs.map((r) => r.D));

describe('fitFiguresFromLogLinear', () => {
  it('gives lr vs N, lr vs D and batch vs D', () => {
    expect(figs.map((f) => f.id)).toEqual(['fit-lr-vs-N', 'fit-lr-vs-D', 'fit-batch-vs-D']);
  });

  it('adjusts points to the reference D so exact-law runs lie on the fitted line (residual 0)', () => {
    for (const f of figs) {
      for (const p of f.points) expect(Math.abs(p.y / p.fitted! - 1)).toBeLessThan(1e-12);
      for (const r of residuals(f)) expect(Math.abs(r.residual)).toBeLessThan(1e-12);
    }
  });

  it('draws the published law at the reference D: lr = 1.79·N^−0.713·Dref^0.307', () => {
    const f = figs[0];
    for (const p of f.published!.line) expect(p.y / (1.79 * p.x ** -0.713 * Dref ** 0.307) - 1).toBeCloseTo(0, 12);
    // batch vs D: B = 0.58·D^0.571 (no N term)
    for (const p of figs[2].published!.line) expect(p.y / (0.58 * p.x ** 0.571) - 1).toBeCloseTo(0, 12);
  });

  it('band from the bootstrap rows: 2.5% / 97.5% type-7 quantiles of the predicted ln y', () => {
    // Five rows shifted by −0.1, −0.05, 0, 0.05, 0.1: h = (5 − 1)·0.025 = 0.1, Q = −0.1 + 0.1·(−0.05 − (−0.1)) = −0.095.
    for (const p of figs[0].fitted.line) {
      expect(Math.log(p.lo! / p.y)).toBeCloseTo(-0.095, 10);
      expect(Math.log(p.hi! / p.y)).toBeCloseTo(0.095, 10);
    }
  });

  it('captions say what data, which fit and which published law', () => {
    expect(figs[0].caption).toContain('synthetic.csv');
    expect(figs[0].caption).toContain('synthetic fit');
    expect(figs[0].caption).toContain('Step Law (published, rounded)');
  });
});

describe('fit SVG', async () => {
  const a = await renderSvg(fitSpec(figs[0]), 'fit-test');
  const b = await renderSvg(fitSpec(figs[0]), 'fit-test');

  it('renders without warnings, byte-identical twice, and matches the committed snapshot', async () => {
    expect(a.warnings).toEqual([]);
    expect(a.svg).toBe(b.svg);
    await expect(a.svg).toMatchFileSnapshot('./__snapshots__/fit-lr-vs-N.svg');
  });

  it('has the axes, the series legend, the residual panel and one point per run in each panel', async () => {
    const texts = svgTexts(a.svg);
    expect(texts).toEqual(
      expect.arrayContaining(['N (non-embedding parameters)', 'optimal lr', 'residual ln(y / fitted)', 'synthetic fit', 'Step Law (published, rounded)', 'runs within 0.25% of min']),
    );
    expect(texts).toContain(figs[0].title);
    const labels = (await markLabels(fitSpec(figs[0]))).map(ariaFields);
    expect(labels.filter((l) => l.runs === 'runs within 0.25% of min')).toHaveLength(runs.length);
    expect(labels.filter((l) => 'residual' in l)).toHaveLength(runs.length);
    // The legend draws the lines as lines (stroke symbols), the runs as a filled square.
    const legend = [...a.svg.matchAll(/<g class="mark-symbol role-legend-symbol"[^>]*>(.*?)<\/g>/g)].map((m) => m[1]).join('');
    const symbols = [...legend.matchAll(/<path[^>]*>/g)].map((m) => m[0]);
    const lines = symbols.filter((p) => /d="M-?[\d.]+,0H[\d.]+"/.test(p) || /d="M-?[\d.]+,0L[\d.]+,0"/.test(p));
    expect(lines.length).toBe(2);
    expect(lines.some((p) => /stroke-dasharray="6,4"/.test(p))).toBe(true);
    // Tick labels in the short exponent form.
    expect(texts).toEqual(expect.arrayContaining(['2e8', '5e8', '1e9']));
  });
});
