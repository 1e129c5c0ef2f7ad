/**
 * The input options every command that reads sweeps shares: column mapping,
 * batch unit, sequence length, band, divergence threshold.
 */
import type { Command } from 'commander';
import { InputError, msg } from '../messages.js';
import { loadSweep, parseColumnMap, type IngestOptions } from '../ingest/sweep.js';
import { DEFAULT_BAND, groupSweep, type Grid } from '../sweep/grid.js';
import type { Sweep } from '../sweep/types.js';
import { withSliceAttribute } from '../slices/derive.js';
import type { Warning } from '../messages.js';
import { integerOption, positiveOption } from './run.js';
import { LIMITS } from './limits.js';

export interface SweepCliOptions {
  map?: string;
  batchUnit?: string;
  seqLen?: string;
  batchTokens?: string;
  band?: string;
  divergedRatio?: string;
  by?: string;
  pool?: boolean;
}

/**
 * Add the shared input options to a command. `--band` only where the command
 * selects near-optimal runs with it (`band: false` for commands that do not).
 */
export function withSweepOptions(cmd: Command, offer: { band?: boolean } = {}): Command {
  cmd
    .option('--map <pairs>', 'column mapping for other CSVs, e.g. N=params,D=tokens,lr=peak_lr,batch=bs,loss=final_loss')
    .option('--batch-unit <unit>', 'unit of the batch column of a mapped CSV: tokens | sequences (Step Law files: sequences)')
    .option('--seq-len <tokens>', 'tokens per sequence when batch is in sequences', '2048')
    .option('--batch-tokens <tokens>', 'one batch size (tokens) for every run, for a sweep with no batch column (batch not searched)');
  if (offer.band ?? true) cmd.option('--band <fraction>', 'relative band around each group minimum for "near-optimal" runs', String(DEFAULT_BAND));
  return cmd
    .option('--pool', 'pool files with different headers (e.g. dense and MoE) into one sweep; refused by default, and recorded as a warning in every output')
    .option('--diverged-ratio <ratio>', 'a run with loss above this multiple of its group minimum counts as diverged', '1.5');
}

export function ingestOptions(o: SweepCliOptions): IngestOptions {
  const options: IngestOptions = {};
  if (o.map) options.map = parseColumnMap(o.map);
  if (o.batchUnit !== undefined) {
    if (o.batchUnit !== 'tokens' && o.batchUnit !== 'sequences') throw new InputError(msg.badBatchUnit(o.batchUnit));
    options.batchUnit = o.batchUnit;
  }
  if (o.seqLen !== undefined) options.seqLen = integerOption('--seq-len', o.seqLen, 1, LIMITS.seqLen);
  if (o.pool) options.pool = true;
  else if (o.by === 'file') options.pool = 'by-file';
  if (o.batchTokens !== undefined) options.batchTokens = positiveOption('--batch-tokens', o.batchTokens);
  return options;
}

export function bandOption(o: SweepCliOptions): number {
  const band = positiveOption('--band', o.band ?? String(DEFAULT_BAND));
  if (band >= 1) throw new InputError(msg.badOption('--band', String(o.band), 'a fraction in (0, 1), e.g. 0.0025'));
  return band;
}

/** `--diverged-ratio`: a number > 1 (default 1.5). */
export function divergedRatioOption(o: SweepCliOptions): number {
  const ratio = positiveOption('--diverged-ratio', o.divergedRatio ?? '1.5');
  if (ratio <= 1) throw new InputError(msg.badOption('--diverged-ratio', String(o.divergedRatio), 'a number > 1'));
  return ratio;
}

/** The `--by <attribute>` option: groups are also keyed on a column or a derived attribute (sparsity, shape, recipe). */
export function withByOption(cmd: Command): Command {
  return cmd.option('--by <attribute>', 'also key groups on this column, or on sparsity (Na/N) | shape (d_model×layers×FFN) | recipe, and summarise per slice');
}

/**
 * Load files and group them, collecting ingest and grid warnings. With
 * `o.by`, the attribute is derived where needed and groups are keyed on it too.
 */
export function loadGrids(
  files: string[],
  o: SweepCliOptions,
  by: string[] = [],
  ingest: Pick<IngestOptions, 'attributes'> = {},
): { sweep: Sweep; grids: Grid[]; warnings: Warning[] } {
  let sweep = loadSweep(files, { ...ingestOptions(o), ...ingest });
  if (o.by) {
    sweep = withSliceAttribute(sweep, o.by);
    by = [...by, o.by];
  }
  const ratio = divergedRatioOption(o);
  for (const attr of by) {
    if (!sweep.runs.some((r) => Object.hasOwn(r.attrs, attr))) {
      throw new InputError(`no column ${JSON.stringify(attr)} to group by in ${files.join(', ')}`);
    }
  }
  const { grids, warnings } = groupSweep(sweep, { by, divergedRatio: ratio });
  return { sweep, grids, warnings: [...sweep.warnings, ...warnings] };
}
