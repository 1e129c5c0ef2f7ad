/**
 * Proposing runs for a real sweep, one wave at a time, with the reasoning.
 *
 * The procedure is the one a replay simulates (progressive.ts): groups in
 * ladder order (cheapest 6·N·D first); a group starts with the first wave of
 * the compass design — its centre and the four neighbours one stride away, which
 * do not depend on each other's losses and can be launched together — and
 * continues one adaptive run at a time (design.ts) until it has `runsPerGroup`
 * runs. The next group starts when every started group is complete, centred by
 * the guide (the prior corrected by the optima found so far, guide.ts).
 *
 * Default lattice for a new sweep: lr on a ×√2 ladder through 1e-3 (the
 * released Step Law grid's lr ladder), batch on a ×2 ladder of sequences (so the
 * ×4 batch stride is two levels). Runs already measured are placed on the
 * nearest lattice cell.
 */
import type { Rng } from '../util/random.js';
import { cellKey, DEFAULT_STRIDE, nextCell, snapToLattice, type DesignState } from './design.js';
import { makeGuide, type GuidePoint } from './guide.js';
import { groupOptima, type Curvature } from './optimum.js';
import { ladderOrder, DEFAULT_JITTER } from './progressive.js';
import type { CellLattice, GroupRuns } from './types.js';

/** Levels from `lo` to `hi` (inclusive range) on the ladder anchor·factor^k. */
export function ladderLevels(anchor: number, factor: number, lo: number, hi: number): number[] {
  const out: number[] = [];
  const k0 = Math.ceil(Math.log(lo / anchor) / Math.log(factor) - 1e-9);
  for (let k = k0; anchor * factor ** k <= hi * (1 + 1e-9); k++) out.push(anchor * factor ** k);
  return out;
}

/** The default lattice: lr 1e-3·√2^k in [1e-5, 0.1]; batch 2^k sequences of `seqLen` tokens, 1 to 65536 sequences. */
export function defaultLattice(seqLen: number): CellLattice {
  return {
    lrLevels: ladderLevels(1e-3, Math.SQRT2, 1e-5, 0.1),
    batchLevels: ladderLevels(1, 2, 1, 65536).map((s) => s * seqLen),
  };
}

export interface ProposalTarget {
  key: string;
  N: number;
  D: number;
  prior: GuidePoint;
  /** The prior's 95% interval at this target (from its bootstrap rows), when it has one. */
  priorInterval?: { lr?: [number, number]; batchTokens?: [number, number] };
}

export interface ProposedRun {
  group: string;
  N: number;
  D: number;
  lr: number;
  batchTokens: number;
  /** Why this cell: centre, compass (lr ÷2 …), or adaptive. */
  role: string;
}

export interface GroupReasoning {
  group: string;
  N: number;
  D: number;
  order: number;
  status: 'complete' | 'in-progress' | 'next' | 'waiting';
  runsMeasured: number;
  prior: { lr: number; batchTokens: number; interval: ProposalTarget['priorInterval'] | null };
  guide: { lr: number; batchTokens: number; correctedTerms: { lr: string[]; batch: string[] } };
  /** The group's optimum estimated from its runs so far (vertex of the shared quadratic), when it has runs. */
  optimum: { lr: number; batchTokens: number; source: string; flags: string[] } | null;
}

export interface Proposal {
  runs: ProposedRun[];
  groups: GroupReasoning[];
  /** The plateau the shared curvature implies: span (×) in lr and batch within 0.25% of the minimum, along each axis. */
  plateau: { band: number; lrSpan: number; batchSpan: number; curvatureFrom: 'runs' | 'default' };
  stride: { lr: number; batch: number };
  runsPerGroup: number;
}

/**
 * Shared curvature of the released dense Step Law grid (every usable run near its
 * group's minimum, selected as optimum.ts does), used for the plateau width before a
 * sweep has runs of its own. A test recomputes it from data/steplaw.
 */
export const DEFAULT_CURVATURE = { xx: 0.008769, yy: 0.006759, xy: -0.003856 };

/** Span (×, full width) along each axis of the region where ln L rises less than ln(1 + band). */
export function plateauSpans(c: Pick<Curvature, 'xx' | 'yy'>, band = 0.0025): { lrSpan: number; batchSpan: number } {
  const e = Math.log1p(band);
  return { lrSpan: Math.exp(2 * Math.sqrt(e / c.xx)), batchSpan: Math.exp(2 * Math.sqrt(e / c.yy)) };
}

