/**
 * The first screen: the verdict says which published coefficients fall
 * outside the re-derived interval (docs/method.md#fitting-procedure values of the released dense
 * file: the lr prefactor and lr D-exponent do), the comparison table keeps the
 * compare record's numbers and reader with "inside 0.25%" counts and the refit
 * row, and the prediction panel carries the published law's prediction at the
 * README's example target (lr 9.347e-4, batch 4,996,961 tokens) with its
 * bootstrap interval and the median-plateau lr range around it.
 */
import { describe, expect, it } from 'vitest';
import { decisionComparisonTable, decisionSection, predictionTable, verdictParagraphs, type ComparisonRecord, type VerdictRecord } from '../../src/report/decision.js';
import { DEFAULT_TARGET, targetPrediction } from '../../src/jobs/prediction.js';
import { stepLaw } from '../../src/laws/published/steplaw.js';
import { landscape } from '../../src/validate/landscape.js';
import { buildReport } from '../../src/report/write.js';
import { releasedGrids } from './fixture.js';

const record: VerdictRecord = {
  data: { keptRuns: 129, groups: 17 },
  coefficients: [
    { law: 'lr', term: 'intercept', published: 0.582, rederived: { bootstrapMean: 4.35, ci95: [2.26, 6.44] }, publishedInside95: false },
    { law: 'lr', term: 'lnN', published: -0.713, rederived: { bootstrapMean: -0.768, ci95: [-0.867, -0.664] }, publishedInside95: true },
    { law: 'lr', term: 'lnD', published: 0.307, rederived: { bootstrapMean: 0.199, ci95: [0.136, 0.265] }, publishedInside95: false },
  ],
};
const comparison: ComparisonRecord = {
  reader: 'nearest',
  band: 0.0025,
  rows: [
    { law: 'openai', title: 'OpenAI', groups: 17, evaluated: 17, meanRelativeError: 0.0489, maxRelativeError: 0.0886, insideBand: 0 },
    { law: 'steplaw', title: 'Step Law', groups: 17, evaluated: 17, meanRelativeError: 0.00098, maxRelativeError: 0.0031, insideBand: 16 },
    { law: 'meituan', title: 'Meituan', groups: 17, error: 'not evaluable' },
    { law: 'refit-dense', title: 'dense refit', groups: 17, evaluated: 17, meanRelativeError: 0.00104, maxRelativeError: 0.00234, insideBand: 17 },
  ],
};

describe('verdict', () => {
  it('names the coefficients outside the interval first, then how the published law does as a predictor', () => {
    const [headline, use, ...lines] = verdictParagraphs(record, comparison, 'steplaw');
    expect(headline).toBe('Not reproduced: lr prefactor (ln) and lr D-exponent — the published value lies outside the 95% interval re-derived from the 129 released runs (17 groups); 1 of 3 coefficients are inside.');
    expect(use).toBe('As a predictor the published law still lands close: mean 0.098% above the grid minimum, 16/17 groups inside the 0.25% band (nearest cell).');
    expect(lines[2]).toBe('lr D-exponent: published 0.307, re-derived 0.199 [0.136, 0.265] — OUTSIDE.');
  });
});

describe('comparison table', () => {
  it('best first, the refit row kept, a law that cannot be evaluated last; inside-band counts as k/n', () => {
    const t = decisionComparisonTable(comparison, 'c', 'dense.csv');
    expect(t.rows.map((r) => [r.title, r.inside])).toEqual([
      ['Step Law', '16/17'],
      ['dense refit', '17/17'],
      ['OpenAI', '0/17'],
      ['Meituan (not evaluable)', '–'],
    ]);
    expect(t.caption).toContain('nearest cell');
  });
});

describe('prediction panel', () => {
  const { dense } = releasedGrids();
  const study = landscape(dense);
  const p = targetPrediction(DEFAULT_TARGET, [stepLaw()], dense, study.groups);
  it('the published law at N = 7e9, D = 1.4e12: lr 9.347e-4, batch 4,996,961 tokens (the authors\' tool), inside its interval', () => {
    const s = p.laws[0];
    expect(s.lr).toBeCloseTo(9.347e-4, 7);
    expect(Math.round(s.batchTokens)).toBe(4996961);
    expect(s.lrCi95![0]).toBeLessThan(s.lr);
    expect(s.lrCi95![1]).toBeGreaterThan(s.lr);
  });
  it('lr range costing ≤ 0.25%: the median plateau span of the 17 groups, centred on the prediction', () => {
    const spans = study.groups.map((g) => g.plateaus.find((x) => x.band === 0.0025)!.lrSpan).sort((a, b) => a - b);
    const med = spans[8];
    expect(p.plateau!.groups).toBe(17);
    expect(p.plateau!.medianLrSpan).toBeCloseTo(med, 12);
    expect(p.plateau!.lrRange[1] / p.plateau!.lrRange[0]).toBeCloseTo(med, 10);
    expect(Math.sqrt(p.plateau!.lrRange[0] * p.plateau!.lrRange[1])).toBeCloseTo(p.laws[0].lr, 12);
  });
  it('says the target is an extrapolation beyond the released groups', () => {
    expect(p.fittedRange.N[1]).toBeLessThan(7e9);
    expect(predictionTable(p, 'p').caption).toContain('an extrapolation');
  });
  it('is laid out as the first section of the page, before the contents', async () => {
    const built = await buildReport({ title: 't', sections: [{ id: 'other', title: 'Other', items: [] }, decisionSection({ record, comparison, prediction: p, publishedLaw: 'steplaw', source: 'dense.csv' })] });
    const html = built.html;
    expect(html.indexOf('id="decision"')).toBeLessThan(html.indexOf('aria-label="Contents"'));
    expect(html.indexOf('aria-label="Contents"')).toBeLessThan(html.indexOf('id="other"'));
    for (const id of ['verdict', 'comparison', 'prediction']) expect(html).toContain(`id="${id}"`);
  });
});
