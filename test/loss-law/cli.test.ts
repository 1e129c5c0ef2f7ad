/** The built CLI (`npm test` builds first): loss-fit and compute-optimal end to end. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoData } from '../helpers/paths.js';

const run = (...args: string[]) => spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
const GADRE = repoData('gadre-overtraining', 'gadre_104_models_flat.csv');
const MAP = 'N=N_params,D=D_tokens,loss=loss_c4_val';

describe('steplaw compute-optimal', () => {
  it('reproduces the 15 stored exponents of Porian et al. and compares rw with owt2', () => {
    const r = run('compute-optimal', repoData('porian', 'isoflop_optimal_pairs.csv'), '--json', '--bootstrap', '50', '--compare', 'dataset');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const stored = JSON.parse(readFileSync(repoData('porian', 'compute_optimal_fit_results.json'), 'utf8'));
    expect(out.configurations).toHaveLength(15);
    for (const c of out.configurations) {
      const key = `${c.config.dataset === 'owt2' ? 'summary_df_owt2' : c.config.param_count === 'attention' ? 'summary_df_att' : c.config.hparams === 'tuned' && c.config.warmup === 'long' ? 'summary_df_kaplan_tuned_hparams' : 'summary_df'}.pickle.xz|${c.key}`;
      expect(c.N.exponent.toFixed(3), key).toBe(stored[key].bs_median_weighted.n_exponent.toFixed(3));
    }
    expect(out.comparisons).toHaveLength(5);
  });

  it('a missing column is a one-line error with exit status 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'co-cli-'));
    const f = join(dir, 'x.csv');
    writeFileSync(f, 'cfg,flops,N_star\na,1e16,1e6\n');
    const r = run('compute-optimal', f);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/N_star_log_std/);
  });
});

describe('steplaw loss-fit', () => {
  it('Gadre et al. check through the CLI: --objective lsq --shared-exponent on the five points', () => {
    const lines = readFileSync(GADRE, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const col = (name: string) => header.indexOf(name);
    const keep = lines.slice(1).filter((l) => {
      const c = l.split(',');
      const cfg = c[col('model_config')];
      const M = Number(c[col('tokens_per_param_nominal')]);
      return (
        c[col('train_dataset')] === 'rpj' &&
        ((['d=96_l=8_h=4', 'd=512_l=8_h=4', 'd=576_l=24_h=8', 'd=1024_l=24_h=8'].includes(cfg) && M === 20) || (cfg === 'd=96_l=8_h=4' && M === 320))
      );
    });
    expect(keep).toHaveLength(5);
    const dir = mkdtempSync(join(tmpdir(), 'loss-cli-'));
    const f = join(dir, 'five.csv');
    writeFileSync(f, [lines[0], ...keep].join('\n') + '\n');
    const r = run('loss-fit', f, '--map', MAP, '--objective', 'lsq', '--shared-exponent', '--json');
    expect(r.status).toBe(0);
    const fit = JSON.parse(r.stdout).fits[0];
    const v = (q: string) => fit.estimates[q].value as number;
    expect(v('alpha')).toBe(v('beta'));
    // The 1.4B model at M = 640 on rpj: N = 1439795200, D = 921468928000, C4 eval loss 2.502053562117363.
    const pred = v('E') + v('A') / 1439795200 ** v('alpha') + v('B') / 921468928000 ** v('beta');
    expect(((100 * Math.abs(pred - 2.502053562117363)) / 2.502053562117363).toFixed(4)).toBe('0.7103');
    expect(fit.convergence.success).toBe(true);
  });

  it('--by train_dataset: one fit per set and a differences table', () => {
    const r = run('loss-fit', GADRE, '--map', MAP, '--by', 'train_dataset', '--bootstrap', '20', '--seed', '3', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.fits.map((f: { label: string }) => f.label)).toEqual(['c4_original', 'rpj', 'rw_original']);
    expect(out.fits.map((f: { bootstrap: { seed: number } }) => f.bootstrap.seed)).toEqual([3, 4, 5]);
    const alpha = out.differences.rows.find((x: { quantity: string }) => x.quantity === 'alpha');
    expect(alpha.differences).toHaveLength(3);
  });

  it('text output prints estimates unrounded and the convergence status', () => {
    const r = run('loss-fit', GADRE, '--map', MAP, '--drop-top', '2');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/status\s+converged/);
    expect(r.stdout).toMatch(/alpha\s+0\.\d{12,}/);
    expect(r.stdout).toMatch(/dropped the 2 highest/);
  });

  it('bad input: a missing column (no --map) and a bad --objective are one-line errors, exit 2', () => {
    const r1 = run('loss-fit', GADRE);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/missing required column "N"/);
    expect(r1.stderr.trim().split("\n")).toHaveLength(1);
    const r2 = run('loss-fit', GADRE, '--map', MAP, '--objective', 'l1');
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/--objective/);
    const r3 = run('loss-fit', GADRE, '--map', MAP, '--by', 'nope');
    expect(r3.status).toBe(2);
    expect(r3.stderr).toMatch(/--by/);
  });
});
