/**
 * Landscape figure of one grid-search group, like Figure 1 of Li et al.
 * (arXiv 2503.04715): the loss over the (lr, batch) lattice as a heatmap on log
 * axes, coloured by the relative loss above the group minimum
 * (L/L_min − 1, clipped to [0.05%, 5%], log colour scale); contour lines at
 * +0.25%, +0.5%, +1%, +2% above the minimum (marching squares in
 * (ln lr, ln B), `contours.ts`); the grid minimum and each law's prediction as
 * markers with a legend. A law without a batch formula is a vertical line at
 * its predicted lr; one without an lr formula a horizontal line at its batch.
 */
import type { TopLevelSpec } from 'vega-lite';
import { contourSegments } from './contours.js';
import { fmtPct, logTicks, SCI_LABEL_EXPR } from './format.js';
import { titleBlock } from './spec.js';
import { clusterLevels } from '../sweep/levels.js';
import type { LandscapeInput } from './types.js';

/** The paper's near-optimal bands: +0.25% (the fit band), +0.5%, +1%, +2% above the minimum. */
export const DEFAULT_LEVELS = [0.0025, 0.005, 0.01, 0.02];

/** Colour range of the heatmap: relative loss above minimum, clipped. */
export const HEAT_CLIP: [number, number] = [5e-4, 0.05];

const MARKER_SHAPES = ['circle', 'cross', 'diamond', 'triangle-up', 'square', 'triangle-down', 'triangle-right', 'triangle-left', 'wedge'];
const CONTOUR_COLOURS = ['#08306b', '#2b8cbe', '#41ae76', '#b2182b'];

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
  /** rel[i][j] = L/L_min − 1 at (lr[i], batch[j]); NaN where no run. */
  rel: number[][];
}

/**
 * Arrange cells on their lattice. Values written with mixed rounding are one
 * level (`clusterLevels`, 1% tolerance, as the Grid does); cells sharing a
 * lattice point keep the lowest loss.
 */
