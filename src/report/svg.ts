/**
 * Render a vega-lite spec to SVG text in Node: vega-lite `compile` → vega
 * `View` with renderer 'none' → `toSVG()`. No browser, no canvas (text widths
 * use vega's built-in estimate when node-canvas is absent, which it is).
 *
 * Determinism: vega numbers gradient and clip-path ids from a process-wide
 * counter (`gradient_0`, `gradient_1`, … across renders), so the same spec
 * rendered twice gives different bytes, and two SVGs inlined in one HTML page
 * would share ids. `scopeIds` renames every id to `<prefix>-<k>` in order of
 * appearance and rewrites the `url(#…)` / `href="#…"` references.
 *
 * Accessibility and weight (`finishSvg`): vega's default ARIA output labels
 * every mark item for a screen reader (thousands of labels a reader would
 * read one by one) and writes coordinates with 15 digits. The report renders
 * with `config.aria = false`; a layer that wants hover values sets
 * `mark.aria = true` and a `description` encoding, and each such label becomes
 * an SVG `<title>` child of its mark (a native tooltip, no script). Every
 * other role/aria attribute is removed, coordinates are rounded to 1
 * decimal (1/10 px), and the root becomes one accessible image:
 * `role="img"` with a `<title>` (name) and `<desc>` (one-sentence summary).
 */
import type { LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { importModule } from '../util/import-module.js';

/**
 * vega and vega-lite take ~0.4 s to import; they are loaded on the first
 * render only, so commands that draw nothing (fit, predict, …) start fast.
 */
let engines: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadEngines = () =>
  (engines ??= Promise.all([importModule<typeof import('vega')>('vega'), importModule<typeof import('vega-lite')>('vega-lite')]));

export interface RenderResult {
  svg: string;
  /** Warnings vega-lite or vega logged while compiling/rendering (should be none). */
  warnings: string[];
}

function collectingLogger(warnings: string[]): LoggerInterface {
  let lvl = 2;
  const logger: LoggerInterface = {
    level(v?: number) {
      if (v === undefined) return lvl as never;
      lvl = v;
      return logger as never;
    },
    error(...args: readonly unknown[]) {
      warnings.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as LoggerInterface;
  return logger;
}

/** Rename all `id="…"` in an SVG to `<prefix>-<k>` and rewrite references to them. */
export function scopeIds(svg: string, prefix: string): string {
  const map = new Map<string, string>();
  svg.replace(/\sid="([^"]+)"/g, (_m, id: string) => {
    if (!map.has(id)) map.set(id, `${prefix}-${map.size}`);
    return '';
  });
  if (map.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (m, a: string, id: string, b: string) => (map.has(id) ? a + map.get(id) + b : m))
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => (map.has(id) ? `url(#${map.get(id)})` : m))
    .replace(/(href=")#([^"]+)(")/g, (m, a: string, id: string, b: string) => (map.has(id) ? `${a}#${map.get(id)}${b}` : m));
}

/** Round every decimal number inside a tag's attributes to 1 decimal (`12.3456789` → `12.3`; `-0.001` → `0`). */
export function roundCoordinates(svg: string): string {
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag.replace(/-?\d+\.\d{3,}(?:e[-+]?\d+)?/g, (num) => {
      const r = Math.round(Number(num) * 10) / 10;
      return String(Object.is(r, -0) ? 0 : r);
    }),
  );
}

/** Turn each mark's `aria-label` (its `description`) into a `<title>` child and drop every other role/aria attribute. */
export function labelsToTitles(svg: string): string {
  const out = svg.replace(/<(path|line|text|rect|circle|image)([^>]*?)\saria-label="([^"]*)"([^>]*?)(\/?)>/g, (_m, tag: string, pre: string, label: string, post: string, selfClose: string) =>
    selfClose ? `<${tag}${pre}${post}><title>${label}</title></${tag}>` : `<${tag}${pre}${post}><title>${label}</title>`,
  );
  return out.replace(/\s(?:role|aria-roledescription|aria-hidden|aria-label)="[^"]*"/g, '');
}

