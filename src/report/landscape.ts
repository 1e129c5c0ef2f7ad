/**
 * Landscape figure of one grid-search group, like Figure 1 of Li et al.
 * (arXiv 2503.04715): the loss over the (lr, batch) lattice as a heatmap on log
 * axes, coloured by the relative loss above the group minimum
 * (L/L_min − 1, clipped to [0.05%, 5%], log colour scale); contour lines at
 * +0.25%, +0.5%, +1%, +2% above the minimum (marching squares in
 * (ln lr, ln B), `contours.ts`); the grid minimum and each law's prediction as
 * markers. A law without a batch formula is a vertical line at its predicted
 * lr; one without an lr formula a horizontal line at its batch.
 *
 * Encodings chosen so they cannot mislead (issue 14):
 * - measured cells run from a saturated orange (near the minimum) to a light
 *   grey (≥ 5% above it, the cap); a diverged run (flagged by the grid: loss
 *   above the diverged ratio × minimum, or not finite) is a dark fill of its
 *   own, never the capped grey; an untried lattice point is white with a grey
 *   ×, a fill no measured cell has;
 * - the contour levels are one ordered blue ramp (dark = closest to the
 *   minimum; every blue ≥ 3:1 against white) with a dash per level, so the
 *   order survives deuteranopia and grey-scale printing;
 * - law markers are hollow outlines of different shapes and sizes (largest
 *   drawn first), so a marker on top never hides the one below;
 * - a prediction outside the lattice is drawn in a margin beyond the grid's
 *   edge with an arrow pointing outwards, and its hover title says so: the
 *   grid keeps its size whatever a law predicts;
 * - no labels inside the plot (lr-only / batch-only laws are lines named in
 *   the shared key, drawn as lines), so labels cannot collide.
 * Every cell and marker carries its values as an SVG `<title>` (hover).
 */
import type { TopLevelSpec } from 'vega-lite';
import { chainSegments, contourSegments } from './contours.js';
import { fmtNum, fmtPct, logTicks, SCI_LABEL_EXPR } from './format.js';
import { titleBlock } from './spec.js';
import { runLattice } from '../util/lattice.js';
import type { LandscapeInput, LandscapePrediction } from './types.js';

/** The paper's near-optimal bands: +0.25% (the fit band), +0.5%, +1%, +2% above the minimum. */
export const DEFAULT_LEVELS = [0.0025, 0.005, 0.01, 0.02];

/** Colour range of the heatmap: relative loss above minimum, clipped (values above the cap share the cap's colour). */
export const HEAT_CLIP: [number, number] = [5e-4, 0.05];

/** Fill of a measured cell at the lower clip (near-optimal) and at the cap (≥ 5%). */
export const HEAT_RANGE: [string, string] = ['#e6550d', '#e3e3e3'];
/** Fill of a diverged run (never on the measured ramp). */
export const DIVERGED_FILL = '#3b3b3b';
/** Fill of an untried lattice point (with a grey × on it). */
export const UNTRIED_FILL = '#ffffff';
export const UNTRIED_MARK = '#9a9a9a';

/** Hollow marker shapes of the laws, in legend order (the grid minimum is a filled black circle). */
export const LAW_SHAPES = ['cross', 'triangle-down', 'diamond', 'square', 'triangle-up', 'triangle-right', 'triangle-left', 'wedge', 'circle'];
/** Marker area per law (largest first, so the ones drawn later sit inside). */
const LAW_SIZES = [150, 120, 100, 85, 75, 65, 60, 55, 50];
/** Dash per lr-only / batch-only law line. */
export const LAW_DASHES = [[5, 3], [1.5, 2.5], [8, 3, 2, 3], [3, 3]];

/** Contour colours, closest level first: one ordered blue ramp, each ≥ 3:1 against white. */
export const CONTOUR_COLOURS = ['#08306b', '#08519c', '#2171b5', '#4292c6'];
/** Dash per contour level (solid for the fit band). */
export const CONTOUR_DASHES = [[], [6, 2], [3, 2], [1.5, 2]];
export const CONTOUR_WIDTHS = [2.2, 1.8, 1.6, 1.5];

export const MINIMUM_LABEL = 'grid minimum';

