/**
 * The Gaussian filter against scipy 1.17.1 `scipy.ndimage.gaussian_filter1d`
 * (mode 'reflect', truncate 4.0 — the defaults). Each reference was printed
 * with `repr(float(v))` for every v of the call written beside it.
 */
import { describe, expect, it } from 'vitest';
import { gaussianFilter1d, gaussianKernel, kernelRadius, reflectIndex } from '../../src/ingest/logs/gaussian.js';

const close = (got: ArrayLike<number>, want: number[]) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThan(1e-12));
};

describe('kernel', () => {
  it('radius = int(truncate·sigma + 0.5)', () => {
    expect(kernelRadius(1)).toBe(4);
    expect(kernelRadius(0.875)).toBe(4); // 4·0.875 + 0.5 = 4.0
    expect(kernelRadius(0.8749)).toBe(3); // 3.9996
    expect(kernelRadius(0.125)).toBe(1); // 1.0
    expect(kernelRadius(0.12)).toBe(0); // 0.98
    expect(kernelRadius(100)).toBe(400);
  });

  it('weights by hand for sigma = 1/sqrt(2): exp(-k²) normalised', () => {
    // r = int(4·0.7071 + 0.5) = 3; w_k ∝ exp(-k²)
    const w = gaussianKernel(Math.SQRT1_2);
    const raw = [-3, -2, -1, 0, 1, 2, 3].map((k) => Math.exp(-k * k));
    const sum = raw.reduce((a, b) => a + b, 0);
    close(w, raw.map((v) => v / sum));
  });

  it('sigma ≤ 0 is refused (scipy raises ZeroDivisionError for 0)', () => {
    expect(() => gaussianKernel(0)).toThrow(RangeError);
    expect(() => gaussianKernel(-1)).toThrow(RangeError);
    expect(() => gaussianKernel(NaN)).toThrow(RangeError);
  });
});

describe('reflect index (d c b a | a b c d | d c b a)', () => {
  it('folds by hand for n = 4', () => {
    // positions -4..7 of a b c d → d c b a | a b c d | d c b a
    const got = [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7].map((i) => reflectIndex(i, 4));
    expect(got).toEqual([3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0]);
  });
  it('repeats with period 2n beyond one fold', () => {
    expect([8, 9, -5, -8, -9].map((i) => reflectIndex(i, 4))).toEqual([0, 1, 3, 0, 0]);
  });
});

describe('gaussianFilter1d = scipy gaussian_filter1d', () => {
  it('linear ramp', () => {
    // gaussian_filter1d(np.array([1.,2,3,4,5]), 1.0)
    close(gaussianFilter1d([1, 2, 3, 4, 5], 1), [
      1.4270409503911736, 2.0678220347792573, 3.0, 3.932177965220743, 4.572959049608827,
    ]);
  });

  it('reflect boundary on a geometric series (radius 4 on 5 points)', () => {
    // gaussian_filter1d(np.array([1.,2,4,8,16]), 1.0)
    close(gaussianFilter1d([1, 2, 4, 8, 16], 1), [
      1.5051988452812555, 2.5761144354343966, 5.010017453929052, 9.043372869256832, 12.865296396098467,
    ]);
  });

  it('kernel much longer than the series (radius 8 on 3 points: several folds)', () => {
    // gaussian_filter1d(np.array([3.,1,2]), 2.0)
    close(gaussianFilter1d([3, 1, 2], 2), [2.0558562101877174, 1.9998603288709105, 1.944283460941372]);
  });

  it('truncation: sigma 0.875 (radius 4) and 0.8749 (radius 3)', () => {
    // gaussian_filter1d(np.array([5.,-1,2,7,0,3]), 0.875)
    close(gaussianFilter1d([5, -1, 2, 7, 0, 3], 0.875), [
      3.273872785476538, 1.6053110236353536, 2.513116350457338, 3.743306721153619, 2.539047823537901, 2.3253452957392486,
    ]);
    // gaussian_filter1d(np.array([5.,-1,2,7,0,3]), 0.8749)
    close(gaussianFilter1d([5, -1, 2, 7, 0, 3], 0.8749), [
      3.274063676421068, 1.6049847910172097, 2.513117261542657, 3.7436426721618, 2.538793966607175, 2.325397632250089,
    ]);
  });

  it('tiny sigma: radius 0 returns the input; radius 1 with negligible side weights', () => {
    // gaussian_filter1d(np.array([5.,-1,2,7,0,3]), 0.12)
    close(gaussianFilter1d([5, -1, 2, 7, 0, 3], 0.12), [5, -1, 2, 7, 0, 3]);
    // gaussian_filter1d(np.array([5.,-1,2,7,0,3]), 0.125)
    close(gaussianFilter1d([5, -1, 2, 7, 0, 3], 0.125), [
      4.9999999999999245, -0.9999999999998861, 2.0000000000000253, 6.999999999999848, 1.2664165549093855e-13,
      2.9999999999999623,
    ]);
  });

  it('one point stays itself; a constant stays constant', () => {
    // gaussian_filter1d(np.array([2.]), 3.0)
    close(gaussianFilter1d([2], 3), [2]);
    close(gaussianFilter1d([7, 7, 7, 7], 5), [7, 7, 7, 7]);
  });
});
