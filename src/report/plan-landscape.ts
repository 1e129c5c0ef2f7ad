/**
 * The planner's runs on one landscape: the group's complete grid as the
 * landscape figure draws it (landscape.ts: heatmap of the loss above the grid
 * minimum, contours at +0.25 … +2%), with the runs the planner revealed there
 * numbered in the order it asked for them, the group's optimum it estimated
 * (vertex of the local quadratic), and the predictions of the planned law and
 * of the complete grid's law at this (N, D).
 *
 * Drawn from the replay record (fits/plan-replay-dense.json, written by
 * reproduce); nothing here replays or fits.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { LogLinearCoefficients } from '../laws/law.js';
import { landscapeSpec, LAW_SHAPES, MINIMUM_LABEL } from './landscape.js';
import { fmtNum } from './format.js';
import type { FigureMeta, LandscapeInput } from './types.js';

export interface PlanLandscapeInput extends FigureMeta {
  landscape: Omit<LandscapeInput, keyof FigureMeta>;
  /** Revealed runs of the group, in the order requested (step 1 = the design's centre). */
  runs: { step: number; lr: number; batchTokens: number; loss: number }[];
}

/** What the figure needs of a replay record (src/jobs/plan-replay.ts PlanReplayRecord). */
export interface PlanReplayRecordView {
  options: { runsPerGroup: number; seed: number };
  prior: { name: string };
  summary: { plannedLaw: LogLinearCoefficients; fullGridLaw: LogLinearCoefficients };
  groups: { key: string; N: number; D: number; order: number; runs: { step: number; lr: number; batchTokens: number; loss: number }[]; optimum: { lr: number; batchTokens: number } | null }[];
  landscape: { group: string; cells: { lr: number; batchTokens: number; loss: number }[]; minimum: { lr: number; batchTokens: number; loss: number } };
}

/** What the planned law and the complete grid's law predict at the landscape group's (N, D) (computed by the caller: the report draws). */
export interface PlanLandscapeLaws {
  planned: { lr: number; batchTokens: number };
  fullGrid: { lr: number; batchTokens: number };
}

/** The figure input for the record's landscape group. @throws Error when the record's landscape group has no replayed runs. */
export function planLandscapeInput(record: PlanReplayRecordView, laws: PlanLandscapeLaws): PlanLandscapeInput {
  const g = record.groups.find((x) => x.key === record.landscape.group);
  if (!g) throw new Error(`plan replay record: no replayed group ${record.landscape.group}`);
  const { planned, fullGrid: full } = laws;
  const predictions = [
    ...(g.optimum ? [{ law: 'optimum estimated from the planned runs', lr: g.optimum.lr, batchTokens: g.optimum.batchTokens }] : []),
    { law: 'planned law (all groups\' planned runs)', lr: planned.lr, batchTokens: planned.batchTokens },
    { law: 'complete grid, the authors\' fit', lr: full.lr, batchTokens: full.batchTokens },
  ];
  // The landscape draws law k with LAW_SHAPES[k] (hollow), in the order given.
  const shapes = predictions.map((p, k) => `${p.law} (hollow ${LAW_SHAPES[k % LAW_SHAPES.length].replace('-', ' ')})`).join(', ');
  return {
    id: 'plan-landscape',
    title: `The planner's ${g.runs.length} runs on one landscape (${g.key}, group ${g.order} of the ladder)`,
    caption:
      `Replay of steplaw plan on the released dense grid (${record.options.runsPerGroup} runs per group, seed ${record.options.seed}, prior ${record.prior.name}). ` +
      'Heatmap and contours (+0.25% to +2% above the minimum): the complete grid of this group. Numbered rings: the runs the planner revealed, in the order it asked for them. ' +
      `Markers: ${MINIMUM_LABEL} (filled circle), ${shapes}.`,
    landscape: { cells: record.landscape.cells, minimum: record.landscape.minimum, predictions, width: 360, height: 280 },
    runs: g.runs,
  };
}

/** The landscape spec with the planned runs drawn on it (rings with their step numbers). */
export function planLandscapeSpec(input: PlanLandscapeInput): TopLevelSpec {
  const base = landscapeSpec({ id: input.id, title: input.title, caption: input.caption, ...input.landscape }) as unknown as { layer: Record<string, unknown>[] };
  const first = base.layer[0] as { encoding: { x: { scale: unknown }; y: { scale: unknown } } };
  const xScale = first.encoding.x.scale;
  const yScale = first.encoding.y.scale;
  const runs = input.runs.map((r) => ({ lr: r.lr, b: r.batchTokens, step: String(r.step), tip: `planned run ${r.step}: lr ${fmtNum(r.lr, 4)}; batch ${fmtNum(r.batchTokens, 4)}; loss ${fmtNum(r.loss, 5)}` }));
  base.layer.push(
    {
      data: { values: runs },
      mark: { type: 'point', shape: 'circle', size: 260, filled: false, stroke: '#c2185b', strokeWidth: 2 },
      encoding: {
        x: { field: 'lr', type: 'quantitative', scale: xScale },
        y: { field: 'b', type: 'quantitative', scale: yScale },
      },
    },
    {
      data: { values: runs },
      mark: { type: 'text', fontSize: 10, fontWeight: 'bold', color: '#c2185b', dx: 11, dy: -9, aria: true },
      encoding: {
        x: { field: 'lr', type: 'quantitative', scale: xScale },
        y: { field: 'b', type: 'quantitative', scale: yScale },
        text: { field: 'step' },
        description: { field: 'tip' },
      },
    },
  );
  return base as unknown as TopLevelSpec;
}
