/** Shared pieces of the vega-lite specs: title block, log/linear scales and readable axes. */
import { logTicks, SCI_LABEL_EXPR } from './format.js';
import type { FigureMeta } from './types.js';
import { minOf, maxOf } from '../util/arrays.js';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * The figure's short title only. The caption is not drawn inside the SVG (a
 * 13-line subtitle made most of a small multiple): it is the SVG's `<desc>`
 * and the HTML figcaption, where text wraps to the screen.
 */
export function titleBlock(meta: FigureMeta, subtitle?: string[]): Record<string, unknown> {
  return { text: meta.title, anchor: 'start', fontSize: 12, offset: 6, aria: false, ...(subtitle ? { subtitle, subtitleFontSize: 10, subtitleColor: '#333' } : {}) };
}

/** Scale and axis for a positive quantity: log with 1-2-5 ticks, or linear. */
export function axisFor(title: string, values: number[], log: boolean, pad = 1.1): { scale: Record<string, unknown>; axis: Record<string, unknown> } {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  const lo = minOf(finite);
  const hi = maxOf(finite);
  if (log) {
    const domain = [lo / pad, hi * pad];
    return {
      scale: { type: 'log', domain, nice: false },
      axis: { title, labelExpr: SCI_LABEL_EXPR, values: logTicks(domain[0], domain[1]), grid: true, gridColor: '#eee' },
    };
  }
  const span = hi - lo || Math.abs(hi) || 1;
  return {
    scale: { type: 'linear', domain: [lo - 0.05 * span, hi + 0.05 * span], nice: false, zero: false },
    axis: { title, labelExpr: SCI_LABEL_EXPR, grid: true, gridColor: '#eee', tickCount: 5 },
  };
}
