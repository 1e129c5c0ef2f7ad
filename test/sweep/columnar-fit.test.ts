/**
 * A sweep read from one file is grouped and fitted from its RunStore columns (no run object per run);
 * the same runs given as plain objects go the object path. Both must give the same grids, warnings and fit —
 * on a sweep with what each path treats specially: non-finite losses, diverged runs, duplicate cells, a
 * single-run group, a group key (MoE-like `moe_name`), unbracketed optima.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSweep } from '../../src/ingest/sweep.js';
import { gridWith, groupSweep, storedGridOf } from '../../src/sweep/grid.js';
import { plainRun, type Sweep } from '../../src/sweep/types.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { packageRoot } from '../../src/util/paths.js';

/** A fit as the record written to disk (JSON text parsed back). */
const asRecord = (v: unknown) => JSON.parse(JSON.stringify(v));
const plainKept = (r: { file: string; row: number; group: string; N: number; D: number; lr: number; batchTokens: number; loss: number }) => ({ file: r.file, row: r.row, group: r.group, N: r.N, D: r.D, lr: r.lr, batchTokens: r.batchTokens, loss: r.loss });

function sweepCsv(): string {
  const lines = ['N,D,lr,batch,loss,run'];
  let k = 0;
  for (const N of [1e8, 2e8, 4e8]) {
    for (const D of [1e10, 3e10, 1e11]) {
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 4; j++) {
          const lr = 1e-4 * 2 ** (i / 2);
          const batch = 65536 * 2 ** j;
          // A bowl whose minimum moves with N and D (the lr optimum falls with N).
          const loss = 2 + 0.05 * (Math.log(lr) - Math.log(4e-4 * (1e8 / N) ** 0.3)) ** 2 + 0.03 * (Math.log(batch) - Math.log(2e5)) ** 2;
          let cell = loss.toFixed(6);
          if (N === 2e8 && D === 3e10 && i === 0 && j === 0) cell = 'nan';
          if (N === 4e8 && D === 1e11 && i === 4 && j === 3) cell = (loss * 2).toFixed(6);
          lines.push(`${N},${D},${lr},${batch},${cell},r${k++}`);
        }
      }
    }
  }
  // A repeated cell and a lone group.
  lines.push(`1e8,1e10,0.0001,65536,2.5,dup${k++}`);
  lines.push(`8e8,1e11,0.0001,65536,2.5,lone${k++}`);
  return lines.join('\n') + '\n';
}

