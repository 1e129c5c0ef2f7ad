/** Shared pieces of the vega-lite specs: title block, log/linear scales and readable axes. */
import { logTicks, SCI_LABEL_EXPR, wrapText } from './format.js';
import type { FigureMeta } from './types.js';

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Title with the caption as a wrapped subtitle, so a standalone SVG says what
 * it shows. Without a canvas vega estimates text width as 0.8·fontSize per
 * character (vega-scenegraph `textMetrics.estimateWidth`), about 1.5× the
 * real width; the caption is wrapped so that estimate stays within
 * `widthPx`, else the SVG grows wide with empty space on the right.
 */
export function titleBlock(meta: FigureMeta, widthPx = 500): Record<string, unknown> {
  return { text: meta.title, subtitle: wrapText(meta.caption, Math.floor(widthPx / 8)), anchor: 'start', subtitleFontSize: 10, subtitleColor: '#444' };
}

/** Scale and axis for a positive quantity: log with 1-2-5 ticks, or linear. */
export function axisFor(title: string, values: number[], log: boolean, pad = 1.1): { scale: Record<string, unknown>; axis: Record<string, unknown> } {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
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
