/**
 * Every bad-input case of issue 2: non-zero exit (2) and ONE line on stderr
 * naming the file, the row and the column.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefused, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-bad-'));
function csv(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}
const HEAD = 'N,D,lr,batch,loss\n';
const GOOD = '1e8,2e9,1e-3,1000,3.0\n1e8,2e9,2e-3,1000,3.1\n1e8,4e9,1e-3,1000,2.9\n';

/** `fit --bootstrap 0 …args` is refused: exit 2, one line naming the fault. */
const expectOneLineError = (args: string[], pattern: RegExp) => expectRefused(['fit', '--bootstrap', '0', ...args], pattern);

describe('bad input: exit 2 and one line naming file, row and column', () => {
  it('missing file', () => {
    const f = join(dir, 'nope.csv');
    expectOneLineError([f], new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: file not found`));
  });
  it('empty file', () => expectOneLineError([csv('empty.csv', '')], /empty\.csv: file is empty/));
  it('whitespace-only file', () => expectOneLineError([csv('blank.csv', '\n \n\n')], /blank\.csv: file is empty/));
  it('header without rows', () => expectOneLineError([csv('header.csv', HEAD)], /header\.csv: has a header but no data rows/));
  it('missing required column', () =>
    expectOneLineError([csv('nocol.csv', 'N,D,lr,loss\n1e8,2e9,1e-3,3\n')], /nocol\.csv: missing required column "batch" \(for batch size\)/));
  it('missing mapped column', () =>
    expectOneLineError([csv('map.csv', HEAD + GOOD), '--map', 'lr=peak_lr'], /map\.csv: missing required column "peak_lr" \(for learning rate\)/));
  it('non-numeric N', () =>
    expectOneLineError([csv('nan-n.csv', HEAD + GOOD + 'abc,2e9,1e-3,1000,3\n')], /nan-n\.csv: row 4 \(line 5\), column "N": "abc" is not a number/));
  it('non-positive D', () =>
    expectOneLineError([csv('neg-d.csv', HEAD + '1e8,-2e9,1e-3,1000,3\n' + GOOD)], /neg-d\.csv: row 1 \(line 2\), column "D": "-2e9" must be a finite number > 0/));
  it('zero lr', () => expectOneLineError([csv('zero-lr.csv', HEAD + GOOD + '1e8,2e9,0,1000,3\n')], /row 4 \(line 5\), column "lr": "0" must be a finite number > 0/));
  it('infinite batch', () => expectOneLineError([csv('inf-b.csv', HEAD + '1e8,2e9,1e-3,inf,3\n')], /row 1 \(line 2\), column "batch": "inf" must be a finite number > 0/));
  it('NaN learning rate', () => expectOneLineError([csv('nan-lr.csv', HEAD + '1e8,2e9,NaN,1000,3\n')], /column "lr": "NaN" must be a finite number > 0/));
  it('empty cell', () => expectOneLineError([csv('empty-cell.csv', HEAD + '1e8,,1e-3,1000,3\n')], /row 1 \(line 2\), column "D": cell is empty/));
  it('non-numeric loss', () => expectOneLineError([csv('bad-loss.csv', HEAD + '1e8,2e9,1e-3,1000,low\n')], /column "loss": "low" is not a number/));
  it('wrong number of fields', () => expectOneLineError([csv('fields.csv', HEAD + GOOD + '1e8,2e9,1e-3\n')], /fields\.csv: row 4 \(line 5\): has 3 fields, the header has 5/));
  it('bad --map syntax', () => expectOneLineError([csv('ok1.csv', HEAD + GOOD), '--map', 'N'], /bad --map "N"/));
  it('bad --batch-unit', () => expectOneLineError([csv('ok2.csv', HEAD + GOOD), '--batch-unit', 'bytes'], /bad --batch-unit "bytes"/));
  it('bad --band', () => expectOneLineError([csv('ok3.csv', HEAD + GOOD), '--band', '2'], /bad --band "2"/));
});

describe('flagged rows are counted in the output, not dropped', () => {
  it('non-finite and diverged losses: kept, flagged, excluded, counted', () => {
    const f = csv(
      'nonfinite.csv',
      HEAD + GOOD + '1e8,2e9,4e-3,1000,nan\n1e8,4e9,2e-3,1000,2.95\n1e8,8e9,1e-3,1000,2.8\n1e8,8e9,2e-3,1000,2.85\n1e8,8e9,8e-2,1000,9.7\n',
    );
    const r = runCli(['fit', f, '--bootstrap', '0', '--json', '--batch-unit', 'tokens']);
    expect(r.status, r.stderr).toBe(0);
    const fit = JSON.parse(r.stdout);
    expect(fit.data.runs).toBe(8);
    expect(fit.data.usableRuns).toBe(6);
    expect(fit.data.excluded.nonFiniteLoss).toBe(1);
    // 9.7 > 1.5 × 2.8, the (1e8, 8e9) group's minimum: diverged, kept and counted.
    expect(fit.data.excluded.diverged).toBe(1);
    expect(fit.warnings.some((w: { code: string; count?: number }) => w.code === 'diverged' && w.count === 1)).toBe(true);
    expect(fit.warnings.some((w: { code: string; row?: number }) => w.code === 'non-finite-loss' && w.row === 4)).toBe(true);
  });
});
