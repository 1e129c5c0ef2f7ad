/**
 * Strict number coercion for CSV cells.
 *
 * papaparse's `dynamicTyping` leaves `1e21`, `NaN`, `inf` and `+1.5E-3` as
 * strings, and `Number()` accepts things no CSV author meant (`''` → 0,
 * `'0x10'` → 16, `' 12 '` → 12). This accepts exactly: an optional sign,
 * decimal digits with an optional point, an optional exponent; and the
 * non-finite spellings `nan`, `inf`, `infinity` (any case, optional sign).
 *
 * @example parseNumber('+1.5E-3'); // => 0.0015
 * @example parseNumber('1e21');    // => 1e21
 * @example parseNumber('inf');     // => Infinity
 * @example parseNumber('12abc');   // => undefined
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^([+-]?)(nan|inf|infinity)$/i;

export function parseNumber(cell: string): number | undefined {
  const s = cell.trim();
  if (s === '') return undefined;
  if (DECIMAL.test(s)) return Number(s);
  const m = NON_FINITE.exec(s);
  if (m) {
    if (m[2].toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  return undefined;
}

/**
 * Whether a decimal cell fell outside the range of doubles when read: a
 * non-zero mantissa that became 0 (`1e-400`, below 4.9e-324) underflowed; a
 * finite spelling that became ±Infinity (`1e400`, above 1.8e308) overflowed.
 *
 * @example numberRange('1e-400'); // => 'underflow'
 * @example numberRange('0.0');    // => undefined
 */
export function numberRange(cell: string): 'underflow' | 'overflow' | undefined {
  const s = cell.trim();
  if (!DECIMAL.test(s)) return undefined;
  const v = Number(s);
  if (v === 0 && /[1-9]/.test(s.replace(/[eE].*$/, ''))) return 'underflow';
  if (!Number.isFinite(v)) return 'overflow';
  return undefined;
}
