/**
 * Forest plot: for each exponent, one row per slice with its estimate (point)
 * and interval (bar); the pooled estimate as a vertical reference line with its
 * interval shaded; optionally the published value as a dotted line.
 */
import type { TopLevelSpec } from 'vega-lite';
import { SCHEMA, titleBlock } from './spec.js';
import { fmtNum } from './format.js';
import { wrapText } from './format.js';
import type { ForestInput } from './types.js';
import { minOf, maxOf } from '../util/arrays.js';

export function forestSpec(input: ForestInput): TopLevelSpec {
  const exponents = [...new Set(input.rows.map((r) => r.exponent))];
  if (exponents.length === 0) throw new Error(`forest ${input.id}: no rows`);
  const intervalLabel = input.intervalLabel ?? '95% bootstrap interval';
  const panels = exponents.map((exponent) => {
    const rows = input.rows.filter((r) => r.exponent === exponent);
    const pooled = input.pooled.find((p) => p.exponent === exponent);
    const pub = (input.published ?? []).filter((p) => p.exponent === exponent);
    const vals = [...rows.flatMap((r) => [r.lo, r.hi, r.estimate]), ...(pooled ? [pooled.estimate, pooled.lo ?? pooled.estimate, pooled.hi ?? pooled.estimate] : []), ...pub.map((p) => p.value)].filter(Number.isFinite);
    const lo = minOf(vals);
    const hi = maxOf(vals);
    const span = hi - lo || Math.abs(hi) || 1;
    const xScale = { domain: [lo - 0.08 * span, hi + 0.08 * span], nice: false, zero: false };
    const slices = rows.map((r) => r.slice);
    const yEnc = { field: 'slice', type: 'nominal', sort: slices, axis: { title: null, labelLimit: 220 } };
    const layers: Record<string, unknown>[] = [];
    if (pooled && pooled.lo !== undefined && pooled.hi !== undefined) {
      layers.push({
        data: { values: [{ lo: pooled.lo, hi: pooled.hi }] },
        mark: { type: 'rect', color: '#d62728', opacity: 0.12 },
        encoding: { x: { field: 'lo', type: 'quantitative', scale: xScale }, x2: { field: 'hi' } },
      });
    }
    if (pooled) {
      layers.push({
        data: { values: [{ v: pooled.estimate, what: 'pooled estimate' }] },
        mark: { type: 'rule', color: '#d62728', strokeWidth: 1.5 },
        encoding: { x: { field: 'v', type: 'quantitative', scale: xScale }, detail: { field: 'what', type: 'nominal' } },
      });
    }
    for (const p of pub) {
      layers.push({
        data: { values: [{ v: p.value, label: p.label }] },
        mark: { type: 'rule', color: '#1f77b4', strokeDash: [2, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'v', type: 'quantitative', scale: xScale }, detail: { field: 'label', type: 'nominal' } },
      });
    }
    layers.push(
      {
        data: { values: rows },
        mark: { type: 'rule', strokeWidth: 2, color: '#333' },
        encoding: { y: yEnc, x: { field: 'lo', type: 'quantitative', scale: xScale, axis: { title: `${exponent} (${intervalLabel})`, format: '.3~f', grid: true, gridColor: '#eee' } }, x2: { field: 'hi' } },
      },
      {
        data: { values: rows.map((r) => ({ ...r, tip: `${r.slice}: ${fmtNum(r.estimate, 4)} [${fmtNum(r.lo, 4)}, ${fmtNum(r.hi, 4)}]` })) },
        mark: { type: 'point', filled: true, size: 50, color: '#111', shape: 'square', aria: true },
        encoding: { y: yEnc, x: { field: 'estimate', type: 'quantitative', scale: xScale }, description: { field: 'tip' } },
      },
    );
    return { width: 300, height: { step: 22 }, layer: layers };
  });
  const legendNote = [
    'red line: pooled estimate (shaded: its interval)',
    ...(input.published?.length ? [`blue dotted: ${[...new Set(input.published.map((p) => p.label))].join(', ')}`] : []),
  ].join('; ');
  return {
    $schema: SCHEMA,
    title: titleBlock(input, wrapText(legendNote, 60)),
    background: 'white',
    config: { view: { stroke: '#ccc' } },
    vconcat: panels,
    spacing: 14,
  } as unknown as TopLevelSpec;
}
