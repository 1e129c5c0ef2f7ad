/**
 * Plain-text tables and lines for the terminal and the docs: the one table
 * builder of every text output. Cells and lines can carry names from the data
 * or the command line (slice values, run and file names); they pass through
 * `sanitize` (src/messages.ts), as messages do, so a control character or an
 * ANSI escape in a CSV cell is shown escaped (`\n`, `\x1b`) and cannot forge
 * or hide output.
 */
import { sanitize } from '../messages.js';

/** A markdown table with columns padded to equal width; cells sanitized, `|` in a cell escaped. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const cell = (c: string | undefined) => sanitize(c ?? '').replace(/\|/g, '\\|');
  const h = header.map(cell);
  const body = rows.map((r) => r.map(cell));
  const w = h.map((x, k) => Math.max(x.length, ...body.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => c.padEnd(w[k])).join(' | ')} |`;
  return [line(h), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...body.map(line)];
}

/** Columns padded to equal width, two spaces apart, a dashed rule under the header; cells sanitized; no trailing spaces. */
export function alignedTable(header: string[], rows: string[][]): string[] {
  const h = header.map((c) => sanitize(c ?? ''));
  const body = rows.map((r) => r.map((c) => sanitize(c ?? '')));
  const width = h.map((x, j) => Math.max(x.length, ...body.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(width[j])).join('  ').trimEnd();
  return [line(h), line(width.map((w) => '-'.repeat(w))), ...body.map(line)];
}

/**
 * Lines of a text report joined for the terminal, each sanitized: a newline or
 * escape code inside one line (a slice or run name) is shown escaped, never
 * printed raw. Ends with a newline.
 */
export function textLines(lines: readonly string[]): string {
  return lines.map(sanitize).join('\n') + '\n';
}
