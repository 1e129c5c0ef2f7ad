/**
 * Fit figure: an optimal hyperparameter (lr or batch) against N or D on log
 * axes — the band-selected runs as points, the fitted line with its bootstrap
 * band, the published line (dashed) for comparison — and below it the
 * residual panel, ln(y / fitted) per point, with the zero line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { axisFor, SCHEMA, titleBlock } from './spec.js';
import type { FitLineInput } from './types.js';

/** Residual ln(y / fitted) of each point that has a fitted value. */
export function residuals(input: FitLineInput): { x: number; residual: number }[] {
  return input.points.filter((p) => p.fitted !== undefined && p.fitted > 0 && p.y > 0).map((p) => ({ x: p.x, residual: Math.log(p.y / p.fitted!) }));
}

export function fitSpec(input: FitLineInput): TopLevelSpec {
  const xLog = input.x.log ?? true;
  const yLog = input.y.log ?? true;
  const line = input.fitted.line;
  const pub = input.published?.line ?? [];
  const xs = [...input.points.map((p) => p.x), ...line.map((p) => p.x)];
  const ys = [
    ...input.points.map((p) => p.y),
    ...line.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]),
    ...pub.map((p) => p.y),
  ];
  const X = axisFor(input.x.title, xs, xLog, 1.02);
  const Y = axisFor(input.y.title, ys, yLog, 1.15);
  const x = { field: 'x', type: 'quantitative', scale: X.scale, axis: X.axis };
  const xNoAxis = { field: 'x', type: 'quantitative', scale: X.scale };
  const y = { field: 'y', type: 'quantitative', scale: Y.scale, axis: Y.axis };
  // Points and lines have legends of their own, so a line's legend entry is a line (solid or dashed), not a dot.
  const legend = { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 500 };
  const colour = { field: 'runs', type: 'nominal', scale: { domain: [input.pointsLabel], range: ['#555'] }, legend: { ...legend, symbolType: 'square', symbolOpacity: 0.8 } };
  const lineSeries = [input.fitted.label, ...(input.published ? [input.published.label] : [])];
  const lineLegend = { ...legend, symbolType: 'stroke', symbolStrokeWidth: 2, symbolSize: 300 };
  const stroke = { field: 'line', type: 'nominal', scale: { domain: lineSeries, range: ['#d62728', '#1f77b4'].slice(0, lineSeries.length) }, legend: lineLegend };
  const dash = { field: 'line', type: 'nominal', scale: { domain: lineSeries, range: [[], [6, 4]].slice(0, lineSeries.length) }, legend: lineLegend };

  const layers: Record<string, unknown>[] = [];
  const band = line.filter((p) => p.lo !== undefined && p.hi !== undefined);
  if (band.length >= 2) {
    layers.push({
      data: { values: band.map((p) => ({ x: p.x, lo: p.lo, hi: p.hi })) },
      mark: { type: 'area', color: '#d62728', opacity: 0.18 },
      encoding: { x, y: { field: 'lo', type: 'quantitative', scale: Y.scale, axis: Y.axis }, y2: { field: 'hi' } },
    });
  }
  layers.push({
    data: { values: input.points.map((p) => ({ x: p.x, y: p.y, runs: input.pointsLabel })) },
    mark: { type: 'point', shape: 'square', filled: true, size: 22, opacity: 0.65 },
    encoding: { x, y, color: colour },
  });
  layers.push({
    data: { values: line.map((p) => ({ x: p.x, y: p.y, line: input.fitted.label })) },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: { x: xNoAxis, y: { field: 'y', type: 'quantitative', scale: Y.scale }, stroke, strokeDash: dash },
  });
  if (input.published) {
    layers.push({
      data: { values: pub.map((p) => ({ x: p.x, y: p.y, line: input.published!.label })) },
      mark: { type: 'line', strokeWidth: 2 },
      encoding: { x: xNoAxis, y: { field: 'y', type: 'quantitative', scale: Y.scale }, stroke, strokeDash: dash },
    });
  }
  const main = { width: 300, height: 200, layer: layers };
  const res = residuals(input);
  const wantResiduals = (input.residuals ?? true) && res.length > 0;
  const base = { $schema: SCHEMA, title: titleBlock(input), background: 'white', config: { view: { stroke: '#ccc' } } };
  if (!wantResiduals) return { ...base, ...main } as unknown as TopLevelSpec;
  const R = axisFor('residual ln(y / fitted)', [...res.map((r) => r.residual), 0], false);
  const resPanel = {
    width: 300,
    height: 70,
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#d62728' }, encoding: { y: { field: 'zero', type: 'quantitative', scale: R.scale } } },
      {
        data: { values: res },
        mark: { type: 'point', shape: 'square', filled: true, size: 18, color: '#555', opacity: 0.65 },
        encoding: { x, y: { field: 'residual', type: 'quantitative', scale: R.scale, axis: R.axis } },
      },
    ],
  };
  return { ...base, vconcat: [main, resPanel], spacing: 8 } as unknown as TopLevelSpec;
}
