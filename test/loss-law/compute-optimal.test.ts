import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareComputeOptimalSlices,
  fitComputeOptimal,
  wlsPowerLaw,
} from '../../src/laws/compute-optimal.js';
import { readOptimalPairs } from '../../src/ingest/optimal-pairs.js';
import { PORIAN_CONFIG_COLUMNS, reproducePorian } from '../../src/jobs/porian.js';
import { quantile } from '../../src/util/stats.js';
import { repoData } from '../helpers/paths.js';

const stored = JSON.parse(readFileSync(repoData('porian', 'compute_optimal_fit_results.json'), 'utf8')) as Record<
  string,
  { bs_median_weighted: { n_exponent: number; n_coef: number; t_exponent: number; t_coef: number } }
>;

describe('wlsPowerLaw', () => {
  it('recovers an exact power law y = 3·C^0.5 whatever the weights', () => {
    const C = [1e16, 1e17, 1e18, 1e19];
    const y = C.map((c) => 3 * c ** 0.5);
    const f = wlsPowerLaw(C, y, [0.1, 0.2, 0.3, 0.4])!;
    expect(f.exponent).toBeCloseTo(0.5, 12);
    expect(f.coef / 3).toBeCloseTo(1, 9);
    expect(f.r2).toBeCloseTo(1, 12);
  });

  it('weights pull the line toward the precise points (hand-derivable)', () => {
    // ln y = 0, 1, 3 at ln C = 0, 1, 2. A point with huge σ has no say: the fit is the line through
    // the other two (slope 1); with equal weights it is the OLS slope 1.5.
    const C = [1, Math.E, Math.E ** 2];
    const y = [1, Math.E, Math.E ** 3];
    expect(wlsPowerLaw(C, y, [1, 1, 1])!.exponent).toBeCloseTo(1.5, 12);
    expect(wlsPowerLaw(C, y, [1, 1, 1e6])!.exponent).toBeCloseTo(1, 9);
  });

  it('returns undefined when all points share one budget', () => {
    expect(wlsPowerLaw([5, 5, 5], [1, 2, 3], [1, 1, 1])).toBeUndefined();
  });
});

describe('Porian et al. compute-optimal exponents (docs/method.md#loss-laws)', () => {
  const rep = reproducePorian({ bootstrap: 200 });

  it('reproduces every stored bs_median_weighted.n_exponent to 3 decimals, all 15 configurations', () => {
    expect(rep.configurations).toHaveLength(15);
    expect(new Set(rep.configurations.map((c) => c.key))).toEqual(new Set(Object.keys(stored)));
    for (const c of rep.configurations) {
      const s = stored[c.key].bs_median_weighted;
      expect(c.N!.exponent.toFixed(3), c.key).toBe(s.n_exponent.toFixed(3));
      // In fact the same WLS: agreement to ~1e-12, and the coefficient and D*(C) fit agree too.
      expect(Math.abs(c.N!.exponent - s.n_exponent)).toBeLessThan(1e-9);
      expect(c.N!.coef / s.n_coef).toBeCloseTo(1, 6);
      expect(Math.abs(c.D!.exponent - s.t_exponent)).toBeLessThan(1e-9);
      expect(c.D!.coef / s.t_coef).toBeCloseTo(1, 6);
    }
    expect(rep.allMatch3dp).toBe(true);
  });

  it('tuned RefinedWeb: 0.4969 (the published example)', () => {
    const c = rep.configurations.find((x) => x.key === 'summary_df.pickle.xz|rw|tuned|short|const|standard|val')!;
    expect(c.N!.exponent.toFixed(4)).toBe('0.4969');
    // numpy: X=[1, ln C], W=diag(1/N_star_log_std²) over the 12 rows; σ̂² = Σw r²/(n−2);
    // se = sqrt(diag(σ̂²·(XᵀWX)⁻¹))[1] = 0.00808654; plain log-space R² 0.997462212572753 (= stored n_r2).
    expect(c.N!.stderr.exponent).toBeCloseTo(0.00808654, 7);
    expect(c.N!.r2).toBeCloseTo(0.997462212572753, 10);
  });

  it('rows without an interior optimum are counted and excluded (4 in the file)', () => {
    const total = rep.configurations.reduce((s, c) => s + c.withoutOptimum, 0);
    expect(total).toBe(4);
    const withWarn = rep.configurations.filter((c) => c.warnings.some((w) => w.code === 'no-interior-optimum'));
    expect(withWarn.length).toBe(3);
  });

  it('rw vs owt2: five matched configurations; difference = difference of estimates, interval from paired resamples', () => {
    const rows = rep.datasetComparison.rows;
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      expect(r.slices.map((s) => s.value)).toEqual(['rw', 'owt2']);
      expect(r.difference.estimate).toBeCloseTo(r.slices[0].exponent - r.slices[1].exponent, 14);
      expect(r.difference.ci95[0]).toBeLessThan(r.difference.ci95[1]);
      expect(r.difference.excludesZero).toBe(r.difference.ci95[0] > 0 || r.difference.ci95[1] < 0);
    }
  });

  it('the difference interval is the percentile interval of the paired bootstrap differences', () => {
    const table = readOptimalPairs(repoData('porian', 'isoflop_optimal_pairs.csv'), { configColumns: PORIAN_CONFIG_COLUMNS });
    const fits = fitComputeOptimal(table, { bootstrap: 300, seed: 7 });
    const cmp = compareComputeOptimalSlices(fits, { by: 'dataset', ignore: ['source_file'], order: ['rw', 'owt2'] });
    const r = cmp.find((x) => x.match.hparams === 'tuned')!;
    const rw = fits.find((f) => f.key === r.slices[0].key)!.N!.bootstrap!.exponentSamples;
    const owt = fits.find((f) => f.key === r.slices[1].key)!.N!.bootstrap!.exponentSamples;
    const d = rw.map((v, i) => v - owt[i]).filter(Number.isFinite);
    expect(r.difference.ci95[0]).toBe(quantile(d, 0.025));
    expect(r.difference.ci95[1]).toBe(quantile(d, 0.975));
  });

  it('default configuration columns drop the provenance column source_file (still 15 configurations)', () => {
    const table = readOptimalPairs(repoData('porian', 'isoflop_optimal_pairs.csv'));
    expect(table.configColumns).toEqual(['dataset', 'hparams', 'warmup', 'decay', 'param_count', 'loss_split']);
    expect(table.provenanceColumns).toEqual(['source_file']);
    expect(fitComputeOptimal(table, { bootstrap: 0 })).toHaveLength(15);
  });

  it('is deterministic for a fixed seed', () => {
    const again = reproducePorian({ bootstrap: 200 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(rep));
  });
});

describe('degenerate configurations', () => {
  it('fewer than 3 optima: a too-few-optima warning and no fit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'co-'));
    const file = join(dir, 'pairs.csv');
    writeFileSync(
      file,
      'cfg,flops,N_star,N_star_log_std\na,1e16,1e6,0.1\na,1e17,3e6,0.1\nb,1e16,1e6,0.1\nb,1e17,3e6,0.1\nb,1e18,9e6,0.1\nb,1e19,,\n',
    );
    const fits = fitComputeOptimal(readOptimalPairs(file), { bootstrap: 0 });
    expect(fits.map((f) => f.key)).toEqual(['a', 'b']);
    expect(fits[0].N).toBeUndefined();
    expect(fits[0].warnings.map((w) => w.code)).toEqual(['too-few-optima']);
    expect(fits[1].N!.exponent).toBeCloseTo(Math.log(3) / Math.log(10), 12);
    expect(fits[1].withoutOptimum).toBe(1);
  });
});
