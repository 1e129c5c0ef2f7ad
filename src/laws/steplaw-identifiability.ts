/**
 * The identifiability checks of src/laws/identifiability.ts applied to a Step
 * Law fit (ln lr on ln N, ln D; ln B on ln D [and ln N]), called at the top of
 * `fitStepLaw` once the near-optimal runs are selected and before any
 * regression. By default a problem refuses the fit (InputError, exit 2, one
 * line naming the reason and the override); with `allowUnidentifiable` the fit
 * proceeds and every problem becomes an `unidentifiable` warning, which travels
 * into the fit record, its text, the fitted law's caveats, predictions and the
 * report.
 */
import { InputError, msg, type Warning } from '../messages.js';
import { usableLossRange, type Grid } from '../sweep/grid.js';
import { designProblems, groupOptimumProblems, type IdentifiabilityProblem } from './identifiability.js';

export interface StepLawDesignInput {
  /** Grids whose near-optimal runs the fit uses. */
  grids: readonly Grid[];
  /** The selected runs' sizes (N and D of run i). */
  keptN: Float64Array;
  keptD: Float64Array;
  /** ln N and ln D of the selected runs, in their order (computed once by the fit). */
  lnN: Float64Array;
  lnD: Float64Array;
  band: number;
  /** Size terms kept after the spread check (false = dropped with a reduced-fit warning). */
  useN: boolean;
  useD: boolean;
  batchOnN: boolean;
  lrVaries: boolean;
  batchVaries: boolean;
}

/** Every identifiability problem of a Step Law fit (empty = identifiable). */
export function stepLawIdentifiability(input: StepLawDesignInput): IdentifiabilityProblem[] {
  const groups = groupOptimumProblems(
    input.grids.map((g) => ({ key: g.key, lrLevels: g.lrLevels.length, batchLevels: g.batchLevels.length, losses: usableLossRange(g) })),
    input.band,
    { lr: input.lrVaries, batch: input.batchVaries },
  );
  const { lnN, lnD } = input;
  const distinct = distinctPairs(input.keptN, input.keptD);
  const cols = (n: boolean, d: boolean): Record<string, Float64Array> => ({ ...(n ? { 'ln N': lnN } : {}), ...(d ? { 'ln D': lnD } : {}) });
  const lr = designProblems({ law: 'lr', columns: cols(input.useN, input.useD), groups: distinct, targetVaries: input.lrVaries });
  const batch = designProblems({
    law: 'batch',
    columns: cols(input.batchOnN && input.useN, input.useD),
    groups: distinct,
    targetVaries: input.batchVaries,
  });
  return [...groups, ...lr, ...batch];
}

/**
 * How many distinct (N, D) pairs the runs have (nested sets: no key string per run; a run with its
 * predecessor's pair, the common case, is not looked up).
 */
function distinctPairs(Ns: Float64Array, Ds: Float64Array): number {
  const byN = new Map<number, Set<number>>();
  let count = 0;
  for (let i = 0; i < Ns.length; i++) {
    const N = Ns[i];
    const D = Ds[i];
    if (i > 0 && N === Ns[i - 1] && D === Ds[i - 1]) continue;
    let ds = byN.get(N);
    if (!ds) byN.set(N, (ds = new Set()));
    if (!ds.has(D)) {
      ds.add(D);
      count++;
    }
  }
  return count;
}

/**
 * Refuse (default) or stamp: with problems and no override, throw one line
 * naming the first reason, how many more, and the override; with the override,
 * append one `unidentifiable` warning per problem.
 */
export function enforceIdentifiability(problems: readonly IdentifiabilityProblem[], allow: boolean, warnings: Warning[]): void {
  if (problems.length === 0) return;
  if (!allow) {
    const p = problems[0];
    throw new InputError(msg.unidentifiable(p.reason, p.subject, p.why, problems.length - 1));
  }
  for (const p of problems) {
    warnings.push({
      code: 'unidentifiable',
      message: msg.unidentifiableOverridden(p.reason, p.subject, p.why),
      detail: { reason: p.reason, subject: p.subject, ...(p.detail ?? {}) },
    });
  }
}
