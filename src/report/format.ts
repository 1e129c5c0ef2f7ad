/**
 * Number formatting for the report: short, readable, and the same on every
 * machine (no locale). Exponent form drops the `+` and trailing zeros:
 * 0.001 → `1e-3`, 2000000 → `2e6`, 2.1474e8 → `2.15e8`.
 */

export { fmtNum, fmtPct } from '../util/format.js';

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
