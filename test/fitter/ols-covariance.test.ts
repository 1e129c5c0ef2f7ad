/**
 * OLS computes σ²·R⁻¹R⁻ᵀ itself (fitter/ols.ts `qrCovariance`) where it once called ml-matrix
 * (`inverse(R).mmul(inverse(R).transpose()).mul(σ²)`): the oracle here is that ml-matrix expression, and
 * the two must agree bit for bit — fit records written before the change stay byte-identical — for
 * random upper-triangular R of every size the fitter uses, either sign on the diagonal.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qrCovariance } from '../../src/fitter/ols.js';

const { Matrix, inverse } = createRequire(import.meta.url)('ml-matrix') as typeof import('ml-matrix');

const nonZero = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => Math.abs(x) > 1e-6);
const entry = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0));

const upper = fc.integer({ min: 1, max: 6 }).chain((p) =>
  fc.tuple(fc.array(nonZero, { minLength: p, maxLength: p }), fc.array(entry, { minLength: p * p, maxLength: p * p })).map(([diag, rest]) =>
    Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? diag[i] : i < j ? rest[i * p + j] : 0))),
  ),
);

describe('qrCovariance', () => {
  it('equals ml-matrix inverse(R)·inverse(R)ᵀ·σ² bit for bit', () => {
    fc.assert(
      fc.property(upper, fc.double({ min: 1e-12, max: 1e3, noNaN: true }), (R, sigma2) => {
        const Rinv = inverse(new Matrix(R));
        const want = Rinv.mmul(Rinv.transpose()).mul(sigma2).to2DArray();
        const got = qrCovariance(R, sigma2);
        expect(got.map((row) => row.map((x) => Object.is(x, -0) ? '-0' : x))).toEqual(want.map((row) => row.map((x) => Object.is(x, -0) ? '-0' : x)));
      }),
      { numRuns: 2000, seed: 20261202 },
    );
  });

  it('hand-derived: R = [[2, 1], [0, 4]] gives R⁻¹ = [[1/2, −1/8], [0, 1/4]] and R⁻¹R⁻ᵀ = [[17/64, −1/32], [−1/32, 1/16]]', () => {
    expect(qrCovariance([[2, 1], [0, 4]], 1)).toEqual([[17 / 64, -1 / 32], [-1 / 32, 1 / 16]]);
    expect(qrCovariance([[2, 1], [0, 4]], 3)).toEqual([[51 / 64, -3 / 32], [-3 / 32, 3 / 16]]);
  });
});
