/**
 * Number formatting for every output (terminal text, records' statements, the
 * report): short, readable, and the same on every machine (no locale).
 * Missing values (null, undefined, NaN) print as `–`.
 */

type Maybe = number | null | undefined;

/**
 * The one significant-digits rule every number formatter here shares: a finite
 * non-zero `v` to `digits` significant digits, in plain notation when |v| lies
 * in [plain[0], plain[1]) and in exponent notation otherwise, trailing zeros
 * of the mantissa dropped; `exponentPlus` keeps the `+` of positive exponents
 * (lmfit's style) or drops it. Zero is `0`. Plain digits are
 * `String(Number(v.toPrecision(digits)))`: the shortest decimal that reads
 * back as the rounded value, which for ≤ 15 digits is the rounded digits with
 * trailing zeros trimmed.
 */
export function significant(v: number, digits: number, plain: readonly [number, number], exponentPlus: boolean): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= plain[0] && a < plain[1]) return String(Number(v.toPrecision(digits)));
  const [m, e] = v.toExponential(digits - 1).split('e');
  const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
  return `${mant}e${exponentPlus ? e : e.replace('+', '')}`;
}

/**
 * Format a number with `digits` significant digits; exponent form outside
 * [0.01, 1e4), without the `+` and trailing zeros: 0.001 → `1e-3`,
 * 2000000 → `2e6`, 2.1474e8 → `2.15e8`.
 * @example fmtNum(0.001); // => '1e-3'
 * @example fmtNum(2097152); // => '2.1e6'
 * @example fmtNum(2.39761); // => '2.4'
 */
export function fmtNum(v: Maybe, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return significant(v, digits, [0.01, 1e4], false);
}

/**
 * A relative quantity as a percentage with `digits` significant digits.
 * @example fmtPct(0.00096); // => '0.096%'
 */
export function fmtPct(v: Maybe, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return `${fmtNum(v * 100, digits)}%`;
}

/**
 * A relative quantity as a percentage with a fixed number of decimals (the
 * tables of relative errors: columns line up).
 * @example pct(0.00096); // => '0.096%'
 */
export function pct(v: Maybe, decimals = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(decimals)}%`;
}

/**
 * Exponent form with `digits` significant digits as `toExponential` writes it
 * (the terminal lines of learning rates: 9.347e-4 keeps its trailing zeros).
 * @example sci(0.00093470); // => '9.347e-4'
 */
export function sci(v: Maybe, digits = 4): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toExponential(digits - 1);
}

/**
 * `digits` significant digits in JavaScript's shortest plain form (no
 * exponent between 1e-7 and 1e21): the terminal fit and slice reports.
 * @example sig(0.30712345, 4); // => '0.3071'
 * @example sig(215000000.4, 3); // => '215000000'
 */
export function sig(v: Maybe, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : Number(v.toPrecision(digits)).toString();
}
