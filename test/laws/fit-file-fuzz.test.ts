/**
 * Fuzz: fit files (the JSON records `steplaw fit` writes and predict, validate
 * and compare read back), damaged the ways files get damaged — a field set to
 * null (how JSON stores a non-finite number), to the wrong type, to an
 * out-of-range number, deleted; the text cut short or spliced with junk —
 * end in a law or ONE `InputError` line, never another exception; at the
 * command line in exit 0 or a one-line exit 2, never exit 1 or a stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { resolveLaw } from '../../src/laws/catalog.js';
import { InputError } from '../../src/messages.js';
import { writeJsonFile } from '../../src/cli/run.js';
import { runCli } from '../helpers/cli.js';
import { repoData } from '../helpers/paths.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

let dir: string;
let base: Json;
let paths: (string | number)[][];

/** Every path to a value in the record (bootstrap samples thinned: their rows are alike). */
function allPaths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => allPaths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...prefix, k], out);
  return out;
}

const REPLACEMENTS: Json[] = [null, 'x', '', -1, 0, 1e308, -1e308, 1e-320, [], {}, true, [null], { kind: 'steplaw-fit' }];

type Mutation =
  | { kind: 'set'; path: number; value: number }
  | { kind: 'delete'; path: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'junk'; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.nat(), value: fc.nat(REPLACEMENTS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('junk' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 6 }) }) },
);

/** Apply mutations: value-level ones first, then text-level ones. */
function mutate(ms: Mutation[]): string {
  const v = structuredClone(base);
  for (const m of ms) {
    if (m.kind !== 'set' && m.kind !== 'delete') continue;
    const p = paths[m.path % paths.length];
    if (p.length === 0) continue;
    let parent: Json = v;
    for (const k of p.slice(0, -1)) parent = (parent as Record<string | number, Json>)?.[k] ?? null;
    if (parent === null || typeof parent !== 'object') continue;
    const last = p[p.length - 1];
    if (m.kind === 'set') (parent as Record<string | number, Json>)[last] = REPLACEMENTS[m.value];
    else if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete (parent as Record<string, Json>)[last as string];
  }
  let text = JSON.stringify(v, null, 2);
  for (const m of ms) {
    if (m.kind === 'truncate') text = text.slice(0, m.at % (text.length + 1));
    if (m.kind === 'junk') {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.text + text.slice(at);
    }
  }
  return text;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'steplaw-fitfuzz-'));
  const sweep = loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')]);
  const fit = fitStepLaw(groupSweep(sweep).grids, { bootstrap: 20, seed: 0 });
  // The record as steplaw writes it.
  writeJsonFile(join(dir, 'good.fit.json'), fit);
  base = JSON.parse(readFileSync(join(dir, 'good.fit.json'), 'utf8')) as Json;
  paths = allPaths(base);
  writeFileSync(join(dir, 'small.csv'), readFileSync(repoData('steplaw', 'dense_lr_bs_loss.csv'), 'utf8').split('\n').slice(0, 240).join('\n') + '\n');
});

describe('fuzzed fit files', () => {
  it('the unmutated record is read back as a law that predicts', () => {
    const law = resolveLaw(join(dir, 'good.fit.json'));
    const p = law.predict({ N: 1e9, D: 1e11, seqLen: 2048 });
    expect(Number.isFinite(p.lr)).toBe(true);
    expect(Number.isFinite(p.batchTokens)).toBe(true);
  });

  it('every mutation ends in a law or an InputError naming the file (never another exception)', () => {
    const seen = { law: 0, refused: 0 };
    let k = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const file = join(dir, `m${k++}.fit.json`);
        writeFileSync(file, mutate(ms));
        try {
          const law = resolveLaw(file);
          const ctx = { N: 1e9, D: 1e11, seqLen: 2048 };
          law.predict(ctx);
          law.interval?.(ctx);
          seen.law++;
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message.startsWith(file)).toBe(true);
          expect(e.message).not.toContain('\n');
          seen.refused++;
        }
      }),
      { numRuns: 400, seed: 20261201 },
    );
    // Both outcomes occur: damage to fields the law does not use is harmless, the rest is refused.
    expect(seen.law).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(50);
  }, 120_000);

  it('predict --fit and validate --law on damaged files: exit 0 or one line with exit 2, never a bug report', () => {
    const cases = fc.sample(fc.array(mutation, { minLength: 1, maxLength: 2 }), { numRuns: 12, seed: 7 });
    // The damage the issue met: a null coefficient (a non-finite number as the tool writes it).
    const nullCoef = structuredClone(base) as { law: { lr: Record<string, Json> } };
    nullCoef.law.lr.coefN = null;
    writeFileSync(join(dir, 'null.fit.json'), JSON.stringify(nullCoef));
    const files = ['null.fit.json', ...cases.map((ms, i) => {
      writeFileSync(join(dir, `cli${i}.fit.json`), mutate(ms));
      return `cli${i}.fit.json`;
    })];
    let refused = 0;
    for (const f of files) {
      const r = runCli(['predict', '--fit', f, '--N', '1e9', '--D', '1e11'], { cwd: dir });
      expect([0, 2], `${f}: ${r.stderr}`).toContain(r.status);
      if (r.status === 2) {
        refused++;
        expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(r.stderr).toMatch(/^error: /);
      }
      expect(r.stderr).not.toContain('internal error');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(refused).toBeGreaterThan(0);
    const v = runCli(['validate', 'small.csv', '--law', 'null.fit.json'], { cwd: dir });
    expect(v.status).toBe(2);
    expect(v.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(v.stderr).toMatch(/^error: null\.fit\.json: /);
  }, 180_000);
});
