/**
 * A prediction that cannot be placed on a group's grid (zero, non-finite) is "not evaluable" there: flagged,
 * counted in the summary, never scored (issue 11 item 4).
 */
import { describe, expect, it } from 'vitest';
import { stepLawRounded } from '../../src/laws/published/steplaw.js';
import type { Law } from '../../src/laws/law.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { validateLaw } from '../../src/validate/validate.js';
import { compareLaws } from '../../src/validate/compare.js';
import { syntheticRuns, sweepOf } from '../helpers/synthetic.js';

// Synthetic sweep whose bowls are centred on the rounded Step Law (a = 1.79, b = 0.58): the law lands on each optimum.
const LAW = { cN: -0.713, cD: 0.307, bD: 0.571, a: 1.79, b: 0.58 };
const { grids } = groupSweep(sweepOf(syntheticRuns(LAW, [1e8, 4e8, 1.6e9], [2e10, 8e10])));

/** The rounded Step Law, except that it predicts `bad` as the lr for N above 5e8. */
function brokenAbove(bad: number): Law {
  const base = stepLawRounded();
  return { ...base, name: `broken-${bad}`, predict: (ctx) => ({ ...base.predict(ctx), ...(ctx.N! > 5e8 ? { lr: bad } : {}) }) };
}

describe('not-evaluable groups', () => {
  for (const bad of [0, -1, NaN, Infinity]) {
    it(`lr = ${bad} on the 2 groups with N = 1.6e9: flagged, counted, not scored; the other 4 groups are scored`, () => {
      for (const reader of ['nearest', 'linear', 'surface'] as const) {
        const v = validateLaw(grids, brokenAbove(bad), { reader });
        const flagged = v.groups.filter((g) => g.flags.includes('not-evaluable'));
        expect(flagged.map((g) => g.N)).toEqual([1.6e9, 1.6e9]);
        for (const g of flagged) {
          expect(g.relativeError).toBeNull();
          expect(g.insideBand).toBeNull();
          expect(g.notEvaluable).toMatch(/cannot be placed on the grid/);
        }
        expect(v.summary.notEvaluable).toBe(2);
        expect(v.summary.evaluated).toBe(4);
        expect(v.summary.insideBand).toBe(4);
        expect(v.warnings.filter((w) => w.code === 'not-evaluable')).toHaveLength(2);
      }
    });
  }
  it('a law not evaluable anywhere ranks last in compare with the reason, below a law that is scored', () => {
    const zero: Law = { ...stepLawRounded(), name: 'zero', predict: (ctx) => ({ ...stepLawRounded().predict(ctx), lr: 0 }) };
    const c = compareLaws(grids, [zero, stepLawRounded()], { reader: 'linear' });
    expect(c.rows.map((r) => r.law)).toEqual(['steplaw-rounded', 'zero']);
    expect(c.rows[1].error).toMatch(/no group can be scored: the law predicts lr = 0/);
    expect(c.rows[1].insideBand).toBe(0);
  });
});
