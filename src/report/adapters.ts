/**
 * Adapters from steplaw's own objects to the report's plain-data inputs:
 * - a Grid (+ laws) → LandscapeInput;
 * - a log-linear law (Step Law form, `law.ts`) with its band-selected runs and
 *   bootstrap coefficient rows → the three fit figures (lr vs N, lr vs D,
 *   batch vs D);
 * - a Chinchilla-form loss law → observed-vs-fitted and frontier inputs.
 */
import { basename } from 'node:path';
import type { Grid } from '../sweep/grid.js';
import type { Run } from '../sweep/types.js';
import type { LawContext, LogLinearCoefficients, Prediction } from '../laws/law.js';
import { quantile } from '../util/stats.js';
import { fmtNum, fmtPct } from './format.js';
import { DEFAULT_LEVELS, landscapeSummary, levelLabel } from './landscape.js';
import type { FitLineInput, LandscapeInput, LinePoint, LossFrontierInput, LossObservedInput } from './types.js';
import { own } from '../util/own.js';
import { logSpace, minOf, maxOf } from '../util/arrays.js';
import type { LossLawCurves } from '../laws/loss-law-curves.js';

/** Columns tried, in order, for a run's name. */
export const RUN_NAME_COLUMNS = ['exp_name', 'run', 'name', 'run_name', 'id'];

/** A run's name from its attributes, or `file:row`. */
export function runName(run: Run): string {
  for (const c of RUN_NAME_COLUMNS) {
    const v = own(run.attrs, c);
    if (v !== undefined && String(v) !== '') return String(v);
  }
  return `${basename(run.file)}:${run.row}`;
}

/** The part of a Law the landscape needs (any catalog or fitted Law fits). */
export interface LandscapeLaw {
  /** Legend label, e.g. `Step Law (published, rounded)`. */
  label: string;
  predict(ctx: LawContext): Prediction;
}

export interface LandscapeFromGridOptions {
  laws?: LandscapeLaw[];
  /** Extra context per grid (e.g. C, seqLen); N and D come from the grid. */
  context?: (grid: Grid) => LawContext;
  levels?: number[];
  /** Id prefix, default `landscape`. */
  idPrefix?: string;
  /** What the data is, for the caption (default: the file names). */
  source?: string;
}

/** A readable group label: key attributes, then N and D in short exponent form (`moe_name=1in8, N = 2.155e9, D = 2e9`). */
export function groupLabel(grid: Grid): string {
  const attrs = Object.entries(grid.keyAttrs).map(([k, v]) => `${k}=${v}`);
  return [...attrs, `N = ${fmtNum(grid.N, 4)}`, `D = ${fmtNum(grid.D, 4)}`].join(', ');
}

/** The median of a numeric run attribute over a grid's runs (undefined when no run has it). */
function attrMedian(grid: Grid, column: string): number | undefined {
  const xs = grid.runs.map((r) => Number(r.attrs[column])).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return xs.length > 0 ? xs[Math.floor((xs.length - 1) / 2)] : undefined;
}

/**
 * A short panel title for small multiples: key attributes, then N and D
 * (`N 2.15e8 · D 4e9`). A mixture-of-experts group (runs carry the activated
 * fraction `Na/N`) is titled by that fraction and D (`Na/N 0.087 · D 2e9`):
 * the sparsity × D grid reads by what sparsity means, not by a run-name code.
 */
export function shortGroupLabel(grid: Grid): string {
  const frac = attrMedian(grid, 'Na/N');
  if (frac !== undefined) return `Na/N ${fmtNum(frac, 2)} · D ${fmtNum(grid.D)}`;
  const attrs = Object.values(grid.keyAttrs).map((v) => String(v));
  return [...attrs, `N ${fmtNum(grid.N)}`, `D ${fmtNum(grid.D)}`].join(' · ');
}

/**
 * A landscape figure input from a Grid: every run with a finite loss is a
 * cell; runs the grid flags as diverged (loss above the diverged ratio ×
 * minimum) or with a non-finite loss are cells marked `diverged` (their own
 * fill, never the loss scale).
 */
