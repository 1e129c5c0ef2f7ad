/**
 * Nearest-cell reader: the loss of the run nearest to (ln lr, ln B) in plain
 * Euclidean distance in natural-log coordinates. An empty lattice cell is never
 * read: the nearest existing run is. Ties go to the earlier cell (lower lr
 * index, then lower batch index). The crudest reader (docs/method.md#relative-error); the one
 * the acceptance numbers of the published law are stated for.
 */
import { outsideBy, type Lattice, type LatticePoint } from '../lattice.js';
import type { LossReader, LossReading, ReadFlag } from './types.js';

/** The lattice point nearest to (x, y). @throws Error on an empty lattice or a non-finite point. */
export function nearestPoint(lattice: Lattice, x: number, y: number): LatticePoint {
  // A point that is not finite (a law predicting lr = 0 gives ln lr = −Infinity) has no nearest run: the caller
  // must treat it as not evaluable (validate.ts does, before reading).
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`nearestPoint: (${x}, ${y}) cannot be placed on the lattice`);
  let best: LatticePoint | undefined;
  let bestD = Infinity;
  for (const p of lattice.points) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestD - 1e-15) {
      bestD = d;
      best = p;
    }
  }
  if (!best) throw new Error('nearestPoint: empty lattice');
  return best;
}

export function readNearest(lattice: Lattice, x: number, y: number): LossReading {
  const p = nearestPoint(lattice, x, y);
  const outside = outsideBy(lattice, x, y);
  const flags: ReadFlag[] = [];
  if (outside.lnLr !== 0 || outside.lnB !== 0) flags.push('extrapolated');
  if (p.diverged) flags.push('diverged-run');
  return { loss: p.loss, flags, outside };
}

export const nearestReader: LossReader = {
  name: 'nearest',
  description: 'loss of the run nearest in (ln lr, ln B)',
  read: readNearest,
};
