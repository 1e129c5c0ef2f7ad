import { describe, expect, it } from 'vitest';
import { escapeHtml, slug } from '../../src/report/escape.js';
import { fmtNum, fmtPct, logTicks, wrapText } from '../../src/report/format.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
  });
  it('leaves plain text alone and stringifies non-strings', () => {
    expect(escapeHtml('N=2.147e+8 D=1e+11')).toBe('N=2.147e+8 D=1e+11');
    expect(escapeHtml(3)).toBe('3');
    expect(escapeHtml(undefined)).toBe('');
  });
  it('is not idempotent on purpose: an escaped string is escaped again (no double-decoding tricks)', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('slug', () => {
  it('keeps only [a-z0-9-]', () => {
    expect(slug('moe_name=1in8 N=2.155e+9')).toBe('moe-name-1in8-n-2-155e-9');
    expect(slug('<script>"x"</script>')).toBe('script-x-script');
    expect(slug('***')).toBe('figure');
  });
});

describe('fmtNum', () => {
  it('uses short exponent form outside [0.01, 1e4)', () => {
    expect(fmtNum(0.001)).toBe('1e-3');
    expect(fmtNum(2e6)).toBe('2e6');
    expect(fmtNum(2097152)).toBe('2.1e6');
    expect(fmtNum(214663680, 4)).toBe('2.147e8');
    expect(fmtNum(3.453e-4)).toBe('3.45e-4');
  });
  it('uses plain form inside [0.01, 1e4)', () => {
    expect(fmtNum(2.39761, 5)).toBe('2.3976');
    expect(fmtNum(0.01)).toBe('0.01');
    expect(fmtNum(0)).toBe('0');
    expect(fmtNum(NaN)).toBe('–');
  });
  it('formats relative errors as percent', () => {
    expect(fmtPct(0.00096)).toBe('0.096%');
    expect(fmtPct(0.0025, 3)).toBe('0.25%');
  });
});

describe('logTicks', () => {
  it('gives 1-2-5 ticks inside the range', () => {
    expect(logTicks(3e-4, 2e-2)).toEqual([5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2]);
  });
  it('falls back to 1..9 ticks on a narrow range', () => {
    expect(logTicks(2.2, 4.5)).toEqual([3, 4]);
  });
  it('keeps only decades on a wide range', () => {
    expect(logTicks(1e6, 1e12)).toEqual([1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12]);
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries', () => {
    expect(wrapText('aa bb cc dd', 5)).toEqual(['aa bb', 'cc dd']);
  });
});

describe('wrapText with long words', () => {
  it('cuts a word longer than the line', () => {
    expect(wrapText('run abcdefghij x', 4)).toEqual(['run', 'abcd', 'efgh', 'ij x']);
  });
});