export function landscapeFromGrid(grid: Grid, options: LandscapeFromGridOptions = {}): LandscapeInput {
  if (!grid.argmin) throw new Error(`group ${grid.key}: no usable run, no landscape`);
  // Mixed roundings of one lr level (0.000345 / 0.0003453) are drawn at the grid's merged level (util/lattice.ts).
  const lrOf = (run: Run): number => grid.lrLevels[grid.cellOf(run).i];
  const cells = grid.runs
    .filter((r) => r.lr > 0 && r.batchTokens > 0 && (Number.isFinite(r.loss) || r.flags.includes('diverged')))
    .map((r) => {
      const diverged = !Number.isFinite(r.loss) || r.flags.includes('diverged');
      return { lr: lrOf(r), batchTokens: r.batchTokens, loss: r.loss, run: runName(r), ...(diverged ? { diverged: true } : {}) };
    });
  const laws = options.laws ?? [];
  const ctx: LawContext = { N: grid.N, D: grid.D, ...(options.context?.(grid) ?? {}) };
  const predictions = laws.flatMap((law) => {
    const p = law.predict(ctx);
    const ok = (v: number | undefined) => v !== undefined && Number.isFinite(v) && v > 0;
    if (!ok(p.lr) && !ok(p.batchTokens)) return [];
    return [{ law: law.label, lr: ok(p.lr) ? p.lr : undefined, batchTokens: ok(p.batchTokens) ? p.batchTokens : undefined }];
  });
  const levels = options.levels ?? DEFAULT_LEVELS;
  const m = grid.argmin;
  const source = options.source ?? [...new Set(grid.runs.map((r) => basename(r.file)))].join(', ');
  const edge = [...(grid.bracketed.lr ? [] : ['lr']), ...(grid.bracketed.batch ? [] : ['batch'])];
  const diverged = cells.filter((c) => c.diverged).length;
  const caption =
    `${source}, group ${grid.key}: ${grid.usable.length} usable runs on ${grid.lrLevels.length} lr × ${grid.batchLevels.length} batch levels` +
    (diverged > 0 ? ` (${diverged} diverged)` : '') +
    `. Grid minimum L = ${fmtNum(m.loss, 5)} at lr ${fmtNum(lrOf(m))}, batch ${fmtNum(m.batchTokens)} tokens (run ${runName(m)})` +
    (edge.length > 0 ? `, on the edge of the ${edge.join(' and ')} range` : '') +
    `. Colour: loss above the minimum; contours at ${levels.map(levelLabel).join(', ')}. ` +
    (predictions.length > 0
      ? `Predictions: ${predictions
          .map((p) => `${p.law}${p.lr !== undefined ? ` lr ${fmtNum(p.lr)}` : ' (no lr formula)'}${p.batchTokens !== undefined ? `, batch ${fmtNum(p.batchTokens)}` : ' (no batch formula)'}`)
          .join('; ')}.`
      : 'No law predictions.');
  const id = `${options.idPrefix ?? 'landscape'}-${grid.key}`;
  const input: LandscapeInput = {
    id,
    title: shortGroupLabel(grid),
    caption,
    cells,
    minimum: { lr: lrOf(m), batchTokens: m.batchTokens, loss: m.loss, run: runName(m) },
    predictions,
    levels,
  };
  return { ...input, summary: `Loss landscape of ${groupLabel(grid)}. ${landscapeSummary(input)}` };
}

// ── log-linear fits (Step Law form) ──────────────────────────────────────

