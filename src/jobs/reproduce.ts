/**
 * `steplaw reproduce`: the main job. Fits the released Step Law data the
 * authors' way and writes the results to fits/ — deterministic bytes on every
 * run (fixed seeds, stable ordering, paths relative to the package root).
 *
 * Each step is a function returning { file, record, summary lines }; the
 * command runs them in order, reporting progress on stderr.
 */
import { prepend } from '../util/arrays.js';
import { join } from 'node:path';
import { loadSweep } from '../ingest/sweep.js';
import type { Sweep } from '../sweep/types.js';
import { groupSweep, type Grid } from '../sweep/grid.js';
import { fitStepLaw, type StepLawFit } from '../laws/steplaw-fit.js';
import { meanCoefficients, readStepLawBootstrapRows, BOOTSTRAP_ROWS_FILE } from '../laws/published/steplaw.js';
import { reproductionRecord, type ReproductionRecord } from './steplaw-record.js';
import type { Warning } from '../messages.js';

export const DENSE_FILE = 'data/steplaw/dense_lr_bs_loss.csv';
export const MOE_FILE = 'data/steplaw/moe_lr_bs_loss.csv';

export interface ReproduceOptions {
  /** Bootstrap resamples for every bootstrapped fit (default 1000). */
  bootstrap: number;
  seed: number;
  /** Progress messages (stderr). */
  log: (line: string) => void;
}

export interface StepOutput {
  /** File name under fits/. */
  file: string;
  record: unknown;
  /** Lines for the terminal summary. */
  summary: string[];
}

export interface ReleasedData {
  dense: { sweep: Sweep; grids: Grid[]; warnings: Warning[] };
  moe: { sweep: Sweep; grids: Grid[]; warnings: Warning[] };
}

/** Load the released dense and MoE files (relative paths: the caller runs from the package root). */
export function loadReleased(): ReleasedData {
  const load = (file: string) => {
    const sweep = loadSweep([file]);
    const { grids, warnings } = groupSweep(sweep);
    return { sweep, grids, warnings: [...sweep.warnings, ...warnings] };
  };
  return { dense: load(DENSE_FILE), moe: load(MOE_FILE) };
}

/** Step 1: the authors' fit on the released dense file and the reproduction record. */
export function stepLawReproduction(data: ReleasedData, o: ReproduceOptions): { fit: StepLawFit; record: ReproductionRecord; outputs: StepOutput[] } {
  o.log(`fitting the Step Law on ${DENSE_FILE} (${o.bootstrap} bootstrap resamples)`);
  const fit = fitStepLaw(data.dense.grids, { bootstrap: o.bootstrap, seed: o.seed, resample: 'groups' });
  // The authors' run resampling, for the record's second column.
  const runsFit = fitStepLaw(data.dense.grids, { bootstrap: o.bootstrap, seed: o.seed, resample: 'runs' });
  // The fit reports unbracketed optima itself (with whether they were excluded).
  prepend(fit.warnings, data.dense.warnings.filter((w) => w.code !== 'optimum-on-edge'));
  const authors = meanCoefficients(readStepLawBootstrapRows(join('data', 'steplaw', BOOTSTRAP_ROWS_FILE)));
  const record = reproductionRecord(fit, authors, runsFit);
  return {
    fit,
    record,
    outputs: [
      { file: 'steplaw-dense.fit.json', record: fit, summary: [] },
      { file: 'steplaw-reproduction.json', record, summary: ['Step Law reproduction on the released dense runs:', ...record.statements.map((s) => `  - ${s}`)] },
    ],
  };
}
