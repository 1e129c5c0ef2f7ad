/**
 * Plain-data inputs of the HTML report. The figure and table modules take only
 * these shapes, so any fit, validator or slice module can feed the report
 * through a small adapter (see `adapters.ts` for the ones built from a Grid, a
 * log-linear law and a Chinchilla-form loss law).
 *
 * Units as everywhere in steplaw: `lr` peak learning rate, `batchTokens`
 * tokens per optimizer step, `N` parameters, `D` tokens, `loss` nats/token.
 * All text fields may hold arbitrary (CSV-derived) text: the report escapes it.
 */

/** What every figure has: a stable id (file name, HTML anchor), a title and a caption. */
export interface FigureMeta {
  /** Used for the SVG file name and the HTML anchor after `slug()`; unique within a report. */
  id: string;
  title: string;
  /** What data and which law the figure shows. */
  caption: string;
  /** One sentence a screen reader reads for the figure (the SVG `<desc>`); default: the caption. */
  summary?: string;
}

import type { PlanLandscapeInput } from './plan-landscape.js';

// ── landscape ────────────────────────────────────────────────────────────

export interface LandscapeCell {
  lr: number;
  batchTokens: number;
  loss: number;
  /** Run name (e.g. `exp_name`), shown nowhere but kept for tooltips/ARIA. */
  run?: string;
  /** The run diverged (loss above the diverged ratio × minimum, or not finite): drawn with its own fill, never on the loss scale. */
  diverged?: boolean;
}

export interface LandscapePrediction {
  /** Law name shown in the legend, e.g. `Step Law (published, rounded)`. */
  law: string;
  /** Absent for a law without an lr formula: drawn as a horizontal line at its batch. */
  lr?: number;
  /** Absent for a law without a batch formula: drawn as a vertical line at its lr. */
  batchTokens?: number;
}

/** One grid-search group: loss over the (lr, batch) lattice, like the paper's Figure 1. */
export interface LandscapeInput extends FigureMeta {
  /** One entry per grid cell (finite loss). Cells sharing (lr, batch) keep the lowest loss. */
  cells: LandscapeCell[];
  /** The grid minimum (argmin run). */
  minimum: { lr: number; batchTokens: number; loss: number; run?: string };
  predictions: LandscapePrediction[];
  /** Contour levels as relative loss above the minimum (default 0.0025, 0.005, 0.01, 0.02). */
  levels?: number[];
  /** Law labels in key order (shapes and dashes follow it), so every panel of a section matches one shared key. */
  lawOrder?: string[];
  /** Plot size in px (default 230 × 190: a small multiple). */
  width?: number;
  height?: number;
}

/**
 * Convexity view of one group: loss against lr at each batch size and against
 * batch at each lr (small multiples of the landscape's rows and columns).
 */
export interface ConvexityInput extends FigureMeta {
  cells: LandscapeCell[];
  minimum: LandscapeInput['minimum'];
  /** The measured plateau at the fit band (e.g. from fits/landscape.json): lr and batch range of the runs within it. */
  plateau?: { band: number; lrRange: [number, number]; batchRange: [number, number] };
  /** Top of the y axis as relative loss above the minimum (default 0.02). */
  cap?: number;
  /** x axis: lr (one line per batch size, default) or batch (one line per lr). */
  along?: 'lr' | 'batch';
}

/** A dot plot: a value per (row, series), optionally a bar to a second value, and a reference line. */
export interface DotsInput extends FigureMeta {
  rows: { row: string; series: string; value: number; to?: number }[];
  xTitle: string;
  yTitle?: string;
  /** Values are fractions shown as percent. */
  percent?: boolean;
  reference?: { value: number; label: string };
}

// ── fitted lines ─────────────────────────────────────────────────────────

export interface AxisSpec {
  title: string;
  /** Log scale (default true). */
  log?: boolean;
}

export interface FitPoint {
  x: number;
  y: number;
  /** Value of the fitted law at this point (same units as y): gives the residual ln(y / fitted). */
  fitted?: number;
  /** Optional series (e.g. group key) — colour only, no legend entry per point. */
  label?: string;
}

export interface LinePoint {
  x: number;
  y: number;
  /** Lower and upper edge of the (bootstrap) band at x, if any. */
  lo?: number;
  hi?: number;
}