export interface LogLinearFitData {
  /** The fitted coefficients (ln lr = c0 + cN ln N + cD ln D; ln B = b0 + bN ln N + bD ln D). */
  coefficients: LogLinearCoefficients;
  /** Bootstrap coefficient rows (for the 95% band); may be empty. */
  bootstrap?: LogLinearCoefficients[];
  /** Bootstrap rows in a fit record's layout [c0, cN, cD, b0, bN, bD] (`StepLawFit.bootstrap.samples`), drawn like `bootstrap`. */
  bootstrapSamples?: readonly (readonly number[])[];
  /** The runs the fit used (band-selected), in canonical units. */
  runs: { N: number; D: number; lr: number; batchTokens: number; label?: string }[];
  /** Published law to draw for comparison. */
  published?: { label: string; coefficients: LogLinearCoefficients };
  /** Label of the fit, e.g. `re-derived (OLS, 0.25% band, 1000 bootstrap)`. */
  fitLabel: string;
  /** Data description for captions, e.g. `dense_lr_bs_loss.csv, 129 runs within 0.25%`. */
  source: string;
  /** Band used to select runs (for the caption), default 0.0025. */
  band?: number;
  idPrefix?: string;
}

const geoMean = (xs: number[]): number => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);


type Part = 'lr' | 'batch';
const lnPredict = (c: LogLinearCoefficients, part: Part, N: number, D: number): number =>
  c[part].intercept + c[part].coefN * Math.log(N) + c[part].coefD * Math.log(D);
/** The same for a record row [c0, cN, cD, b0, bN, bD]. */
const lnPredictRow = (row: readonly number[], part: Part, N: number, D: number): number => {
  const k = part === 'lr' ? 0 : 3;
  return row[k] + row[k + 1] * Math.log(N) + row[k + 2] * Math.log(D);
};

/**
 * The three fit figures. Each plots one target against one variable with the
 * other held at a reference value (the geometric mean over the runs): the
 * points are adjusted to it with the fitted exponent, y·(ref/v)^coef (a
 * partial-residual plot), so a point's vertical distance from the fitted line
 * is exactly its residual. Batch against D: the batch law has no N term unless
 * fitted (coefN ≠ 0), in which case N is held at its reference too.
 */
export function fitFiguresFromLogLinear(data: LogLinearFitData): FitLineInput[] {
  const runs = data.runs;
  if (runs.length === 0) throw new Error('fit figures: no runs');
  const Nref = geoMean(runs.map((r) => r.N));
  const Dref = geoMean(runs.map((r) => r.D));
  const band = data.band ?? 0.0025;
  const boot: ((part: Part, N: number, D: number) => number)[] = [
    ...(data.bootstrap ?? []).map((c) => (part: Part, N: number, D: number) => lnPredict(c, part, N, D)),
    ...(data.bootstrapSamples ?? []).map((row) => (part: Part, N: number, D: number) => lnPredictRow(row, part, N, D)),
  ];
  const prefix = data.idPrefix ?? 'fit';

  const make = (part: Part, vs: 'N' | 'D'): FitLineInput => {
    const coef = data.coefficients[part];
    const other = vs === 'N' ? 'D' : 'N';
    const ref = vs === 'N' ? Dref : Nref;
    const otherCoef = other === 'D' ? coef.coefD : coef.coefN;
    const y = (r: (typeof runs)[number]) => (part === 'lr' ? r.lr : r.batchTokens);
    const at = (c: LogLinearCoefficients, v: number) => lnPredict(c, part, vs === 'N' ? v : Nref, vs === 'D' ? v : Dref);
    const points = runs.map((r) => {
      const v = r[vs];
      const adj = y(r) * Math.pow(ref / r[other], otherCoef);
      return { x: v, y: adj, fitted: Math.exp(at(data.coefficients, v)), label: r.label };
    });
    const xs = runs.map((r) => r[vs]);
    const xgrid = logSpace(minOf(xs) / 1.15, maxOf(xs) * 1.15, 41);
    const line: LinePoint[] = xgrid.map((v) => {
      const p: LinePoint = { x: v, y: Math.exp(at(data.coefficients, v)) };
      if (boot.length >= 2) {
        const ln = boot.map((f) => f(part, vs === 'N' ? v : Nref, vs === 'D' ? v : Dref));
        p.lo = Math.exp(quantile(ln, 0.025));
        p.hi = Math.exp(quantile(ln, 0.975));
      }
      return p;
    });
    const pub = data.published;
    const target = part === 'lr' ? 'optimal lr' : 'optimal batch (tokens)';
    const xTitle = vs === 'N' ? 'N (non-embedding parameters)' : 'D (training tokens)';
    const heldText = other === 'D' ? `D held at ${fmtNum(Dref)} tokens` : `N held at ${fmtNum(Nref)}`;
    const usesOther = otherCoef !== 0;
    return {
      id: `${prefix}-${part}-vs-${vs}`,
      title: `${part === 'lr' ? 'Optimal learning rate' : 'Optimal batch size'} against ${vs}`,
      caption:
        `${data.source}: runs within ${fmtPct(band)} of their group minimum` +
        (usesOther ? `, adjusted to ${heldText} with the fitted exponent (${fmtNum(otherCoef)})` : '') +
        `. Line: ${data.fitLabel}` +
        (boot.length >= 2 ? ` with its 95% bootstrap band (${boot.length} resamples)` : '') +
        (pub ? `; dashed: ${pub.label}` : '') +
        (usesOther ? `, both at ${heldText}` : '') +
        '. Lower panel: residual ln(y / fitted).',
      x: { title: xTitle, log: true },
      y: { title: target, log: true },
      points,
      pointsLabel: `runs within ${fmtPct(band)} of min`,
      fitted: { label: data.fitLabel, line, bandLabel: boot.length >= 2 ? '95% bootstrap band' : undefined },
      published: pub ? { label: pub.label, line: xgrid.map((v) => ({ x: v, y: Math.exp(at(pub.coefficients, v)) })) } : undefined,
      residuals: true,
    };
  };
  return [make('lr', 'N'), make('lr', 'D'), make('batch', 'D')];
}

