/**
 * Loss-law figures: observed against fitted loss (with the diagonal), and the
 * (N, D) plane with iso-loss curves, the compute-optimal frontier and the
 * observed runs.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fmtNum } from './format.js';
import { axisFor, SCHEMA, titleBlock } from './spec.js';
import type { LossFrontierInput, LossObservedInput } from './types.js';
import { minOf, maxOf } from '../util/arrays.js';

export function lossObservedSpec(input: LossObservedInput): TopLevelSpec {
  const vals = input.points.flatMap((p) => [p.observed, p.fitted]);
  const A = axisFor('fitted loss', vals, true, 1.02);
  const B = axisFor('observed loss', vals, true, 1.02);
  const lo = minOf(vals);
  const hi = maxOf(vals);
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

/** Colour ramp of the observed runs by loss: dark purple → pink, every stop ≥ 3:1 against white (no yellow end). */
export const RUN_RAMP = ['#3b0f70', '#8c2981', '#de4968'];

/**
 * Where to label an iso-loss curve: the point of the curve inside the view
 * (5% away from its edges) farthest, in log–log distance, from the
 * compute-optimal frontier, so the thick frontier line never strikes
 * through a label. No point inside the view: no label.
 */
export function labelPoint(
  curve: readonly { N: number; D: number }[],
  frontier: readonly { N: number; D: number }[],
  xDomain: readonly number[],
  yDomain: readonly number[],
): { N: number; D: number }[] {
  const lx = xDomain.map(Math.log);
  const ly = yDomain.map(Math.log);
  const mx = 0.05 * (lx[1] - lx[0]);
  const my = 0.05 * (ly[1] - ly[0]);
  // Distances in units of the view's span, so both axes weigh the same.
  const dist = (p: { N: number; D: number }) =>
    Math.min(...frontier.map((f) => Math.hypot((Math.log(p.N / f.N)) / (lx[1] - lx[0]), (Math.log(p.D / f.D)) / (ly[1] - ly[0]))), Infinity);
  let best: { N: number; D: number } | undefined;
  let far = -1;
  for (const p of curve) {
    const x = Math.log(p.N);
    const y = Math.log(p.D);
    if (x < lx[0] + 2 * mx || x > lx[1] - 2 * mx || y < ly[0] + my || y > ly[1] - 2 * my) continue;
    const d = dist(p);
    if (d > far) (far = d), (best = p);
  }
  return best ? [best] : [];
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
      data: { values: input.isoLoss.flatMap((c) => labelPoint(c.points, input.frontier, X.scale.domain as number[], Y.scale.domain as number[]).map((p) => ({ ...p, level: `L = ${fmtNum(c.loss, 4)}` }))) },
      mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -3, fontSize: 10, color: '#333', clip: true },
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
        color: { field: 'loss', type: 'quantitative', scale: { range: RUN_RAMP }, legend: { title: 'observed loss', format: '.3~f' } },
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
