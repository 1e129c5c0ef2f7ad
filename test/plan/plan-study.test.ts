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
    expect(readme).toContain(`lr N ${f3(e.lrN.plannerEstimatorFullGrid)}, lr D ${f3(e.lrD.plannerEstimatorFullGrid)}, batch D\n${f3(e.batchD.plannerEstimatorFullGrid)} (held-out error ${pct(s.fullGridPlannerEstimatorCvMeanRelativeError)})`);
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
      }
    }
  });
  it('the prose around the block says what the record holds', () => {
    const cell = (prior: string, K: number) => study.replays.cells.find((c) => c.prior === prior && c.runsPerGroup === K)!;
    expect(readme).toContain('9 of 10 seeds inside\nall three intervals and within 0.02 points');
    expect(cell('steplaw', 6).allInside).toBe(9);
    expect(cell('steplaw', 6).cvWithin).toBe(9);
    expect(cell('steplaw', 4).allInside).toBeLessThanOrEqual(2);
    for (const K of [8, 12]) expect(cell('steplaw', K).allInside).toBeLessThan(cell('steplaw', 6).allInside);
    expect(cell('steplaw', 16).allInside).toBe(10);
    expect(cell('deepseek', 16).allInside).toBe(10);
    expect(cell('deepseek', 8).cvWithin).toBeGreaterThanOrEqual(cell('steplaw', 6).cvWithin);
    expect(cell('deepseek', 12).allInside).toBeLessThan(10);
    expect(readme).toContain('a batch D-exponent of 0.9');
    expect(cell('deepseek', 6).exponents.batchD.max).toBeGreaterThanOrEqual(0.9);
    expect(readme).toContain('4 against 9 of 10 seeds');
    expect(cell('steplaw', 6).authorsWayAllInside).toBe(4);
    for (const c of study.replays.cells.filter((x) => x.runsPerGroup >= 8)) expect(c.authorsWayAllInside, `${c.prior} ${c.runsPerGroup}`).toBeLessThan(c.allInside);
    // Synthetic: D-exponents 0.02–0.03 low; coverage 90–100%.
    expect(readme).toContain('come out 0.02–0.03 low');
    expect(readme).toContain('in 90–100% of trials');
    for (const c of study.synthetic.configs) {
      for (const n of ['lrD', 'batchD'] as const) {
        expect(c.result.exponents[n].bias).toBeLessThanOrEqual(-0.015);
        expect(c.result.exponents[n].bias).toBeGreaterThanOrEqual(-0.035);
      }
      for (const e of Object.values(c.result.exponents)) expect(e.coverage).toBeGreaterThanOrEqual(0.9);
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
