/**
 * Smooth-surface reader: a local weighted quadratic (LOESS of degree 2,
 * Cleveland & Devlin 1988) in (x, y) = (ln lr, ln B).
 *
 * Around the query point (x0, y0) take the k nearest non-diverged runs, weight
 * each by the tricube w = (1 − (d/h)³)³ with h = 1.1 × the k-th distance, and
 * fit by weighted least squares
 *   L ≈ β0 + β1·dx + β2·dy + β3·dx² + β4·dx·dy + β5·dy²,  dx = x − x0, dy = y − y0;
 * the reading is β0. Diverged runs are left out (their loss, up to 11, would
 * bend the whole neighbourhood). Outside the range of the lattice's runs the
 * point is held at the edge, as by the other readers (a quadratic continued far
 * out of its data is meaningless), and the reading flagged `extrapolated` with
 * the distance outside. With fewer than 6 usable neighbours or
 * a singular design (e.g. all on one lr level) the nearest run is read (flag
 * `fallback-nearest`).
 */
import { olsCoefficients } from '../../fitter/ols.js';
import { outsideBy, type Lattice } from '../lattice.js';
import { readNearest } from './nearest.js';
import type { LossReader, LossReading, ReadFlag } from './types.js';

/** Neighbours used by default; chosen by the leave-one-cell-out study (scripts/reader-loo.ts, docs/validate.md). */
export const DEFAULT_SURFACE_NEIGHBOURS = 16;

export function readSurface(lattice: Lattice, x: number, y: number, k = DEFAULT_SURFACE_NEIGHBOURS): LossReading {
  const outside = outsideBy(lattice, x, y);
  const flags: ReadFlag[] = [];
  if (outside.lnLr !== 0 || outside.lnB !== 0) flags.push('extrapolated');
  x -= outside.lnLr;
  y -= outside.lnB;
  const near = lattice.points
    .filter((p) => !p.diverged)
    .map((p) => ({ p, d: Math.hypot(p.x - x, p.y - y) }))
    .sort((a, b) => a.d - b.d || a.p.i - b.p.i || a.p.j - b.p.j)
    .slice(0, k);
  const fallback = (): LossReading => {
    const r = readNearest(lattice, x, y);
    return { loss: r.loss, flags: [...flags, 'fallback-nearest', ...r.flags.filter((f) => f === 'diverged-run')], outside };
  };
  if (near.length < 6) return fallback();
  const h = 1.1 * near[near.length - 1].d;
  const X: number[][] = [];
  const Y: number[] = [];
  for (const { p, d } of near) {
    const w = h > 0 ? (1 - (d / h) ** 3) ** 3 : 1;
    if (!(w > 0)) continue;
    const s = Math.sqrt(w);
    const dx = p.x - x;
    const dy = p.y - y;
    X.push([s, s * dx, s * dy, s * dx * dx, s * dx * dy, s * dy * dy]);
    Y.push(s * p.loss);
  }
  if (X.length < 6) return fallback();
  const beta = olsCoefficients(X, Y);
  if (!beta || !Number.isFinite(beta[0])) return fallback();
  return { loss: beta[0], flags, outside };
}

/** A surface reader with k neighbours. */
export function surfaceReader(k = DEFAULT_SURFACE_NEIGHBOURS): LossReader {
  return {
    name: 'surface',
    description: `local weighted quadratic in (ln lr, ln B) on the ${k} nearest non-diverged runs (tricube weights)`,
    read: (lattice, x, y) => readSurface(lattice, x, y, k),
  };
}
