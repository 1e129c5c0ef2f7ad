/**
 * Validate a law against grid-search optima (docs/method.md#relative-error).
 *
 * Per grid (one grid-search group: (N, D) plus the sweep's group keys — for
 * MoE `moe_name`, because the four sparsities share one total N):
 *   - the law's prediction (lr, batchTokens) from the grid's LawContext
 *     (context.ts: N, D, C = M·D, L = grid minimum);
 *   - the loss read at the prediction by a reader (readers/: nearest, linear,
 *     surface; default surface, chosen by leave-one-cell-out);
 *   - relative error = L(pred) / L_min − 1 (the paper's metric), the distance
 *     ln(lr_pred/lr*) and ln(B_pred/B*) from the grid argmin, and whether
 *     L(pred) lies inside the band (default 0.25%) of the minimum.
 * A law without a batch formula is scored at the best batch size for its lr
 * (the batch level whose reading at the predicted lr is lowest; flag
 * `batch-from-grid`); a law without an lr formula at the best lr for its batch
 * (`lr-from-grid`). Both flatter the law, and the output says so.
 *
 * Relative errors may be slightly negative with the interpolating readers: a
 * smooth surface can dip below the best run.
 */
import { InputError, msg, type Warning } from '../messages.js';
import type { Law } from '../laws/law.js';
import { DEFAULT_BAND, edgeAxes, type Grid } from '../sweep/grid.js';
import { extrapolation } from '../laws/extrapolation.js';
import { contextOf, withNColumn } from './context.js';
import { latticeOf, type Lattice } from './lattice.js';
import { DEFAULT_READER, getReader, type LossReader, type ReaderName } from './readers/index.js';
import { summarise, type ErrorSummary } from './summary.js';

export interface ValidateOptions {
  /** Loss reader (name or object); default `surface`. */
  reader?: ReaderName | LossReader;
  /** Band for "inside the band" (default 0.0025). */
  band?: number;
  /** Column to use as N (default the grid's N: non-embedding, total for MoE). */
  NColumn?: string;
  /** Sequence length when the data have no seq_len column (default 2048). */
  seqLen?: number;
}

/**
 * Group flags:
 * extrapolated | filled-cell | fallback-nearest | diverged-run (from the reader);
 * batch-from-grid | lr-from-grid (law lacks that formula); L-from-grid-min;
 * C-from-shape | C-from-M-column; optimum-on-edge; single-run; not-predicted; no-usable-run;
 * not-evaluable (the prediction is zero, non-finite or cannot be placed on the lattice: never scored);
 * outside-fitted-range (the group's N or D lies outside the range a fitted law rests on).
 */
export type GroupFlag = string;

export interface GroupValidation {
  group: string;
  keyAttrs: Record<string, string | number>;
  N: number;
  D: number;
  predicted: { lr: number | null; batchTokens: number | null; lrFrom: 'law' | 'grid'; batchFrom: 'law' | 'grid' };
  argmin: { lr: number; batchTokens: number; loss: number } | null;
  lossAtPrediction: number | null;
  relativeError: number | null;
  /** ln(lr_pred / lr_argmin), ln(B_pred / B_argmin). */
  distance: { lnLr: number; lnB: number } | null;
  insideBand: boolean | null;
  /** How far the prediction lies outside the lattice's runs, ln units (0 inside). */
  outside: { lnLr: number; lnB: number } | null;
  /** 95% interval of the prediction, when the law has one (bootstrap rows). */
  interval?: { lr?: [number, number]; batchTokens?: [number, number] };
  flags: GroupFlag[];
  /** Why the prediction could not be scored on this group (flag `not-evaluable`): zero, non-finite, off the grid. */
  notEvaluable?: string;
  /** Where the group lies outside the (N, D) range the law was fitted on (flag `outside-fitted-range`). */
  extrapolation?: { axis: 'N' | 'D'; side: 'above' | 'below'; factor: number }[];
}

