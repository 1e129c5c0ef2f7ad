/**
 * Contour lines of a function sampled on a rectilinear lattice, by marching
 * squares (Lorensen & Cline 1987, in 2-D): in each lattice square whose four
 * corners are known, every edge whose end values lie on opposite sides of the
 * level is cut at the linearly interpolated point
 *   t = (level − z₀) / (z₁ − z₀),  p = p₀ + t·(p₁ − p₀),
 * and the cut points are joined into segments. A saddle (corners alternate
 * above/below) is resolved by the mean of the four corners.
 *
 * For the loss landscape the lattice is (ln lr, ln B) and z = L/L_min − 1, so
 * the lines are straight in the log–log plot. Squares with a missing corner
 * (NaN) are skipped: a hole in the grid leaves a gap in the line, never a guess.
 */

export type Segment = [[number, number], [number, number]];

/**
 * Segments of the contour z = level.
 * @param xs strictly increasing x coordinates (length nx)
 * @param ys strictly increasing y coordinates (length ny)
 * @param z z[i][j] at (xs[i], ys[j]); NaN where unknown
 * @example contourSegments([0, 1], [0, 1], [[0, 0], [1, 1]], 0.5); // => [[[0.5, 0], [0.5, 1]]]
 */
export function contourSegments(xs: readonly number[], ys: readonly number[], z: readonly (readonly number[])[], level: number): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < xs.length; i++) {
    for (let j = 0; j + 1 < ys.length; j++) {
      // Corners counter-clockwise: a (i,j), b (i+1,j), c (i+1,j+1), d (i,j+1).
      const corners: [number, number, number][] = [
        [xs[i], ys[j], z[i][j]],
        [xs[i + 1], ys[j], z[i + 1][j]],
        [xs[i + 1], ys[j + 1], z[i + 1][j + 1]],
        [xs[i], ys[j + 1], z[i][j + 1]],
      ];
      if (corners.some((c) => !Number.isFinite(c[2]))) continue;
      const above = corners.map((c) => c[2] > level);
      // Edges in order: bottom a–b, right b–c, top c–d, left d–a.
      const cuts: ([number, number] | undefined)[] = [0, 1, 2, 3].map((e) => {
        const p = corners[e];
        const q = corners[(e + 1) % 4];
        if (above[e] === above[(e + 1) % 4]) return undefined;
        const t = (level - p[2]) / (q[2] - p[2]);
        return [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
      });
      const present = cuts.map((c, e) => (c ? e : -1)).filter((e) => e >= 0);
      if (present.length === 2) {
        segments.push([cuts[present[0]]!, cuts[present[1]]!]);
      } else if (present.length === 4) {
        const centre = corners.reduce((s, c) => s + c[2], 0) / 4 > level;
        if (centre === above[0]) {
          // a joins c through the centre: cut off corners b and d.
          segments.push([cuts[0]!, cuts[1]!], [cuts[2]!, cuts[3]!]);
        } else {
          // cut off corners a and c.
          segments.push([cuts[3]!, cuts[0]!], [cuts[1]!, cuts[2]!]);
        }
      }
    }
  }
  return segments;
}

/**
 * Join segments that share end points into polylines (one path per piece of
 * a contour instead of one line per lattice square). End points computed on
 * the two sides of a shared lattice edge agree to rounding, so points are
 * matched after rounding to `digits` decimals.
 * @example chainSegments([[[0, 0], [1, 0]], [[1, 0], [1, 1]]]); // => [[[0, 0], [1, 0], [1, 1]]]
 */
export function chainSegments(segments: readonly Segment[], digits = 9): [number, number][][] {
  const key = (p: [number, number]) => `${p[0].toFixed(digits)},${p[1].toFixed(digits)}`;
  const ends = new Map<string, number[]>();
  segments.forEach((s, k) => {
    for (const p of s) {
      const list = ends.get(key(p)) ?? [];
      list.push(k);
      ends.set(key(p), list);
    }
  });
  const used = new Array<boolean>(segments.length).fill(false);
  const other = (k: number, p: [number, number]): [number, number] => (key(segments[k][0]) === key(p) ? segments[k][1] : segments[k][0]);
  const extend = (line: [number, number][]) => {
    for (;;) {
      const tail = line[line.length - 1];
      const next = (ends.get(key(tail)) ?? []).find((k) => !used[k]);
      if (next === undefined) return;
      used[next] = true;
      line.push(other(next, tail));
    }
  };
  const lines: [number, number][][] = [];
  segments.forEach((s, k) => {
    if (used[k]) return;
    used[k] = true;
    const line: [number, number][] = [s[0], s[1]];
    extend(line);
    line.reverse();
    extend(line);
    lines.push(line);
  });
  return lines;
}
