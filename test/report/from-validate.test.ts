/**
 * Report tables from the validator on the released dense groups. Issue 4's
 * acceptance numbers (published Step Law, rounded constants, nearest cell):
 * mean relative error 0.096%, worst group 0.31% — the table must carry them.
 */
import { describe, expect, it } from 'vitest';
import { catalogLaws, resolveLaw } from '../../src/laws/catalog.js';
import { validateLaw } from '../../src/validate/validate.js';
import { compareLaws } from '../../src/validate/compare.js';
import { compareTableFromComparison, validationTableFromResult } from '../../src/report/from-validate.js';
import { tableHtml } from '../../src/report/tables.js';
import { releasedGrids } from './fixture.js';

describe('tables from the validator (released dense groups)', () => {
  const { dense } = releasedGrids();

  it('validation table: 17 groups; caption gives mean ≈ 0.096% and max ≈ 0.31%', () => {
    const result = validateLaw(dense, resolveLaw('steplaw-rounded'), { reader: 'nearest' });
    const t = validationTableFromResult(result, 'validation-dense', 'dense_lr_bs_loss.csv');
    expect(t.rows).toHaveLength(17);
    const mean = Number(/mean ([\d.]+)%/.exec(t.caption)![1]);
    const max = Number(/max ([\d.]+)%/.exec(t.caption)![1]);
    expect(Math.abs(mean - 0.096)).toBeLessThan(0.003);
    expect(Math.abs(max - 0.31)).toBeLessThan(0.01);
    const html = tableHtml(t, t.id);
    expect(html.match(/<tbody>[\s\S]*<\/tbody>/)![0].match(/<tr/g)).toHaveLength(17);
  });

  it('compare table: Step Law ranks first; a law that cannot be evaluated goes last with its reason', () => {
    const c = compareLaws(dense, catalogLaws(), { reader: 'nearest' });
    const t = compareTableFromComparison(c, 'compare-dense', 'dense_lr_bs_loss.csv');
    expect(String(t.rows[0].law)).toMatch(/^Step Law/);
    const last = t.rows[t.rows.length - 1];
    expect(Number.isNaN(last.meanRelativeError)).toBe(true);
    expect(String(last.note)).not.toBe('');
  });
});
