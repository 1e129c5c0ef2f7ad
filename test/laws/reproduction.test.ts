/**
 * The reproduction record states, with numbers, which published coefficients
 * the released dense runs do not reproduce (REFERENCE.md §2: the lr
 * D-exponent 0.307 lies about 3 bootstrap SDs from what the released runs give).
 */
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { meanCoefficients, readStepLawBootstrapRows } from '../../src/laws/published/steplaw.js';
import { reproductionRecord } from '../../src/jobs/steplaw-record.js';
import { repoData } from '../helpers/paths.js';

describe('reproduction record on the released dense file', () => {
  const { grids } = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]));
  const fit = fitStepLaw(grids, { bootstrap: 1000, seed: 0 });
  const authors = meanCoefficients(readStepLawBootstrapRows(repoData('steplaw', '1004_fitted_lr_bs_scaling_model_parameters.csv')));
  const rec = reproductionRecord(fit, authors);

  it('uses the means of the authors’ 1000 rows (REFERENCE.md §1)', () => {
    const byTerm = (law: string, term: string) => rec.coefficients.find((c) => c.law === law && c.term === term)!;
    expect(byTerm('lr', 'intercept').publishedUnrounded).toBeCloseTo(0.586308, 6);
    expect(byTerm('lr', 'lnN').publishedUnrounded).toBeCloseTo(-0.712922, 6);
    expect(byTerm('lr', 'lnD').publishedUnrounded).toBeCloseTo(0.307491, 6);
    expect(byTerm('batch', 'intercept').publishedUnrounded).toBeCloseTo(-0.543542, 6);
    expect(byTerm('batch', 'lnD').publishedUnrounded).toBeCloseTo(0.570944, 6);
  });
  it('says the lr D-exponent 0.307 is outside the re-derived interval, about 3 bootstrap SDs away', () => {
    const d = rec.coefficients.find((c) => c.law === 'lr' && c.term === 'lnD')!;
    expect(d.publishedInside95).toBe(false);
    expect(d.distanceInBootstrapSd).toBeGreaterThan(2.5);
    expect(d.distanceInBootstrapSd).toBeLessThan(3.8);
    expect(rec.outside95).toContain('lr/lnD');
    const s = rec.statements.find((x) => x.startsWith('lr D-exponent'))!;
    expect(s).toContain('0.307');
    expect(s).toContain('OUTSIDE');
    expect(s).toMatch(/\[0\.1\d+, 0\.2\d+\]/);
  });
  it('the N-exponent −0.713 and batch exponent 0.571 are inside', () => {
    expect(rec.coefficients.find((c) => c.law === 'lr' && c.term === 'lnN')!.publishedInside95).toBe(true);
    expect(rec.coefficients.find((c) => c.law === 'batch' && c.term === 'lnD')!.publishedInside95).toBe(true);
  });
});
