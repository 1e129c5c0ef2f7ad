/**
 * Forest and loss-law figures, and landscape edge cases: what the rendered SVG
 * contains (each mark's data, read with vega's default ARIA labels on the same
 * spec, and the hover titles of the report's SVG), not only that it renders.
 */
import { describe, expect, it } from 'vitest';
import { forestSpec } from '../../src/report/forest.js';
import { lossFrontierSpec, lossObservedSpec } from '../../src/report/loss-law.js';
import { landscapeSpec, lattice } from '../../src/report/landscape.js';
import { lossLawFigures } from '../../src/report/adapters.js';
import { lossLawCurves } from '../../src/laws/loss-law-curves.js';
import { renderSvg } from '../../src/report/svg.js';
import type { ForestInput, LandscapeInput } from '../../src/report/types.js';
import { ariaFields, markLabels, markTitles, svgTexts } from './synthetic.js';

const forest: ForestInput = {
  id: 'forest',
  title: 'D-exponents by sparsity',
  caption: 'per-slice estimates',
  rows: [
    { slice: '1in89', exponent: 'lr: D-exponent', estimate: 0.25, lo: 0.2, hi: 0.3 },
    { slice: '3in8', exponent: 'lr: D-exponent', estimate: 0.31, lo: 0.26, hi: 0.36 },
    { slice: '1in89', exponent: 'batch: D-exponent', estimate: 0.55, lo: 0.5, hi: 0.6 },
    { slice: '3in8', exponent: 'batch: D-exponent', estimate: 0.6, lo: 0.52, hi: 0.68 },
  ],
  pooled: [
    { exponent: 'lr: D-exponent', estimate: 0.28, lo: 0.25, hi: 0.31 },
    { exponent: 'batch: D-exponent', estimate: 0.57 },
  ],
  published: [{ exponent: 'lr: D-exponent', value: 0.307, label: 'Step Law' }],
};

describe('forest plot', async () => {
  const { svg, warnings } = await renderSvg(forestSpec(forest), 'forest');
  const labels = (await markLabels(forestSpec(forest))).map(ariaFields);
  it('has one interval and one estimate per row, and the pooled and published reference lines', () => {
    expect(warnings).toEqual([]);
    for (const r of forest.rows) {
      expect(labels.some((l) => l.slice === r.slice && Number(l.lo) === r.lo && Number(l.hi) === r.hi)).toBe(true);
      expect(labels.some((l) => l.slice === r.slice && Number(l.estimate) === r.estimate)).toBe(true);
    }
    expect(labels.filter((l) => l.what === 'pooled estimate').map((l) => Number(l.v))).toEqual([0.28, 0.57]);
    expect(labels.filter((l) => l.label === 'Step Law').map((l) => Number(l.v))).toEqual([0.307]);
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['1in89', '3in8', 'lr: D-exponent (95% bootstrap interval)', 'batch: D-exponent (95% bootstrap interval)', forest.title]));
  });
});

describe('loss-law figures', async () => {
  const P = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
  const runs = [1e8, 1e9].flatMap((N) => [2e9, 2e10].map((D) => ({ N, D, loss: 1.69 + 406.4 / N ** 0.34 + 410.7 / D ** 0.28 })));
  const figs = lossLawFigures({ curves: lossLawCurves(P, runs, [2.6, 2.9]), runs, lawLabel: 'Chinchilla form', source: 'synthetic' });
  const obs = await renderSvg(lossObservedSpec(figs.observed), 'obs');
  const fr = await renderSvg(lossFrontierSpec(figs.frontier), 'fr');
  it('observed vs fitted: one point per run on the diagonal (exact synthetic law)', async () => {
    expect(obs.warnings).toEqual([]);
    const pts = (await markLabels(lossObservedSpec(figs.observed))).map(ariaFields).filter((l) => 'observed' in l);
    expect(pts).toHaveLength(4);
    for (const p of pts) expect(Number(p.observed)).toBeCloseTo(Number(p.fitted), 4);
    expect(svgTexts(obs.svg)).toEqual(expect.arrayContaining(['fitted loss', 'observed loss']));
  });
  it('frontier: iso-loss labels, frontier line, runs, axis titles', () => {
    expect(fr.warnings).toEqual([]);
    const texts = svgTexts(fr.svg);
    expect(texts).toEqual(expect.arrayContaining(['L = 2.6', 'L = 2.9', 'N (parameters)', 'D (training tokens)', 'observed loss']));
  });
});

