/**
 * Keys the user gives (`--by`, `--target`, column names) are looked up as own
 * properties only (issue 11 item 9: `--by constructor` made a slice named
 * `function Object() { [native code] }`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoData } from '../helpers/paths.js';
import { own, setOwn } from '../../src/util/own.js';
import { parseCsvText } from '../../src/ingest/csv.js';
import { tableToRuns } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';

let work: string;
let lines: string[];
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'steplaw-keys-'));
  lines = readFileSync(repoData('steplaw', 'dense_lr_bs_loss.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(work, 'plain.csv'), lines.slice(0, 400).join('\n') + '\n');
  // Two added columns named like Object.prototype members; the value alternates by group (N).
  const header = lines[0].split(',');
  const nCol = header.indexOf('N');
  const body = lines.slice(1, 400).map((l) => {
    const big = Number(l.split(',')[nCol]) > 3e8;
    return `${l},${big ? 'big' : 'small'},${big ? 'p1' : 'p2'}`;
  });
  writeFileSync(join(work, 'keys.csv'), [`${lines[0]},constructor,__proto__`, ...body].join('\n') + '\n');
});

describe('user keys never reach Object.prototype', () => {
  it('own / setOwn', () => {
    expect(own({ a: 1 }, 'constructor')).toBeUndefined();
    expect(own({ a: 1 }, 'toString')).toBeUndefined();
    expect(own({ a: 1 }, 'a')).toBe(1);
    const o: Record<string, number> = {};
    setOwn(o, '__proto__', 7);
    expect(Object.keys(o)).toEqual(['__proto__']);
    expect(own(o, '__proto__')).toBe(7);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('--by %s on a sweep without that column: exit 2, one line naming the column', (key) => {
    for (const cmd of [['validate'], ['fit', '--bootstrap', '0', '--json'], ['landscape']]) {
      const r = runCli([...cmd, 'plain.csv', '--by', key], { cwd: work });
      expect(r.status, cmd.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`"${key}"`);
      expect(r.stdout + r.stderr).not.toContain('native code');
    }
  });

  it('slices --target constructor is a bad option, not a crash', () => {
    const r = runCli(['slices', 'plain.csv', '--by', 'numl', '--target', 'constructor'], { cwd: work });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: bad --target "constructor": lr | batch | all (loss laws: steplaw loss-fit --by)\n');
  });

  it('columns named constructor and __proto__ are read as columns and slice like any other', () => {
    const text = readFileSync(join(work, 'keys.csv'), 'utf8');
    const part = tableToRuns(parseCsvText(text, 'keys.csv'));
    expect(Object.hasOwn(part.runs[0].attrs, '__proto__')).toBe(true);
    expect(own(part.runs[0].attrs, '__proto__')).toMatch(/^p[12]$/);
    const { grids } = groupSweep({ files: ['keys.csv'], format: part.format, runs: part.runs, groupKeys: part.groupKeys, warnings: [] }, { by: ['__proto__'] });
    expect(new Set(grids.map((g) => own(g.keyAttrs, '__proto__')))).toEqual(new Set(['p1', 'p2']));
    expect(grids.every((g) => g.key.startsWith('__proto__=p'))).toBe(true);

    const r = runCli(['fit', 'keys.csv', '--by', 'constructor', '--bootstrap', '0', '--json'], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.slices.map((s: { slice: string }) => s.slice).sort()).toEqual(['constructor=big', 'constructor=small']);
  });
});
