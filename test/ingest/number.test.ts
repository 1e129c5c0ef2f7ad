import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/ingest/number.js';

describe('parseNumber', () => {
  it('reads the spellings papaparse dynamicTyping leaves as strings', () => {
    expect(parseNumber('1e21')).toBe(1e21);
    expect(parseNumber('+1.5E-3')).toBe(0.0015);
    expect(Number.isNaN(parseNumber('NaN'))).toBe(true);
    expect(parseNumber('inf')).toBe(Infinity);
    expect(parseNumber('-Infinity')).toBe(-Infinity);
    expect(parseNumber(' 0.0003453 ')).toBe(0.0003453);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('5.')).toBe(5);
  });
  it('rejects what Number() would wrongly accept', () => {
    for (const s of ['', '  ', '0x10', '12abc', '1e', '--1', '1,5', 'e5', 'Infinityx', '1_000']) {
      expect(parseNumber(s), s).toBeUndefined();
    }
  });
});
