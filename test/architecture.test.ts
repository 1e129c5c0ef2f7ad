/**
 * The layers of src/ and the direction data flows (README "Architecture"):
 *
 *   util → fitter → ingest, sweep → laws → validate, slices, plan → report → jobs → cli
 *
 * A module imports only from its own layer or earlier ones; report/ draws
 * result objects, so from the analysis layers it imports types only; laws/ is
 * pure (no node: module); test oracles stay out of src/. Imports are read from
 * the source text of every src/**\/*.ts file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const SRC = join(repoRoot, 'src');
/** Layer of each top-level folder (or root file) of src/, earliest first. */
const LAYERS: string[][] = [
  ['util', 'messages.ts'],
  ['fitter'],
  ['ingest', 'sweep'],
  ['laws'],
  ['validate', 'slices', 'plan'],
  ['report'],
  ['jobs'],
  ['cli', 'index.ts'],
];
const ANALYSIS = new Set(['fitter', 'ingest', 'sweep', 'laws', 'validate', 'slices', 'plan']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const top = (path: string) => relative(SRC, path).split(sep)[0];
const layerOf = (path: string) => LAYERS.findIndex((l) => l.includes(top(path)));

interface Import {
  from: string;
  spec: string;
  typeOnly: boolean;
}

/** Every static import / re-export of a module (`import type` and `export type` marked type-only). */
function imports(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    out.push({ from: file, spec: m[2], typeOnly: m[1] !== undefined });
  }
  return out;
}

const all = files(SRC).flatMap(imports);
const local = all.filter((i) => i.spec.startsWith('.')).map((i) => ({ ...i, target: resolve(dirname(i.from), i.spec) }));
const show = (i: { from: string; spec: string }) => `${relative(repoRoot, i.from)} imports ${i.spec}`;

describe('architecture', () => {
  it('every folder of src/ has a layer', () => {
    const tops = [...new Set(files(SRC).map(top))];
    expect(tops.filter((t) => layerOf(join(SRC, t)) < 0)).toEqual([]);
  });

  it('no module imports from a later layer', () => {
    const backwards = local.filter((i) => layerOf(i.target) > layerOf(i.from));
    expect(backwards.map(show)).toEqual([]);
  });

  it('report/ imports only types from the analysis layers (it draws results, never computes them)', () => {
    const calls = local.filter((i) => top(i.from) === 'report' && ANALYSIS.has(top(i.target)) && !i.typeOnly);
    expect(calls.map(show)).toEqual([]);
  });

  it('laws/ is pure: no node: module', () => {
    const io = all.filter((i) => top(i.from) === 'laws' && i.spec.startsWith('node:'));
    expect(io.map(show)).toEqual([]);
  });

  it('only util/ and ingest/ touch the file system (node:fs): later layers read through ingest/, write through util/atomic-write', () => {
    const fs = all.filter((i) => /^node:fs(\/|$)/.test(i.spec) && !['util', 'ingest'].includes(top(i.from)));
    expect(fs.map(show)).toEqual([]);
    expect(all.some((i) => i.spec === 'node:fs' && top(i.from) === 'ingest')).toBe(true);
  });

  it('the NIST oracle is test code, not in src/', () => {
    expect(existsSync(join(SRC, 'fitter', 'nist.ts'))).toBe(false);
    expect(all.filter((i) => /nist/.test(i.spec)).map(show)).toEqual([]);
  });

  it('report/ and jobs/ swallow no error: a catch names the type it expects and rethrows the rest', () => {
    const catches = files(SRC)
      .filter((f) => ['report', 'jobs'].includes(top(f)))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/catch\s*(\((\w+)\))?\s*\{([^}]*)\}/g)].map((m) => ({ f, m })));
    const swallowing = catches
      .filter(({ m }) => !m[2] || !new RegExp(`instanceof[^;]*\\)\\)\\s*throw ${m[2]}\\b`).test(m[3]))
      .map(({ f, m }) => `${relative(repoRoot, f)}: ${m[0].replace(/\s+/g, ' ').slice(0, 80)}`);
    expect(swallowing).toEqual([]);
    expect(catches.length).toBeGreaterThan(0);
    // The pattern recognises the accepted form (jobs/analyse.ts's attempt()).
    expect(/instanceof[^;]*\)\)\s*throw e\b/.test('if (!(e instanceof InputError)) throw e;')).toBe(true);
  });

  it('the checks see the imports they police (a later-layer import would be caught)', () => {
    // Known edges in both directions, so a parser that found nothing could not pass the checks above.
    expect(local.some((i) => top(i.from) === 'cli' && top(i.target) === 'jobs')).toBe(true);
    expect(local.some((i) => top(i.from) === 'report' && top(i.target) === 'laws' && i.typeOnly)).toBe(true);
    expect(layerOf(join(SRC, 'report', 'x.ts'))).toBeGreaterThan(layerOf(join(SRC, 'laws', 'x.ts')));
  });
});
