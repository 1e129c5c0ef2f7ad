/**
 * How reliably `steplaw plan` works (README "Planning a sweep"): replays on the
 * released dense grid over seeds 0–9, two priors (the Step Law; DeepSeek's law,
 * a poor one here) and 4–16 runs per group, and synthetic sweeps with known
 * exponents (bias and coverage). Writes docs/plan-study.json and the README
 * block between the plan-study markers.
 *
 * Run: npx tsx scripts/plan-study.ts   (about a minute)
 */
import { readFileSync } from 'node:fs';
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep } from '../src/sweep/grid.js';
import { resolveLaw } from '../src/laws/catalog.js';
import { dataPath } from '../src/util/paths.js';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { planStudyInputs, PLAN_STUDY } from '../src/plan/study-config.js';
import { replayStudy } from '../src/plan/study.js';
import { syntheticStudy } from '../src/plan/trials.js';
import { fullGridReference } from '../src/plan/reference.js';
import { planStudyMarkdown, PLAN_STUDY_BEGIN, PLAN_STUDY_END, type PlanStudyRecord } from '../src/report/plan-study.js';

const file = dataPath('steplaw', 'dense_lr_bs_loss.csv');
const grids = groupSweep(loadSweep([file])).grids.filter((g) => g.argmin);
const t0 = Date.now();
const reference = fullGridReference(grids, { bootstrap: PLAN_STUDY.referenceBootstrap, seed: 0 });
const replays = replayStudy(grids, {
  priors: PLAN_STUDY.priors.map((name) => resolveLaw(name)),
  runsPerGroup: PLAN_STUDY.runsPerGroup,
  seeds: PLAN_STUDY.seeds,
  reference,
  onReplay: (d, n) => process.stderr.write(`\rreplays ${d}/${n}`),
});
process.stderr.write('\n');
const measured = planStudyInputs(grids);
const configs = syntheticStudy(grids, reference.coefficients, measured, {
  ...PLAN_STUDY.synthetic,
  onTrial: (d, n) => process.stderr.write(`\rsynthetic trials ${d}/${n}`),
});
process.stderr.write(`\n${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
const { kind: _k, version: _v, ...rest } = replays;
void _k;
void _v;
const record: PlanStudyRecord = {
  kind: 'steplaw-plan-study',
  version: 1,
  data: 'data/steplaw/dense_lr_bs_loss.csv',
  replays: rest,
  synthetic: { runsPerGroup: PLAN_STUDY.synthetic.runsPerGroup, trials: PLAN_STUDY.synthetic.trials, bootstrap: PLAN_STUDY.synthetic.bootstrap, configs },
};
writeFileAtomic('docs/plan-study.json', JSON.stringify(record, null, 1) + '\n');
const readme = readFileSync('README.md', 'utf8');
const a = readme.indexOf(PLAN_STUDY_BEGIN);
const b = readme.indexOf(PLAN_STUDY_END);
if (a < 0 || b < 0) throw new Error('README.md has no plan-study markers');
writeFileAtomic('README.md', readme.slice(0, a) + planStudyMarkdown(record) + readme.slice(b + PLAN_STUDY_END.length));
console.log('docs/plan-study.json and the README block written');
