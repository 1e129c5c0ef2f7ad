/**
 * Build and write the report: render every figure (in document order, one at
 * a time, so ids and bytes are deterministic), assemble `index.html`, and
 * write each figure as `<id>.svg` beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { slug } from './escape.js';
import { isFigure, renderFigure } from './figures.js';
import { assembleHtml } from './html.js';
import type { RenderedFigure, ReportInput, ReportItem } from './types.js';

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
  const sections = input.sections.map((s) => ({ ...s, id: slug(s.id) }));
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
  const html = assembleHtml({ input: { ...input, sections }, figures, ids });
  return { html, figures: list, warnings };
}

/**
 * Write `index.html` and one `<id>.svg` per figure into `outDir` (created if
 * missing). Returns the absolute path of `index.html`.
 */
export async function writeReport(input: ReportInput, outDir: string): Promise<string> {
  return writeReportFiles(await buildReport(input), outDir);
}

/** Write an already built report; returns the absolute path of `index.html`. */
export function writeReportFiles(built: BuiltReport, outDir: string): string {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  for (const fig of built.figures) writeFileSync(join(dir, `${fig.id}.svg`), fig.svg.endsWith('\n') ? fig.svg : `${fig.svg}\n`);
  const path = join(dir, 'index.html');
  writeFileSync(path, built.html);
  return path;
}