describe('landscape edge cases', () => {
  const base: LandscapeInput = {
    id: 'edge',
    title: 'edge',
    caption: 'edge cases',
    cells: [{ lr: 1e-3, batchTokens: 1e6, loss: 2 }],
    minimum: { lr: 1e-3, batchTokens: 1e6, loss: 2 },
    predictions: [],
  };
  it('a single-run group renders (one cell, no contours)', async () => {
    const spec = landscapeSpec(base) as unknown as { layer: { mark: { type: string } }[] };
    expect(spec.layer.filter((l) => l.mark.type === 'line')).toEqual([]);
    const { svg, warnings } = await renderSvg(landscapeSpec(base), 'one');
    expect(warnings).toEqual([]);
    const titles = markTitles(svg);
    expect(titles.filter((t) => t.startsWith('grid minimum:'))).toHaveLength(1);
    expect(titles.filter((t) => t.startsWith('lr: 1e-3; batch: 1e6; loss: 2 '))).toHaveLength(1);
  });
  it('a prediction outside the lattice is drawn in a margin with an arrow and says so; the grid keeps ≥ 80% of the plot', async () => {
    const cells = [1e-3, 2e-3, 4e-3].flatMap((lr) => [1e6, 2e6].map((b) => ({ lr, batchTokens: b, loss: 2 + lr })));
    const input = { ...base, cells, minimum: { lr: 1e-3, batchTokens: 1e6, loss: 2.001 }, predictions: [{ law: 'far law', lr: 0.5, batchTokens: 1e9 }] };
    const spec = landscapeSpec(input) as unknown as { layer: { data?: { values: Record<string, number | string>[] }; encoding: { x?: { scale?: { domain: number[] } } } }[] };
    const dom = spec.layer.find((l) => l.encoding.x?.scale)!.encoding.x!.scale!.domain;
    // lattice edges: 1e-3/√2 … 4e-3·√2 in lr
    const grid = Math.log((4e-3 * Math.SQRT2) / (1e-3 / Math.SQRT2));
    expect(grid / Math.log(dom[1] / dom[0])).toBeGreaterThan(0.8);
    expect(dom[1]).toBeLessThan(0.5);
    const far = spec.layer.flatMap((l) => l.data?.values ?? []).find((v) => v.law === 'far law')!;
    expect(Number(far.lr)).toBeGreaterThan(4e-3 * Math.SQRT2);
    expect(Number(far.lr)).toBeLessThan(dom[1]);
    const { svg, warnings } = await renderSvg(landscapeSpec(input), 'far');
    expect(warnings).toEqual([]);
    expect(markTitles(svg)).toContain('far law: lr 0.5; batch 1e9; outside the grid (lr above, batch above)');
    expect(svgTexts(svg)).toContain('↗');
  });
  it('a law with only a batch formula is a horizontal line; one with only an lr formula a vertical line; no labels in the plot to collide', async () => {
    const cells = [1e-3, 2e-3, 4e-3].flatMap((lr) => [1e6, 2e6].map((b) => ({ lr, batchTokens: b, loss: 2 + lr })));
    const input = { ...base, cells, minimum: { lr: 1e-3, batchTokens: 1e6, loss: 2.001 }, predictions: [{ law: 'batch law', batchTokens: 2e6 }, { law: 'lr law', lr: 2e-3 }] };
    const spec = landscapeSpec(input);
    const { svg, warnings } = await renderSvg(spec, 'lines');
    expect(warnings).toEqual([]);
    const labels = (await markLabels(spec)).map(ariaFields);
    // the rules carry only their encoded coordinate
    expect(labels.some((l) => Object.keys(l).join() === 'v' && Number(l.v.replace(/,/g, '')) === 2e6)).toBe(true);
    expect(labels.some((l) => Object.keys(l).join() === 'v' && Number(l.v) === 2e-3)).toBe(true);
    expect(markTitles(svg)).toEqual(expect.arrayContaining(['batch law: no lr formula; batch 2e6', 'lr law: lr 2e-3; no batch formula']));
    expect(svgTexts(svg).filter((t) => t.includes('law'))).toEqual([]);
  });

  it('merges lr values written with mixed rounding into one lattice level (0.000345 / 0.0003453)', () => {
    const lat = lattice({
      ...base,
      cells: [
        { lr: 0.000345, batchTokens: 1e6, loss: 2.1 },
        { lr: 0.0003453, batchTokens: 2e6, loss: 2.2 },
        { lr: 0.000488, batchTokens: 1e6, loss: 2 },
      ],
      minimum: { lr: 0.000488, batchTokens: 1e6, loss: 2 },
    });
    expect(lat.lr).toHaveLength(2);
    expect(lat.batch).toEqual([1e6, 2e6]);
    expect(lat.rel[0][0]).toBeCloseTo(0.05, 12);
    expect(lat.rel[0][1]).toBeCloseTo(0.1, 12);
  });

  it('rejects a landscape without any finite loss', () => {
    expect(() => landscapeSpec({ ...base, cells: [{ lr: 1e-3, batchTokens: 1e6, loss: NaN }] })).toThrow(/no cell with a finite loss/);
  });
});
