/**
 * reproduce's planner step: the planner replayed on the released dense grid
 * (6 runs per group, seed 0, the Step Law as prior) — the evidence of the
 * README's "Planning a sweep" headline — plus the complete grid of one group
 * (the most expensive complete one) for the report's figure of the planned
 * runs on its landscape. The report draws this record; it does not replay.
 */
import type { StepLawFit } from '../laws/steplaw-fit.js';
import { stepLaw } from '../laws/published/steplaw.js';
import { replayPlan, type PlanReplay } from '../plan/replay.js';
import { fullGridReference } from '../plan/reference.js';
import type { ReleasedData, ReproduceOptions, StepOutput } from './run.js';

export const PLAN_REPLAY_RUNS_PER_GROUP = 6;

export interface PlanReplayRecord extends PlanReplay {
  /** One group's complete grid, for the figure of the planned runs on its landscape. */
  landscape: { group: string; cells: { lr: number; batchTokens: number; loss: number }[]; minimum: { lr: number; batchTokens: number; loss: number } };
}

export function planReplayStep(data: ReleasedData, fit: StepLawFit, o: ReproduceOptions): StepOutput & { record: PlanReplayRecord } {
  o.log(`replaying the sweep planner on the dense grid (${PLAN_REPLAY_RUNS_PER_GROUP} runs per group)`);
  const grids = data.dense.grids.filter((g) => g.argmin);
  const reference = fullGridReference(grids, { bootstrap: o.bootstrap, seed: o.seed, fit });
  const replay = replayPlan(grids, stepLaw(), { runsPerGroup: PLAN_REPLAY_RUNS_PER_GROUP, seed: o.seed, bootstrap: o.bootstrap, reference });
  const complete = grids.filter((g) => g.runs.length >= 100);
  const shown = complete.reduce((a, b) => (b.N * b.D > a.N * a.D ? b : a));
  const record: PlanReplayRecord = {
    ...replay,
    landscape: {
      group: shown.key,
      cells: shown.runs.filter((r) => Number.isFinite(r.loss)).map((r) => ({ lr: shown.lrLevels[shown.cellOf(r).i], batchTokens: r.batchTokens, loss: r.loss })),
      minimum: { lr: shown.argmin!.lr, batchTokens: shown.argmin!.batchTokens, loss: shown.argmin!.loss },
    },
  };
  const s = replay.summary;
  const pct = (v: number | null, d = 3) => (v === null ? '–' : `${(100 * v).toFixed(d)}%`);
  return {
    file: 'plan-replay-dense.json',
    record,
    summary: [
      `Sweep planner replayed on the dense grid (${PLAN_REPLAY_RUNS_PER_GROUP} runs per group, seed ${o.seed}):`,
      `  - ${s.revealedRuns} of ${s.totalRuns} runs, ${pct(s.computeFraction, 2)} of the compute; held-out error ${pct(s.cvMeanRelativeError)} (complete grid ${pct(s.fullGridCvMeanRelativeError)})`,
      `  - exponents ${Object.entries(s.exponents).map(([n, e]) => `${n} ${e.planned.toFixed(3)} (grid ${e.fullGrid.toFixed(3)}${e.inside ? ', inside its interval' : ', OUTSIDE its interval'})`).join('; ')}`,
    ],
  };
}
