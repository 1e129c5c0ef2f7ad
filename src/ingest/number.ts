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

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * The common case of `parseNumber` read straight from UTF-8 bytes `buf[start, end)`, without making a string:
 * a cell of the decimal grammar only (optional sign, digits with an optional point, optional exponent; no
 * blanks) with at most 15 significant digits and a decimal exponent within ±22 (after moving the point). Such a
 * value is m·10^e or m/10^−e with m < 10^15 and 10^|e| both exact doubles, so the one rounding of that product
 * or quotient is the correctly rounded decimal, the value `Number()` gives (Clinger 1990, "How to read floating
 * point numbers accurately", PLDI). Anything else — blanks, more digits, far exponents, `nan`/`inf`, text —
 * returns NaN, meaning "not decided here": the caller falls back to `parseNumber` on the decoded cell.
 *
 * @example decimalFromBytes(Buffer.from('-1.5e-3'), 0, 7); // => -0.0015
 * @example decimalFromBytes(Buffer.from(' 1'), 0, 2);      // => NaN (not decided: parseNumber trims)
 */
export function decimalFromBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let c = buf[i];
  let negative = false;
  if (c === 0x2d || c === 0x2b) {
    negative = c === 0x2d;
    i++;
  }
  let m = 0;
  let significant = 0;
  let exponent = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = buf[i] - 0x30;
    if (d < 0 || d > 9) break;
    digits++;
    if (m === 0 && d === 0) continue;
    m = m * 10 + d;
    significant++;
  }
  if (i < end && buf[i] === 0x2e) {
    for (i++; i < end; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      digits++;
      exponent--;
      if (m === 0 && d === 0) continue;
      m = m * 10 + d;
      significant++;
    }
  }
  if (digits === 0 || significant > 15) return NaN;
  if (i < end && (buf[i] | 0x20) === 0x65) {
    i++;
    let negativeExp = false;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) {
      negativeExp = buf[i] === 0x2d;
      i++;
    }
    let x = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      const d = buf[i] - 0x30;
      if (d < 0 || d > 9) break;
      x = x * 10 + d;
      expDigits++;
    }
    if (expDigits === 0 || expDigits > 4) return NaN;
    exponent += negativeExp ? -x : x;
  }
  if (i !== end) return NaN;
  let v: number;
  if (m === 0) v = 0;
  else if (exponent === 0) v = m;
  else if (exponent > 0 && exponent <= 22) v = m * POW10[exponent];
  else if (exponent < 0 && exponent >= -22) v = m / POW10[-exponent];
  else return NaN;
  return negative ? -v : v;
}

/**
 * Whether the cell in `buf[start, end)` cannot be a number for `parseNumber`: its first byte is printable ASCII
 * that no number (after trimming) starts with — not a sign, digit, point, or the n/i of nan/inf. Lets text
 * columns skip the number parse without decoding.
 */
export function surelyNotNumber(buf: Uint8Array, start: number, end: number): boolean {
  if (start >= end) return false;
  const c = buf[start];
  if (c <= 0x20 || c >= 0x7f) return false;
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) return false;
  const l = c | 0x20;
  return l !== 0x6e && l !== 0x69;
}
