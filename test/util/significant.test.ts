import { describe, expect, it } from 'vitest';
import { fmtNum, significant } from '../../src/util/format.js';
import { gformat } from '../../src/fitter/report.js';

describe('significant: the one significant-digits rule', () => {
  it('is plain inside the range and exponent outside, trailing zeros dropped', () => {
    expect(significant(1234, 3, [0.01, 1e4], false)).toBe('1230');
    expect(significant(12345, 3, [0.01, 1e4], false)).toBe('1.23e4');
    expect(significant(0.001, 3, [0.01, 1e4], false)).toBe('1e-3');
    expect(significant(-2.5e-7, 4, [1e-4, 1e10], true)).toBe('-2.5e-7');
    expect(significant(1.5e8, 8, [1e-4, 1e8], true)).toBe('1.5e+8');
    expect(significant(0, 3, [0.01, 1e4], false)).toBe('0');
  });
  it('serves both styles: the terminal/report fmtNum and the fit report gformat (lmfit)', () => {
    expect(fmtNum(2097152)).toBe('2.1e6');
    expect(fmtNum(Number.NaN)).toBe('–');
    expect(gformat(123456789012)).toBe('1.23456789e+11');
    expect(gformat(0.5)).toBe('0.5');
    expect(gformat(1 / 3)).toBe('0.3333333333');
    expect(gformat(null)).toBe('n/a');
    expect(gformat(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