export interface ValidationResult {
  law: { name: string; title: string; formula: string; citation: string; caveats: string[] };
  reader: { name: string; description: string };
  band: number;
  /** What a group is keyed on, e.g. ['moe_name', 'N', 'D']. */
  groupedBy: string[];
  /** The column used as N. */
  NColumn: string;
  groups: GroupValidation[];
  summary: ErrorSummary;
  /** Plain-language notes on choices that affect the numbers (best batch from grid, L = grid minimum, ...). */
  notes: string[];
  warnings: Warning[];
}

/** Loss at (x, y) and the best of the other axis when the law lacks it. */
function readAt(lattice: Lattice, reader: LossReader, x: number | undefined, y: number | undefined) {
  if (x !== undefined && y !== undefined) return { x, y, reading: reader.read(lattice, x, y) };
  const presentY = [...new Set(lattice.points.map((p) => p.j))].sort((a, b) => a - b).map((j) => lattice.yLevels[j]);
  const presentX = [...new Set(lattice.points.map((p) => p.i))].sort((a, b) => a - b).map((i) => lattice.xLevels[i]);
  let best: { x: number; y: number; reading: ReturnType<LossReader['read']> } | undefined;
  if (x !== undefined) {
    for (const yy of presentY) {
      const r = reader.read(lattice, x, yy);
      if (!best || r.loss < best.reading.loss) best = { x, y: yy, reading: r };
    }
  } else if (y !== undefined) {
    for (const xx of presentX) {
      const r = reader.read(lattice, xx, y);
      if (!best || r.loss < best.reading.loss) best = { x: xx, y, reading: r };
    }
  }
  return best;
}

/** Mark a group the law's prediction cannot be scored on: flag `not-evaluable` and the reason; no error is read. */
function notEvaluable(out: GroupValidation, reason: string): GroupValidation {
  out.flags.push('not-evaluable');
  out.notEvaluable = reason;
  return out;
}

