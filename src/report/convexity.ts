/**
 * Convexity view of one grid-search group, as in Li et al. (arXiv 2503.04715,
 * the loss-vs-hyperparameter slices next to Figure 1): loss against lr, one
 * line per batch size (`along: 'lr'`), or loss against batch, one line per lr
 * (`along: 'batch'`) — on a log x axis, the y axis the loss above the group minimum (%). A bowl in every
 * slice is what makes "the" optimum well defined; a flat floor is the plateau.
 * The shaded band is the plateau: the lr (left) or batch (right) range of the
 * runs within the fit band (+0.25%) of the minimum, as `fits/landscape.json`
 * records it. Runs more than `cap` above the minimum (diverged included) run
 * off the top of the panel (clipped), never squash the bowl.
 */
import type { TopLevelSpec } from 'vega-lite';
import { fmtNum, fmtPct, logTicks, SCI_LABEL_EXPR } from './format.js';
import { titleBlock } from './spec.js';
import { lattice } from './landscape.js';
import type { ConvexityInput } from './types.js';

/** Default top of the y axis: 2% above the minimum (the paper's outermost contour). */
export const CONVEXITY_CAP = 0.02;

/** Ordered colours for the series (small batch / lr = dark): plasma from 0 to 0.7, every colour ≥ 3:1 against white. */
export const SERIES_SCHEME = { name: 'plasma', extent: [0, 0.7] };

export function convexitySpec(input: ConvexityInput): TopLevelSpec {
  const cap = input.cap ?? CONVEXITY_CAP;
  const lat = lattice({ ...input, predictions: [] });
  const rows: { lr: number; b: number; pct: number; lrLabel: string; bLabel: string; tip: string }[] = [];
  lat.lr.forEach((lr, i) =>
    lat.batch.forEach((b, j) => {
      const r = lat.rel[i][j];
      if (!Number.isFinite(r)) return;
      rows.push({ lr, b, pct: 100 * r, lrLabel: fmtNum(lr), bLabel: fmtNum(b), tip: `lr: ${fmtNum(lr, 4)}; batch: ${fmtNum(b, 4)}; above min: ${fmtPct(r, 3)}` });
    }),
  );
  const y = { field: 'pct', type: 'quantitative', scale: { domain: [0, 100 * cap], nice: false, clamp: false }, axis: { title: 'loss above min (%)', tickCount: 4, format: '.2~f' } };
  const panel = (xField: 'lr' | 'b', series: 'bLabel' | 'lrLabel', xTitle: string, values: number[], seriesValues: number[], plateau?: [number, number]) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const dom = [lo / 1.15, hi * 1.15];
    const xScale = { type: 'log', domain: dom, nice: false };
    const layers: Record<string, unknown>[] = [];
    if (plateau) {
      layers.push({
        data: { values: [{ a: plateau[0], b: plateau[1] }] },
        mark: { type: 'rect', color: '#9ecae1', opacity: 0.35 },
        encoding: { x: { field: 'a', type: 'quantitative', scale: xScale }, x2: { field: 'b' } },
      });
    }
    const order = seriesValues.map((v) => fmtNum(v));
    const colour = { field: series, type: 'ordinal', sort: order, scale: { domain: order, scheme: SERIES_SCHEME }, legend: { title: series === 'bLabel' ? 'batch (tokens), one line each' : 'lr, one line each', titleLimit: 320, symbolType: 'stroke', symbolStrokeWidth: 2, columns: 4, labelFontSize: 10, titleFontSize: 10, orient: 'bottom', direction: 'horizontal' } };
    layers.push(
      {
        data: { values: rows },
        mark: { type: 'line', clip: true, strokeWidth: 1.4 },
        encoding: { x: { field: xField, type: 'quantitative', scale: xScale, axis: { title: xTitle, labelExpr: SCI_LABEL_EXPR, values: logTicks(dom[0], dom[1]), grid: false } }, y, color: colour, detail: { field: series }, order: { field: xField, type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', shape: 'square', filled: true, size: 12, clip: true, aria: true },
        encoding: { x: { field: xField, type: 'quantitative', scale: xScale }, y, color: colour, description: { field: 'tip' } },
      },
    );
    return { width: 300, height: 190, layer: layers };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleBlock(input),
    background: 'white',
    config: { view: { stroke: '#bbb' } },
    ...(input.along === 'batch'
      ? panel('b', 'lrLabel', 'batch (tokens)', lat.batch, lat.lr, input.plateau?.batchRange)
      : panel('lr', 'bLabel', 'peak learning rate', lat.lr, lat.batch, input.plateau?.lrRange)),
  } as unknown as TopLevelSpec;
}
