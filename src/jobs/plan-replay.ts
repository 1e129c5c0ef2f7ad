/**
 * reproduce's planner step: the planner replayed on the released dense grid
 * (6 runs per group, seed 0, the Step Law as prior) — the evidence of the
 * README's "Planning a sweep" headline — plus the complete grid of one group
 * (the most expensive complete one) for the report's figure of the planned
 * runs on its landscape. The report draws this record; it does not replay.
 */
import { stepLaw } from '../laws/published/steplaw.js';
import { replayPlan, type PlanReplay } from '../plan/replay.js';
import { fullGridReference } from '../plan/reference.js';
import type { ReleasedData } from './released.js';
import type { ReproduceOptions } from './steps.js';

/** One record of the job: its file under fits/, the record, summary lines. */
interface StepOutput {
  file: string;
  record: unknown;
  summary: string[];
}
import type { ReportSection } from '../report/types.js';
import { planLandscapeInput, type PlanLandscapeInput } from '../report/plan-landscape.js';
import { predictLogLinear } from '../laws/law.js';
import { pct } from '../util/format.js';

export const PLAN_REPLAY_RUNS_PER_GROUP = 6;

export interface PlanReplayRecord extends PlanReplay {
  /** One group's complete grid, for the figure of the planned runs on its landscape. */
  landscape: { group: string; cells: { lr: number; batchTokens: number; loss: number }[]; minimum: { lr: number; batchTokens: number; loss: number } };
}

export function planReplayStep(data: ReleasedData, o: ReproduceOptions): StepOutput & { record: PlanReplayRecord } {
  o.log(`replaying the sweep planner on the dense grid (${PLAN_REPLAY_RUNS_PER_GROUP} runs per group)`);
  const grids = data.dense.grids.filter((g) => g.argmin);
  const reference = fullGridReference(grids, { bootstrap: o.bootstrap, seed: o.seed });
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

/** The figure of the planned runs on the landscape group, with the planned and complete-grid laws' predictions at its (N, D). */
export function planLandscapeFigure(record: PlanReplayRecord): PlanLandscapeInput {
  const g = record.groups.find((x) => x.key === record.landscape.group);
  const at = (law: PlanReplayRecord['summary']['plannedLaw']) => (g ? predictLogLinear(law, g.N, g.D) : { lr: NaN, batchTokens: NaN });
  return planLandscapeInput(record, { planned: at(record.summary.plannedLaw), fullGrid: at(record.summary.fullGridLaw) });
}

/** The report's section on the planner: its runs on one landscape and, per group, what the replay revealed. */
export function planReplaySection(record: PlanReplayRecord): ReportSection {
  const s = record.summary;
  return {
    id: 'plan-replay',
    title: 'Planning a sweep: the planner replayed on the dense grid',
    intro: [
      `steplaw plan, replayed on the released dense grid with ${record.options.runsPerGroup} runs per group (seed ${record.options.seed}, prior ${record.prior.name}), revealed ${s.revealedRuns} of ${s.totalRuns} runs (${pct(s.computeFraction, 2)} of the compute).`,
      `Its law's held-out error is ${pct(s.cvMeanRelativeError)} (complete grid ${pct(s.fullGridCvMeanRelativeError)}); exponents ${Object.entries(s.exponents)
        .map(([n, e]) => `${n} ${e.planned.toFixed(3)} (complete grid ${e.fullGrid.toFixed(3)}${e.inside ? ', inside its 95% interval' : ', outside its 95% interval'})`)
        .join('; ')}.`,
    ],
    items: [
      { kind: 'plan-landscape', figure: planLandscapeFigure(record) },
      {
        kind: 'table',
        table: {
          id: 'plan-replay-groups',
          title: 'The replay, group by group (ladder order: cheapest first)',
          caption: 'best run = the best revealed run vs the grid minimum; held-out = the law fitted on the other groups\' revealed runs, scored on this group\'s complete grid (nearest cell).',
          columns: [
            { key: 'order', label: 'order', format: 'int' },
            { key: 'group', label: 'group' },
            { key: 'runs', label: 'runs', format: 'int' },
            { key: 'best', label: 'best run above the grid minimum', format: 'pct', digits: 3 },
            { key: 'cv', label: 'held-out error', format: 'pct', digits: 3 },
          ],
          rows: record.groups.map((g) => ({ order: g.order, group: g.key, runs: g.runs.length, best: g.relativeError, cv: g.cvRelativeError })),
        },
      },
    ],
  };
}