/** Validate one law on one grid. */
export function validateGrid(grid: Grid, law: Law, reader: LossReader, band = DEFAULT_BAND, seqLen = 2048): GroupValidation {
  const flags: GroupFlag[] = [];
  const out: GroupValidation = {
    group: grid.key,
    keyAttrs: grid.keyAttrs,
    N: grid.N,
    D: grid.D,
    predicted: { lr: null, batchTokens: null, lrFrom: law.predicts.lr ? 'law' : 'grid', batchFrom: law.predicts.batch ? 'law' : 'grid' },
    argmin: grid.argmin ? { lr: grid.argmin.lr, batchTokens: grid.argmin.batchTokens, loss: grid.argmin.loss } : null,
    lossAtPrediction: null,
    relativeError: null,
    distance: null,
    insideBand: null,
    outside: null,
    flags,
  };
  if (!grid.argmin) {
    flags.push('no-usable-run');
    return out;
  }
  if (edgeAxes(grid).length > 0) flags.push('optimum-on-edge');
  if (grid.usable.length === 1) flags.push('single-run');
  const { ctx, cSource } = contextOf(grid, seqLen);
  const needs = new Set([...law.needs.lr, ...law.needs.batch]);
  if (needs.has('C')) flags.push(cSource);
  if (needs.has('L')) flags.push('L-from-grid-min');
  const pred = law.predict(ctx);
  const lackLr = law.predicts.lr && pred.lr === undefined;
  const lackB = law.predicts.batch && pred.batchTokens === undefined;
  if (lackLr || lackB || (pred.lr === undefined && pred.batchTokens === undefined)) {
    flags.push('not-predicted');
    return out;
  }
  // A prediction that is zero, negative or non-finite cannot be placed on the grid: not evaluable, never scored.
  const unplaceable = (['lr', 'batchTokens'] as const).find((k) => pred[k] !== undefined && !(Number.isFinite(pred[k]!) && pred[k]! > 0));
  if (unplaceable) return notEvaluable(out, msg.predictionUnplaceable(unplaceable === 'lr' ? 'lr' : 'batch', pred[unplaceable]!));
  for (const x of extrapolation(law.range, { N: grid.N, D: grid.D })) {
    if (!flags.includes('outside-fitted-range')) flags.push('outside-fitted-range');
    (out.extrapolation ??= []).push({ axis: x.axis, side: x.side, factor: x.factor });
  }
  if (law.interval) out.interval = law.interval(ctx);
  if (!law.predicts.batch) flags.push('batch-from-grid');
  if (!law.predicts.lr) flags.push('lr-from-grid');
  // An axis the sweep did not search (one level tried) is read at that level: the law is scored on the other axis only.
  const useLr = law.predicts.lr && grid.searched.lr;
  const useB = law.predicts.batch && grid.searched.batch;
  if (law.predicts.lr && !useLr) flags.push('lr-not-searched');
  if (law.predicts.batch && !useB) flags.push('batch-not-searched');
  if (!useLr) out.predicted.lrFrom = 'grid';
  if (!useB) out.predicted.batchFrom = 'grid';
  const lattice = latticeOf(grid);
  if (lattice.points.length === 0) return notEvaluable(out, msg.latticeEmpty());
  // Per axis: the law's value; the single level tried when the axis was not searched; else (no formula) the best of the grid.
  const x = useLr && pred.lr !== undefined ? Math.log(pred.lr) : !grid.searched.lr ? Math.log(grid.lrLevels[0]) : undefined;
  const y = useB && pred.batchTokens !== undefined ? Math.log(pred.batchTokens) : !grid.searched.batch ? Math.log(grid.batchLevels[0]) : undefined;
  const at = readAt(lattice, reader, x, y);
  if (!at) {
    flags.push('not-predicted');
    return out;
  }
  if (!Number.isFinite(at.reading.loss)) return notEvaluable(out, msg.readingNotFinite(at.reading.loss));
  for (const f of at.reading.flags) if (!flags.includes(f)) flags.push(f);
  out.predicted.lr = Math.exp(at.x);
  out.predicted.batchTokens = Math.exp(at.y);
  out.outside = at.reading.outside;
  out.lossAtPrediction = at.reading.loss;
  out.relativeError = at.reading.loss / grid.minLoss - 1;
  out.distance = { lnLr: at.x - Math.log(grid.argmin.lr), lnB: at.y - Math.log(grid.argmin.batchTokens) };
  out.insideBand = out.relativeError < band;
  return out;
}

/**
 * Validate a law on grids.
 * @throws InputError when the law is not evaluable, or predicts on no group (an input it needs is missing).
 */
