/**
 * Leave-one-cell-out check of the loss readers: for every cell whose loss is
 * within `band` (default 2%) of its group's minimum, remove it, read the loss at
 * its (ln lr, ln B) from the remaining cells, and score |L̂/L − 1|. This is the
 * evidence for the default reader (scripts/reader-loo.ts,
 * docs/validate.md).
 */
import type { Grid } from '../sweep/grid.js';
import { mean, median } from '../util/stats.js';
import { latticeOf, withoutPoint } from './lattice.js';
import type { LossReader } from './readers/types.js';
import { maxOf } from '../util/arrays.js';

export interface LooScore {
  reader: string;
  cells: number;
  meanAbsRelError: number;
  medianAbsRelError: number;
  maxAbsRelError: number;
  /** Held-out cells whose reading was flagged (extrapolated, partial-cell, fallback-nearest, ...). */
  flagged: number;
  extrapolated: number;
}

/** Absolute relative errors of one reader on every held-out near-optimal cell of the grids. */
export function leaveOneCellOut(grids: Grid[], reader: LossReader, band = 0.02): { errors: number[]; flagged: number; extrapolated: number } {
  const errors: number[] = [];
  let flagged = 0;
  let extrapolated = 0;
  for (const g of grids) {
    if (!(g.minLoss > 0)) continue;
    const lattice = latticeOf(g);
    for (const p of lattice.points) {
      if (p.diverged || !(p.loss / g.minLoss - 1 < band)) continue;
      const rest = withoutPoint(lattice, p);
      if (rest.points.length === 0) continue;
      const r = reader.read(rest, p.x, p.y);
      errors.push(Math.abs(r.loss / p.loss - 1));
      if (r.flags.length > 0) flagged++;
      if (r.flags.includes('extrapolated')) extrapolated++;
    }
  }
  return { errors, flagged, extrapolated };
}

export function looScore(grids: Grid[], reader: LossReader, band = 0.02, label: string = reader.name): LooScore {
  const { errors, flagged, extrapolated } = leaveOneCellOut(grids, reader, band);
  return {
    reader: label,
    cells: errors.length,
    meanAbsRelError: errors.length ? mean(errors) : NaN,
    medianAbsRelError: errors.length ? median(errors) : NaN,
    maxAbsRelError: errors.length ? maxOf(errors) : NaN,
    flagged,
    extrapolated,
  };
}
