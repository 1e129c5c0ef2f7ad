/**
 * The authors' smooth-loss rule (github.com/step-law/steplaw code/log_analysis.py, `apply_smooth`):
 * window = min(100, 0.01·points), sigma = window / interval, last value of
 * scipy `gaussian_filter1d`. References from scipy 1.17.1 on `series(n)`
 * (see series.ts for the exact numpy expression of x).
 */
import { describe, expect, it } from 'vitest';
import { smoothLoss, smoothingParams } from '../../src/ingest/logs/smooth-loss.js';
import { series } from './series.js';

const iters = (n: number, step: number, first = step) => Array.from({ length: n }, (_, i) => first + i * step);

describe('smoothingParams', () => {
  it('window is 1% of the points, capped at 100, not rounded', () => {
    expect(smoothingParams(50, 10)).toEqual({ window: 0.5, logInterval: 10, sigma: 0.05 });
    expect(smoothingParams(250, 10).sigma).toBeCloseTo(0.25, 15);
    expect(smoothingParams(20000, 50)).toEqual({ window: 100, logInterval: 50, sigma: 2 });
    expect(smoothingParams(32768, 1).window).toBe(100);
  });
});

describe('smoothLoss', () => {
  it('250 points every 10 iterations: sigma 0.25, radius 1', () => {
    // x = series(250); gaussian_filter1d(x, min(100, 0.01*250)/10)[-1]
    const r = smoothLoss(iters(250, 10), series(250));
    expect(r.ok).toBe(true);
    if (r.ok) expect(Math.abs(r.smoothLoss - 2.007999334909928)).toBeLessThan(1e-12);
  });

  it('700 points every iteration: sigma 7, radius 28', () => {
    // x = series(700); gaussian_filter1d(x, min(100, 0.01*700)/1)[-1]
    const r = smoothLoss(iters(700, 1), series(700));
    if (!r.ok) throw new Error(r.reason);
    expect(Math.abs(r.smoothLoss - 2.0073443327185356)).toBeLessThan(1e-12);
    expect(r.params.sigma).toBe(7);
  });

  it('20000 points every 50 iterations: window capped at 100, sigma 2', () => {
    // x = series(20000); gaussian_filter1d(x, min(100, 0.01*20000)/50)[-1]
    const r = smoothLoss(iters(20000, 50), series(20000));
    if (!r.ok) throw new Error(r.reason);
    expect(Math.abs(r.smoothLoss - 2.0077684948584125)).toBeLessThan(1e-12);
  });

  it('the log interval is that of the first two points', () => {
    // 250 points, first gap 10 then gaps of 20: sigma = 2.5/10, same value as the uniform case
    const it2 = [10, ...iters(249, 20, 20)];
    const r = smoothLoss(it2, series(250));
    if (!r.ok) throw new Error(r.reason);
    expect(r.params.logInterval).toBe(10);
    expect(Math.abs(r.smoothLoss - 2.007999334909928)).toBeLessThan(1e-12);
  });

  it('a flat tail smooths to itself', () => {
    const x = [...series(100), ...Array(400).fill(2.5)];
    const r = smoothLoss(iters(500, 1), x);
    if (!r.ok) throw new Error(r.reason);
    expect(Math.abs(r.smoothLoss - 2.5)).toBeLessThan(1e-12);
  });

  it('one point or non-increasing iterations give a reason, not a value', () => {
    expect(smoothLoss([10], [2])).toEqual({ ok: false, reason: 'too-few-points' });
    expect(smoothLoss([10, 10, 20], [2, 2, 2])).toEqual({ ok: false, reason: 'non-increasing-iterations' });
    expect(smoothLoss([20, 10], [2, 2])).toEqual({ ok: false, reason: 'non-increasing-iterations' });
  });
});
