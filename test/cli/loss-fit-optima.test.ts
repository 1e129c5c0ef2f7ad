/** `loss-fit --optima`: on an lr/batch sweep the loss law is fitted to each (N, D) group's best run. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoData } from '../helpers/paths.js';

const dense = repoData('steplaw', 'dense_lr_bs_loss.csv');

describe('loss-fit on an lr/batch sweep', () => {
  it('--optima fits the 17 group minima (docs/method.md#released-data: 17 dense groups), with the smallest loss of each', () => {
    const r = runCli(['loss-fit', dense, '--optima', '--bootstrap', '0', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.options.optima).toBe(true);
    expect(out.fits[0].n).toBe(17);
    expect(out.warnings.some((w: { code: string }) => w.code === 'several-runs-per-group')).toBe(false);
  });
  it('without --optima it fits every run and warns that sub-optimal runs are included', () => {
    const r = runCli(['loss-fit', dense, '--bootstrap', '0', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.fits[0].n).toBe(1911);
    const w = out.warnings.find((x: { code: string }) => x.code === 'several-runs-per-group');
    expect(w.count).toBe(1911 - 17);
  });
});
