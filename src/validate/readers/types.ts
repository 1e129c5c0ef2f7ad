/**
 * A loss reader: the loss a grid implies at an off-grid point (x, y) =
 * (ln lr, ln batchTokens).
 */
import type { Lattice } from '../lattice.js';

export type ReaderName = 'nearest' | 'linear' | 'surface';
export const READER_NAMES: readonly ReaderName[] = ['nearest', 'linear', 'surface'];

/**
 * Flags a reading can carry:
 * - `extrapolated`: the point is outside the lr or batch range of the lattice's runs; every reader then reads at
 *   the nearest point of that range (held at the edge — a lower bound if the loss keeps rising beyond it), and
 *   the output says how far outside (`outside`, ln units). Never silent.
 * - `filled-cell`: linear reader, a corner of the enclosing cell had no run and was filled along its row/column.
 * - `fallback-nearest`: the reader could not interpolate (too few neighbours) and read the nearest cell.
 * - `diverged-run`: the reading uses a run flagged as diverged.
 */
export type ReadFlag = 'extrapolated' | 'filled-cell' | 'fallback-nearest' | 'diverged-run';

export interface LossReading {
  loss: number;
  flags: ReadFlag[];
  /** How far outside the lattice's range the point lies, ln units (0 inside). */
  outside: { lnLr: number; lnB: number };
}

export interface LossReader {
  name: ReaderName;
  /** One line on how the reader works, for reports. */
  description: string;
  read(lattice: Lattice, x: number, y: number): LossReading;
}