export function validateLaw(grids: Grid[], law: Law, options: ValidateOptions = {}): ValidationResult {
  const band = options.band ?? DEFAULT_BAND;
  if (!(band > 0 && band < 1)) throw new InputError(msg.badOption('--band', String(band), 'a number in (0, 1)'));
  const reader = typeof options.reader === 'object' ? options.reader : getReader(options.reader ?? DEFAULT_READER);
  if (!law.evaluable) throw new InputError(msg.lawNotEvaluable(law.name, law.caveats[0] ?? 'no constants'));
  const usable = grids.filter((g) => g.argmin);
  if (usable.length === 0) throw new InputError(msg.noGroups());
  const gs = withNColumn(grids, options.NColumn);
  const groups = gs.map((g) => validateGrid(g, law, reader, band, options.seqLen ?? 2048));
  const warnings: Warning[] = [];
  const notPredicted = groups.filter((g) => g.flags.includes('not-predicted'));
  if (notPredicted.length === groups.filter((g) => !g.flags.includes('no-usable-run')).length) {
    const missing = [...new Set([...law.needs.lr, ...law.needs.batch])];
    const why = missing.includes('C') && groups.some((g) => g.flags.includes('C-unavailable')) ? msg.computeNeedsShape() : `inputs ${missing.join(', ')}`;
    throw new InputError(msg.lawNeedsMissing(law.name, missing, why));
  }
  const scorable = groups.filter((g) => !g.flags.includes('no-usable-run') && !g.flags.includes('not-predicted'));
  if (scorable.length > 0 && scorable.every((g) => g.flags.includes('not-evaluable'))) {
    throw new InputError(msg.lawNotEvaluable(law.name, `no group can be scored: ${scorable[0].notEvaluable}`));
  }
  for (const g of groups.filter((x) => x.flags.includes('not-evaluable'))) {
    warnings.push({ code: 'not-evaluable', message: msg.groupNotEvaluable(g.group, law.name, g.notEvaluable!), detail: { group: g.group } });
  }
  for (const g of notPredicted) {
    warnings.push({ code: 'not-predicted', message: msg.groupNotPredicted(g.group, law.name, [...law.needs.lr, ...law.needs.batch]), detail: { group: g.group } });
  }
  const notes: string[] = [];
  // Warnings the law carries (a fit made with --allow-unidentifiable) go into every validation output.
  const carried = law.warnings ?? [];
  warnings.push(...carried);
  if (carried.length > 0) notes.push(msg.carriedWarnings(carried[0].message, carried.length - 1));
  const keyNames = Object.keys(gs[0]?.keyAttrs ?? {});
  const groupedBy = [...keyNames, 'N', 'D'];
  notes.push(`groups are keyed on ${groupedBy.join(', ')}${keyNames.includes('moe_name') ? ' (MoE sparsities share one total N)' : ''}`);
  if (options.NColumn && options.NColumn !== 'N') notes.push(`N is taken from column ${options.NColumn}`);
  if (!law.predicts.batch) notes.push('the law has no batch-size formula: it is scored at the best batch size for its lr (batch-from-grid), which flatters it');
  if (!law.predicts.lr) notes.push('the law has no lr formula: it is scored at the best lr for its batch size (lr-from-grid), which flatters it');
  if ([...law.needs.lr, ...law.needs.batch].includes('L')) notes.push('loss-based law: L = the group\'s grid-minimum loss (L-from-grid-min)');
  const count = (f: string) => groups.filter((g) => g.flags.includes(f)).length;
  if (count('batch-not-searched')) notes.push(`${count('batch-not-searched')} group(s) tried a single batch size: the law is scored on its lr at that batch (batch-not-searched)`);
  if (count('lr-not-searched')) notes.push(`${count('lr-not-searched')} group(s) tried a single learning rate: the law is scored on its batch at that lr (lr-not-searched)`);
  if (count('C-from-shape')) notes.push('C = M·D with M = 6·(4h + 3·ffnh + 2·seq_len)·numl·h from the shape columns (C-from-shape)');
  if (count('C-from-M-column')) notes.push('C = M·D with M from the data\'s M column (C-from-M-column)');
  if (count('extrapolated')) notes.push(`${count('extrapolated')} group(s): prediction outside the grid's lr/batch range; the loss there is an extrapolation (extrapolated)`);
  if (count('optimum-on-edge')) notes.push(`${count('optimum-on-edge')} group(s): the grid optimum is on the edge of the range tried, so the true optimum may lie outside (optimum-on-edge)`);
  if (count('not-evaluable')) notes.push(`${count('not-evaluable')} group(s): the law's prediction cannot be placed on the grid (zero, non-finite or off the lattice); not scored and not in the summary (not-evaluable)`);
  if (count('outside-fitted-range')) notes.push(`${count('outside-fitted-range')} group(s) lie outside the (N, D) range the law was fitted on: its prediction there is an extrapolation (outside-fitted-range)`);
  if (count('single-run')) notes.push(`${count('single-run')} group(s) have a single valid run: relative error is trivially about 0 (single-run)`);
  return {
    law: { name: law.name, title: law.title, formula: law.formula, citation: law.citation, caveats: law.caveats },
    reader: { name: reader.name, description: reader.description },
    band,
    groupedBy,
    NColumn: options.NColumn ?? 'N',
    groups,
    summary: summarise(groups, band),
    notes,
    warnings,
  };
}
