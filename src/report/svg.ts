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
 */
import type { LoggerInterface } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * vega and vega-lite take ~0.4 s to import; they are loaded on the first
 * render only, so commands that draw nothing (fit, predict, …) start fast.
 */
let engines: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadEngines = () => (engines ??= Promise.all([import('vega'), import('vega-lite')]));

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

/** Render a vega-lite spec to deterministic SVG text whose ids start with `idPrefix`. */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<RenderResult> {
  const [{ parse, View }, { compile }] = await loadEngines();
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const vg = compile(spec, { logger: logger as never }).spec;
  const view = new View(parse(vg), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    return { svg: scopeIds(svg, idPrefix), warnings };
  } finally {
    view.finalize();
  }
}
