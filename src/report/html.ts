/**
 * Assemble the single self-contained report page: inline CSS, inline SVG, no
 * scripts, no network. A Content-Security-Policy meta tag (default-src 'none')
 * makes that a property of the page, not only of this code: a browser would
 * refuse any script or remote resource that slipped in. Every text field goes
 * through `escapeHtml`; the SVGs come from vega, which escapes text content
 * and attributes itself.
 */
import { escapeHtml, prose } from './escape.js';
import { tableHtml } from './tables.js';
import type { RenderedFigure, ReportInput, ReportItem } from './types.js';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CSS = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 0 auto; max-width: 1400px; padding: 1rem 1.2rem; }
p, figcaption, li, td { overflow-wrap: break-word; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
nav ul { columns: 2 16rem; padding-left: 1.2rem; margin: .3rem 0; } nav a, figcaption a, td a { color: #1f5fa8; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 400px), 1fr)); gap: 1rem; align-items: start; }
.figures.small { grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); gap: .6rem; }
figure { margin: 0; min-width: 0; } figure.figure { border: 1px solid #e3e3e3; border-radius: 4px; padding: .4rem; background: #fff; }
figure.figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .82rem; color: #444; margin-top: .3rem; } figcaption details summary { cursor: pointer; color: #1f5fa8; }
figure.table { margin: 1rem 0; } .scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: .82rem; } th, td { padding: .2rem .5rem; border-bottom: 1px solid #e6e6e6; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } tr.flag td { background: #fff1f0; }
.nw { white-space: nowrap; } p.tfoot { margin: .35rem 0 0; font-weight: 600; font-size: .88rem; }
p.note { color: #555; } footer { margin-top: 3rem; font-size: .8rem; color: #777; }
.key { display: flex; flex-wrap: wrap; gap: .3rem 1.6rem; font-size: .8rem; margin: .4rem 0 .8rem; padding: .4rem .6rem; border: 1px solid #e3e3e3; border-radius: 4px; background: #fafafa; }
.key ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .15rem .9rem; align-items: center; max-width: 100%; }
.key li { display: inline-flex; align-items: center; gap: .25rem; } .key li.kh { font-weight: 600; width: 100%; } .key li.kn { color: #555; }
.key svg.sw { flex: none; }
header p { margin: .2rem 0; font-size: .9rem; color: #333; }
section.decision h2 { margin-top: .8rem; }
.decision-grid { display: grid; grid-template-columns: minmax(0, 1.05fr) minmax(0, 1fr) minmax(0, 1.15fr); gap: 1.2rem; align-items: start; }
.decision-grid figure.table { margin: 0; } .decision-grid table { font-size: .8rem; }
.verdict { border-left: 4px solid #b2182b; padding: .1rem .8rem; background: #fdf6f5; }
.verdict .headline { font-weight: 600; font-size: 1rem; margin: .3rem 0; } .verdict p { margin: .3rem 0; font-size: .88rem; }
.verdict ul { margin: .3rem 0; padding-left: 1.1rem; font-size: .82rem; } .verdict li.out { font-weight: 600; }
@media (max-width: 1100px) { .decision-grid { grid-template-columns: minmax(0, 1fr); } }
`.trim();

/** Where each rendered figure goes: one entry per figure item, in document order. */
export interface AssembleArgs {
  input: ReportInput;
  /** Rendered figures, keyed by the item object. */
  figures: Map<ReportItem, RenderedFigure>;
  /** Final ids of tables and text blocks, keyed by the item object. */
  ids: Map<ReportItem, string>;
  /** Shared key (HTML) per section id, placed before the section's figures. */
  keys?: Map<string, string>;
}

/** The verdict block: the headline, the predictor sentence, then one line per coefficient. */
function verdictHtml(paragraphs: string[], id: string): string {
  const [headline, ...rest] = paragraphs;
  const lines = rest.filter((p) => /^(lr|batch) /.test(p));
  const notes = rest.filter((p) => !/^(lr|batch) /.test(p));
  return (
    `<div class="verdict" id="${escapeHtml(id)}">\n<p class="headline">${prose(headline ?? '')}</p>\n` +
    notes.map((p) => `<p>${prose(p)}</p>`).join('\n') +
    (lines.length ? `\n<ul>${lines.map((p) => `<li${/OUTSIDE/.test(p) ? ' class="out"' : ''}>${prose(p)}</li>`).join('')}</ul>` : '') +
    `\n</div>`
  );
}

/** Small multiples (landscapes) keep their long caption folded; other figures show it. */
const SMALL: ReadonlySet<string> = new Set(['landscape']);

function figureHtml(fig: RenderedFigure, n: number): string {
  const link = `<a href="${escapeHtml(fig.id)}.svg">SVG</a>`;
  const caption = SMALL.has(fig.kind)
    ? `<details><summary>Details</summary>${prose(fig.caption)} ${link}</details>`
    : `<strong>Figure ${n}: ${escapeHtml(fig.title)}.</strong> ${prose(fig.caption)} ${link}`;
  return `<figure class="figure" id="${escapeHtml(fig.id)}" data-kind="${escapeHtml(fig.kind)}">\n${fig.svg}\n<figcaption>${caption}</figcaption>\n</figure>`;
}

export function assembleHtml({ input, figures, ids, keys }: AssembleArgs): string {
  let n = 0;
  const sections = input.sections.map((section) => {
    const parts: string[] = [];
    let run: string[] = [];
    let small = false;
    const flush = () => {
      if (run.length > 0) parts.push(`<div class="figures${small ? ' small' : ''}">\n${run.join('\n')}\n</div>`);
      run = [];
    };
    const key = keys?.get(section.id);
    if (key) parts.push(key);
    for (const item of section.items) {
      const fig = figures.get(item);
      if (fig) {
        if (run.length > 0 && SMALL.has(fig.kind) !== small) flush();
        small = SMALL.has(fig.kind);
        run.push(figureHtml(fig, ++n));
        continue;
      }
      flush();
      if (item.kind === 'table') parts.push(tableHtml(item.table, ids.get(item) ?? item.table.id));
      else if (item.kind === 'text' && item.role === 'verdict') parts.push(verdictHtml(item.paragraphs, ids.get(item) ?? item.id));
      else if (item.kind === 'text') parts.push(item.paragraphs.map((p) => `<p class="note">${prose(p)}</p>`).join('\n'));
    }
    flush();
    const intro = (section.intro ?? []).map((p) => `<p>${prose(p)}</p>`).join('\n');
    if (section.layout === 'decision') {
      return `<section id="${escapeHtml(section.id)}" class="decision">\n<h2>${escapeHtml(section.title)}</h2>\n${intro}\n<div class="decision-grid">\n${parts.join('\n')}\n</div>\n</section>`;
    }
    return `<section id="${escapeHtml(section.id)}">\n<h2>${escapeHtml(section.title)}</h2>\n${intro}\n${parts.join('\n')}\n</section>`;
  });
  // The decision comes first (the first screen), then the table of contents, then everything else.
  const first = input.sections.map((s, k) => (s.layout === 'decision' ? sections[k] : '')).join('');
  const rest = input.sections.map((s, k) => (s.layout === 'decision' ? '' : sections[k])).join('\n');
  const toc = input.sections.filter((s) => s.layout !== 'decision').map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`).join('\n');
  const intro = (input.intro ?? []).map((p) => `<p>${prose(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
<header>
<h1>${escapeHtml(input.title)}</h1>
${intro}
</header>
<main>
${first}
<nav aria-label="Contents"><h2>Contents</h2><ul>
${toc}
</ul></nav>
${rest}
</main>
<footer>Generated by steplaw. Figures: vega-lite → vega, rendered to SVG in Node; every figure is also a standalone .svg file beside this page.</footer>
</body>
</html>
`;
}
