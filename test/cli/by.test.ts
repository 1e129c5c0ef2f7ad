/** `--by` on validate, landscape and compare: groups keyed on a (derived) attribute, per-slice summaries. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoData } from '../helpers/paths.js';

const moe = repoData('steplaw', 'moe_lr_bs_loss.csv');
const dense = repoData('steplaw', 'dense_lr_bs_loss.csv');

describe('--by', () => {
  it('validate --by sparsity: four slices of four groups whose summaries pool to the overall one', () => {
    const r = runCli(['validate', moe, '--law', 'steplaw-rounded', '--read', 'nearest', '--by', 'sparsity', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.by).toBe('sparsity');
    expect(v.bySlice.map((s: { slice: number }) => s.slice)).toEqual([0.0874, 0.108, 0.274, 0.576]);
    const means = v.bySlice.map((s: { summary: { meanRelativeError: number; evaluated: number } }) => s.summary.meanRelativeError * s.summary.evaluated);
    expect(means.reduce((a: number, b: number) => a + b, 0) / 16).toBeCloseTo(v.summary.meanRelativeError, 12);
    // Same groups as without --by: the MoE file is already keyed on moe_name (the paper: within +0.5% of every MoE group but one; we get mean ≈ 0.16%).
    expect(v.summary.meanRelativeError).toBeCloseTo(0.00159, 4);
  });
  it('landscape --by shape keys the dense groups on shape too (17 groups, 5 shapes)', () => {
    const r = runCli(['landscape', dense, '--by', 'shape', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const l = JSON.parse(r.stdout);
    expect(l.groups).toHaveLength(17);
    expect(new Set(l.groups.map((g: { group: string }) => g.group.split(' ')[0])).size).toBe(5);
  });
  it('an attribute that cannot be derived is a one-line error naming what it needs', () => {
    const r = runCli(['compare', dense, '--by', 'sparsity']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot derive "sparsity": needs a Na\/N column, or Na/);
  });
  it('--diverged-ratio must exceed 1 on every command that slices (one shared check)', () => {
    for (const args of [['fit', moe, '--by', 'moe_name', '--bootstrap', '0'], ['slices', moe, '--by', 'moe_name'], ['validate', moe]]) {
      const r = runCli([...args, '--diverged-ratio', '0.9']);
      expect(r.status, args[0]).toBe(2);
      expect(r.stderr.trim()).toBe('error: bad --diverged-ratio "0.9": a number > 1');
    }
  });
});