export function lattice(input: LandscapeInput): LandscapeLattice {
  const cells = input.cells.filter((c) => Number.isFinite(c.loss) && c.lr > 0 && c.batchTokens > 0);
  const lrL = clusterLevels(cells.map((c) => c.lr));
  const bL = clusterLevels(cells.map((c) => c.batchTokens));
  // A level written one way only keeps that exact value (the geometric mean of one value may differ in the last bit).
  const exact = (L: typeof lrL, values: number[]) =>
    L.values.map((g, k) => {
      const members = [...new Set(values.filter((v) => L.indexOf(v) === k))];
      return members.length === 1 ? members[0] : g;
    });
  const lrValues = exact(lrL, cells.map((c) => c.lr));
  const bValues = exact(bL, cells.map((c) => c.batchTokens));
  const rel = lrValues.map(() => bValues.map(() => NaN));
  const minLoss = input.minimum.loss;
  for (const c of cells) {
    const i = lrL.indexOf(c.lr);
    const j = bL.indexOf(c.batchTokens);
    const r = c.loss / minLoss - 1;
    if (!(rel[i][j] <= r)) rel[i][j] = r;
  }
  return { lr: lrValues, batch: bValues, rel };
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

/** The vega-lite spec of a landscape figure. */
export function landscapeSpec(input: LandscapeInput): TopLevelSpec {
  const levels = input.levels ?? DEFAULT_LEVELS;
  const lat = lattice(input);
  if (lat.lr.length === 0) throw new Error(`landscape ${input.id}: no cell with a finite loss`);
  const lrEdges = logEdges(lat.lr);
  const bEdges = logEdges(lat.batch);

  const heat: Record<string, number>[] = [];
  lat.lr.forEach((_lr, i) =>
    lat.batch.forEach((_b, j) => {
      const r = lat.rel[i][j];
      if (!Number.isFinite(r)) return;
      heat.push({
        lr0: lrEdges[i],
        lr1: lrEdges[i + 1],
        b0: bEdges[j],
        b1: bEdges[j + 1],
        excessPct: 100 * Math.min(Math.max(r, HEAT_CLIP[0]), HEAT_CLIP[1]),
      });
    }),
  );

  const contours = landscapeContours(lat, levels);
  const contourRows = contours.flatMap(({ level, segments }) =>
    segments.map(([p, q]) => ({ level: levelLabel(level), lr: p[0], b: p[1], lr2: q[0], b2: q[1] })),
  );

  const ok = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0;
  const withBatch = input.predictions.filter((p) => ok(p.lr) && ok(p.batchTokens));
  const lrOnly = input.predictions.filter((p) => ok(p.lr) && !ok(p.batchTokens));
  const batchOnly = input.predictions.filter((p) => !ok(p.lr) && ok(p.batchTokens));
  const markers = [
    { marker: MINIMUM_LABEL, lr: input.minimum.lr, b: input.minimum.batchTokens },
    ...withBatch.map((p) => ({ marker: p.law, lr: p.lr!, b: p.batchTokens! })),
  ];
  const markerDomain = [...new Set(markers.map((m) => m.marker))];

  // Axis domains: the lattice, widened to show every prediction (never clamped).
  const xs = [lrEdges[0], lrEdges[lrEdges.length - 1], ...[...withBatch, ...lrOnly].map((p) => p.lr!)];
  const ys = [bEdges[0], bEdges[bEdges.length - 1], ...[...withBatch, ...batchOnly].map((p) => p.batchTokens!)];
  const pad = (lo: number, hi: number, wider: boolean): [number, number] => (wider ? [lo / 1.3, hi * 1.3] : [lo, hi]);
  const xDomain = pad(Math.min(...xs), Math.max(...xs), Math.min(...xs) < lrEdges[0] || Math.max(...xs) > lrEdges[lrEdges.length - 1]);
  const yDomain = pad(Math.min(...ys), Math.max(...ys), Math.min(...ys) < bEdges[0] || Math.max(...ys) > bEdges[bEdges.length - 1]);
  const xScale = { type: 'log', domain: xDomain, nice: false };
  const yScale = { type: 'log', domain: yDomain, nice: false };
  const xAxis = { title: 'peak learning rate (lr)', labelExpr: SCI_LABEL_EXPR, grid: false, values: logTicks(xDomain[0], xDomain[1]) };
  const yAxis = { title: 'batch size (tokens)', labelExpr: SCI_LABEL_EXPR, grid: false, values: logTicks(yDomain[0], yDomain[1]) };

  const layers: Record<string, unknown>[] = [
    {
      data: { values: heat },
      mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'lr0', type: 'quantitative', scale: xScale, axis: xAxis },
        x2: { field: 'lr1' },
        y: { field: 'b0', type: 'quantitative', scale: yScale, axis: yAxis },
        y2: { field: 'b1' },
        fill: {
          field: 'excessPct',
          type: 'quantitative',
          scale: { type: 'log', domain: [HEAT_CLIP[0] * 100, HEAT_CLIP[1] * 100], range: ['#fff8e1', '#7a7a7a'] },
          legend: { title: 'loss above min (%)', format: '.2~f', orient: 'right', gradientLength: 140, values: [0.05, 0.25, 1, 5] },
        },
      },
    },
  ];
  if (contourRows.length > 0) {
    layers.push({
      data: { values: contourRows },
      mark: { type: 'rule', strokeWidth: 1.6 },
      encoding: {
        x: { field: 'lr', type: 'quantitative', scale: xScale },
        y: { field: 'b', type: 'quantitative', scale: yScale },
        x2: { field: 'lr2' },
        y2: { field: 'b2' },
        stroke: {
          field: 'level',
          type: 'nominal',
          scale: { domain: levels.map(levelLabel), range: CONTOUR_COLOURS.slice(0, levels.length).concat(levels.length > 4 ? ['#000'] : []) },
          legend: { title: 'contour above min', orient: 'right' },
        },
      },
    });
  }
  if (lrOnly.length > 0) {
    layers.push(
      {
        data: { values: lrOnly.map((p) => ({ law: p.law, lr: p.lr! })) },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#333', strokeWidth: 1.2 },
        encoding: { x: { field: 'lr', type: 'quantitative', scale: xScale } },
      },
      {
        data: { values: lrOnly.map((p, k) => ({ law: `${p.law} (lr only)`, lr: p.lr!, b: yDomain[1], k })) },
        mark: { type: 'text', angle: 270, align: 'right', baseline: 'bottom', dx: -4, dy: -3, fontSize: 9, color: '#333' },
        encoding: {
          x: { field: 'lr', type: 'quantitative', scale: xScale },
          y: { field: 'b', type: 'quantitative', scale: yScale },
          text: { field: 'law' },
        },
      },
    );
  }
  if (batchOnly.length > 0) {
    layers.push(
      {
        data: { values: batchOnly.map((p) => ({ law: p.law, b: p.batchTokens! })) },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#333', strokeWidth: 1.2 },
        encoding: { y: { field: 'b', type: 'quantitative', scale: yScale } },
      },
      {
        data: { values: batchOnly.map((p) => ({ law: `${p.law} (batch only)`, b: p.batchTokens!, lr: xDomain[0] })) },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, dy: -2, fontSize: 9, color: '#333' },
        encoding: {
          x: { field: 'lr', type: 'quantitative', scale: xScale },
          y: { field: 'b', type: 'quantitative', scale: yScale },
          text: { field: 'law' },
        },
      },
    );
  }
  layers.push({
    data: { values: markers },
    mark: { type: 'point', filled: true, size: 110, stroke: 'white', strokeWidth: 1, opacity: 1, color: '#111' },
    encoding: {
      x: { field: 'lr', type: 'quantitative', scale: xScale },
      y: { field: 'b', type: 'quantitative', scale: yScale },
      shape: {
        field: 'marker',
        type: 'nominal',
        scale: { domain: markerDomain, range: MARKER_SHAPES.slice(0, markerDomain.length) },
        legend: { title: 'markers', orient: 'bottom', direction: 'vertical', labelLimit: 400 },
      },
    },
  });

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: titleBlock(input, 540),
    width: 360,
    height: 280,
    background: 'white',
    config: { legend: { labelLimit: 400 }, view: { stroke: '#ccc' } },
    resolve: { scale: { fill: 'independent', stroke: 'independent', shape: 'independent' } },
    layer: layers,
  } as unknown as TopLevelSpec;
}
