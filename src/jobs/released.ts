/**
 * The released Step Law data shipped in data/steplaw (Li et al. 2025,
 * arXiv 2503.04715): the dense and the MoE grid-search files, each loaded and
 * grouped once for every step of `reproduce`.
 */
import { loadSweep } from '../ingest/sweep.js';
import type { Sweep } from '../sweep/types.js';
import { groupSweep, type Grid } from '../sweep/grid.js';
import type { Warning } from '../messages.js';

/** Paths relative to the package root: the records name them so, whatever the install location. */
export const DENSE_FILE = 'data/steplaw/dense_lr_bs_loss.csv';
export const MOE_FILE = 'data/steplaw/moe_lr_bs_loss.csv';

export interface LoadedSweep {
  sweep: Sweep;
  grids: Grid[];
  /** Ingest and grouping warnings. */
  warnings: Warning[];
}

export interface ReleasedData {
  dense: LoadedSweep;
  moe: LoadedSweep;
}

/** Load the released dense and MoE files (relative paths: the caller runs from the package root). */
export function loadReleased(): ReleasedData {
  const load = (file: string): LoadedSweep => {
    const sweep = loadSweep([file]);
    const { grids, warnings } = groupSweep(sweep);
    return { sweep, grids, warnings: [...sweep.warnings, ...warnings] };
  };
  return { dense: load(DENSE_FILE), moe: load(MOE_FILE) };
}
