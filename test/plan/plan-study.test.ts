/**
 * The README's planner figures are what the code produces: the headline table
 * from fits/plan-replay-dense.json (which test/reproduce checks against the
 * code), the generated reliability block from docs/plan-study.json, and a
 * sample of that record's replays recomputed here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep, type Grid } from '../../src/sweep/grid.js';
import { resolveLaw } from '../../src/laws/catalog.js';
import { fullGridReference, type FullGridReference } from '../../src/plan/reference.js';
import { replayRow } from '../../src/plan/study.js';
import { PLAN_STUDY } from '../../src/plan/study-config.js';
import { planStudyMarkdown, type PlanStudyRecord } from '../../src/report/plan-study.js';
import { repoData } from '../helpers/paths.js';
import { repoRoot } from '../helpers/paths.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const study: PlanStudyRecord = JSON.parse(readFileSync(join(repoRoot, 'docs', 'plan-study.json'), 'utf8'));
const replay = JSON.parse(readFileSync(join(repoRoot, 'fits', 'plan-replay-dense.json'), 'utf8'));
const f3 = (v: number) => v.toFixed(3).replace('-', '−');
const ci = (c: [number, number]) => `[${f3(c[0])}, ${f3(c[1])}]`;
const pct = (v: number, d = 3) => `${(100 * v).toFixed(d)}%`;

let grids: Grid[];
let reference: FullGridReference;
beforeAll(() => {
  grids = groupSweep(loadSweep([repoData('steplaw', 'dense_lr_bs_loss.csv')])).grids.filter((g) => g.argmin);
  reference = fullGridReference(grids, { bootstrap: PLAN_STUDY.referenceBootstrap, seed: 0 });
}, 300_000);

describe('README "Planning a sweep"', () => {
  it('headline table: the released grid vs the plan, from fits/plan-replay-dense.json', () => {
    const s = replay.summary;
    const e = s.exponents;
    expect(readme).toContain(
      `| released grid, the authors' fit | ${s.totalRuns.toLocaleString('en-US')} | 100% | ${f3(e.lrN.fullGrid)} ${ci(e.lrN.fullGridCi95)} | ${f3(e.lrD.fullGrid)} ${ci(e.lrD.fullGridCi95)} | ${f3(e.batchD.fullGrid)} ${ci(e.batchD.fullGridCi95)} | ${pct(s.fullGridCvMeanRelativeError)} |`,
    );
    expect(readme).toContain(
      `| the plan, ${replay.options.runsPerGroup} runs per group (seed ${replay.options.seed}) | ${s.revealedRuns} | ${pct(s.computeFraction, 2)} | ${f3(e.lrN.planned)} ${ci(e.lrN.plannedCi95)} | ${f3(e.lrD.planned)} ${ci(e.lrD.plannedCi95)} | ${f3(e.batchD.planned)} ${ci(e.batchD.plannedCi95)} | ${pct(s.cvMeanRelativeError)} |`,
    );
    expect(readme).toContain(`lr N ${f3(e.lrN.plannerEstimatorFullGrid)}, lr D ${f3(e.lrD.plannerEstimatorFullGrid)}, batch D ${f3(e.batchD.plannerEstimatorFullGrid)} (held-out error ${pct(s.fullGridPlannerEstimatorCvMeanRelativeError)})`);
  });
  it('the generated reliability block is docs/plan-study.json drawn', () => {
    expect(readme).toContain(planStudyMarkdown(study));
  });
  it('the record\'s reference is the complete grid\'s (recomputed)', () => {
    expect(study.replays.reference.exponents.lrD).toBeCloseTo(reference.exponents.lrD, 12);
    expect(study.replays.reference.ci95.lrD![0]).toBeCloseTo(reference.ci95.lrD![0], 12);
    expect(study.replays.reference.ci95.batchD![1]).toBeCloseTo(reference.ci95.batchD![1], 12);
    expect(study.replays.reference.cvMeanRelativeError).toBeCloseTo(reference.cvMeanRelativeError, 12);
  });
  it('a sample of the record\'s replays, recomputed', () => {
    for (const [prior, K, seed] of [['steplaw', 6, 0], ['deepseek', 8, 3], ['steplaw', 12, 7]] as const) {
      const got = replayRow(grids, resolveLaw(prior), K, seed, reference);
      const want = study.replays.rows.find((r) => r.prior === prior && r.runsPerGroup === K && r.seed === seed)!;
      expect(got.revealedRuns).toBe(want.revealedRuns);
      expect(got.computeFraction).toBeCloseTo(want.computeFraction, 12);
      expect(got.cvMeanRelativeError!).toBeCloseTo(want.cvMeanRelativeError!, 12);
      for (const n of ['lrN', 'lrD', 'batchD'] as const) {
        expect(got.planned[n]).toBeCloseTo(want.planned[n], 10);
        expect(got.inside[n]).toBe(want.inside[n]);
        // The authors' band selection on the same revealed runs (the block's last columns).
        expect(got.authorsWay[n]).not.toBeNull();
        expect(got.authorsWay[n]!).toBeCloseTo(want.authorsWay[n]!, 10);
      }
    }
  });
  it('one synthetic configuration of the record, recomputed from its stored spec (incl. the authors\' band selection bias)', async () => {
    const { syntheticTrials } = await import('../../src/plan/trials.js');
    const config = study.synthetic.configs.find((c) => c.label === 'no scatter of optima around the law')!;
    const groups = grids.map((g) => ({ key: g.key, N: g.N, D: g.D, lattice: { lrLevels: g.lrLevels, batchLevels: g.batchLevels } }));
    // syntheticStudy's prior: off by ×2 in lr and ×½ in batch.
    const got = syntheticTrials(groups, config.spec, { ...PLAN_STUDY.synthetic, priorOffset: { lnLr: Math.log(2), lnB: -Math.log(2) } });
    for (const n of ['lrN', 'lrD', 'batchD'] as const) {
      const [g, w] = [got.exponents[n], config.result.exponents[n]];
      expect(g.meanEstimate).toBeCloseTo(w.meanEstimate, 10);
      expect(g.coverage).toBe(w.coverage);
      expect(g.authorsWayBias).not.toBeNull();
      expect(g.authorsWayBias!).toBeCloseTo(w.authorsWayBias!, 10);
    }
  }, 120_000);
  it('the prose around the block says what the record holds', () => {
    const cell = (prior: string, K: number) => study.replays.cells.find((c) => c.prior === prior && c.runsPerGroup === K)!;
    const cv = study.replays.reference.cvMeanRelativeError;
    expect(readme).toContain('inside the complete grid\'s intervals in 8 of 10 seeds with the Step\nLaw as prior and in 10 of 10 with DeepSeek\'s');
    expect(cell('steplaw', 6).allInside).toBe(8);
    expect(cell('deepseek', 6).allInside).toBe(10);
    expect(readme).toContain('in 7 and 8 of 10 seeds');
    expect(cell('steplaw', 6).cvWithin).toBe(7);
    expect(cell('deepseek', 6).cvWithin).toBe(8);
    // "when it is not, it is above it (median … against …)"
    for (const p of ['steplaw', 'deepseek']) {
      for (const r of study.replays.rows.filter((x) => x.prior === p && x.runsPerGroup === 6)) {
        if (Math.abs(r.cvMeanRelativeError! - cv) > study.replays.cvTolerance) expect(r.cvMeanRelativeError!).toBeGreaterThan(cv);
      }
    }
    expect(readme).toContain(`(median ${pct(cell('steplaw', 6).cv.median)} against ${pct(cv)})`);
    expect(cell('steplaw', 4).allInside).toBeLessThanOrEqual(2);
    const later = study.replays.cells.filter((c) => c.runsPerGroup >= 8).map((c) => c.allInside);
    expect(readme).toContain('inside in 7 to 10 of 10 seeds');
    expect(Math.min(...later)).toBe(7);
    expect(Math.max(...later)).toBe(10);
    for (const c of study.replays.cells.filter((x) => x.runsPerGroup >= 6)) expect(c.authorsWayAllInside, `${c.prior} ${c.runsPerGroup}`).toBeLessThanOrEqual(c.allInside);
    expect(readme).toContain('(6 and 5 of 10 seeds against 8 and 10)');
    expect(cell('steplaw', 6).authorsWayAllInside).toBe(6);
    expect(cell('deepseek', 6).authorsWayAllInside).toBe(5);
    // Synthetic: bias at most a tenth of the interval width and at most 0.015; coverage 90–100%.
    expect(readme).toContain('at most a tenth of its interval width (at most 0.015)');
    expect(readme).toContain('in 90–100% of trials');
    for (const c of study.synthetic.configs) {
      for (const e of Object.values(c.result.exponents)) {
        expect(Math.abs(e.bias)).toBeLessThanOrEqual(e.meanCiWidth / 10);
        expect(Math.abs(e.bias)).toBeLessThanOrEqual(0.0155);
        expect(e.coverage).toBeGreaterThanOrEqual(0.9);
      }
    }
  });
  it('each cell summarises its rows', () => {
    for (const c of study.replays.cells) {
      const rows = study.replays.rows.filter((r) => r.prior === c.prior && r.runsPerGroup === c.runsPerGroup);
      expect(rows).toHaveLength(c.seeds);
      expect(c.allInside).toBe(rows.filter((r) => r.inside.lrN && r.inside.lrD && r.inside.batchD).length);
      expect(c.exponents.lrD.min).toBe(Math.min(...rows.map((r) => r.planned.lrD)));
      expect(c.meanComputeFraction).toBeCloseTo(rows.reduce((s, r) => s + r.computeFraction, 0) / rows.length, 12);
    }
  });
});
