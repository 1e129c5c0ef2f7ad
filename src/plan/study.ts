/**
 * How reliably the planner works: replays on one complete grid over seeds,
 * starting priors and runs per group (replay.ts), summarised per (prior, K).
 * The complete grid's reference (its law, cluster-aware intervals and
 * leave-one-group-out error) is computed once and shared by every replay.
 */
import type { Law } from '../laws/law.js';
import type { Grid } from '../sweep/grid.js';
import { median } from '../util/stats.js';
import { fullGridReference, type FullGridReference } from './reference.js';
import { replayPlan } from './replay.js';
import { EXPONENT_NAMES, type ExponentName } from './types.js';

export interface ReplayRow {
  prior: string;
  runsPerGroup: number;
  seed: number;
  revealedRuns: number;
  computeFraction: number;
  cvMeanRelativeError: number | null;
  planned: Record<ExponentName, number>;
  inside: Record<ExponentName, boolean>;
  /** The authors' band selection on the same revealed runs (null when it could not fit). */
  authorsWay: Record<ExponentName, number | null>;
  authorsWayInside: Record<ExponentName, boolean>;
}

export interface ReplayCell {
  prior: string;
  runsPerGroup: number;
  seeds: number;
  meanRevealedRuns: number;
  meanComputeFraction: number;
  cv: { median: number; min: number; max: number };
  /** Seeds whose held-out error is within 0.02 percentage points of the complete grid's. */
  cvWithin: number;
  /** Seeds with all three exponents inside the complete grid's 95% intervals. */
  allInside: number;
  /** The same for the authors' band selection on the same revealed runs. */
  authorsWayAllInside: number;
  exponents: Record<ExponentName, { median: number; min: number; max: number; inside: number }>;
}

export interface ReplayStudy {
  kind: 'steplaw-plan-study';
  version: 1;
  reference: Omit<FullGridReference, 'coefficients'>;
  /** Tolerance of the held-out error against the complete grid's (0.0002 = 0.02 percentage points). */
  cvTolerance: number;
  rows: ReplayRow[];
  cells: ReplayCell[];
}

export interface StudyOptions {
  priors: Law[];
  runsPerGroup: number[];
  seeds: number[];
  /** Bootstrap resamples of the reference's intervals (default 1000). */
  bootstrap?: number;
  reference?: FullGridReference;
  onReplay?: (done: number, total: number) => void;
}

export const CV_TOLERANCE = 0.0002;

/** One replay summarised as a row (planned point estimates; no bootstrap of the planned law). */
export function replayRow(grids: Grid[], prior: Law, runsPerGroup: number, seed: number, reference: FullGridReference): ReplayRow {
  const r = replayPlan(grids, prior, { runsPerGroup, seed, bootstrap: 0, reference });
  const e = r.summary.exponents;
  const pick = <T>(f: (n: ExponentName) => T) => Object.fromEntries(EXPONENT_NAMES.map((n) => [n, f(n)])) as Record<ExponentName, T>;
  return {
    prior: prior.name,
    runsPerGroup,
    seed,
    revealedRuns: r.summary.revealedRuns,
    computeFraction: r.summary.computeFraction,
    cvMeanRelativeError: r.summary.cvMeanRelativeError,
    planned: pick((n) => e[n].planned),
    inside: pick((n) => e[n].inside === true),
    authorsWay: pick((n) => e[n].authorsWayOnRevealed),
    authorsWayInside: pick((n) => {
      const v = e[n].authorsWayOnRevealed;
      const ci = e[n].fullGridCi95;
      return v !== null && ci !== null && v >= ci[0] && v <= ci[1];
    }),
  };
}

export function replayStudy(grids: Grid[], options: StudyOptions): ReplayStudy {
  const reference = options.reference ?? fullGridReference(grids.filter((g) => g.argmin), { bootstrap: options.bootstrap ?? 1000, seed: 0 });
  const rows: ReplayRow[] = [];
  const total = options.priors.length * options.runsPerGroup.length * options.seeds.length;
  for (const prior of options.priors) {
    for (const K of options.runsPerGroup) {
      for (const seed of options.seeds) {
        rows.push(replayRow(grids, prior, K, seed, reference));
        options.onReplay?.(rows.length, total);
      }
    }
  }
  const cells: ReplayCell[] = [];
  for (const prior of options.priors) {
    for (const K of options.runsPerGroup) {
      const rs = rows.filter((r) => r.prior === prior.name && r.runsPerGroup === K);
      const cvs = rs.map((r) => r.cvMeanRelativeError ?? Infinity);
      const stat = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
      cells.push({
        prior: prior.name,
        runsPerGroup: K,
        seeds: rs.length,
        meanRevealedRuns: rs.reduce((s, r) => s + r.revealedRuns, 0) / rs.length,
        meanComputeFraction: rs.reduce((s, r) => s + r.computeFraction, 0) / rs.length,
        cv: stat(cvs),
        cvWithin: cvs.filter((c) => Math.abs(c - reference.cvMeanRelativeError) <= CV_TOLERANCE).length,
        allInside: rs.filter((r) => EXPONENT_NAMES.every((n) => r.inside[n])).length,
        authorsWayAllInside: rs.filter((r) => EXPONENT_NAMES.every((n) => r.authorsWayInside[n])).length,
        exponents: Object.fromEntries(
          EXPONENT_NAMES.map((n) => [n, { ...stat(rs.map((r) => r.planned[n])), inside: rs.filter((r) => r.inside[n]).length }]),
        ) as ReplayCell['exponents'],
      });
    }
  }
  const { coefficients: _c, ...ref } = reference;
  void _c;
  return { kind: 'steplaw-plan-study', version: 1, reference: ref, cvTolerance: CV_TOLERANCE, rows, cells };
}
