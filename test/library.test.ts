/** The package entry point (`import … from 'steplaw'`) exposes the pieces the CLI uses. */
import { describe, expect, it } from 'vitest';
import * as steplaw from '../src/index.js';
import { repoData } from './helpers/paths.js';

describe('library entry point', () => {
  it('fits and validates the released dense file end to end through the public API', () => {
    const { grids } = steplaw.groupSweep(steplaw.loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]));
    const fit = steplaw.fitStepLaw(grids, { bootstrap: 0 });
    // docs/method.md#fitting-procedure: OLS lr N-exponent −0.766228 on the 129 kept runs.
    expect(fit.lr.terms.find((t) => t.term === 'lnN')!.estimate).toBeCloseTo(-0.766228, 6);
    // docs/method.md#relative-error: rounded Step Law, nearest cell, mean 0.096%.
    const v = steplaw.validateLaw(grids, steplaw.stepLawRounded(), { reader: 'nearest' });
    expect(v.summary.meanRelativeError!).toBeCloseTo(0.00096, 4);
    expect(typeof steplaw.fitter.leastSquares).toBe('function');
    expect(typeof steplaw.validate.crossValidate).toBe('function');
  });
});
