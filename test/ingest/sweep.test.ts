import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, loadSweep, parseColumnMap } from '../../src/ingest/sweep.js';
import { groupSweep, withinBand } from '../../src/sweep/grid.js';
import { clusterLevels } from '../../src/util/levels.js';
import { InputError } from '../../src/messages.js';
import { repoData } from '../helpers/paths.js';

const dense = repoData('steplaw', 'dense_lr_bs_loss.csv');
const moe = repoData('steplaw', 'moe_lr_bs_loss.csv');

function tmpCsv(text: string, name = 'sweep.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'steplaw-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('Step Law dense file', () => {
  const sweep = loadSweep([dense]);
  it('is recognised by its header and read whole (1911 runs, docs/method.md#released-data)', () => {
    expect(sweep.format).toBe('steplaw-dense');
    expect(sweep.runs).toHaveLength(1911);
    expect(sweep.groupKeys).toEqual([]);
  });
  it('converts batch from sequences of 2048 to tokens and keeps other columns as attributes', () => {
    const r = sweep.runs[0]; // first data row: h960 … lr 0.0003453, bs 736, D 1e11
    expect(r.row).toBe(1);
    expect(r.batchTokens).toBe(736 * 2048);
    expect(r.lr).toBe(0.0003453);
    expect(r.N).toBe(214663680);
    expect(r.D).toBe(1e11);
    expect(r.loss).toBeCloseTo(2.3976109618296744, 15);
    expect(r.attrs.h).toBe(960);
    expect(r.attrs.loss).toBe(2.413517);
    expect(typeof r.attrs.exp_name).toBe('string');
  });
  it('N is numl·(4h² + 3h·ffnh) for every dense run (docs/method.md#step-law)', () => {
    for (const r of sweep.runs) {
      const { h, ffnh, numl } = r.attrs as Record<string, number>;
      expect(r.N).toBe(numl * (4 * h * h + 3 * h * ffnh));
    }
  });
  it('groups into the 17 released (N, D) groups; ti·bs·2048 ≈ D', () => {
    const { grids } = groupSweep(sweep);
    expect(grids).toHaveLength(17);
    const partial = grids.find((g) => g.runs.length === 47)!;
    expect(partial.N).toBeCloseTo(1.074e9, -7);
    expect(partial.lrLevels).toHaveLength(5);
    for (const r of sweep.runs) expect(Math.abs(((r.attrs.ti as number) * r.batchTokens) / r.D - 1)).toBeLessThan(0.01);
  });
  it('keeps 129 runs within the 0.25% band (docs/method.md#fitting-procedure)', () => {
    const { grids } = groupSweep(sweep);
    expect(grids.flatMap((g) => withinBand(g, 0.0025))).toHaveLength(129);
  });
});

describe('Step Law MoE file', () => {
  const sweep = loadSweep([moe]);
  it('is recognised, keyed on moe_name, and gives 16 groups of one sparsity at one D', () => {
    expect(sweep.format).toBe('steplaw-moe');
    expect(sweep.runs).toHaveLength(708);
    expect(sweep.groupKeys).toEqual(['moe_name']);
    const { grids } = groupSweep(sweep);
    expect(grids).toHaveLength(16);
    expect(new Set(grids.map((g) => g.keyAttrs.moe_name))).toEqual(new Set(['1in89', '2in88', '1in8', '3in8']));
    expect(grids[0].key).toMatch(/^moe_name=\S+ N=\S+ D=\S+$/);
  });
  it('uses the seq_len column and total N; Na stays an attribute', () => {
    const r = sweep.runs[0];
    expect(r.batchTokens).toBe(32 * 2048);
    expect(r.N).toBe(2150612992);
    expect(r.attrs.Na).toBe(187973632);
  });
});

describe('lr levels with mixed rounding', () => {
  it('0.000345 and 0.0003453 are one level; √2 steps are distinct', () => {
    const L = clusterLevels([0.000345, 0.0003453, 0.000345 * Math.SQRT2, 0.000345 * 2]);
    expect(L.values).toHaveLength(3);
    expect(L.indexOf(0.000345)).toBe(L.indexOf(0.0003453));
  });
  it('the released dense file has the 14 √2-levels 2.441e-4 … 2.21e-2 after merging (26 written values)', () => {
    const s = loadSweep([dense]);
    const levels = clusterLevels(s.runs.map((r) => r.lr)).values;
    expect(levels).toHaveLength(14);
    expect(levels[0]).toBeCloseTo(2.441e-4, 7);
    expect(levels[13]).toBeCloseTo(2.21e-2, 5);
    for (let k = 1; k < 14; k++) expect(levels[k] / levels[k - 1]).toBeCloseTo(Math.SQRT2, 2);
    expect(new Set(s.runs.map((r) => r.lr)).size).toBe(26);
  });
});

describe('mapped CSVs', () => {
  it('reads users’ own column names and batch units', () => {
    const f = tmpCsv('params,tokens,peak_lr,bs,final_loss,recipe\n1e8,2e9,1e-3,256,3.1,web\n1e8,2e9,2e-3,256,3.0,web\n');
    const s = loadSweep([f], {
      map: parseColumnMap('N=params,D=tokens,lr=peak_lr,batch=bs,loss=final_loss'),
      batchUnit: 'sequences',
      seqLen: 4096,
    });
    expect(s.format).toBe('mapped');
    expect(s.runs[0].batchTokens).toBe(256 * 4096);
    expect(s.runs[1].lr).toBe(2e-3);
    expect(s.runs[0].attrs).toEqual({ recipe: 'web' });
  });
  it('default batch unit of a mapped CSV is tokens', () => {
    const f = tmpCsv('N,D,lr,batch,loss\n1e8,2e9,1e-3,524288,3.1\n');
    expect(loadSweep([f]).runs[0].batchTokens).toBe(524288);
  });
  it('flags and counts non-finite losses, keeps the run, excludes it from the grid optimum', () => {
    const f = tmpCsv('N,D,lr,batch,loss\n1e8,2e9,1e-3,1000000,nan\n1e8,2e9,2e-3,1000000,3.0\n1e8,2e9,4e-3,1000000,inf\n');
    const s = loadSweep([f]);
    expect(s.runs).toHaveLength(3);
    expect(s.warnings.filter((w) => w.code === 'non-finite-loss').map((w) => w.row)).toEqual([1, 3]);
    const { grids } = groupSweep(s);
    expect(grids[0].usable).toHaveLength(1);
    expect(grids[0].argmin!.lr).toBe(2e-3);
  });
  it('reports duplicate grid cells, mixed rounding included', () => {
    const f = tmpCsv('N,D,lr,batch,loss\n1e8,2e9,0.000345,1000000,3.1\n1e8,2e9,0.0003453,1000000,3.2\n1e8,2e9,0.0005,1000000,3.3\n');
    const w = loadSweep([f]).warnings.filter((x) => x.code === 'duplicate-cell');
    expect(w).toHaveLength(1);
    expect(w[0].message).toContain('rows 1, 2');
  });
  it('flags diverged runs (loss above 1.5× the group minimum) and counts them', () => {
    const f = tmpCsv('N,D,lr,batch,loss\n1e8,2e9,1e-3,1000000,3.0\n1e8,2e9,2e-3,1000000,3.1\n1e8,2e9,4e-2,1000000,9.5\n');
    const { grids, warnings } = groupSweep(loadSweep([f]));
    expect(grids[0].runs.filter((r) => r.flags.includes('diverged'))).toHaveLength(1);
    expect(warnings.find((w) => w.code === 'diverged')!.count).toBe(1);
  });
  it('an optimum on the edge of the grid is not bracketed and is warned', () => {
    const f = tmpCsv('N,D,lr,batch,loss\n1e8,2e9,1e-3,1000000,3.0\n1e8,2e9,2e-3,1000000,3.1\n1e8,2e9,1e-3,2000000,3.05\n1e8,2e9,2e-3,2000000,3.2\n');
    const { grids, warnings } = groupSweep(loadSweep([f]));
    expect(grids[0].bracketed).toEqual({ lr: false, batch: false });
    expect(warnings.some((w) => w.code === 'optimum-on-edge')).toBe(true);
  });
  it('detectFormat needs the Step Law core columns', () => {
    expect(detectFormat(['N', 'D', 'lr', 'batch', 'loss'])).toBe('mapped');
  });
  it('bad mapping specs are InputErrors', () => {
    expect(() => parseColumnMap('N')).toThrow(InputError);
    expect(() => parseColumnMap('size=params')).toThrow(/unknown role "size"/);
  });
});
