/**
 * Number formatting for the report: short, readable, and the same on every
 * machine (no locale). Exponent form drops the `+` and trailing zeros:
 * 0.001 → `1e-3`, 2000000 → `2e6`, 2.1474e8 → `2.15e8`.
 */

/**
 * Format a number with `digits` significant digits; exponent form outside
 * [0.01, 1e4).
 * @example fmtNum(0.001); // => '1e-3'
 * @example fmtNum(2097152); // => '2.1e6'
 * @example fmtNum(2.39761); // => '2.4'
 */
export function fmtNum(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '–' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 0.01 && a < 1e4) return String(Number(v.toPrecision(digits)));
  const [m, e] = v.toExponential(digits - 1).split('e');
  const mant = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
  return `${mant}e${e.replace('+', '')}`;
}

/** A relative quantity as a percentage: 0.00096 → `0.096%`. */
export function fmtPct(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '–';
  return `${fmtNum(v * 100, digits)}%`;
}

/**
 * Vega expression for axis labels in the same style as `fmtNum` (d3-format
 * `~e` trims trailing zeros; the `e+` is shortened to `e`). Used as `labelExpr`.
 */
export const SCI_LABEL_EXPR =
  "datum.value == 0 ? '0' : abs(datum.value) >= 0.01 && abs(datum.value) < 10000 ? format(datum.value, '.3~r') : replace(format(datum.value, '.2~e'), 'e+', 'e')";

/** Split a caption into lines of at most `width` characters (for SVG subtitles, which do not wrap). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  // Words longer than a line (run names) are cut into line-sized pieces.
  const words = text
    .split(/\s+/)
    .filter((w) => w !== '')
    .flatMap((w) => (w.length <= width ? [w] : (w.match(new RegExp(`.{1,${Math.max(1, width)}}`, 'g')) ?? [w])));
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Tick values for a log axis: 1, 2, 5 × 10^k inside [lo, hi]; when that gives
 * fewer than 3 ticks, 1…9 × 10^k. Explicit values keep labels sparse and round.
 * @example logTicks(3e-4, 2e-2); // => [5e-4, 1e-3, 2e-3, 5e-3, 1e-2, 2e-2]
 */
export function logTicks(lo: number, hi: number): number[] {
  const pick = (mults: number[]): number[] => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)); k++) {
      for (const m of mults) {
        const v = Number(`${m}e${k}`);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
      }
    }
    return out;
  };
  const coarse = pick([1, 2, 5]);
  if (coarse.length >= 3) return coarse.length > 9 ? pick([1]) : coarse;
  return pick([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}
