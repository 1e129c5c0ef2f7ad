import { describe, expect, it } from 'vitest';
import { contourSegments } from '../../src/report/contours.js';
import { landscapeContours, lattice, logEdges } from '../../src/report/landscape.js';
import type { LandscapeInput } from '../../src/report/types.js';

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

describe('contourSegments (marching squares)', () => {
  it('a plane z = x gives the vertical line x = level', () => {
    const xs = [0, 1, 2];
    const ys = [0, 1, 2];
    const z = xs.map((x) => ys.map(() => x));
    const segs = contourSegments(xs, ys, z, 1.25);
    expect(segs).toHaveLength(2);
    for (const s of segs) for (const p of s) expect(p[0]).toBeCloseTo(1.25, 12);
  });

  it('z = |x| + |y| on an integer lattice: every cut point lies exactly on |x| + |y| = c (z is linear along each lattice edge)', () => {
    const xs = range(-4, 4);
    const ys = range(-4, 4);
    const z = xs.map((x) => ys.map((y) => Math.abs(x) + Math.abs(y)));
    for (const c of [0.5, 1.7, 2.5, 3.2]) {
      const segs = contourSegments(xs, ys, z, c);
      expect(segs.length).toBeGreaterThan(0);
      for (const s of segs) for (const [x, y] of s) expect(Math.abs(x) + Math.abs(y)).toBeCloseTo(c, 12);
    }
  });

  it('a closed contour around a single low cell has 4 segments forming a diamond', () => {
    const xs = [0, 1, 2];
    const ys = [0, 1, 2];
    const z = [
      [1, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
    ];
    const segs = contourSegments(xs, ys, z, 0.5);
    expect(segs).toHaveLength(4);
    const pts = segs.flat().map(([x, y]) => `${x},${y}`);
    expect(new Set(pts)).toEqual(new Set(['1,0.5', '1.5,1', '1,1.5', '0.5,1']));
  });

  it('resolves a saddle by the centre value', () => {
    // a (0,0)=0 below, b (1,0)=1 above, c (1,1)=0 below, d (0,1)=1 above; level 0.4, centre 0.5 above:
    // the above corners b, d connect through the centre, so corners a and c are cut off.
    const segs = contourSegments([0, 1], [0, 1], [[0, 1], [1, 0]], 0.4);
    expect(segs).toHaveLength(2);
    const key = (s: number[][]) => s.map((p) => p.map((v) => v.toFixed(2)).join(',')).sort().join(' ');
    const keys = segs.map(key).sort();
    expect(keys).toEqual(['0.00,0.40 0.40,0.00', '0.60,1.00 1.00,0.60'].sort());
  });

  it('skips squares with a missing corner (a hole leaves a gap, not a guess)', () => {
    const xs = [0, 1, 2];
    const ys = [0, 1, 2];
    const z = xs.map((x) => ys.map(() => x));
    z[2][2] = NaN;
    expect(contourSegments(xs, ys, z, 0.5)).toHaveLength(2);
    // The line x = 1.5 crosses squares (1, 0) and (1, 1); (1, 1) has the missing corner.
    const segs = contourSegments(xs, ys, z, 1.5);
    expect(segs).toHaveLength(1);
    expect(Math.max(segs[0][0][1], segs[0][1][1])).toBe(1);
  });
});

describe('landscape lattice and contours', () => {
  // A bowl in log space: L = L0·(1 + k·((ln lr − ln lr0)² + (ln B − ln B0)²)); rel = k·r².
  const L0 = 2.5;
  const k = 0.004;
  const lr0 = 2e-3;
  const B0 = 5e5;
  const lrs = range(-8, 8).map((i) => lr0 * Math.SQRT2 ** i);
  const bs = range(-6, 6).map((j) => B0 * 2 ** (j / 2));
  const cells = lrs.flatMap((lr) => bs.map((b) => ({ lr, batchTokens: b, loss: L0 * (1 + k * (Math.log(lr / lr0) ** 2 + Math.log(b / B0) ** 2)) })));
  const input: LandscapeInput = { id: 'bowl', title: 't', caption: 'c', cells, minimum: { lr: lr0, batchTokens: B0, loss: L0 }, predictions: [] };

  it('places cells on the lattice with rel = L/L_min − 1', () => {
    const lat = lattice(input);
    expect(lat.lr).toHaveLength(17);
    expect(lat.batch).toHaveLength(13);
    expect(lat.rel[8][6]).toBe(0);
    expect(lat.rel[9][6]).toBeCloseTo(k * Math.log(Math.SQRT2) ** 2, 12);
  });

  it('contours at +0.25%, +0.5%, +1%, +2% lie near the circles r = √(level/k) in (ln lr, ln B)', () => {
    const levels = [0.0025, 0.005, 0.01, 0.02];
    const res = landscapeContours(lattice(input), levels);
    expect(res.map((r) => r.level)).toEqual(levels);
    for (const { level, segments } of res) {
      expect(segments.length).toBeGreaterThan(4);
      const r0 = Math.sqrt(level / k);
      for (const s of segments) {
        for (const [lr, b] of s) {
          const r = Math.hypot(Math.log(lr / lr0), Math.log(b / B0));
          // Linear interpolation of a quadratic along an edge of length h: error ≤ h²/(8·r0)-ish; h ≤ ln 2 / 2 here.
          expect(Math.abs(r - r0) / r0).toBeLessThan(0.06);
        }
      }
    }
  });

  it('log edges are geometric midpoints', () => {
    expect(logEdges([1, 4, 16])).toEqual([0.5, 2, 8, 32]);
  });
});
