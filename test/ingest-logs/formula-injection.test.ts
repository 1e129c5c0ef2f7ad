/**
 * Spreadsheet formula injection (issue 11 item 9): run names starting with
 * `=`, `+`, `-` or `@` were written unescaped into the ingest-logs CSV, where
 * a spreadsheet runs them as formulas. They are now written as OWASP advises
 * (leading apostrophe, quoted), and steplaw's own reader gives back the name.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { escapeFormula, unescapeFormula } from '../../src/ingest/formula-escape.js';
import { csvField } from '../../src/ingest/logs/sweep-csv.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { own } from '../../src/util/own.js';
import { jsonlLog, range } from './write-logs.js';
import { series } from './series.js';

const NAMES = ['=HYPERLINK("evil.example","x")', '+1+2', '-2+3', '@SUM(A1:A9)', 'plain_run', "'=already quoted"];

describe('formula escape', () => {
  it('escapes text cells that start with = + - @ tab CR; leaves numbers and other text', () => {
    expect(escapeFormula('=1+1')).toBe("'=1+1");
    expect(escapeFormula('\tx')).toBe("'\tx");
    expect(escapeFormula('run-1')).toBe('run-1');
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('-cmd|x')).toBe(`"'-cmd|x"`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField('a,b')).toBe('"a,b"');
    for (const n of NAMES) expect(unescapeFormula(escapeFormula(n))).toBe(n);
    expect(unescapeFormula("'plain")).toBe("'plain");
    expect(escapeFormula("'=x")).toBe("''=x");
  });

  it("ingest-logs writes such run names escaped, and steplaw's reader (loadSweep, used by fit and validate) gives them back unchanged", () => {
    const root = mkdtempSync(join(tmpdir(), 'steplaw-inj-'));
    const logs = join(root, 'logs');
    const x = series(250);
    NAMES.forEach((name, k) => {
      const dir = join(logs, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'metrics.jsonl'), jsonlLog(range(250, 10), x));
      writeFileSync(join(dir, 'run.json'), JSON.stringify({ N: 1e8, D: 2e9, lr: 1e-3 * (k + 1), batch_tokens: 524288, ti: 2500 }));
    });
    const out = join(root, 'sweep.csv');
    const r = runCli(['ingest-logs', logs, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    // No data line starts with a formula trigger, quoted or not.
    for (const line of text.split('\n').slice(1)) expect(line).not.toMatch(/^"?[=+\-@]/);
    expect(text).toContain(`"'=HYPERLINK(""evil.example"",""x"")"`);
    expect(text).toContain(`"'@SUM(A1:A9)"`);
    expect(text).toContain(`"''=already quoted"`);
    const sweep = loadSweep([out]);
    expect(sweep.runs.map((run) => own(run.attrs, 'run')).sort()).toEqual([...NAMES].sort());
  });
});