/** Cell edges on a log axis: geometric midpoints between levels; the outer edges mirror the first/last gap. */
export function logEdges(levels: readonly number[]): number[] {
  const n = levels.length;
  if (n === 1) return [levels[0] / Math.SQRT2, levels[0] * Math.SQRT2];
  const edges: number[] = [];
  edges.push(levels[0] / Math.sqrt(levels[1] / levels[0]));
  for (let k = 0; k + 1 < n; k++) edges.push(Math.sqrt(levels[k] * levels[k + 1]));
  edges.push(levels[n - 1] * Math.sqrt(levels[n - 1] / levels[n - 2]));
  return edges;
}

export interface LandscapeLattice {
  lr: number[];
  batch: number[];
  /** rel[i][j] = L/L_min − 1 at (lr[i], batch[j]); NaN where no measured (non-diverged) run. */
  rel: number[][];
  /** Whether the lattice point holds only diverged runs. */
  diverged: boolean[][];
}

/**
 * Arrange cells on their lattice: the runs' lattice (util/lattice.ts, the one
 * the Grid builds: lr roundings merged, batch sizes exact); cells sharing a
 * lattice point keep the lowest loss. Diverged cells take part in the lattice
 * (they were tried) but not in `rel`.
 */
export function lattice(input: LandscapeInput): LandscapeLattice {
  const cells = input.cells.filter((c) => c.lr > 0 && c.batchTokens > 0 && (Number.isFinite(c.loss) || c.diverged));
  const lat = runLattice(cells);
  const lrValues = lat.lrLevels;
  const bValues = lat.batchLevels;
  const rel = lrValues.map(() => bValues.map(() => NaN));
  const diverged = lrValues.map(() => bValues.map(() => false));
  const minLoss = input.minimum.loss;
  for (const c of cells) {
    const { i, j } = lat.cellOf(c.lr, c.batchTokens);
    if (c.diverged || !Number.isFinite(c.loss)) {
      diverged[i][j] = true;
      continue;
    }
    const r = c.loss / minLoss - 1;
    if (!(rel[i][j] <= r)) rel[i][j] = r;
  }
  // A point with a measured run is measured, whatever else diverged there.
  rel.forEach((row, i) => row.forEach((r, j) => Number.isFinite(r) && (diverged[i][j] = false)));
  return { lr: lrValues, batch: bValues, rel, diverged };
}

/** Contour segments per level in data units (lr, batchTokens). */
export function landscapeContours(lat: LandscapeLattice, levels: readonly number[]): { level: number; segments: [[number, number], [number, number]][] }[] {
  const xs = lat.lr.map(Math.log);
  const ys = lat.batch.map(Math.log);
  return levels.map((level) => ({
    level,
    segments: contourSegments(xs, ys, lat.rel, level).map(
      ([p, q]) =>
        [
          [Math.exp(p[0]), Math.exp(p[1])],
          [Math.exp(q[0]), Math.exp(q[1])],
        ] as [[number, number], [number, number]],
    ),
  }));
}

/** Label of a contour level in the legend: 0.0025 → `+0.25%`. */
export const levelLabel = (level: number): string => `+${fmtPct(level, 3)}`;

