import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeLattice, type LatticePoint } from '../../src/validate/lattice.js';
import { readLinear, readNearest, readSurface } from '../../src/validate/readers/index.js';

const latticeArb = fc
  .record({ nx: fc.integer({ min: 2, max: 6 }), ny: fc.integer({ min: 2, max: 6 }) })
  .chain(({ nx, ny }) =>
    fc.record({
      nx: fc.constant(nx),
      ny: fc.constant(ny),
      losses: fc.array(fc.double({ min: 1, max: 5, noNaN: true }), { minLength: nx * ny, maxLength: nx * ny }),
      px: fc.double({ min: 0, max: nx - 1, noNaN: true }),
      py: fc.double({ min: 0, max: ny - 1, noNaN: true }),
    }),
  );

function build(nx: number, ny: number, losses: number[]) {
  const points: LatticePoint[] = [];
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) points.push({ i, j, x: i, y: j, loss: losses[i * ny + j], diverged: false });
  return makeLattice(Array.from({ length: nx }, (_, i) => i), Array.from({ length: ny }, (_, j) => j), points);
}

describe('reader properties', () => {
  it('inside a full lattice, bilinear readings are convex combinations of the enclosing corners and never flagged', () => {
    fc.assert(
      fc.property(latticeArb, ({ nx, ny, losses, px, py }) => {
        const lat = build(nx, ny, losses);
        const r = readLinear(lat, px, py);
        const i0 = Math.min(Math.floor(px), nx - 2);
        const j0 = Math.min(Math.floor(py), ny - 2);
        const corners = [lat.at(i0, j0)!, lat.at(i0 + 1, j0)!, lat.at(i0, j0 + 1)!, lat.at(i0 + 1, j0 + 1)!].map((p) => p.loss);
        expect(r.flags).toEqual([]);
        // Rounding: the reader works in (ln lr, ln B) with its own arithmetic, so allow 1e-11 of the loss scale
        // (a reading 1.0e-12 below equal corners of 1.07 was seen at a coordinate of 9e-13).
        const tol = 1e-11 * Math.max(...corners.map(Math.abs));
        expect(r.loss).toBeGreaterThanOrEqual(Math.min(...corners) - tol);
        expect(r.loss).toBeLessThanOrEqual(Math.max(...corners) + tol);
      }),
      { numRuns: 200, seed: 0 },
    );
  });

  it('nearest reads a loss of the lattice, of a run no other run is closer than', () => {
    fc.assert(
      fc.property(latticeArb, ({ nx, ny, losses, px, py }) => {
        const lat = build(nx, ny, losses);
        const r = readNearest(lat, px, py);
        const d = lat.points.map((p) => Math.hypot(p.x - px, p.y - py));
        const dmin = Math.min(...d);
        expect(lat.points.some((p, k) => p.loss === r.loss && d[k] <= dmin + 1e-9)).toBe(true);
      }),
      { numRuns: 200, seed: 0 },
    );
  });

  it('a reading outside the lattice is always flagged extrapolated, by every reader', () => {
    fc.assert(
      fc.property(latticeArb, fc.double({ min: 0.01, max: 5, noNaN: true }), ({ nx, ny, losses, py }, beyond) => {
        const lat = build(nx, ny, losses);
        for (const read of [readNearest, readLinear, readSurface]) {
          const r = read(lat, nx - 1 + beyond, py);
          expect(r.flags).toContain('extrapolated');
          expect(r.outside.lnLr).toBeCloseTo(beyond, 9);
        }
      }),
      { numRuns: 100 },
    );
  });
});
