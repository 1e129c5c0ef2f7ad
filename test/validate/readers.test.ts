import { describe, expect, it } from 'vitest';
import { makeLattice, type LatticePoint } from '../../src/validate/lattice.js';
import { getReader, readLinear, readNearest, readSurface } from '../../src/validate/readers/index.js';
import { InputError } from '../../src/messages.js';

/** A lattice on x = 0..nx−1, y = 0..ny−1 (unit spacing, as if ln levels) with loss f(x, y). */
function lattice(nx: number, ny: number, f: (x: number, y: number) => number, missing: [number, number][] = []) {
  const xs = Array.from({ length: nx }, (_, i) => i);
  const ys = Array.from({ length: ny }, (_, j) => j);
  const points: LatticePoint[] = [];
  for (const i of xs) for (const j of ys) {
    if (missing.some(([a, b]) => a === i && b === j)) continue;
    points.push({ i, j, x: i, y: j, loss: f(i, j), diverged: false });
  }
  return makeLattice(xs, ys, points);
}

describe('nearest reader', () => {
  it('reads the run nearest in (ln lr, ln B), skipping empty cells', () => {
    const lat = lattice(4, 4, (x, y) => 10 * x + y, [[1, 1]]);
    expect(readNearest(lat, 2.2, 0.9).loss).toBe(21);
    // (1,1) is empty: nearest existing are (1,0),(0,1),(2,1),(1,2) at distance 1 from it; from (1.1, 1.3) (1,2) is nearest.
    expect(readNearest(lat, 1.1, 1.3).loss).toBe(12);
    expect(readNearest(lat, 1.1, 1.3).flags).toEqual([]);
  });

  it('flags a point outside the lattice as extrapolated and says how far, in ln units', () => {
    const lat = lattice(3, 3, (x, y) => x + y);
    const r = readNearest(lat, 3.5, -1);
    expect(r.flags).toContain('extrapolated');
    expect(r.outside.lnLr).toBeCloseTo(1.5, 12);
    expect(r.outside.lnB).toBeCloseTo(-1, 12);
    expect(r.loss).toBe(2); // the edge cell (2, 0)
  });
});

describe('linear reader', () => {
  it('is exact on a bilinear function f = 1 + 2x + 3y + 0.5xy', () => {
    const f = (x: number, y: number) => 1 + 2 * x + 3 * y + 0.5 * x * y;
    const lat = lattice(4, 3, f);
    for (const [x, y] of [[0.3, 0.7], [2.5, 1.25], [3, 2], [1, 0.5]]) {
      const r = readLinear(lat, x, y);
      expect(r.loss).toBeCloseTo(f(x, y), 12);
      expect(r.flags).toEqual([]);
    }
  });

  it('fills an empty corner along its row and column (exact for a plane) and flags filled-cell', () => {
    const f = (x: number, y: number) => 2 + x - 0.5 * y;
    const lat = lattice(4, 4, f, [[2, 2]]);
    const r = readLinear(lat, 2, 2);
    expect(r.loss).toBeCloseTo(f(2, 2), 12);
    expect(r.flags).toEqual(['filled-cell']);
    const r2 = readLinear(lat, 1.5, 2.5);
    expect(r2.loss).toBeCloseTo(f(1.5, 2.5), 12);
  });

  it('falls back to the nearest run when a missing corner has no neighbours on both sides', () => {
    const lat = lattice(3, 3, (x, y) => x + 10 * y, [[0, 0]]);
    const r = readLinear(lat, 0.2, 0.1);
    expect(r.flags).toContain('fallback-nearest');
    expect(r.loss).toBe(1); // nearest existing run is (1, 0)
  });

  it('holds an outside point at the edge and flags it extrapolated (never silently)', () => {
    const f = (x: number, y: number) => x + y;
    const lat = lattice(3, 3, f);
    const r = readLinear(lat, -0.5, 1.5);
    expect(r.flags).toEqual(['extrapolated']);
    expect(r.loss).toBeCloseTo(f(0, 1.5), 12);
    expect(r.outside).toEqual({ lnLr: -0.5, lnB: 0 });
  });
});

describe('surface reader (local weighted quadratic)', () => {
  it('is exact on a quadratic bowl, on and off the lattice and at a held-out cell', () => {
    const f = (x: number, y: number) => 2.3 + 0.01 * (x - 3.3) ** 2 + 0.004 * (y - 2.1) ** 2 + 0.002 * (x - 3.3) * (y - 2.1);
    const lat = lattice(7, 6, f, [[3, 2]]);
    for (const [x, y] of [[3, 2], [3.3, 2.1], [0.5, 4.5], [6, 0]]) {
      const r = readSurface(lat, x, y);
      expect(r.loss).toBeCloseTo(f(x, y), 10);
      expect(r.flags).toEqual([]);
    }
  });

  it('falls back to the nearest run with fewer than 6 points', () => {
    const lat = lattice(2, 2, (x, y) => x + y);
    expect(readSurface(lat, 0.4, 0.4).flags).toContain('fallback-nearest');
  });

  it('holds an outside point at the edge of the lattice and flags it', () => {
    const f = (x: number, y: number) => 1 + x * x + y * y;
    const lat = lattice(5, 5, f);
    const r = readSurface(lat, 6, 2);
    expect(r.flags).toEqual(['extrapolated']);
    expect(r.loss).toBeCloseTo(f(4, 2), 10);
  });
});

describe('getReader', () => {
  it('knows nearest, linear, surface and rejects other names with an InputError', () => {
    expect(getReader('nearest').name).toBe('nearest');
    expect(getReader('linear').name).toBe('linear');
    expect(getReader().name).toBe('surface');
    expect(() => getReader('spline')).toThrow(InputError);
  });
});
