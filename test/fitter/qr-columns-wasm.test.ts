/**
 * The column-wise Householder QR in WebAssembly (fitter/qr-columns.wat) is the TypeScript one, bit for bit:
 * the same working columns, R and least-squares solutions, on random tall matrices (1–4 columns, up to 3,000
 * rows, values over many magnitudes, a zero column, a repeated column, NaN) — and so the same OLS fits
 * (`olsColumns`). The TypeScript QR itself is checked against ml-matrix and NIST problems elsewhere
 * (nist.test.ts, cross-check.test.ts).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ColumnQr, useWasmQr, wasmQrAvailable } from '../../src/fitter/qr-columns.js';
import { olsColumns } from '../../src/fitter/ols.js';

afterEach(() => useWasmQr(true));

/** Everything a ColumnQr gives: R, the rank check and, when full rank, the solution of each right-hand side. */
function outcome(columns: Float64Array[], rhs: number[][], wasm: boolean) {
  useWasmQr(wasm);
  const qr = new ColumnQr(columns);
  const full = qr.isFullRank();
  return { R: qr.upperTriangular().flat(), rdiag: [...qr.rdiag], full, x: full ? rhs.map((b) => qr.solve(b)) : [] };
}

function sameBits(a: unknown, b: unknown, what: string): void {
  const fa = JSON.stringify(a, (_, v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v) : v));
  const fb = JSON.stringify(b, (_, v) => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v) : v));
  expect(fa, what).toBe(fb);
}

describe('ColumnQr in WebAssembly', () => {
  it('is built (npm run build makes dist/qr-columns.wasm)', () => {
    expect(wasmQrAvailable()).toBe(true);
  });

  it('gives the TypeScript factorisation and solutions bit for bit', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), fc.constantFrom(0, -0, 1, 1e300, -1e-300));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 60 }), fc.array(value, { minLength: 300, maxLength: 300 }), fc.constantFrom('plain', 'zero', 'repeat', 'nan'), (p, extra, pool, shape) => {
        const m = p + extra;
        const columns = Array.from({ length: p }, (_, j) => Float64Array.from({ length: m }, (_, i) => pool[(i * 7 + j * 13) % pool.length] + (j === 0 ? 1 : 0)));
        if (shape === 'zero' && p > 1) columns[1].fill(0);
        if (shape === 'repeat' && p > 1) columns[1].set(columns[0]);
        if (shape === 'nan') columns[p - 1][0] = NaN;
        const rhs = [Array.from({ length: m }, (_, i) => pool[(i * 3 + 5) % pool.length]), Array.from({ length: m }, (_, i) => i - m / 2)];
        sameBits(outcome(columns, rhs, true), outcome(columns, rhs, false), `p = ${p}, m = ${m}, ${shape}`);
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });

  it('an OLS fit of 3,000 rows is the same with and without it', () => {
    const m = 3000;
    const x1 = Float64Array.from({ length: m }, (_, i) => Math.log(1e8 * (1 + (i % 17))));
    const x2 = Float64Array.from({ length: m }, (_, i) => Math.log(1e10 * (1 + (i % 5))));
    const y = Array.from({ length: m }, (_, i) => 0.3 - 0.7 * x1[i] + 0.3 * x2[i] + Math.sin(i) / 10);
    const fit = (wasm: boolean) => {
      useWasmQr(wasm);
      return olsColumns([new Float64Array(m).fill(1), x1, x2], y);
    };
    sameBits(fit(true), fit(false), 'olsColumns');
  });
});
