/**
 * A sweep at one fixed batch size (the (Mis)Fitting sweep, docs/method.md#loss-laws:
 * batch 1,048,576 tokens, ~3 peak learning rates per (N, D), many optima at the
 * edge of the lr grid). `--batch-tokens` supplies the batch; an optimum that is
 * not bracketed is flagged, not fitted silently, and can be left out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { edgeAxes, groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';
import { InputError } from '../../src/messages.js';
import { validateLaw } from '../../src/validate/validate.js';
import { stepLawRounded } from '../../src/laws/published/steplaw.js';
import { runCli } from '../helpers/cli.js';
import { fixture, repoData } from '../helpers/paths.js';

const file = fixture('misfitting', 'scaling_results_last_ckpt_only.csv');
const map = { N: 'N_no_emb', D: 'train_tokens', lr: 'peak_lr', loss: 'loss' };
const B = 1048576;

/** Independent reading of the CSV: groups by (N_no_emb, train_tokens) with their (lr, loss) runs. */
function independentGroups(): { lrs: number[]; losses: number[] }[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const h = head.split(',');
  const at = (cells: string[], c: string) => Number(cells[h.indexOf(c)]);
  const groups = new Map<string, { lrs: number[]; losses: number[] }>();
  for (const line of lines) {
    const cells = line.split(',');
    const k = `${at(cells, 'N_no_emb')}|${at(cells, 'train_tokens')}`;
    const g = groups.get(k) ?? { lrs: [], losses: [] };
    g.lrs.push(at(cells, 'peak_lr'));
    g.losses.push(at(cells, 'loss'));
    groups.set(k, g);
  }
  return [...groups.values()];
}

describe('fixed-batch sweep (--batch-tokens)', () => {
  const sweep = loadSweep([file], { map, batchTokens: B });
  const { grids, warnings } = groupSweep(sweep);
  const indep = independentGroups();
  const edge = indep.filter((g) => {
    const i = g.losses.indexOf(Math.min(...g.losses));
    const distinct = new Set(g.lrs);
    return distinct.size > 1 && (g.lrs[i] === Math.min(...g.lrs) || g.lrs[i] === Math.max(...g.lrs));
  });

  it('reads all 261 runs at 1,048,576 tokens; batch axis not searched', () => {
    expect(sweep.runs).toHaveLength(261);
    expect(sweep.runs.every((r) => r.batchTokens === B)).toBe(true);
    expect(grids).toHaveLength(indep.length);
    expect(warnings.some((w) => w.code === 'axis-not-searched' && w.detail?.axis === 'batch')).toBe(true);
  });
  it('flags exactly the groups whose best lr is the smallest or largest tried (independent count)', () => {
    expect(edge.length).toBeGreaterThan(20);
    const flagged = grids.filter((g) => edgeAxes(g).length > 0);
    expect(flagged).toHaveLength(edge.length);
    for (const g of flagged) expect(edgeAxes(g)).toEqual(['lr']);
    expect(warnings.filter((w) => w.code === 'optimum-on-edge')).toHaveLength(edge.length);
  });
  // Groups that tried fewer than 3 learning rates (independent count) have no optimum to read.
  const fewLr = indep.filter((g) => new Set(g.lrs).size < 3);
  it('refuses by default: some groups tried fewer than 3 learning rates (no optimum to read)', () => {
    expect(fewLr.length).toBeGreaterThan(0);
    expect(() => fitStepLaw(grids, { bootstrap: 0 })).toThrow(InputError);
    expect(() => fitStepLaw(grids, { bootstrap: 0 })).toThrow(new RegExp(`not identifiable \\(optimum-not-readable\\).*and ${fewLr.length - 1} more`));
  });
  it('with the override: one unidentifiable warning per such group, and a warning for each unbracketed optimum; the batch law is the constant, not an exponent', () => {
    const fit = fitStepLaw(grids, { bootstrap: 0, allowUnidentifiable: true });
    expect(fit.warnings.filter((w) => w.code === 'unidentifiable')).toHaveLength(fewLr.length);
    expect(fit.warnings.filter((w) => w.code === 'optimum-on-edge')).toHaveLength(edge.length);
    expect(fit.warnings.some((w) => w.code === 'not-identified' && w.detail?.axis === 'batch')).toBe(true);
    expect(fit.batch.terms.map((t) => t.term)).toEqual(['intercept']);
    expect(fit.batch.terms[0].estimate).toBeCloseTo(Math.log(B), 12);
    expect(fit.law.batch.coefD).toBe(0);
  });
  it('--exclude-unbracketed keeps only the band runs of bracketed groups (independent count)', () => {
    const fit = fitStepLaw(grids, { bootstrap: 0, excludeUnbracketed: true });
    // Left out: optima on the edge, and groups that tried a single lr (nothing to read there either).
    const expected = indep
      .filter((g) => !edge.includes(g) && new Set(g.lrs).size > 1)
      .reduce((n, g) => {
        const min = Math.min(...g.losses);
        return n + g.losses.filter((l) => Math.abs(l / min - 1) < 0.0025).length;
      }, 0);
    expect(fit.data.keptRuns).toBe(expected);
    expect(fit.options.excludeUnbracketed).toBe(true);
  });
  it('the validator scores the law on its lr at the sweep’s batch (batch-not-searched), not as an extrapolation in batch', () => {
    const v = validateLaw(grids, stepLawRounded(), { reader: 'nearest' });
    const scored = v.groups.filter((g) => g.relativeError !== null);
    expect(scored.length).toBeGreaterThan(70);
    for (const g of scored) {
      expect(g.flags).toContain('batch-not-searched');
      expect(g.predicted.batchTokens).toBe(B);
      expect(g.predicted.batchFrom).toBe('grid');
    }
    expect(v.groups.filter((g) => g.flags.includes('optimum-on-edge'))).toHaveLength(edge.length);
  });
  it('CLI: --batch-tokens with a batch column present is a one-line error', () => {
    const r = runCli(['fit', repoData('steplaw', 'dense_lr_bs_loss.csv'), '--batch-tokens', '1048576', '--bootstrap', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/has a batch column "bs" and --batch-tokens was given/);
  });
});
