/**
 * Replay: the planner run on a complete grid, as evidence of what it would
 * have cost and found. A requested run counts only if that cell exists in the
 * grid; its measured loss is then revealed. The law is fitted from the revealed
 * runs with the planner's estimator (estimate.ts) and compared with what the
 * complete grid gives the authors' way (reference.ts):
 *
 * - computeFraction = Σ 6·N·D over revealed runs / Σ 6·N·D over every run of the grid;
 * - cvMeanRelativeError: leave one group out — the law fitted on the revealed
 *   runs of the other groups, scored on the held-out group's full grid at the
 *   nearest cell (the paper's relative error, validate.ts);
 * - per group: the best revealed run vs the grid minimum (relativeError).
 */
import { InputError, msg, type Warning } from '../messages.js';
import { RankDeficientError } from '../fitter/ols.js';
import type { Law } from '../laws/law.js';
import { fitStepLaw } from '../laws/steplaw-fit.js';
import { groupSweep, type Grid } from '../sweep/grid.js';
import type { Run } from '../sweep/types.js';
import { createRng, DEFAULT_SEED } from '../util/random.js';
import { mean } from '../util/stats.js';
import { contextOf } from '../validate/context.js';
import { validateGrid } from '../validate/validate.js';
import { nearestReader } from '../validate/readers/index.js';
import { DEFAULT_STRIDE } from './design.js';
import { estimatePlannedLaw, exponentsOf, lawOf, type PlannedLawEstimate } from './estimate.js';
import { DEFAULT_CUTOFF } from './optimum.js';
import { DEFAULT_JITTER, runProgressive, type LadderGroup, type ProgressiveGroup } from './progressive.js';
import { fullGridReference, type FullGridReference } from './reference.js';
import { EXPONENT_NAMES, type ExponentName, type GroupRuns } from './types.js';

