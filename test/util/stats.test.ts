/**
 * Descriptive statistics (src/util/stats.ts): type-7 quantiles by hand, `quantiles` equal to `quantile` for every
 * probability and every kind of number (its typed-array sort is a shortcut, not a different answer), and the
 * Student-t quantile against printed tables, remembered or not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, quantile, quantiles, sampleStd, studentTQuantile } from '../../src/util/stats.js';

describe('quantiles', () => {
  it('are numpy type-7 quantiles: h = (n − 1)p between order statistics', () => {
    // [1, 2, 3, 4]: p = 0.25 → h = 0.75 → 1 + 0.75·1; p = 0.75 → h = 2.25 → 3 + 0.25·1.
    expect(quantiles([4, 1, 3, 2], [0.25, 0.75])).toEqual([1.75, 3.25]);
    expect(quantiles([5], [0.025, 0.975])).toEqual([5, 5]);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('equal quantile(xs, p) for every p, bit for bit, with ±0, ±∞, NaN and repeats among the numbers', () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1, -1, 1e-300);
    const num = fc.oneof(fc.double(), special, fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(num, { minLength: 1, maxLength: 60 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (xs, ps) => {
        const got = quantiles(xs, ps);
        ps.forEach((p, k) => expect(Object.is(got[k], quantile(xs, p)), `p = ${p}: ${got[k]} vs ${quantile(xs, p)}`).toBe(true));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('refuse an empty array, as quantile does', () => {
    expect(() => quantiles([], [0.5])).toThrow(/empty/);
  });
});

describe('mean and sample standard deviation', () => {
  it('by hand', () => {
    expect(mean([0, 10])).toBe(5);
    expect(sampleStd([1, 3])).toBe(Math.SQRT2);
  });
});

describe('studentTQuantile', () => {
  it('matches the printed t table, asked once or again, in any order', () => {
    // t_{0.975} for 1, 2, 10, 30 degrees of freedom (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [10, 2.228],
      [30, 2.042],
    ];
    for (const round of [0, 1]) {
      for (const [dof, t] of round === 0 ? table : [...table].reverse()) expect(studentTQuantile(0.975, dof)).toBeCloseTo(t, 3);
    }
    expect(studentTQuantile(0.025, 10)).toBe(-studentTQuantile(0.975, 10));
    expect(studentTQuantile(0.975, 0)).toBeNaN();
  });
});
