/**
 * The planner's vocabulary. A *cell* is one (lr, batch) configuration of a
 * group's lattice; a *group* is one (N, D) target; a *revealed run* is a cell
 * whose loss has been measured (in a replay: read from the complete grid).
 */

/** One measured run of a group, in canonical units (batch in tokens). */
export interface MeasuredRun {
  lr: number;
  batchTokens: number;
  loss: number;
}

/** The runs measured so far in one (N, D) group. */
export interface GroupRuns {
  key: string;
  N: number;
  D: number;
  runs: MeasuredRun[];
}

/** The (lr, batch) levels a group's runs may take: ascending, lr and batch (tokens). */
export interface CellLattice {
  lrLevels: number[];
  batchLevels: number[];
}

/** A cell by its lattice indices: i into lrLevels, j into batchLevels. */
export interface Cell {
  i: number;
  j: number;
}

/** Exponents the planner reports: lr N- and D-exponents, batch D-exponent. */
export interface Exponents {
  lrN: number;
  lrD: number;
  batchD: number;
}

export const EXPONENT_NAMES = ['lrN', 'lrD', 'batchD'] as const;
export type ExponentName = (typeof EXPONENT_NAMES)[number];
