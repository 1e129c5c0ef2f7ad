/**
 * The "analyse a sweep" job (src/jobs/analyse.ts): each result computed once
 * and handed to the report; a step the data cannot support becomes a failed
 * outcome with its reason, any other error propagates (a bug is not a note).
 */
import { describe, expect, it } from 'vitest';
import { analyseSweep, attempt } from '../../src/jobs/analyse.js';
import { analysisSections } from '../../src/report/standalone.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { stepLaw } from '../../src/laws/published/steplaw.js';
import { InputError } from '../../src/messages.js';
import { sweepOf, syntheticRuns } from '../helpers/synthetic.js';

const law = { cN: -0.7, cD: 0.3, bD: 0.57 };

describe('attempt', () => {
  it('turns an InputError into a failed outcome naming the step', () => {
    expect(
      attempt('Step Law fit', () => {
        throw new InputError('needs ≥ 3 groups');
      }),
    ).toEqual({ ok: false, subject: 'Step Law fit', error: 'needs ≥ 3 groups' });
  });
  it('lets any other error through', () => {
    expect(() =>
      attempt('x', () => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });
  it('wraps a value', () => expect(attempt('x', () => 3)).toEqual({ ok: true, value: 3 }));
});

describe('analyseSweep', () => {
  const sweep = sweepOf(syntheticRuns(law, [1e8, 3e8, 1e9], [2e9, 8e9, 3.2e10]));
  const { grids } = groupSweep(sweep);
  const a = analyseSweep({ label: 'synthetic', source: 'synthetic.csv', grids, sweep }, { band: 0.0025, bootstrap: 7, seed: 3, validated: [stepLaw()], reader: 'nearest' });

  it('fits the known law once, with the bootstrap count and seed asked for', () => {
    expect(a.fit.ok).toBe(true);
    if (!a.fit.ok) return;
    const fit = a.fit.value;
    const coef = (t: 'lnN' | 'lnD', target: 'lr' | 'batch') => fit[target].terms.find((x) => x.term === t)!.estimate;
    // Noise-free bowls centred on the law: the argmin runs lie on it, so OLS recovers the exponents.
    expect(coef('lnN', 'lr')).toBeCloseTo(law.cN, 6);
    expect(coef('lnD', 'lr')).toBeCloseTo(law.cD, 6);
    expect(coef('lnD', 'batch')).toBeCloseTo(law.bD, 6);
    expect(fit.bootstrap?.samples.length).toBe(7);
    expect(fit.options.seed).toBe(3);
  });
  it('validates and compares with the named reader; no slice study without an extra group key', () => {
    expect(a.validations).toHaveLength(1);
    expect(a.validations[0].ok && a.validations[0].value.reader.name).toBe('nearest');
    expect(a.comparison.ok && a.comparison.value.reader).toBe('nearest');
    expect(a.slices).toEqual([]);
  });
  it('a sweep with no group: the fit fails with its reason, drawn as a note', () => {
    const b = analyseSweep({ label: 'empty', source: 'empty.csv', grids: [] }, { band: 0.0025, bootstrap: 7, seed: 0, validated: [] });
    expect(b.fit.ok).toBe(false);
    const fits = analysisSections([b], { label: 'Step Law', coefficients: stepLaw().coefficients })[0];
    expect(fits.items[0]).toMatchObject({ kind: 'text', paragraphs: [expect.stringMatching(/^No fit: /)] });
  });
});
