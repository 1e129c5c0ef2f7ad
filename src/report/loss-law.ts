/**
 * Loss-law figures: observed against fitted loss (with the diagonal), and the
 * (N, D) plane with iso-loss curves, the compute-optimal frontier and the
 * observed runs.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fmtNum } from './format.js';
import { axisFor, SCHEMA, titleBlock } from './spec.js';
import type { LossFrontierInput, LossObservedInput } from './types.js';

export function lossObservedSpec(input: LossObservedInput): TopLevelSpec {
  const vals = input.points.flatMap((p) => [p.observed, p.fitted]);
  const A = axisFor('fitted loss', vals, true, 1.02);
  const B = axisFor('observed loss', vals, true, 1.02);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  const hasSeries = input.points.some((p) => p.series !== undefined);
  return {
    $schema: SCHEMA,
    title: titleBlock(input),
    background: 'white',
    config: { view: { stroke: '#ccc' } },
    width: 360,
    height: 300,
    layer: [
      {
        data: { values: [{ a: lo, b: lo }, { a: hi, b: hi }] },
        mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'a', type: 'quantitative', scale: A.scale, axis: A.axis }, y: { field: 'b', type: 'quantitative', scale: B.scale, axis: B.axis } },
      },
      {
        data: { values: input.points.map((p) => ({ fitted: p.fitted, observed: p.observed, series: p.series ?? 'runs' })) },
        mark: { type: 'point', filled: true, size: 30, opacity: 0.75 },
        encoding: {
          x: { field: 'fitted', type: 'quantitative', scale: A.scale },
          y: { field: 'observed', type: 'quantitative', scale: B.scale },
          color: hasSeries ? { field: 'series', type: 'nominal', legend: { title: null, orient: 'bottom', labelLimit: 300 } } : { value: '#1f77b4' },
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

export function lossFrontierSpec(input: LossFrontierInput): TopLevelSpec {
  const Ns = [...input.isoLoss.flatMap((c) => c.points.map((p) => p.N)), ...input.frontier.map((p) => p.N), ...(input.runs ?? []).map((r) => r.N)];
  const Ds = [...(input.runs ?? []).map((r) => r.D), ...input.frontier.map((p) => p.D), ...input.isoLoss.flatMap((c) => c.points.map((p) => p.D))];
  // Keep the view on the runs and the frontier; iso-loss curves run off it.
  const focusD = [...(input.runs ?? []).map((r) => r.D), ...input.frontier.map((p) => p.D)];
  const X = axisFor('N (parameters)', Ns, true, 1.05);
  const Y = axisFor('D (training tokens)', focusD.length > 0 ? focusD : Ds, true, 1.5);
  const iso = input.isoLoss.flatMap((c) => c.points.map((p, k) => ({ N: p.N, D: p.D, level: `L = ${fmtNum(c.loss, 4)}`, k })));
  const layers: Record<string, unknown>[] = [
    {
      data: { values: iso },
      mark: { type: 'line', strokeWidth: 1, color: '#888', clip: true },
      encoding: {
        x: { field: 'N', type: 'quantitative', scale: X.scale, axis: X.axis },
        y: { field: 'D', type: 'quantitative', scale: Y.scale, axis: Y.axis },
        detail: { field: 'level', type: 'nominal' },
        order: { field: 'k', type: 'quantitative' },
      },
    },
    {
      data: { values: input.isoLoss.filter((c) => c.points.length > 0).map((c) => ({ ...c.points[c.points.length - 1], level: `L = ${fmtNum(c.loss, 4)}` })) },
      mark: { type: 'text', align: 'right', dx: -2, dy: -5, fontSize: 9, color: '#555', clip: true },
      encoding: { x: { field: 'N', type: 'quantitative', scale: X.scale }, y: { field: 'D', type: 'quantitative', scale: Y.scale }, text: { field: 'level' } },
    },
    {
      data: { values: input.frontier.map((p, k) => ({ ...p, k, what: 'compute-optimal frontier' })) },
      mark: { type: 'line', strokeWidth: 3, color: '#d62728', clip: true },
      encoding: { x: { field: 'N', type: 'quantitative', scale: X.scale }, y: { field: 'D', type: 'quantitative', scale: Y.scale }, order: { field: 'k', type: 'quantitative' } },
    },
  ];
  if (input.runs && input.runs.length > 0) {
    layers.push({
      data: { values: input.runs },
      mark: { type: 'point', filled: true, size: 26, opacity: 0.8, clip: true },
      encoding: {
        x: { field: 'N', type: 'quantitative', scale: X.scale },
        y: { field: 'D', type: 'quantitative', scale: Y.scale },
        color: { field: 'loss', type: 'quantitative', scale: { scheme: 'viridis', reverse: true }, legend: { title: 'observed loss', format: '.3~f' } },
      },
    });
  }
  return {
    $schema: SCHEMA,
    title: titleBlock(input),
    background: 'white',
    config: { view: { stroke: '#ccc' } },
    width: 380,
    height: 300,
    layer: layers,
  } as unknown as TopLevelSpec;
}
