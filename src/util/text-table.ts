/**
 * Plain-text tables for the terminal and the docs: the one table builder of
 * every text output.
 */

/** A markdown table with columns padded to equal width. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const w = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, k) => (c ?? '').padEnd(w[k])).join(' | ')} |`;
  return [line(header), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)];
}

/** Columns padded to equal width, two spaces apart, a dashed rule under the header; no trailing spaces. */
export function alignedTable(header: string[], rows: string[][]): string[] {
  const width = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (r: string[]) => r.map((c, j) => (c ?? '').padEnd(width[j])).join('  ').trimEnd();
  return [line(header), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
