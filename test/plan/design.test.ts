import { describe, expect, it } from 'vitest';
import { cellKey, nextCell, snapToLattice, strideStep, type DesignState } from '../../src/plan/design.js';

// lr on a ×√2 ladder (2 levels = ×2), batch on a ×2 ladder (2 levels = ×4): the stride is two levels on each axis.
const lattice = {
  lrLevels: Array.from({ length: 12 }, (_, k) => 1e-4 * Math.SQRT2 ** k),
  batchLevels: Array.from({ length: 10 }, (_, k) => 2048 * 2 ** k),
};

function run(state: DesignState, loss: (i: number, j: number) => number, n: number) {
  const seq: [number, number][] = [];
  for (let k = 0; k < n; k++) {
    const c = nextCell(state)!;
    state.requested.set(cellKey(c), loss(c.i, c.j));
    seq.push([c.i, c.j]);
  }
  return seq;
}

describe('compass design', () => {
  it('a stride is the level nearest ln(level) ± stride, and none past the edge', () => {
    expect(strideStep(lattice.lrLevels, 5, 1, Math.log(2))).toBe(7);
    expect(strideStep(lattice.lrLevels, 5, -1, Math.log(2))).toBe(3);
    expect(strideStep(lattice.batchLevels, 4, 1, Math.log(4))).toBe(6);
    expect(strideStep(lattice.lrLevels, 0, -1, Math.log(2))).toBeUndefined();
    // At the last-but-one level the nearest level one stride up is the last one (at least one level away).
    expect(strideStep(lattice.lrLevels, 10, 1, Math.log(2))).toBe(11);
  });
  it('snaps to the nearest cell in (ln lr, ln B)', () => {
    expect(snapToLattice(lattice, 1e-4 * 2 * 1.05, 2048 * 8 * 1.3)).toEqual({ i: 2, j: 3 });
  });
  it('centre, then the four compass neighbours of the best run, lr first', () => {
    const state: DesignState = { lattice, centre: { i: 5, j: 4 }, requested: new Map() };
    // Optimum exactly at the centre: the best run stays there.
    const seq = run(state, (i, j) => (i - 5) ** 2 + (j - 4) ** 2, 5);
    expect(seq).toEqual([[5, 4], [3, 4], [7, 4], [5, 2], [5, 6]]);
    // Then the diagonals along the valley (lr and batch up together first).
    expect(run(state, (i, j) => (i - 5) ** 2 + (j - 4) ** 2, 2)).toEqual([[7, 6], [3, 2]]);
  });
  it('follows the best run: a better neighbour becomes the new centre of the compass', () => {
    const state: DesignState = { lattice, centre: { i: 3, j: 4 }, requested: new Map() };
    // Optimum at lr index 8: lr ×2 from the centre is better, then ×2 again brackets it.
    const seq = run(state, (i, j) => (i - 8) ** 2 + (j - 4) ** 2, 6);
    expect(seq).toEqual([[3, 4], [1, 4], [5, 4], [7, 4], [9, 4], [7, 2]]);
  });
  it('a cell that does not exist (null) is not the best and is not requested again', () => {
    const state: DesignState = { lattice, centre: { i: 5, j: 4 }, requested: new Map([['5,4', 1], ['3,4', null]]) };
    expect(nextCell(state)).toEqual({ i: 7, j: 4 });
  });
});
