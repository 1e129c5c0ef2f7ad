/**
 * Independent cross-check with ml-levenberg-marquardt (named by the user; not
 * the engine — it stops on an absolute error threshold, reports no status, clips
 * at bounds, uses unscaled damping and gives no covariance). Its absolute error
 * threshold is neutralised (errorTolerance = 0 keeps iterating and tracks the
 * best point), its finite-difference steps are made small and central, and
 * convergence is checked here: the last 50 of 400 iterations must not move the
 * parameters beyond 1e-9 relative.
 */
import { readFileSync } from 'node:fs';
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { describe, expect, it } from 'vitest';
import { curveFit } from '../../src/fitter/index.js';
import { lre, parseNist } from '../helpers/nist.js';
import { fixture } from '../helpers/paths.js';

describe('cross-check against ml-levenberg-marquardt', () => {
  for (const name of ['DanWood', 'Misra1b']) {
    it(`${name} (start 2): both agree with each other and the certified values`, () => {
      const p = parseNist(name, readFileSync(fixture('nist-strd', `${name}.dat`), 'utf8'));
      const x = p.x.map((r) => r[0]);
      const model =
        name === 'DanWood'
          ? (b: ArrayLike<number>) => (t: number) => b[0] * Math.pow(t, b[1])
          : (b: ArrayLike<number>) => (t: number) => b[0] * (1 - Math.pow(1 + (b[1] * t) / 2, -2));
      const run = (iters: number) =>
        levenbergMarquardt({ x, y: p.y }, model, {
          initialValues: p.start2.slice(),
          damping: 1e-2,
          maxIterations: iters,
          errorTolerance: 0,
          centralDifference: true,
          gradientDifference: p.start2.map((v) => 1e-7 * Math.abs(v)),
        }).parameterValues;
      const a = run(350);
      const b = run(400);
      a.forEach((v, i) => expect(Math.abs(v - b[i]) / Math.abs(b[i])).toBeLessThan(1e-9));
      const ours = curveFit((t, q) => model(q)(t), x, p.y, p.names.map((n, i) => ({ name: n, value: p.start2[i] })));
      expect(ours.success).toBe(true);
      b.forEach((v, i) => {
        expect(lre(v, p.certified[i])).toBeGreaterThanOrEqual(6);
        expect(lre(ours.x[i], v)).toBeGreaterThanOrEqual(6);
      });
    });
  }
});
