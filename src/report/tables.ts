/**
 * HTML tables from plain row data. Every cell goes through `escapeHtml`;
 * numbers through `fmtNum` / `fmtPct`. Builders for the report's three
 * standard tables: validation per group, the compare table (paper's Table 1
 * layout), and the reproduction record (published vs re-derived, inside or
 * outside the interval).
 */
import { escapeHtml, prose, slug } from './escape.js';
import { fmtNum, fmtPct } from './format.js';
import type { Cell, ReportSection, TableColumn, TableInput } from './types.js';

export function formatCell(value: Cell, column: TableColumn): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '–';
  const f = column.format ?? (typeof value === 'number' ? 'num' : typeof value === 'boolean' ? 'bool' : 'text');
  if (typeof value === 'number') {
    if (f === 'pct') return fmtPct(value, column.digits ?? 3);
    if (f === 'int') return String(Math.round(value));
    if (f === 'num') return fmtNum(value, column.digits ?? 3);
  }
  if (typeof value === 'boolean' || f === 'bool') return value === true ? 'yes' : value === false ? 'no' : String(value);
  return String(value);
}

/** The `<table>` element (escaped) for a TableInput. */
export function tableHtml(table: TableInput, id: string): string {
  const numeric = (c: TableColumn) => c.format === 'num' || c.format === 'pct' || c.format === 'int';
  const head = table.columns.map((c) => `<th scope="col"${numeric(c) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const flagged = table.flagKey !== undefined && row[table.flagKey] === true;
      const cells = table.columns
        .map((c) => {
          const text = prose(formatCell(row[c.key], c));
          const target = c.linkKey !== undefined ? row[c.linkKey] : undefined;
          const content = typeof target === 'string' && target !== '' ? `<a href="#${escapeHtml(slug(target))}">${text}</a>` : text;
          return `<td${numeric(c) ? ' class="num"' : c.nowrap ? ' class="nw"' : ''}>${content}</td>`;
        })
        .join('');
      return `<tr${flagged ? ' class="flag"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return (
    `<figure class="table" id="${escapeHtml(id)}" data-kind="table">\n` +
    `<figcaption><strong>${escapeHtml(table.title)}</strong> ${prose(table.caption)}</figcaption>\n` +
    `<div class="scroll"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>\n` +
    (table.footer ? `<p class="tfoot">${prose(table.footer)}</p>\n` : '') +
    `</figure>`
  );
}

// ── builders ─────────────────────────────────────────────────────────────

export interface ValidationRowInput {
  group: string;
  N: number;
  D: number;
  predictedLr?: number;
  predictedBatch?: number;
  argminLr: number;
  argminBatch: number;
  argminLoss: number;
  lossAtPrediction?: number;
  /** L(pred) / L_min − 1. */
  relativeError?: number;
  /** Whether the prediction lies inside the 0.25% band. */
  insideBand?: boolean;
  flags?: string[];
}

/** The columns that place a group and its grid optimum (row keys N, D, argminLr, argminBatch). */
export const GROUP_OPTIMUM_COLUMNS: readonly TableColumn[] = [
  { key: 'N', label: 'N', format: 'num' },
  { key: 'D', label: 'D', format: 'num' },
  { key: 'argminLr', label: 'argmin lr', format: 'num' },
  { key: 'argminBatch', label: 'argmin batch', format: 'num' },
];

/** Validation of one law per group. */
export function validationTable(id: string, law: string, rows: ValidationRowInput[], caption: string): TableInput {
  return {
    id,
    title: `Validation of ${law} per group.`,
    caption,
    columns: [
      { key: 'group', label: 'group' },
      ...GROUP_OPTIMUM_COLUMNS,
      { key: 'predictedLr', label: 'predicted lr', format: 'num' },
      { key: 'predictedBatch', label: 'predicted batch', format: 'num' },
      { key: 'argminLoss', label: 'L_min', format: 'num', digits: 5 },
      { key: 'lossAtPrediction', label: 'L(pred)', format: 'num', digits: 5 },
      { key: 'relativeError', label: 'relative error', format: 'pct' },
      { key: 'insideBand', label: 'inside 0.25%', format: 'bool' },
      { key: 'flags', label: 'flags' },
    ],
    rows: rows.map((r) => ({ ...r, flags: (r.flags ?? []).join(', '), outside: r.insideBand === false })),
    flagKey: 'outside',
  };
}

export interface CompareRowInput {
  law: string;
  meanRelativeError: number;
  medianRelativeError?: number;
  maxRelativeError: number;
  groups: number;
  note?: string;
}

/** Every law on every group, best (lowest mean relative error) first — the paper's Table 1 layout; laws without a number (NaN) last. */
export function compareTable(id: string, rows: CompareRowInput[], caption: string): TableInput {
  const key = (v: number) => (Number.isFinite(v) ? v : Infinity);
  const sorted = [...rows].sort((a, b) => key(a.meanRelativeError) - key(b.meanRelativeError) || (Number.isFinite(a.meanRelativeError) ? 0 : a.law.localeCompare(b.law)));
  return {
    id,
    title: 'Laws compared on the grid optima.',
    caption,
    columns: [
      { key: 'rank', label: '#', format: 'int' },
      { key: 'law', label: 'law' },
      { key: 'meanRelativeError', label: 'mean rel. error', format: 'pct' },
      { key: 'medianRelativeError', label: 'median', format: 'pct' },
      { key: 'maxRelativeError', label: 'max', format: 'pct' },
      { key: 'groups', label: 'groups', format: 'int' },
      { key: 'note', label: 'note' },
    ],
    rows: sorted.map((r, k) => ({ ...r, rank: k + 1 })),
  };
}

export interface ReproductionRowInput {
  quantity: string;
  published: number;
  estimate: number;
  /** Interval of the re-derived estimate (e.g. 95% bootstrap). */
  lo: number;
  hi: number;
  note?: string;
  /**
   * When the fit dropped a size term the published law has, `published` is the
   * published intercept evaluated at these sizes (comparable with the fit's
   * intercept) and this is the intercept as printed.
   */
  publishedAsPrinted?: number;
  comparedAt?: Partial<Record<'N' | 'D', number>>;
}

/** Whether a published value lies inside the re-derived interval [lo, hi]. */
export const insideInterval = (r: ReproductionRowInput): boolean => r.published >= r.lo && r.published <= r.hi;

/** Published vs re-derived values; rows whose published value lies outside the interval are marked. */
export function reproductionTable(id: string, rows: ReproductionRowInput[], caption: string): TableInput {
  return {
    id,
    title: 'Reproduction record.',
    caption,
    columns: [
      { key: 'quantity', label: 'quantity' },
      { key: 'published', label: 'published', format: 'num', digits: 4 },
      { key: 'estimate', label: 're-derived', format: 'num', digits: 4 },
      { key: 'lo', label: 'interval lo', format: 'num', digits: 4 },
      { key: 'hi', label: 'interval hi', format: 'num', digits: 4 },
      { key: 'verdict', label: 'published value' },
      { key: 'note', label: 'note' },
    ],
    rows: rows.map(({ comparedAt: _at, ...r }) => {
      const inside = insideInterval(r);
      return { ...r, verdict: inside ? 'inside the interval' : 'OUTSIDE the interval', outside: !inside };
    }),
    flagKey: 'outside',
  };
}

/** A report section that is one table (with its id, title and optional intro). */
export function tableSection(section: Pick<ReportSection, 'id' | 'title' | 'intro'>, table: TableInput): ReportSection {
  return { ...section, items: [{ kind: 'table', table }] };
}