/**
 * Drop what a static SVG does not need, byte for byte the same picture:
 * vega's empty background/foreground paths of guides (`d="M0,0h0v0h0Z"`,
 * `display="none"`), `pointer-events="none"` (no script listens), a stroke
 * width on a path without a stroke, `rgb(…)` colours (as hex), `opacity="1"`
 * (the SVG default; a text's `fill="#000"` stays: vega's root group sets
 * `fill="none"`, which a text would inherit), and the
 * per-text `font-family="sans-serif"`, set once on the root instead (inherited).
 */
export function compactSvg(svg: string): string {
  return svg
    .replace(/<path class="foreground"[^>]*display="none"\/>/g, '')
    .replace(/<path class="background" d="M0,0h0v0h0Z"[^>]*\/>/g, '')
    .replace(/ pointer-events="none"/g, '')
    .replace(/ opacity="1"(?=[\s/>])/g, '')
    // a stroke width on a mark that has no stroke draws nothing (vega writes stroke-width="2" on every filled point)
    .replace(/<path(?![^>]* stroke=")([^>]*?) stroke-width="[\d.]+"/g, '<path$1')
    .replace(/"rgb\((\d+), (\d+), (\d+)\)"/g, (_m, r: string, g: string, b: string) => `"#${[r, g, b].map((v) => Number(v).toString(16).padStart(2, '0')).join('')}"`)
    .replace(/<text([^>]*?) font-family="sans-serif"/g, '<text$1')
    .replace(/^<svg /, '<svg font-family="sans-serif" ');
}

const escapeXml = (t: string) => t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What the root `<svg>` says as an image: its accessible name and a one-sentence summary. */
export interface SvgLabel {
  title: string;
  desc: string;
}

/** Post-process vega's SVG: titles from descriptions, no other ARIA, rounded coordinates, scoped ids, and an accessible root. */
export function finishSvg(svg: string, idPrefix: string, label?: SvgLabel): string {
  let out = scopeIds(compactSvg(roundCoordinates(labelsToTitles(svg))), idPrefix);
  if (label) {
    const t = `${idPrefix}-title`;
    const d = `${idPrefix}-desc`;
    out = out.replace(/^<svg([^>]*)>/, (_m, attrs: string) => `<svg${attrs} role="img" aria-labelledby="${t} ${d}"><title id="${t}">${escapeXml(label.title)}</title><desc id="${d}">${escapeXml(label.desc)}</desc>`);
  }
  return out;
}

/**
 * Render a vega-lite spec to deterministic SVG text whose ids start with
 * `idPrefix`; with `label`, the root is an accessible image (`finishSvg`).
 * Marks carry no ARIA unless their layer sets `mark.aria = true` (then their
 * `description` is their hover title).
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string, label?: SvgLabel): Promise<RenderResult> {
  const [{ parse, View }, { compile }] = await loadEngines();
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const withConfig = { ...spec, config: { ...((spec as { config?: object }).config ?? {}), aria: false } } as TopLevelSpec;
  const vg = compile(withConfig, { logger: logger as never }).spec;
  const view = new View(parse(vg), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    return { svg: finishSvg(svg, idPrefix, label), warnings };
  } finally {
    view.finalize();
  }
}

/** A function giving the SVG path of a vega symbol shape (centred at 0,0, area `size`), for swatches drawn outside vega. */
export async function symbolPaths(): Promise<(shape: string, size: number) => string> {
  const [vega] = await loadEngines();
  const v = vega as unknown as { path: () => { toString(): string }; pathSymbols: (s: string) => { draw(ctx: unknown, size: number): void } };
  return (shape, size) => {
    const p = v.path();
    v.pathSymbols(shape).draw(p, size);
    return roundCoordinates(`<p d="${p.toString()}">`).slice(6, -2);
  };
}