/** Fill of a measured cell at relative loss `r` above the minimum: log-interpolated between HEAT_RANGE in RGB, capped. */
export function heatFill(r: number): string {
  const [lo, hi] = HEAT_CLIP;
  const t = (Math.log(Math.min(Math.max(r, lo), hi)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
  const rgb = (h: string) => [1, 3, 5].map((k) => parseInt(h.slice(k, k + 2), 16));
  const a = rgb(HEAT_RANGE[0]);
  const b = rgb(HEAT_RANGE[1]);
  return `#${a.map((v, k) => Math.round(v + t * (b[k] - v)).toString(16).padStart(2, '0')).join('')}`;
}

/** Where a prediction is drawn: inside the lattice, or clamped into the margin on the side(s) it lies beyond. */
export interface PlacedPrediction {
  law: string;
  lr?: number;
  batchTokens?: number;
  /** Drawn position (equals the prediction when inside). */
  x?: number;
  y?: number;
  /** Sides of the grid the prediction lies beyond. */
  outside: ('lr below' | 'lr above' | 'batch below' | 'batch above')[];
}

const ok = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0;

/**
 * Axis domains: the lattice edges, widened by a margin on a side only when a
 * prediction lies beyond it; such predictions are drawn in the middle of the
 * margin, so the grid never shrinks to make room for a far prediction.
 */
export function placePredictions(
  predictions: readonly LandscapePrediction[],
  lrEdges: readonly number[],
  bEdges: readonly number[],
): { x: [number, number]; y: [number, number]; placed: PlacedPrediction[]; marginX: [number, number]; marginY: [number, number] } {
  const [x0, x1] = [lrEdges[0], lrEdges[lrEdges.length - 1]];
  const [y0, y1] = [bEdges[0], bEdges[bEdges.length - 1]];
  const mx = Math.pow(x1 / x0, 0.09);
  const my = Math.pow(y1 / y0, 0.09);
  const lrs = predictions.map((p) => p.lr).filter(ok);
  const bs = predictions.map((p) => p.batchTokens).filter(ok);
  const marginX: [number, number] = [lrs.some((v) => v < x0) ? mx : 1, lrs.some((v) => v > x1) ? mx : 1];
  const marginY: [number, number] = [bs.some((v) => v < y0) ? my : 1, bs.some((v) => v > y1) ? my : 1];
  const placed = predictions.map((p): PlacedPrediction => {
    const outside: PlacedPrediction['outside'] = [];
    let x: number | undefined;
    let y: number | undefined;
    if (ok(p.lr)) {
      x = p.lr;
      if (p.lr < x0) (outside.push('lr below'), (x = x0 / Math.sqrt(mx)));
      else if (p.lr > x1) (outside.push('lr above'), (x = x1 * Math.sqrt(mx)));
    }
    if (ok(p.batchTokens)) {
      y = p.batchTokens;
      if (p.batchTokens < y0) (outside.push('batch below'), (y = y0 / Math.sqrt(my)));
      else if (p.batchTokens > y1) (outside.push('batch above'), (y = y1 * Math.sqrt(my)));
    }
    return { law: p.law, lr: ok(p.lr) ? p.lr : undefined, batchTokens: ok(p.batchTokens) ? p.batchTokens : undefined, x, y, outside };
  });
  return { x: [x0 / marginX[0], x1 * marginX[1]], y: [y0 / marginY[0], y1 * marginY[1]], placed, marginX, marginY };
}

/** The arrow glyph pointing from the grid towards where an outside prediction lies. */
export function outsideArrow(outside: PlacedPrediction['outside']): string {
  const h = outside.includes('lr below') ? -1 : outside.includes('lr above') ? 1 : 0;
  const v = outside.includes('batch below') ? -1 : outside.includes('batch above') ? 1 : 0;
  const arrows: Record<string, string> = { '-1,0': '←', '1,0': '→', '0,1': '↑', '0,-1': '↓', '-1,1': '↖', '1,1': '↗', '-1,-1': '↙', '1,-1': '↘' };
  return arrows[`${h},${v}`] ?? '';
}

/** The law labels of a landscape in key order: the given order first, then any other law of the input. */
export function lawOrder(input: LandscapeInput): string[] {
  const own = input.predictions.map((p) => p.law);
  return [...new Set([...(input.lawOrder ?? []), ...own])];
}

/** One sentence a screen reader reads for a landscape: where the minimum is and where each law lands. */
export function landscapeSummary(input: LandscapeInput): string {
  const lat = lattice(input);
  const untried = lat.rel.flat().filter((r, k) => !Number.isFinite(r) && !lat.diverged.flat()[k]).length;
  const div = lat.diverged.flat().filter(Boolean).length;
  return (
    `Loss over ${lat.lr.length} learning rates × ${lat.batch.length} batch sizes; minimum ${fmtNum(input.minimum.loss, 5)} at lr ${fmtNum(input.minimum.lr)}, batch ${fmtNum(input.minimum.batchTokens)}` +
    (div > 0 ? `; ${div} diverged` : '') +
    (untried > 0 ? `; ${untried} untried` : '') +
    '.'
  );
}

/** The vega-lite spec of a landscape figure. */
export function landscapeSpec(input: LandscapeInput): TopLevelSpec {
  const levels = input.levels ?? DEFAULT_LEVELS;
  const lat = lattice(input);
  if (lat.lr.length === 0) throw new Error(`landscape ${input.id}: no cell with a finite loss`);
  const lrEdges = logEdges(lat.lr);
  const bEdges = logEdges(lat.batch);
  const minLoss = input.minimum.loss;

  const heat: Record<string, number | string>[] = [];
  const untried: Record<string, number | string>[] = [];
  lat.lr.forEach((lr, i) =>
    lat.batch.forEach((b, j) => {
      const r = lat.rel[i][j];
      const cell = { lr0: lrEdges[i], lr1: lrEdges[i + 1], b0: bEdges[j], b1: bEdges[j + 1], lr, b };
      if (Number.isFinite(r)) {
        heat.push({ ...cell, fill: heatFill(r), tip: `lr: ${fmtNum(lr, 4)}; batch: ${fmtNum(b, 4)}; loss: ${fmtNum(minLoss * (1 + r), 5)} (+${fmtPct(r, 2)})` });
      } else if (lat.diverged[i][j]) {
        heat.push({ ...cell, fill: DIVERGED_FILL, tip: `lr: ${fmtNum(lr, 4)}; batch: ${fmtNum(b, 4)}; diverged` });
      } else {
        untried.push({ ...cell, tip: `lr: ${fmtNum(lr, 4)}; batch: ${fmtNum(b, 4)}; untried` });
      }
    }),
  );

  const contours = landscapeContours(lat, levels);
  // One polyline per connected piece of a contour (points in order k along it).
  const contourRows = contours.flatMap(({ level, segments }, l) =>
    chainSegments(segments).flatMap((line, piece) => line.map((p, k) => ({ level: levelLabel(level), piece: `${l}-${piece}`, lr: p[0], b: p[1], k }))),
  );

  const order = lawOrder(input);
  const { x: xDomain, y: yDomain, placed, marginX, marginY } = placePredictions(input.predictions, lrEdges, bEdges);
  const xScale = { type: 'log', domain: xDomain, nice: false };
  const yScale = { type: 'log', domain: yDomain, nice: false };
  const gridX: [number, number] = [lrEdges[0], lrEdges[lrEdges.length - 1]];
  const gridY: [number, number] = [bEdges[0], bEdges[bEdges.length - 1]];
  const xAxis = { title: 'peak learning rate', labelExpr: SCI_LABEL_EXPR, grid: false, values: logTicks(gridX[0], gridX[1]), titleFontSize: 11, labelFontSize: 10 };
  const yAxis = { title: 'batch (tokens)', labelExpr: SCI_LABEL_EXPR, grid: false, values: logTicks(gridY[0], gridY[1]), titleFontSize: 11, labelFontSize: 10 };
  const enc = (xf: string, yf: string) => ({ x: { field: xf, type: 'quantitative', scale: xScale }, y: { field: yf, type: 'quantitative', scale: yScale } });

  const layers: Record<string, unknown>[] = [];
  // Margins beyond the grid (only where a prediction lies outside): a light band saying "outside the grid".
  const margins: Record<string, number>[] = [];
  if (marginX[0] > 1) margins.push({ x0: xDomain[0], x1: gridX[0], y0: yDomain[0], y1: yDomain[1] });
  if (marginX[1] > 1) margins.push({ x0: gridX[1], x1: xDomain[1], y0: yDomain[0], y1: yDomain[1] });
  if (marginY[0] > 1) margins.push({ x0: xDomain[0], x1: xDomain[1], y0: yDomain[0], y1: gridY[0] });
  if (marginY[1] > 1) margins.push({ x0: xDomain[0], x1: xDomain[1], y0: gridY[1], y1: yDomain[1] });
  if (margins.length > 0) {
    layers.push({
      data: { values: margins },
      mark: { type: 'rect', fill: '#f4f4f8', stroke: null },
      encoding: { ...enc('x0', 'y0'), x2: { field: 'x1' }, y2: { field: 'y1' } },
    });
  }
  layers.push({
    data: { values: heat },
    mark: { type: 'rect', aria: true },
    encoding: {
      x: { field: 'lr0', type: 'quantitative', scale: xScale, axis: xAxis },
      x2: { field: 'lr1' },
      y: { field: 'b0', type: 'quantitative', scale: yScale, axis: yAxis },
      y2: { field: 'b1' },
      fill: { field: 'fill', type: 'nominal', scale: null, legend: null },
      description: { field: 'tip' },
    },
  });
  if (untried.length > 0) {
    layers.push(
      {
        data: { values: untried },
        mark: { type: 'rect', fill: UNTRIED_FILL, stroke: '#d0d0d0', strokeWidth: 0.5, aria: true },
        encoding: { ...enc('lr0', 'b0'), x2: { field: 'lr1' }, y2: { field: 'b1' }, description: { field: 'tip' } },
      },
      {
        data: { values: untried },
        mark: { type: 'point', shape: 'cross', angle: 45, size: 30, filled: true, color: UNTRIED_MARK, strokeWidth: 0 },
        encoding: enc('lr', 'b'),
      },
    );
  }
  // One layer per level (fixed colour, dash and width), drawn widest level last so the fit band's line stays on top.
  levels.forEach((level, k) => {
    const label = levelLabel(level);
    const rows = contourRows.filter((r) => r.level === label);
    if (rows.length === 0) return;
    layers.push({
      data: { values: rows },
      mark: {
        type: 'line',
        interpolate: 'linear',
        color: CONTOUR_COLOURS[k] ?? '#000',
        strokeDash: CONTOUR_DASHES[k] ?? [1, 1],
        strokeWidth: CONTOUR_WIDTHS[k] ?? 1.2,
      },
      encoding: { ...enc('lr', 'b'), detail: { field: 'piece', type: 'nominal' }, order: { field: 'k', type: 'quantitative' } },
    });
  });
  const dashOf = (law: string) => LAW_DASHES[order.indexOf(law) % LAW_DASHES.length];
  const lines = placed.filter((p) => (p.x === undefined) !== (p.y === undefined));
  const fmtPred = (p: PlacedPrediction) =>
    `${p.law}: ${p.lr !== undefined ? `lr ${fmtNum(p.lr, 3)}` : 'no lr formula'}; ${p.batchTokens !== undefined ? `batch ${fmtNum(p.batchTokens, 3)}` : 'no batch formula'}` +
    (p.outside.length > 0 ? `; outside the grid (${p.outside.join(', ')})` : '');
  for (const p of lines) {
    const vertical = p.x !== undefined;
    layers.push({
      data: { values: [{ v: vertical ? p.x : p.y, tip: fmtPred(p) }] },
      mark: { type: 'rule', strokeDash: dashOf(p.law), color: '#111', strokeWidth: 1.4, aria: true },
      encoding: { [vertical ? 'x' : 'y']: { field: 'v', type: 'quantitative', scale: vertical ? xScale : yScale }, description: { field: 'tip' } },
    });
  }
  const points = placed
    .filter((p) => p.x !== undefined && p.y !== undefined)
    .map((p) => ({ law: p.law, lr: p.x!, b: p.y!, k: order.indexOf(p.law), tip: fmtPred(p), arrow: outsideArrow(p.outside) }))
    .sort((a, b) => a.k - b.k);
  const shapeOf = (k: number) => LAW_SHAPES[k % LAW_SHAPES.length];
  const sizeOf = (k: number) => LAW_SIZES[Math.min(k, LAW_SIZES.length - 1)];
  // The grid minimum first (filled), then the laws as hollow outlines, largest first.
  layers.push({
    data: { values: [{ lr: input.minimum.lr, b: input.minimum.batchTokens, tip: `${MINIMUM_LABEL}: lr ${fmtNum(input.minimum.lr, 4)}; batch ${fmtNum(input.minimum.batchTokens, 4)}; loss ${fmtNum(minLoss, 5)}${input.minimum.run ? `; run ${input.minimum.run}` : ''}` }] },
    mark: { type: 'point', shape: 'circle', filled: true, size: 70, color: '#000', stroke: 'white', strokeWidth: 1.2, opacity: 1, aria: true },
    encoding: { ...enc('lr', 'b'), description: { field: 'tip' } },
  });
  for (const p of points) {
    layers.push({
      data: { values: [p] },
      mark: { type: 'point', shape: shapeOf(p.k), filled: false, size: sizeOf(p.k), color: '#000', strokeWidth: 1.6, opacity: 1, aria: true },
      encoding: { ...enc('lr', 'b'), description: { field: 'tip' } },
    });
  }
  const outsidePoints = points.filter((p) => p.arrow !== '');
  if (outsidePoints.length > 0) {
    layers.push({
      data: { values: outsidePoints },
      mark: { type: 'text', fontSize: 12, fontWeight: 'bold', color: '#000', dx: 9, dy: -8 },
      encoding: { ...enc('lr', 'b'), text: { field: 'arrow' } },
    });
  }
  for (const p of lines.filter((q) => q.outside.length > 0)) {
    const vertical = p.x !== undefined;
    layers.push({
      data: { values: [{ lr: vertical ? p.x : gridX[0], b: vertical ? gridY[1] : p.y, arrow: outsideArrow(p.outside) }] },
      mark: { type: 'text', fontSize: 12, fontWeight: 'bold', color: '#000', align: vertical ? 'center' : 'left', baseline: vertical ? 'top' : 'middle', dy: vertical ? 2 : 0, dx: vertical ? 0 : 2 },
      encoding: { ...enc('lr', 'b'), text: { field: 'arrow' } },
    });
  }

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleBlock(input),
    width: input.width ?? 230,
    height: input.height ?? 190,
    background: 'white',
    config: { view: { stroke: '#bbb' } },
    layer: layers,
  } as unknown as TopLevelSpec;
}
