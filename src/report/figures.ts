/** Dispatch: a report item → its vega-lite spec → deterministic SVG. */
import type { TopLevelSpec } from 'vega-lite';
import { fitSpec } from './fit.js';
import { forestSpec } from './forest.js';
import { landscapeSpec } from './landscape.js';
import { convexitySpec } from './convexity.js';
import { dotsSpec } from './dots.js';
import { planLandscapeSpec } from './plan-landscape.js';
import { lossFrontierSpec, lossObservedSpec } from './loss-law.js';
import { renderSvg } from './svg.js';
import type { FigureMeta, RenderedFigure, ReportItem } from './types.js';

export type FigureItem = Exclude<ReportItem, { kind: 'table' } | { kind: 'text' }>;

export function isFigure(item: ReportItem): item is FigureItem {
  return item.kind !== 'table' && item.kind !== 'text';
}

/** The vega-lite spec of a figure item. */
export function figureSpec(item: FigureItem): TopLevelSpec {
  switch (item.kind) {
    case 'landscape':
      return landscapeSpec(item.figure);
    case 'convexity':
      return convexitySpec(item.figure);
    case 'dots':
      return dotsSpec(item.figure);
    case 'fit':
      return fitSpec(item.figure);
    case 'forest':
      return forestSpec(item.figure);
    case 'loss-observed':
      return lossObservedSpec(item.figure);
    case 'loss-frontier':
      return lossFrontierSpec(item.figure);
    case 'plan-landscape':
      return planLandscapeSpec(item.figure);
  }
}

/** Render a figure item to SVG; `id` is the final (unique, slugged) id, also the prefix of its internal SVG ids. */
export async function renderFigure(item: FigureItem, id: string): Promise<RenderedFigure & { warnings: string[] }> {
  const meta: FigureMeta = item.figure;
  const { svg, warnings } = await renderSvg(figureSpec(item), id, { title: meta.title, desc: meta.summary ?? meta.caption });
  return { id, kind: item.kind, title: meta.title, caption: meta.caption, svg, warnings };
}