/** Optimal lr / batch against N or D: runs as points, fitted line with band, published line, residuals. */
export interface FitLineInput extends FigureMeta {
  x: AxisSpec;
  y: AxisSpec;
  points: FitPoint[];
  /** Legend label of the points, e.g. `runs within 0.25% of their group minimum`. */
  pointsLabel: string;
  fitted: { label: string; line: LinePoint[]; bandLabel?: string };
  published?: { label: string; line: LinePoint[] };
  /** Draw a residual panel (needs `fitted` on the points); default true when any point has `fitted`. */
  residuals?: boolean;
}

// ── forest plot ──────────────────────────────────────────────────────────

export interface ForestRow {
  slice: string;
  /** Name of the exponent, e.g. `lr: D-exponent`. Rows are grouped into one panel per exponent. */
  exponent: string;
  estimate: number;
  lo: number;
  hi: number;
}

export interface ForestInput extends FigureMeta {
  rows: ForestRow[];
  /** Pooled estimate per exponent (reference line; its interval as a shaded band when given). */
  pooled: { exponent: string; estimate: number; lo?: number; hi?: number }[];
  /** Optional published value per exponent (dotted line), e.g. Step Law's 0.307. */
  published?: { exponent: string; value: number; label: string }[];
  /** Interval description for the legend/caption, default `95% bootstrap interval`. */
  intervalLabel?: string;
}

// ── loss law ─────────────────────────────────────────────────────────────

export interface LossObservedInput extends FigureMeta {
  points: { observed: number; fitted: number; series?: string; N?: number; D?: number }[];
  /** Law shown, e.g. `L = E + A/N^α + B/D^β (fitted)`. */
  lawLabel: string;
}

export interface LossFrontierInput extends FigureMeta {
  /** Iso-loss curves in (N, D). */
  isoLoss: { loss: number; points: { N: number; D: number }[] }[];
  /** Compute-optimal frontier N*(C), D*(C) with C ≈ 6·N·D. */
  frontier: { C: number; N: number; D: number }[];
  /** Observed runs (optional), coloured by loss. */
  runs?: { N: number; D: number; loss: number }[];
}

// ── tables ───────────────────────────────────────────────────────────────

export type Cell = string | number | boolean | null | undefined;

export interface TableColumn {
  key: string;
  label: string;
  /** num: fmtNum; pct: relative value shown as percent; int; bool: yes/no; text (default for strings). */
  format?: 'num' | 'pct' | 'int' | 'bool' | 'text';
  /** Significant digits for num / pct (default 3). */
  digits?: number;
  /** Row field holding the id of a figure this cell links to (`<a href="#id">`), e.g. the group's landscape. */
  linkKey?: string;
  /** Never break the cell's text (intervals such as `[7.65e-4, 1.14e-3]`). */
  nowrap?: boolean;
}

export interface TableInput {
  id: string;
  title: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** Row keys whose value `true` marks the row (class `flag`), e.g. outside the interval. */
  flagKey?: string;
  /** A line under the table (the key result it leads to, e.g. the lr range costing ≤ 0.25%). */
  footer?: string;
}

// ── report ───────────────────────────────────────────────────────────────

export type ReportItem =
  | { kind: 'landscape'; figure: LandscapeInput }
  | { kind: 'convexity'; figure: ConvexityInput }
  | { kind: 'dots'; figure: DotsInput }
  | { kind: 'fit'; figure: FitLineInput }
  | { kind: 'forest'; figure: ForestInput }
  | { kind: 'loss-observed'; figure: LossObservedInput }
  | { kind: 'loss-frontier'; figure: LossFrontierInput }
  | { kind: 'plan-landscape'; figure: PlanLandscapeInput }
  | { kind: 'table'; table: TableInput }
  | { kind: 'text'; id: string; paragraphs: string[]; /** `verdict`: the first paragraph is the headline. */ role?: 'verdict' };

export interface ReportSection {
  id: string;
  title: string;
  /** `decision`: the first screen — items side by side on wide screens, the heading visually hidden. */
  layout?: 'decision';
  /** Plain-text paragraphs (escaped). */
  intro?: string[];
  items: ReportItem[];
}

export interface ReportInput {
  title: string;
  /** Plain-text paragraphs under the title (what was run, on which data). No timestamps: output is deterministic. */
  intro?: string[];
  sections: ReportSection[];
}

/** A rendered figure: its final id (unique, slugged) and SVG text. */
export interface RenderedFigure {
  id: string;
  kind: ReportItem['kind'];
  title: string;
  caption: string;
  svg: string;
}
