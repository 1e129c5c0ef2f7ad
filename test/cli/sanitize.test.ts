/**
 * User-supplied names are printed with control characters escaped (issue 11
 * item 9: file names with newlines and ANSI escape codes were printed raw, so
 * a file name could forge an extra `error:` line or recolour the terminal).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
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