// ── Chinchilla-form loss law ─────────────────────────────────────────────

export interface LossLawFigureData {
  /** The law's fitted losses, iso-loss curves and frontier over these runs (laws/loss-law-curves.ts). */
  curves: LossLawCurves;
  /** Observed runs, in the order of `curves.fitted`. */
  runs: { N: number; D: number; loss: number; series?: string }[];
  lawLabel: string;
  source: string;
  idPrefix?: string;
}

/** Observed-vs-fitted and (N, D) frontier inputs for a fitted Chinchilla-form law (the curves computed by the caller). */
export function lossLawFigures(data: LossLawFigureData): { observed: LossObservedInput; frontier: LossFrontierInput } {
  const { params: p, fitted, levels, isoLoss, frontier } = data.curves;
  const prefix = data.idPrefix ?? 'loss-law';
  const Ds = data.runs.map((r) => r.D);
  return {
    observed: {
      id: `${prefix}-observed`,
      title: 'Loss law: observed against fitted loss',
      caption: `${data.source}: ${data.runs.length} runs. Fitted law ${data.lawLabel} (E ${fmtNum(p.E, 4)}${p.A !== 0 ? `, A ${fmtNum(p.A)}, α ${fmtNum(p.alpha)}` : ', no N term'}${p.B !== 0 ? `, B ${fmtNum(p.B)}, β ${fmtNum(p.beta)}` : ', no D term'}). The diagonal is a perfect fit.`,
      lawLabel: data.lawLabel,
      points: data.runs.map((r, k) => ({ observed: r.loss, fitted: fitted[k], series: r.series, N: r.N, D: r.D })),
    },
    frontier: {
      id: `${prefix}-frontier`,
      title: 'Loss law: iso-loss curves, compute-optimal frontier',
      caption: `${data.lawLabel} fitted on ${data.source}. Thin lines: L(N, D) = const at ${levels.map((l) => fmtNum(l, 4)).join(', ')}. Thick line: N*(C), D*(C) minimising L at C = 6·N·D (Hoffmann et al. 2022, eq. 4). Points: observed runs (D range ${fmtNum(minOf(Ds))}–${fmtNum(maxOf(Ds))} tokens).`,
      isoLoss,
      frontier,
      runs: data.runs.map((r) => ({ N: r.N, D: r.D, loss: r.loss })),
    },
  };
}