export interface ReplayOptions {
  runsPerGroup: number;
  seed?: number;
  jitter?: number;
  cutoff?: number;
  /** Group-bootstrap resamples for the planned law's intervals (default 1000). */
  bootstrap?: number;
  /** The complete grid's reference (computed when absent; pass it to replay many seeds cheaply). */
  reference?: FullGridReference;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ReplayGroup extends ProgressiveGroup {
  /** Σ 6·N·D of the revealed runs. */
  compute: number;
  best: { lr: number; batchTokens: number; loss: number } | null;
  gridMin: { lr: number; batchTokens: number; loss: number } | null;
  /** Best revealed run's loss / grid minimum − 1. */
  relativeError: number | null;
  /** The group's optimum under the planner's estimator (vertex or best run). */
  optimum: { lr: number; batchTokens: number; source: string; flags: string[] } | null;
  /** Held-out relative error of the law fitted without this group (revealed runs), nearest cell. */
  cvRelativeError: number | null;
}

export interface ExponentComparison {
  planned: number;
  plannedCi95: [number, number] | null;
  fullGrid: number;
  fullGridCi95: [number, number] | null;
  /** Whether `planned` lies inside `fullGridCi95`. */
  inside: boolean | null;
  /** The authors' band selection applied to the revealed runs: the naive estimate the planner's estimator replaces. */
  authorsWayOnRevealed: number | null;
  /** The planner's estimator with every run revealed. */
  plannerEstimatorFullGrid: number;
}

export interface PlanReplay {
  kind: 'steplaw-plan-replay';
  version: 1;
  prior: { name: string; formula: string };
  options: { runsPerGroup: number; seed: number; jitter: number; cutoff: number; stride: { lr: number; batch: number }; bootstrap: number };
  estimator: string;
  data: { files: string[]; groups: number; runs: number };
  summary: {
    revealedRuns: number;
    totalRuns: number;
    runFraction: number;
    computeFraction: number;
    missingRequests: number;
    meanRelativeError: number | null;
    maxRelativeError: number | null;
    cvMeanRelativeError: number | null;
    fullGridCvMeanRelativeError: number;
    fullGridPlannerEstimatorCvMeanRelativeError: number;
    exponents: Record<ExponentName, ExponentComparison>;
    plannedLaw: PlannedLawEstimate['law']['coefficients'];
    fullGridLaw: FullGridReference['coefficients'];
  };
  groups: ReplayGroup[];
  warnings: Warning[];
}

const compute = (N: number, D: number) => 6 * N * D;

/** The runs of a grid by lattice cell key `i,j` (the first run of a cell). */
function cellRuns(grid: Grid): Map<string, Run> {
  const m = new Map<string, Run>();
  for (const r of grid.runs) {
    const { i, j } = grid.cellOf(r);
    const k = `${i},${j}`;
    if (!m.has(k)) m.set(k, r);
  }
  return m;
}

/** Replay the planner on complete grids with `prior` as the starting law. */
export function replayPlan(grids: Grid[], prior: Law, options: ReplayOptions): PlanReplay {
  const seed = options.seed ?? DEFAULT_SEED;
  const jitter = options.jitter ?? DEFAULT_JITTER;
  const cutoff = options.cutoff ?? DEFAULT_CUTOFF;
  const nboot = options.bootstrap ?? 1000;
  const gs = grids.filter((g) => g.argmin);
  const warnings: Warning[] = [];
  const reference = options.reference ?? fullGridReference(gs, { bootstrap: nboot, seed, cutoff });
  const byKey = new Map(gs.map((g) => [g.key, { grid: g, cells: cellRuns(g) }]));
  const ladder: LadderGroup[] = gs.map((g) => {
    const p = prior.predict(contextOf(g).ctx);
    if (p.lr === undefined || p.batchTokens === undefined) throw new InputError(msg.planPriorNoPrediction(prior.name, g.key, [...prior.needs.lr, ...prior.needs.batch]));
    return { key: g.key, N: g.N, D: g.D, lattice: { lrLevels: g.lrLevels, batchLevels: g.batchLevels }, prior: { lnLr: Math.log(p.lr), lnB: Math.log(p.batchTokens) } };
  });
  const planned = runProgressive(
    ladder,
    (g, cell) => {
      const run = byKey.get(g.key)!.cells.get(`${cell.i},${cell.j}`);
      if (!run) return null;
      return Number.isFinite(run.loss) ? run.loss : NaN;
    },
    { runsPerGroup: options.runsPerGroup, rng: createRng(seed), jitter, cutoff, onGroup: (d, t) => options.onProgress?.('groups', d, t) },
  );
  const revealed: GroupRuns[] = planned.map((p) => ({ key: p.key, N: p.N, D: p.D, runs: p.runs.filter((r) => Number.isFinite(r.loss)) }));
  const estimate = estimatePlannedLaw(revealed, { cutoff, bootstrap: nboot, seed, onProgress: (d, t) => options.onProgress?.('bootstrap', d, t) });
  if (!estimate) throw new InputError(msg.planCannotIdentify());
  // Leave one group out on the revealed runs, scored on the held-out group's full grid.
  const cv = new Map<string, number | null>();
  revealed.forEach((h, k) => {
    const e = estimatePlannedLaw(revealed.filter((o) => o !== h), { cutoff });
    const grid = byKey.get(h.key)!.grid;
    cv.set(h.key, e ? validateGrid(grid, lawOf(e.law.coefficients, `cv-without-${h.key}`), nearestReader).relativeError : null);
    options.onProgress?.('cv', k + 1, revealed.length);
  });
  // The authors' band selection on the revealed runs (what the planner's estimator replaces).
  const authors = authorsWayOnRevealed(gs, planned);
  const optimumOf = new Map(estimate.optima.optima.map((o) => [o.key, o]));
  const groups: ReplayGroup[] = planned.map((p) => {
    const g = byKey.get(p.key)!.grid;
    const finite = p.runs.filter((r) => Number.isFinite(r.loss));
    const best = finite.reduce<(typeof finite)[number] | null>((b, r) => (!b || r.loss < b.loss ? r : b), null);
    const o = optimumOf.get(p.key);
    return {
      ...p,
      compute: p.runs.length * compute(p.N, p.D),
      best: best && { lr: best.lr, batchTokens: best.batchTokens, loss: best.loss },
      gridMin: g.argmin ? { lr: g.argmin.lr, batchTokens: g.argmin.batchTokens, loss: g.argmin.loss } : null,
      relativeError: best ? best.loss / g.minLoss - 1 : null,
      optimum: o ? { lr: Math.exp(o.lnLr), batchTokens: Math.exp(o.lnB), source: o.source, flags: o.flags } : null,
      cvRelativeError: cv.get(p.key) ?? null,
    };
  });
  const totalCompute = grids.reduce((s, g) => s + g.runs.length * compute(g.N, g.D), 0);
  const revealedCompute = groups.reduce((s, g) => s + g.compute, 0);
  const totalRuns = grids.reduce((s, g) => s + g.runs.length, 0);
  const revealedRuns = groups.reduce((s, g) => s + g.runs.length, 0);
  const rel = groups.map((g) => g.relativeError).filter((v): v is number => v !== null);
  const cvs = groups.map((g) => g.cvRelativeError).filter((v): v is number => v !== null);
  if (cvs.length < groups.length) warnings.push({ code: 'cv-fit-failed', message: `${groups.length - cvs.length} held-out group(s) could not be predicted from the others' revealed runs`, count: groups.length - cvs.length });
  const exponents = {} as Record<ExponentName, ExponentComparison>;
  for (const name of EXPONENT_NAMES) {
    const ci = reference.ci95[name];
    const v = estimate.exponents[name];
    exponents[name] = {
      planned: v,
      plannedCi95: estimate.bootstrap?.ci95[name] ?? null,
      fullGrid: reference.exponents[name],
      fullGridCi95: ci,
      inside: ci ? v >= ci[0] && v <= ci[1] : null,
      authorsWayOnRevealed: authors ? authors[name] : null,
      plannerEstimatorFullGrid: reference.plannerEstimator.exponents[name],
    };
  }
  return {
    kind: 'steplaw-plan-replay',
    version: 1,
    prior: { name: prior.name, formula: prior.formula },
    options: { runsPerGroup: options.runsPerGroup, seed, jitter, cutoff, stride: { lr: Math.exp(DEFAULT_STRIDE.lnLr), batch: Math.exp(DEFAULT_STRIDE.lnB) }, bootstrap: nboot },
    estimator: estimate.method,
    data: { files: [...new Set(grids.flatMap((g) => g.runs.map((r) => r.file)))].sort(), groups: gs.length, runs: totalRuns },
    summary: {
      revealedRuns,
      totalRuns,
      runFraction: revealedRuns / totalRuns,
      computeFraction: revealedCompute / totalCompute,
      missingRequests: groups.reduce((s, g) => s + g.missing.length, 0),
      meanRelativeError: rel.length ? mean(rel) : null,
      maxRelativeError: rel.length ? Math.max(...rel) : null,
      cvMeanRelativeError: cvs.length ? mean(cvs) : null,
      fullGridCvMeanRelativeError: reference.cvMeanRelativeError,
      fullGridPlannerEstimatorCvMeanRelativeError: reference.plannerEstimator.cvMeanRelativeError,
      exponents,
      plannedLaw: estimate.law.coefficients,
      fullGridLaw: reference.coefficients,
    },
    groups,
    warnings,
  };
}


/** Exponents of the authors' fit (band 0.25% of the best revealed run, OLS) on the revealed runs; null when it cannot fit. */
function authorsWayOnRevealed(grids: Grid[], planned: ProgressiveGroup[]): Record<ExponentName, number> | null {
  const runs: Run[] = [];
  for (const p of planned) {
    const g = grids.find((x) => x.key === p.key)!;
    const wanted = new Set(p.runs.map((r) => `${r.lr},${r.batchTokens}`));
    const cells = cellRuns(g);
    for (const r of cells.values()) {
      const { i, j } = g.cellOf(r);
      if (wanted.has(`${g.lrLevels[i]},${g.batchLevels[j]}`) && Number.isFinite(r.loss)) runs.push({ file: r.file, row: r.row, N: r.N, D: r.D, lr: r.lr, batchTokens: r.batchTokens, loss: r.loss, attrs: r.attrs, flags: [] });
    }
  }
  try {
    const { grids: revealedGrids } = groupSweep({ files: [], format: 'mapped', runs, groupKeys: [], warnings: [] });
    // The authors' procedure has no identifiability check (docs/method.md#fitting-procedure): replicate it as they run it.
    return exponentsOf(fitStepLaw(revealedGrids, { bootstrap: 0, allowUnidentifiable: true }).law);
  } catch (e) {
    // The authors' band selection refuses these runs (or their design is singular): recorded as missing.
    if (!(e instanceof InputError || e instanceof RankDeficientError)) throw e;
    return null;
  }
}
