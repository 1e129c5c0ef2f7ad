/**
 * Synthetic sweeps with known optima for the report tests.
 *
 * `bowlSweep`: one (N, D) group on a lattice lr = lr0·√2^i (i = −6…6),
 * B = B0·2^(j/2) (j = −4…4), with loss L = L0·(1 + k·((ln lr − ln lr0)² +
 * (ln B − ln B0)²)): the minimum is the cell (lr0, B0) and rel = k·r².
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Run, Sweep } from '../../src/sweep/types.js';

export const BOWL = { N: 7e9, D: 1.4e12, lr0: 1.2e-3, B0: 4194304, L0: 2.0, k: 0.004 };

export function bowlSweep(runName: (i: number, j: number) => string = (i, j) => `run_${i}_${j}`): Sweep {
  const { N, D, lr0, B0, L0, k } = BOWL;
  const runs: Run[] = [];
  for (let i = -6; i <= 6; i++) {
    for (let j = -4; j <= 4; j++) {
      const lr = lr0 * Math.SQRT2 ** i;
      const batchTokens = B0 * 2 ** (j / 2);
      const loss = L0 * (1 + k * (Math.log(lr / lr0) ** 2 + Math.log(batchTokens / B0) ** 2));
      runs.push({ file: 'bowl.csv', row: runs.length + 1, N, D, lr, batchTokens, loss, attrs: { exp_name: runName(i, j) }, flags: [] });
    }
  }
  return { files: ['bowl.csv'], format: 'mapped', runs, groupKeys: [], warnings: [] };
}

/**
 * The data of every mark item of a spec, as vega's default ARIA labels give
 * them (`lr: 0.0012; b: 4194304`): the report's SVGs carry no per-mark ARIA,
 * so tests render the same spec once more with vega's default ARIA on to read
 * what each mark encodes.
 */
export async function markLabels(spec: TopLevelSpec): Promise<string[]> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const strip = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'aria' && k !== 'description').map(([k, x]) => [k, strip(x)])) : v;
  const view = new View(parse(compile(strip(spec) as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return ariaLabels(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/** aria-label values in an SVG. */
export function ariaLabels(svg: string): string[] {
  return [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
}

/** Hover titles of the marks (`<title>` children of marks, not the root's accessible name). */
export function markTitles(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
}

/** Parse `a: 1; b: x` into a record. */
export function ariaFields(label: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of label.split('; ')) {
    const i = part.indexOf(': ');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 2);
  }
  return out;
}

/** Text content of every SVG <text> element (multi-line <tspan>s joined by a space). */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map((m) => m[1].replace(/<\/tspan><tspan[^>]*>/g, ' ').replace(/<[^>]+>/g, ''));
}
