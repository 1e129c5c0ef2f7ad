/** The one paired-difference helper: hand-derivable cases for each rule. */
import { describe, expect, it } from 'vitest';
import { pairedDifference, clusterTInterval } from '../../src/fitter/paired-difference.js';

describe('pairedDifference', () => {
  it('percentile interval of the k-th − k-th differences (numpy type 7), resolved when it excludes 0', () => {
    // Differences 1..5 (b = 0): 2.5% → 1 + 0.1·1 = 1.1, 97.5% → 4.9.
    const p = pairedDifference([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 3);
    expect(p.ci95![0]).toBeCloseTo(1.1, 12);
    expect(p.ci95![1]).toBeCloseTo(4.9, 12);
    expect(p.excludesZero).toBe(true);
    expect(p.stderr).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(p.interval).toBe('percentile');
    expect(p.pairs).toBe(5);
  });
  it('pairs up to the shorter list; non-finite differences are dropped and not counted', () => {
    const p = pairedDifference([1, NaN, 3, Infinity, 5, 9], [0, 0, 0, 0, 0], 0);
    expect(p.pairs).toBe(3);
  });
  it('fewer than 2 pairs: nulls, never NaN', () => {
    const p = pairedDifference([1], [0], 1);
    expect(p).toEqual({ estimate: 1, pairs: 1, stderr: null, ci95: null, excludesZero: null, interval: 'none' });
    expect(pairedDifference([], [], 0).ci95).toBeNull();
  });
  it('cluster-bootstrapped fits: estimate ± t(G−1)·√(G/(G−1))·sd', () => {
    const p = pairedDifference([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 0.5, { clusters: 3 });
    // t(2) = 4.302652729749462 (scipy), √(3/2), sd = √2.5.
    const h = 4.302652729749462 * Math.sqrt(1.5) * Math.sqrt(2.5);
    expect(p.ci95![0]).toBeCloseTo(0.5 - h, 9);
    expect(p.ci95![1]).toBeCloseTo(0.5 + h, 9);
    expect(p.excludesZero).toBe(false);
    expect(p.interval).toBe('cluster-t');
    expect(clusterTInterval(0, 1, 3)[1]).toBeCloseTo(4.302652729749462 * Math.sqrt(1.5), 9);
  });
});
