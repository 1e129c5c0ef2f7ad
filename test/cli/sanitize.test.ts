/**
 * User-supplied names are printed with control characters escaped (issue 11
 * item 9: file names with newlines and ANSI escape codes were printed raw, so
 * a file name could forge an extra `error:` line or recolour the terminal).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';
import { msg, sanitize } from '../../src/messages.js';

describe('sanitize', () => {
  it('escapes C0/C1 controls, DEL, line separators and bidi overrides; keeps printable text', () => {
    expect(sanitize('a\nb')).toBe('a\\nb');
    expect(sanitize('\r\t')).toBe('\\r\\t');
    expect(sanitize('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(sanitize('\x00\x7f\x9b')).toBe('\\x00\\x7f\\x9b');
    expect(sanitize('x\u2028y\u202ez')).toBe('x\\u2028y\\u202ez');
    expect(sanitize('Größe 1e9 ×2 — ok "q"')).toBe('Größe 1e9 ×2 — ok "q"');
    expect(sanitize(sanitize('a\nb'))).toBe('a\\nb');
  });

  it('every message function returns one printable line whatever names it is given', () => {
    const evil = 'x\nerror: forged\x1b[2J\u202e';
    expect(msg.fileMissing(evil)).toBe('x\\nerror: forged\\x1b[2J\\u202e: file not found');
    expect(msg.cannotWrite(evil, 'no space left on device (ENOSPC)')).not.toMatch(/[\n\x1b\u202e]/);
    expect(msg.missingColumn(evil, evil, 'N', [evil])).not.toMatch(/[\n\x1b\u202e]/);
  });
});

describe('at the command line', () => {
  it('a bad CSV whose name holds a newline and an ANSI code: one escaped error line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-evil-'));
    const name = 'a\nerror: all good\x1b[31m.csv';
    writeFileSync(join(dir, name), 'N,D,lr,bs,smooth loss,h,ffnh,numl\n1e8,1e9,x,1,2,1,1,1\n');
    const r = runCli(['fit', name, '--bootstrap', '0'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr.startsWith('error: a\\nerror: all good\\x1b[31m.csv')).toBe(true);
    expect(r.stderr).not.toContain('\x1b');
  });

  it('a missing file given with a newline in its name', () => {
    const r = runCli(['validate', 'no\nsuch.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: no\\nsuch.csv: file not found\n');
  });

  it('an unknown option carrying an escape code is one escaped usage line', () => {
    const r = runCli(['fit', 'x.csv', '--\x1b[31mred']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: unknown option '--\\x1b[31mred' (run steplaw fit --help for usage)\n");
  });
});

describe('text tables and text reports (issue 11 item 9: names from user CSVs printed raw in stdout tables)', () => {
  const evil = 'a\x1b[31mRED\nerror: forged';
  const shown = 'a\\x1b[31mRED\\nerror: forged';

  it('markdownTable, alignedTable and textLines escape control characters in every cell and line', async () => {
    const { alignedTable, markdownTable, textLines } = await import('../../src/util/text-table.js');
    const md = markdownTable(['slice', 'n'], [[evil, '1'], ['b|c', '2']]);
    expect(md).toHaveLength(4);
    expect(md[2]).toBe(`| ${shown} | 1 |`);
    // A `|` in a name would split the markdown row into an extra column: escaped.
    expect(md[3]).toBe(`| b\\|c${' '.repeat(shown.length - 4)} | 2 |`);
    const al = alignedTable(['slice', 'n'], [[evil, '1']]);
    expect(al).toEqual([`slice${' '.repeat(shown.length - 5)}  n`, `${'-'.repeat(shown.length)}  -`, `${shown}  1`]);
    expect(textLines(['head', `  ${evil}`, ''])).toBe(`head\n  ${shown}\n\n`);
  });

  // The example sweep with its `recipe` column's value `a` replaced by a name carrying an ANSI code and a newline.
  const dir = mkdtempSync(join(tmpdir(), 'steplaw-evil-table-'));
  const lines = readFileSync(join(repoRoot, 'examples', 'my_sweep.csv'), 'utf8').trimEnd().split('\n');
  const rows = lines.slice(1).map((l) => l.replace(/,a$/, `,"${evil}"`));
  expect(rows.filter((r) => r.includes('forged')).length).toBeGreaterThan(0);
  writeFileSync(join(dir, 'evil.csv'), [lines[0], ...rows].join('\n') + '\n');
  const map = ['--map', 'N=params,D=tokens,lr=peak_lr,batch=bs,loss=final_loss', '--batch-unit', 'sequences', '--seq-len', '4096'];
  const commands: [string, string[]][] = [
    ['slices', ['slices', 'evil.csv', ...map, '--by', 'recipe', '--bootstrap', '50']],
    ['landscape', ['landscape', 'evil.csv', ...map, '--by', 'recipe']],
    ['validate', ['validate', 'evil.csv', ...map, '--law', 'steplaw', '--by', 'recipe']],
    ['fit --by', ['fit', 'evil.csv', ...map, '--by', 'recipe', '--bootstrap', '0']],
  ];
  for (const [name, args] of commands) {
    it(`${name}: the slice name is printed escaped, exit 0`, () => {
      const r = runCli(args, { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(shown);
      expect(r.stdout).not.toContain('\x1b');
      expect(r.stdout.split('\n').some((l) => l.startsWith('error: forged'))).toBe(false);
    });
  }
});
