import { describe, expect, it } from 'vitest';
import { compareTable, formatCell, insideInterval, reproductionTable, tableHtml, validationTable } from '../../src/report/tables.js';

describe('tables', () => {
  it('escapes every cell, header and caption', () => {
    const html = tableHtml(
      {
        id: 't',
        title: 'T <b>',
        caption: `"quoted" & 'single'`,
        columns: [{ key: 'name', label: '<th>' }],
        rows: [{ name: '<script>alert(1)</script>' }],
      },
      't',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
    expect(html).toContain('<th scope="col">&lt;th&gt;</th>');
  });

  it('formats numbers, percentages, integers and booleans', () => {
    expect(formatCell(0.00096, { key: 'x', label: 'x', format: 'pct' })).toBe('0.096%');
    expect(formatCell(2097152, { key: 'x', label: 'x' })).toBe('2.1e6');
    expect(formatCell(17.4, { key: 'x', label: 'x', format: 'int' })).toBe('17');
    expect(formatCell(true, { key: 'x', label: 'x' })).toBe('yes');
    expect(formatCell(undefined, { key: 'x', label: 'x' })).toBe('–');
  });

  it('reproduction record: inside/outside the interval, outside rows flagged', () => {
    // docs/method.md#fitting-procedure: the released dense file gives a D-exponent of the lr near 0.197, the paper 0.307 (≈ 3 bootstrap SDs away).
    const rows = [
      { quantity: 'lr: D-exponent', published: 0.307, estimate: 0.197, lo: 0.16, hi: 0.24 },
      { quantity: 'batch: D-exponent', published: 0.571, estimate: 0.613, lo: 0.55, hi: 0.68 },
      { quantity: 'edge', published: 0.24, estimate: 0.2, lo: 0.16, hi: 0.24 },
    ];
    expect(rows.map(insideInterval)).toEqual([false, true, true]);
    const t = reproductionTable('r', rows, 'c');
    const html = tableHtml(t, 'r');
    expect(html.match(/<tr class="flag">/g)).toHaveLength(1);
    expect(html).toContain('OUTSIDE the interval');
    expect(t.rows.map((r) => r.verdict)).toEqual(['OUTSIDE the interval', 'inside the interval', 'inside the interval']);
  });

  it('compare table: best mean relative error first, ranked', () => {
    const t = compareTable(
      'c',
      [
        { law: 'OpenAI', meanRelativeError: 0.0095, maxRelativeError: 0.03, groups: 17 },
        { law: 'Step Law', meanRelativeError: 0.00096, maxRelativeError: 0.0031, groups: 17 },
        { law: 'Porian', meanRelativeError: 0.0037, maxRelativeError: 0.01, groups: 17 },
      ],
      'c',
    );
    expect(t.rows.map((r) => [r.rank, r.law])).toEqual([
      [1, 'Step Law'],
      [2, 'Porian'],
      [3, 'OpenAI'],
    ]);
  });

  it('validation table: a prediction outside the 0.25% band is flagged', () => {
    const t = validationTable(
      'v',
      'Step Law',
      [
        { group: 'a', N: 1, D: 1, argminLr: 1, argminBatch: 1, argminLoss: 2, relativeError: 0.001, insideBand: true },
        { group: 'b', N: 1, D: 1, argminLr: 1, argminBatch: 1, argminLoss: 2, relativeError: 0.004, insideBand: false, flags: ['extrapolated', 'edge'] },
      ],
      'c',
    );
    const html = tableHtml(t, 'v');
    expect(html.match(/<tr class="flag">/g)).toHaveLength(1);
    expect(html).toContain('extrapolated, edge');
    expect(html).toContain('0.4%');
  });
});