export interface ProposeOptions {
  runsPerGroup: number;
  rng: Rng;
  lattice: CellLattice;
  jitter?: number;
  cutoff?: number;
}

const COMPASS_ROLES = ['centre', 'lr ÷2', 'lr ×2', 'batch ÷4', 'batch ×4'];

/** Next runs to launch given the runs measured so far (`measured`, by group key). */
export function proposeRuns(targets: ProposalTarget[], measured: Map<string, GroupRuns>, options: ProposeOptions): Proposal {
  const jitter = options.jitter ?? DEFAULT_JITTER;
  const ordered = ladderOrder(targets);
  const done = ordered.map((t) => measured.get(t.key)?.runs ?? []);
  const withRuns: GroupRuns[] = ordered.map((t, k) => ({ key: t.key, N: t.N, D: t.D, runs: done[k] })).filter((g) => g.runs.length > 0);
  const optima = groupOptima(withRuns, { cutoff: options.cutoff });
  const guide = makeGuide(optima.optima.map((o) => ({ optimum: o, prior: ordered.find((t) => t.key === o.key)!.prior })));
  const runs: ProposedRun[] = [];
  const groups: GroupReasoning[] = [];
  const complete = (k: number) => done[k].length >= options.runsPerGroup;
  const started = (k: number) => done[k].length > 0;
  const allStartedComplete = ordered.every((_, k) => !started(k) || complete(k));
  const nextToStart = allStartedComplete ? ordered.findIndex((_, k) => !started(k)) : -1;
  ordered.forEach((t, k) => {
    const at = guide.predict(t.N, t.D, t.prior);
    const o = optima.optima.find((x) => x.key === t.key);
    let status: GroupReasoning['status'] = complete(k) ? 'complete' : started(k) ? 'in-progress' : k === nextToStart ? 'next' : 'waiting';
    const state: DesignState = { lattice: options.lattice, centre: { i: 0, j: 0 }, requested: new Map() };
    if (status === 'in-progress') {
      for (const r of done[k]) state.requested.set(cellKey(snapToLattice(options.lattice, r.lr, r.batchTokens)), r.loss);
      // The centre was the first run's cell; continue the design from the measured runs.
      state.centre = snapToLattice(options.lattice, done[k][0].lr, done[k][0].batchTokens);
      const c = nextCell(state);
      if (c) runs.push({ group: t.key, N: t.N, D: t.D, lr: options.lattice.lrLevels[c.i], batchTokens: options.lattice.batchLevels[c.j], role: 'adaptive (best run so far and its neighbours)' });
      else status = 'complete';
    } else if (status === 'next') {
      const cx = at.lnLr + jitter * DEFAULT_STRIDE.lnLr * options.rng.normal();
      const cy = at.lnB + jitter * DEFAULT_STRIDE.lnB * options.rng.normal();
      state.centre = snapToLattice(options.lattice, Math.exp(cx), Math.exp(cy));
      for (let w = 0; w < Math.min(5, options.runsPerGroup); w++) {
        const c = nextCell(state);
        if (!c) break;
        // The first wave does not depend on its losses: mark it requested with the centre as the best.
        state.requested.set(cellKey(c), w === 0 ? 0 : 1);
        runs.push({ group: t.key, N: t.N, D: t.D, lr: options.lattice.lrLevels[c.i], batchTokens: options.lattice.batchLevels[c.j], role: COMPASS_ROLES[w] });
      }
    }
    groups.push({
      group: t.key,
      N: t.N,
      D: t.D,
      order: k + 1,
      status,
      runsMeasured: done[k].length,
      prior: { lr: Math.exp(t.prior.lnLr), batchTokens: Math.exp(t.prior.lnB), interval: t.priorInterval ?? null },
      guide: { lr: Math.exp(at.lnLr), batchTokens: Math.exp(at.lnB), correctedTerms: guide.terms },
      optimum: o ? { lr: Math.exp(o.lnLr), batchTokens: Math.exp(o.lnB), source: o.source, flags: o.flags } : null,
    });
  });
  const c = optima.curvature?.positiveDefinite ? optima.curvature : null;
  return {
    runs,
    groups,
    plateau: { band: 0.0025, ...plateauSpans(c ?? DEFAULT_CURVATURE), curvatureFrom: c ? 'runs' : 'default' },
    stride: { lr: Math.exp(DEFAULT_STRIDE.lnLr), batch: Math.exp(DEFAULT_STRIDE.lnB) },
    runsPerGroup: options.runsPerGroup,
  };
}
