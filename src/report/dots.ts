/**
 * Dot plot comparing a few series per row (e.g. the Step Law's relative error
 * per MoE sparsity with N = total vs N = activated parameters): one row per
 * category, a marker per series at its value, an optional bar from the value
 * to a second value (e.g. the worst group), a reference line (e.g. the 0.25%
 * band). Series are told apart by shape and colour (both), so they survive
 * grey-scale and colour-vision deficiency.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fmtPct } from './format.js';
import { SCHEMA, titleBlock } from './spec.js';
import type { DotsInput } from './types.js';

const SERIES_COLOURS = ['#08519c', '#d94801', '#333333'];
const SERIES_SHAPES = ['circle', 'diamond', 'square'];

export function dotsSpec(input: DotsInput): TopLevelSpec {
  const series = [...new Set(input.rows.map((r) => r.series))];
  const rows = input.rows.map((r) => ({ ...r, tip: `${r.row}, ${r.series}: ${input.percent ? fmtPct(r.value, 3) : r.value}${r.to !== undefined ? ` (to ${input.percent ? fmtPct(r.to, 3) : r.to})` : ''}` }));
  const scale = (v: number) => (input.percent ? 100 * v : v);
  const values = rows.flatMap((r) => [scale(r.value), ...(r.to !== undefined ? [scale(r.to)] : [])]);
  if (input.reference) values.push(scale(input.reference.value));
  const hi = Math.max(...values, 0);
  const x = { field: 'v', type: 'quantitative', scale: { domain: [0, hi * 1.08], nice: false }, axis: { title: input.xTitle, grid: true, gridColor: '#eee', format: '.2~f' } };
  const y = { field: 'row', type: 'nominal', sort: [...new Set(input.rows.map((r) => r.row))], axis: { title: input.yTitle ?? null, labelLimit: 200 }, scale: { padding: 0.5 } };
  const yOffset = { field: 'series', type: 'nominal', sort: series, scale: { paddingOuter: 0.3 } };
  const colour = { field: 'series', type: 'nominal', sort: series, scale: { domain: series, range: SERIES_COLOURS.slice(0, series.length) }, legend: { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 400 } };
  const shape = { field: 'series', type: 'nominal', sort: series, scale: { domain: series, range: SERIES_SHAPES.slice(0, series.length) }, legend: { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 400 } };
  const layers: Record<string, unknown>[] = [];
  if (input.reference) {
    layers.push({
      data: { values: [{ v: scale(input.reference.value) }] },
      mark: { type: 'rule', color: '#666', strokeDash: [4, 3] },
      encoding: { x },
    });
  }
  const bars = rows.filter((r) => r.to !== undefined).map((r) => ({ ...r, v: scale(r.value), v2: scale(r.to!) }));
  if (bars.length > 0) {
    layers.push({ data: { values: bars }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { y, yOffset, x, x2: { field: 'v2' }, color: colour } });
  }
  layers.push({
    data: { values: rows.map((r) => ({ ...r, v: scale(r.value) })) },
    mark: { type: 'point', filled: true, size: 70, opacity: 1, aria: true },
    encoding: { y, yOffset, x, color: colour, shape, description: { field: 'tip' } },
  });
  return {
    $schema: SCHEMA,
    title: titleBlock(input, input.reference ? [`dashed: ${input.reference.label}`] : undefined),
    background: 'white',
    config: { view: { stroke: '#ccc' } },
    width: 300,
    height: 36 * new Set(input.rows.map((r) => r.row)).size,
    layer: layers,
  } as unknown as TopLevelSpec;
}
