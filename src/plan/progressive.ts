/**
 * The progressive procedure over a ladder of (N, D) groups, independent of
 * where losses come from (a replay reads them from a complete grid; a real
 * sweep from runs the user launched):
 *
 *   for each group, cheapest (6·N·D) first:
 *     centre = the guide's prediction (guide.ts: the prior corrected by the
 *              optima found so far), moved by a seeded random offset of
 *              `jitter` strides (normal, per axis; a design centred exactly on
 *              a biased guide would sit on the same side of every optimum),
 *              snapped to the group's lattice;
 *     request cells by the compass design (design.ts) until `runsPerGroup`
 *              existing cells have a measured loss;
 *     re-estimate every group's optimum (optimum.ts) and the guide.
 */
import type { Rng } from '../util/random.js';
import { cellKey, DEFAULT_STRIDE, nextCell, snapToLattice, type DesignState, type Stride } from './design.js';
import { makeGuide, type GuidePoint } from './guide.js';
import { groupOptima } from './optimum.js';
import type { Cell, CellLattice, GroupRuns, MeasuredRun } from './types.js';

export interface LadderGroup {
  key: string;
  N: number;
  D: number;
  lattice: CellLattice;
  /** The prior law's prediction for this group, ln lr and ln B (tokens). */
  prior: GuidePoint;
}

/** Measures a cell: its loss (NaN when the run gave none), or null when the cell cannot be run (absent from a replayed grid). */
export type Measure = (group: LadderGroup, cell: Cell) => number | null;

export interface PlannedRun {
  /** 1-based position in the group's sequence of requests that were run. */
  step: number;
  lr: number;
  batchTokens: number;
  loss: number;
}

export interface ProgressiveGroup {
  key: string;
  N: number;
  D: number;
  /** 1-based position on the ladder. */
  order: number;
  guide: { lr: number; batchTokens: number; terms: { lr: string[]; batch: string[] } };
  centre: { lr: number; batchTokens: number };
  runs: PlannedRun[];
  /** Requested cells that could not be run (absent from the grid). */
  missing: { lr: number; batchTokens: number }[];
}

export interface ProgressiveOptions {
  runsPerGroup: number;
  rng: Rng;
  /** Standard deviation of the centre's random offset, in strides (default 0.25). */
  jitter?: number;
  stride?: Stride;
  cutoff?: number;
  onGroup?: (done: number, total: number) => void;
}

export const DEFAULT_JITTER = 0.25;

/** Ladder order: cheapest groups first (6·N·D), ties by N then D. */
export function ladderOrder<T extends { N: number; D: number }>(groups: T[]): T[] {
  return [...groups].sort((a, b) => a.N * a.D - b.N * b.D || a.N - b.N || a.D - b.D);
}

export function runProgressive(ladder: LadderGroup[], measure: Measure, options: ProgressiveOptions): ProgressiveGroup[] {
  const stride = options.stride ?? DEFAULT_STRIDE;
  const jitter = options.jitter ?? DEFAULT_JITTER;
  const ordered = ladderOrder(ladder);
  const out: ProgressiveGroup[] = [];
  const measured: GroupRuns[] = [];
  let guide = makeGuide([]);
  ordered.forEach((g, k) => {
    const at = guide.predict(g.N, g.D, g.prior);
    const cx = at.lnLr + jitter * stride.lnLr * options.rng.normal();
    const cy = at.lnB + jitter * stride.lnB * options.rng.normal();
    const centre = snapToLattice(g.lattice, Math.exp(cx), Math.exp(cy));
    const state: DesignState = { lattice: g.lattice, centre, requested: new Map() };
    const runs: PlannedRun[] = [];
    const missing: ProgressiveGroup['missing'] = [];
    while (runs.length < options.runsPerGroup) {
      const cell = nextCell(state, stride);
      if (!cell) break;
      const loss = measure(g, cell);
      state.requested.set(cellKey(cell), loss);
      const lr = g.lattice.lrLevels[cell.i];
      const batchTokens = g.lattice.batchLevels[cell.j];
      if (loss === null) missing.push({ lr, batchTokens });
      else runs.push({ step: runs.length + 1, lr, batchTokens, loss });
    }
    out.push({
      key: g.key,
      N: g.N,
      D: g.D,
      order: k + 1,
      guide: { lr: Math.exp(at.lnLr), batchTokens: Math.exp(at.lnB), terms: guide.terms },
      centre: { lr: g.lattice.lrLevels[centre.i], batchTokens: g.lattice.batchLevels[centre.j] },
      runs,
      missing,
    });
    measured.push({ key: g.key, N: g.N, D: g.D, runs: runs.map((r): MeasuredRun => ({ lr: r.lr, batchTokens: r.batchTokens, loss: r.loss })) });
    const optima = groupOptima(measured, { cutoff: options.cutoff, stride }).optima;
    const priorOf = new Map(ordered.map((o) => [o.key, o.prior]));
    guide = makeGuide(optima.map((o) => ({ optimum: o, prior: priorOf.get(o.key)! })));
    options.onGroup?.(k + 1, ordered.length);
  });
  return out;
}
