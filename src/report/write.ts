/**
 * Build and write the report: render every figure (in document order, one at
 * a time, so ids and bytes are deterministic), assemble `index.html`, and
 * write each figure as `<id>.svg` beside it.
 */
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { claimOutputDir, markOutputDir } from '../util/output-guard.js';
import { slug } from './escape.js';
import { isFigure, renderFigure } from './figures.js';
import { assembleHtml } from './html.js';
import type { LandscapeInput, RenderedFigure, ReportInput, ReportItem } from './types.js';
import { landscapeKeyHtml, type KeyLaw } from './key.js';
import { DEFAULT_LEVELS } from './landscape.js';
import { symbolPaths } from './svg.js';

export interface BuiltReport {
  html: string;
  figures: RenderedFigure[];
  /** vega-lite / vega warnings, prefixed with the figure id (should be empty). */
  warnings: string[];
}

function itemId(item: ReportItem): string {
  if (item.kind === 'table') return item.table.id;
  if (item.kind === 'text') return item.id;
  return item.figure.id;
}

/** Render all figures and assemble the page, in memory. */
export async function buildReport(input: ReportInput): Promise<BuiltReport> {
  const used = new Set<string>(input.sections.map((s) => slug(s.id)));
  const unique = (raw: string): string => {
    const base = slug(raw);
    let id = base;
    for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
    used.add(id);
    return id;
  };
  // Landscape small multiples share one key per section: every panel takes the section's law order.
  const symbol = await symbolPaths();
  const keys = new Map<string, string>();
  const sections = input.sections.map((s) => {
    const id = slug(s.id);
    const panels = s.items.filter((i): i is { kind: 'landscape'; figure: LandscapeInput } => i.kind === 'landscape');
    if (panels.length === 0) return { ...s, id };
    const named = [...new Set(panels.flatMap((p) => [...(p.figure.lawOrder ?? []), ...p.figure.predictions.map((q) => q.law)]))];
    const laws = new Map<string, KeyLaw['kind']>();
    for (const q of panels.flatMap((p) => p.figure.predictions)) {
      const kind: KeyLaw['kind'] = q.lr !== undefined && q.batchTokens !== undefined ? 'point' : q.lr !== undefined ? 'lr-line' : 'batch-line';
      const seen = laws.get(q.law);
      laws.set(q.law, seen === undefined || kind === 'point' ? kind : seen);
    }
    const order = named.filter((label) => laws.has(label));
    keys.set(id, landscapeKeyHtml(panels[0].figure.levels ?? DEFAULT_LEVELS, order.map((label) => ({ label, kind: laws.get(label)! })), symbol));
    const items = s.items.map((i): ReportItem => (i.kind === 'landscape' ? { kind: 'landscape', figure: { ...i.figure, lawOrder: order } } : i));
    return { ...s, id, items };
  });
  const figures = new Map<ReportItem, RenderedFigure>();
  const ids = new Map<ReportItem, string>();
  const list: RenderedFigure[] = [];
  const warnings: string[] = [];
  for (const section of sections) {
    for (const item of section.items) {
      const id = unique(itemId(item));
      ids.set(item, id);
      if (!isFigure(item)) continue;
      const fig = await renderFigure(item, id);
      warnings.push(...fig.warnings.map((w) => `${id}: ${w}`));
      const { warnings: _w, ...rendered } = fig;
      figures.set(item, rendered);
      list.push(rendered);
    }
  }
  const html = assembleHtml({ input: { ...input, sections }, figures, ids, keys });
  return { html, figures: list, warnings };
}

/** Options of writing a report folder. */
export interface WriteReportOptions {
  /** Write into an existing non-empty folder steplaw did not make (see claimOutputDir). */
  force?: boolean;
}

/**
 * Write `index.html` and one `<id>.svg` per figure into `outDir` (created if
 * missing). Returns the absolute path of `index.html`.
 */
export async function writeReport(input: ReportInput, outDir: string, options: WriteReportOptions = {}): Promise<string> {
  claimOutputDir(outDir, options);
  return writeReportFiles(await buildReport(input), outDir, options);
}

/**
 * Write an already built report; returns the absolute path of `index.html`.
 * Each file is written atomically; the folder gets steplaw's marker file
 * (listing the files), and figures a previous report listed but this one does
 * not draw are removed.
 * @throws OutputError when `outDir` is a non-empty folder steplaw did not make (unless `force`), or cannot be written.
 */
export function writeReportFiles(built: BuiltReport, outDir: string, options: WriteReportOptions = {}): string {
  const dir = resolve(outDir);
  claimOutputDir(outDir, options);
  const written: string[] = [];
  for (const fig of built.figures) {
    writeFileAtomic(join(dir, `${fig.id}.svg`), fig.svg.endsWith('\n') ? fig.svg : `${fig.svg}\n`);
    written.push(`${fig.id}.svg`);
  }
  const path = join(dir, 'index.html');
  writeFileAtomic(path, built.html);
  written.push('index.html');
  markOutputDir(dir, written);
  return path;
}