describe('the columnar fit path equals the object path', () => {
  it('same grids, warnings and fit from the stored sweep and from plain runs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'steplaw-columnar-')), 'sweep.csv');
    writeFileSync(file, sweepCsv());
    const stored = loadSweep([file]);
    expect(stored.warnings.some((w) => w.code === 'duplicate-cell')).toBe(true);
    const g1 = groupSweep(stored);
    // Every group but the one with a diverged run is read from the columns.
    expect(g1.grids.filter((g) => !storedGridOf(g)).map((g) => g.key)).toEqual(['N=4e+8 D=1e+11']);
    // The object path: the same runs as plain objects (a new array, so nothing columnar is shared).
    const plainSweep: Sweep = { ...stored, runs: stored.runs.map(plainRun) };
    const g2 = groupSweep(plainSweep);
    expect(g2.grids.some((g) => storedGridOf(g))).toBe(false);
    expect(g1.warnings).toEqual(g2.warnings);
    expect(g1.warnings.some((w) => w.code === 'diverged')).toBe(true);
    expect(g1.warnings.some((w) => w.code === 'single-run-group')).toBe(true);
    const shape = (g: (typeof g1.grids)[0]) => ({ key: g.key, runs: g.runs.map(plainRun), usable: g.usable.map(plainRun), argmin: g.argmin && plainRun(g.argmin), lr: g.lrLevels, b: g.batchLevels, minLoss: g.minLoss, br: g.bracketed });
    expect(g1.grids.map(shape)).toEqual(g2.grids.map(shape));
    const opts = { bootstrap: 50, allowUnidentifiable: true };
    const f1 = fitStepLaw(groupSweep(loadSweep([file])).grids, opts);
    const f2 = fitStepLaw(g2.grids, opts);
    // Compared as the records written (kept runs from columns are views; their JSON is the plain run).
    expect(asRecord(f1)).toEqual(asRecord(f2));
    expect(asRecord(f1).kept[0]).toEqual(plainKept(f2.kept[0]));
    expect(f1.data.excluded.nonFiniteLoss).toBe(1);
    expect(f1.data.excluded.diverged).toBe(1);
    expect(f1.data.runs).toBe(3 * 3 * 20 + 2);
  });

  it('a fresh duplicate check from the columns names the same rows as from plain runs', async () => {
    const { duplicateCellWarnings } = await import('../../src/ingest/sweep.js');
    const file = join(mkdtempSync(join(tmpdir(), 'steplaw-columnar-')), 'sweep.csv');
    writeFileSync(file, sweepCsv());
    const stored = loadSweep([file]);
    const dup = stored.warnings.filter((w) => w.code === 'duplicate-cell');
    expect(dup).toEqual(duplicateCellWarnings(stored.runs.map(plainRun), []));
    expect(dup[0].detail).toEqual({ rows: [{ file, row: 1 }, { file, row: 181 }], cell: 'N=100000000, D=10000000000, lr=0.0001000, batch=65536' });
  });

  it("rows of one group scattered through the file are still one group (the columns' same-as-last-row shortcut falls back)", () => {
    const [header, ...rows] = sweepCsv().trim().split('\n');
    // Interleave: every third row first, then the rest in reverse (a fixed permutation).
    const scattered = [...rows.filter((_, k) => k % 3 === 0), ...rows.filter((_, k) => k % 3 !== 0).reverse()];
    const file = join(mkdtempSync(join(tmpdir(), 'steplaw-columnar-')), 'scattered.csv');
    writeFileSync(file, [header, ...scattered].join('\n') + '\n');
    const stored = loadSweep([file]);
    const g1 = groupSweep(stored).grids;
    const g2 = groupSweep({ ...stored, runs: stored.runs.map(plainRun) }).grids;
    expect(g1).toHaveLength(3 * 3 + 1);
    const shape = (g: (typeof g1)[0]) => ({ key: g.key, rows: g.runs.map((r) => r.row), lr: g.lrLevels, b: g.batchLevels, argmin: g.argmin?.row });
    expect(g1.map(shape)).toEqual(g2.map(shape));
    // Each group holds every row with its N and D, whatever their places in the file.
    for (const g of g1) expect(g.runs.length).toBe(stored.runs.filter((r) => r.N === g.N && r.D === g.D).length);
  });

  it('a columnar grid copies (gridWith) and serialises like a plain one: runs, usable and argmin are read, not dropped', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'steplaw-columnar-')), 'sweep.csv');
    writeFileSync(file, sweepCsv());
    const stored = loadSweep([file]);
    const g1 = groupSweep(stored).grids;
    const g2 = groupSweep({ ...stored, runs: stored.runs.map(plainRun) }).grids;
    const k = g1.findIndex((g) => storedGridOf(g) && g.runs.some((r) => r.flags.length > 0));
    expect(k).toBeGreaterThanOrEqual(0);
    const copy = gridWith(g1[k], { N: 123 });
    expect(copy.N).toBe(123);
    expect(storedGridOf(copy)).toBeUndefined();
    expect(copy.runs.map(plainRun)).toEqual(g2[k].runs.map(plainRun));
    expect(copy.usable.length).toBe(g1[k].runs.length - 1);
    expect(copy.argmin?.row).toBe(g2[k].argmin?.row);
    expect(copy.cellOf(copy.runs[3])).toEqual(g2[k].cellOf(g2[k].runs[3]));
    // JSON: the same text as the object path's grid (whose run objects are plain).
    expect(JSON.parse(JSON.stringify(g1))).toEqual(JSON.parse(JSON.stringify(g2)));
  });

  it('a sweep read without its attribute columns (what fit does) gives the same grids, warnings and fit', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'steplaw-columnar-')), 'sweep.csv');
    writeFileSync(file, sweepCsv());
    const full = loadSweep([file]);
    const bare = loadSweep([file], { attributes: [] });
    expect(full.runs[0].attrs).toEqual({ run: 'r0' });
    expect(bare.runs[0].attrs).toEqual({});
    expect(bare.warnings).toEqual(full.warnings);
    const opts = { bootstrap: 50, allowUnidentifiable: true };
    expect(asRecord(fitStepLaw(groupSweep(bare).grids, opts))).toEqual(asRecord(fitStepLaw(groupSweep(full).grids, opts)));
  });

  it("without attribute columns a format's group keys are still read (the MoE file's moe_name)", () => {
    const moe = join(packageRoot(), 'data', 'steplaw', 'moe_lr_bs_loss.csv');
    const bare = loadSweep([moe], { attributes: [] });
    expect(Object.keys(bare.runs[0].attrs)).toEqual(['moe_name']);
    expect(groupSweep(bare).grids.map((g) => g.key)).toEqual(groupSweep(loadSweep([moe])).grids.map((g) => g.key));
  });
});
