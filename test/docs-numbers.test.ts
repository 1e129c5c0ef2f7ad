/**
 * Numbers in the prose of README.md and docs/*.md (outside the generated blocks, which
 * test/docs-generated.test.ts re-renders) are what the code produces with default options: each is
 * recomputed here — from the committed fits/ records (test/jobs checks they are what `steplaw reproduce`
 * writes), from the code's constants, or by counting the shipped data — and looked up in the document.
 * A document that quotes a different number fails. test/readme.test.ts holds the older README checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';
import { LIMITS } from '../src/cli/limits.js';
import { DEFAULT_MIN_SPREAD, MIN_INTERVAL_GROUPS, fitStepLaw } from '../src/laws/steplaw-fit.js';
import { stepLaw, stepLawRounded } from '../src/laws/published/steplaw.js';
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep } from '../src/sweep/grid.js';
import { DEFAULT_SURFACE_NEIGHBOURS } from '../src/validate/readers/index.js';
import { scoreNist } from '../scripts/nist-scoreboard.js';
import { readerLooScores } from '../scripts/reader-loo.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const doc = (name: string) => readFileSync(join(repoRoot, name), 'utf8');
/** The document with line breaks and runs of spaces collapsed (prose wraps anywhere). */
const flat = (name: string) => doc(name).replace(/\s+/g, ' ');
const readme = flat('README.md');
const fits = (f: string): Json => JSON.parse(readFileSync(join(repoRoot, 'fits', f), 'utf8'));
const pct = (v: number) => `${(100 * v).toFixed(3)}%`;
const minus = (s: string) => s.replace(/^-/, '−');
const f3 = (v: number) => minus(v.toFixed(3));
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A released Step Law CSV as rows of named cells (plain parsing, independent of src/ingest). */
function table(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(join(repoRoot, file), 'utf8').trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, k) => [cols[k], v])));
}

describe('README prose: "What the released data say"', () => {
  it('the released dense file: runs and (N, D) groups', () => {
    const dense = table('data/steplaw/dense_lr_bs_loss.csv');
    const groups = new Set(dense.map((r) => `${r.N}/${r.D}`)).size;
    const moeGroups = new Set(table('data/steplaw/moe_lr_bs_loss.csv').map((r) => `${r.moe_name}/${r.D}`)).size;
    expect(readme).toContain(`(${fits('steplaw-reproduction.json').data.keptRuns} of the ${dense.length} dense runs)`.replace(' runs)', ''));
    expect(readme).toContain(`The released grid cost ${dense.length.toLocaleString('en-US')} dense runs over ${groups} (N, D) groups`);
    expect(readme).toContain(`(17 dense + 16 MoE groups)`.replace('17', String(groups)).replace('16', String(moeGroups)));
  });

  it('the intercept "moves with the exponents": ln N ≈ 20 and ln D ≈ 24 at the kept runs', () => {
    const kept = fits('steplaw-dense.fit.json').kept as { N: number; D: number }[];
    const mean = (k: 'N' | 'D') => kept.reduce((s, r) => s + Math.log(r[k]), 0) / kept.length;
    expect(readme).toContain(`with ln N ≈ ${Math.round(mean('N'))} and ln D ≈ ${Math.round(mean('D'))}`);
  });

  it("our run-bootstrap means (seed 0) beside the authors' own code's", () => {
    const r = fits('steplaw-reproduction.json');
    const runs = (law: string, term: string) => r.coefficients.find((c: Json) => c.law === law && c.term === term).byResample.find((b: Json) => b.resample === 'runs').bootstrapMean;
    const sig3 = (v: number) => String(Number(v.toPrecision(3)));
    expect(readme).toContain(
      `means with seed 0, ${sig3(Math.exp(runs('lr', 'intercept')))}·N^${f3(runs('lr', 'lnN'))}·D^${f3(runs('lr', 'lnD'))} and ${sig3(Math.exp(runs('batch', 'intercept')))}·D^${f3(runs('batch', 'lnD'))})`,
    );
  });

  it('the selection band moves the lr D-exponent (plain OLS at 0.1% / 0.25% / 0.5% / 1%)', () => {
    const { grids } = groupSweep(loadSweep([join(repoRoot, 'data', 'steplaw', 'dense_lr_bs_loss.csv')]));
    const e = [0.001, 0.0025, 0.005, 0.01].map((band) => fitStepLaw(grids, { band, bootstrap: 0 }).lr.terms.find((t) => t.term === 'lnD')!.estimate.toFixed(3));
    expect(readme).toContain(`D-exponent is ${e.join(' / ')}`);
  });

  it('the landscape medians and the convexity count', () => {
    const l = fits('landscape.json');
    const m = (band: number) => l.dense.summary.medians.find((b: Json) => b.band === band);
    const x = (v: number) => Number(v.toPrecision(2));
    const [a, b] = [m(0.0025), m(0.01)];
    expect(readme).toContain(`over the ${l.dense.summary.groups} dense groups: ${a.runs} runs spanning ×${x(a.lrSpan)} in lr and ×${x(a.batchSpan)} in batch lie within 0.25% of the minimum; ${b.runs} runs spanning ×${x(b.lrSpan)} × ×${x(b.batchSpan)} within 1%`);
    expect(readme).toContain(`positive definite in ${l.dense.summary.convex}/${l.dense.summary.groups} dense and ${l.moe.summary.convex}/${l.moe.summary.groups} MoE groups`);
  });

  it('MoE with activated N: how many times worse than with total N', () => {
    const v = fits('steplaw-validation.json').moe;
    const ratio = v.activatedNRoundedNearest.summary.meanRelativeError / v.totalNRoundedNearest.summary.meanRelativeError;
    expect(readme).toContain(`(\`--N-column Na\`) it is ${WORDS[Math.round(ratio)]} times worse`);
  });

  it('OpenAI: its batch lies beyond the largest batch tried in as many groups as the compare record flags', () => {
    const openai = fits('compare-dense.json').rows.find((r: Json) => r.law === 'openai');
    expect(readme).toContain(`beyond the largest batch tried in ${openai.flags.extrapolated} groups (flag \`extrapolated\``);
  });

  it('MoE sparsity slices: the batch D-exponents', () => {
    const m = fits('slices-moe-sparsity.json');
    const b = m.exponents.find((e: Json) => e.exponent === 'batch/lnD');
    const order = ['1in8', '1in89', '2in88', '3in8'];
    const values = order.map((o) => b.slices.find((s: Json) => s.slice === `moe_name=${o}`).estimate.toFixed(3));
    expect(readme).toContain(`batch D-exponent ${values.join(', ')} (Step Law 0.571)`);
  });

  it('Gadre et al.: α and β per training set (c4, rpj, rw)', () => {
    const g = fits('gadre-loss-law.json').perDataset.fits;
    const v = (k: string) => g.map((s: Json) => s.estimates[k].value.toFixed(3));
    expect(g.map((s: Json) => s.label)).toEqual(['c4_original', 'rpj', 'rw_original']);
    expect(readme).toContain(`α = ${v('alpha').join(', ')} and β = ${v('beta').join(', ')} (c4, rpj, rw)`);
  });

  it('Porian et al.: tuned RefinedWeb exponent; rw vs owt2 difference of the one configuration that excludes 0', () => {
    const p = fits('porian-compute-optimal.json');
    const tunedRw = p.configurations.find((c: Json) => c.config.dataset === 'rw' && c.config.hparams === 'tuned' && c.config.param_count === 'standard');
    expect(readme).toContain(`(e.g. ${tunedRw.N.exponent.toFixed(4)} for tuned RefinedWeb)`);
    const rows = p.datasetComparison.rows;
    const excl = rows.filter((r: Json) => r.difference.excludesZero);
    expect(excl).toHaveLength(1);
    expect(excl[0].match.hparams).toBe('tuned');
    const d = excl[0].difference;
    expect(readme).toContain(`rw vs owt2 (${rows.length} matching configurations)`);
    expect(readme).toContain(`(${f3(d.estimate)}, interval ${f3(d.ci95[0])} to ${f3(d.ci95[1])};`);
  });
});

describe('README prose: planning, predict, limits, examples', () => {
  it("DeepSeek's law as a poor prior: its mean error on the dense groups", () => {
    const deepseek = fits('compare-dense.json').rows.find((r: Json) => r.law === 'deepseek');
    const quoted = `DeepSeek's law, ${pct(deepseek.meanRelativeError)} from the optimum`;
    expect(readme).toContain(quoted);
    expect(readme).toContain(`DeepSeek's law (${pct(deepseek.meanRelativeError)} from the optimum`);
  });

  it("predict: the bootstrap means, the authors' example and the rounded law's lr there", () => {
    const c = stepLaw().coefficients;
    const means = [c.lr.intercept, c.lr.coefN, c.lr.coefD, c.batch.intercept, c.batch.coefD].map((v) => minus(v.toFixed(6)));
    expect(readme).toContain(`(${means.join(', ')})`);
    const p = stepLaw().predict({ N: 7e9, D: 1.4e12 });
    const tokens = Math.round(p.batchTokens!);
    expect(readme).toContain(`it prints lr ${Number(p.lr!.toPrecision(4)).toExponential()} and ${tokens.toLocaleString('en-US')} tokens = ${(p.batchTokens! / 2048).toFixed(1)} sequences of 2048`);
    expect(readme).toContain(`{ lr: ${Number(p.lr!.toPrecision(4)).toExponential()}, batchTokens: ${tokens} }`);
    const r = stepLawRounded().predict({ N: 7e9, D: 1.4e12 });
    expect(readme).toContain(`(lr ≈ ${Number(r.lr!.toPrecision(3)).toExponential()} there, ${Math.round(100 * (1 - r.lr! / p.lr!))}% lower)`);
  });

  it('the limits are the code\'s', () => {
    const n = (v: number) => v.toLocaleString('en-US');
    expect(readme).toContain(`\`--bootstrap\` at most ${n(LIMITS.bootstrap.max)} (\`loss-fit\`: ${n(LIMITS.lossFitBootstrap.max)},`);
    expect(readme).toContain(`\`--seed\` at most ${n(LIMITS.seed.max)}`);
    expect(readme).toContain(`\`--seq-len\` at most ${n(LIMITS.seqLen.max)}; \`--d-digits\` at most ${LIMITS.dDigits.max}; \`--jobs\` at most ${LIMITS.jobs.max}.`);
  });

  it('identifiability thresholds: the ×1.1 spread and the group count for bootstrap intervals', () => {
    expect(readme).toContain(`span at least ×${DEFAULT_MIN_SPREAD} in it`);
    expect(readme).toContain(`fewer than ${MIN_INTERVAL_GROUPS} groups with an optimum gives \`few-groups\``);
    // "the MoE sparsities' total N differ by 0.3%"
    const Ns = [...new Set(table('data/steplaw/moe_lr_bs_loss.csv').map((r) => Number(r.N)))];
    expect(readme).toContain(`total N differ by ${(100 * (Math.max(...Ns) / Math.min(...Ns) - 1)).toFixed(1)}%`);
  });

  it('examples/: the number of training logs', () => {
    const logs = readdirSync(join(repoRoot, 'examples', 'runs')).length;
    expect(readme).toContain(`a small synthetic sweep and ${logs} training logs`);
  });

  it('the (Mis)Fitting sweep: runs, learning rates per (N, D), groups whose best lr is at the edge (as the code flags them)', () => {
    const file = join(repoRoot, 'test', 'fixtures', 'misfitting', 'scaling_results_last_ckpt_only.csv');
    const rows = table('test/fixtures/misfitting/scaling_results_last_ckpt_only.csv');
    const { grids } = groupSweep(loadSweep([file], { map: { N: 'N_no_emb', D: 'train_tokens', lr: 'peak_lr', loss: 'loss' }, batchTokens: 1048576 }));
    const edge = grids.filter((g) => !g.bracketed.lr).length;
    const quoted = `${rows.length} runs, ~${Math.round(rows.length / grids.length)} learning rates per (N, D)) ${edge} of ${grids.length} groups have their best lr at the edge`;
    expect(readme, quoted).toContain(quoted);
  });

  it('the dependency versions the table names are the ones package.json pins', () => {
    const pkg = JSON.parse(doc('package.json'));
    expect(pkg.dependencies.vega).toBe('6.4.0');
    expect(pkg.dependencies['vega-lite']).toBe('6.4.3');
    expect(readme).toContain(`\`vega\` ${pkg.dependencies.vega} + \`vega-lite\` ${pkg.dependencies['vega-lite']}, pinned exactly`);
    expect(readme).toContain(`| command line | \`commander\` ${pkg.dependencies.commander.replace(/^\^(\d+).*/, '$1')} |`);
    expect(readme).toContain(`| tests | \`vitest\` ${pkg.devDependencies.vitest.replace(/^[~^](\d+).*/, '$1')},`);
  });
});

describe('NIST prose (README and docs/engine.md) is the scoreboard the engine produces', () => {
  const rows = scoreNist(undefined, true);
  const lanczos1 = rows.filter((r) => r.problem === 'Lanczos1');
  const danwood = rows.filter((r) => r.problem === 'DanWood');
  const unsolved = rows.filter((r) => !r.solved);
  it('README', () => {
    expect(rows.every((r) => r.success && r.lreParams >= 6)).toBe(true);
    expect(readme).toContain(`All ${rows.length} converge to the certified parameters`);
    expect([...new Set(unsolved.map((r) => r.problem))]).toEqual(['Lanczos1']);
    expect(readme).toContain(`The ${WORDS[unsolved.length]} short of "solved" are Lanczos1, whose parameters are right to ${Math.min(...lanczos1.map((r) => r.lreParams)).toFixed(1)} digits`);
    const sd = lanczos1.map((r) => r.lreStderr);
    expect(readme).toContain(`standard deviations only ~${Math.floor(Math.min(...sd))}–${Math.ceil(Math.max(...sd))} digits`);
    expect(readme).toContain(`DanWood (a pure power law) to ≥ ${Math.min(...danwood.flatMap((r) => [r.lreParams, r.lreStderr])).toFixed(1)} digits`);
  });
  it('docs/engine.md', () => {
    const engine = flat('docs/engine.md');
    const solved = rows.filter((r) => r.solved).length;
    expect(engine).toContain(`**NIST StRD: solved ${solved} of ${rows.length}** (${rows.length / 2} problems × 2 certified starts; all ${rows.length} converge`);
    expect(engine).toContain(`DanWood, a pure power law, to ≥ ${Math.min(...danwood.flatMap((r) => [r.lreParams, r.lreStderr])).toFixed(1)} significant digits`);
    const sd = lanczos1.map((r) => r.lreStderr.toFixed(1)).sort();
    expect(engine).toContain(`**Lanczos1** (both starts): parameters to ${lanczos1[0].lreParams.toFixed(1)} digits, standard deviations to ${sd[0]}–${sd[sd.length - 1]}.`);
  });
});

describe('docs/validate.md prose', () => {
  const v = flat('docs/validate.md');
  it('"k = 16–20 neighbours are equivalent; 16 ships (best on MoE, smallest max)"', () => {
    const surface = readerLooScores().filter((r) => r.k !== undefined);
    const at = (data: string, k: number) => surface.find((r) => r.data === data && r.k === k)!;
    expect(DEFAULT_SURFACE_NEIGHBOURS).toBe(16);
    expect(v).toContain(`k = 16–20 neighbours are equivalent; ${DEFAULT_SURFACE_NEIGHBOURS} ships (best on MoE, smallest max)`);
    // Equivalent: pooled means within 0.005 percentage points.
    expect(Math.abs(at('all', 16).meanAbsRelError - at('all', 20).meanAbsRelError)).toBeLessThan(5e-5);
    // Best on MoE among all k; smallest max among the equivalent k ≥ 16.
    for (const r of surface.filter((x) => x.data === 'moe')) expect(at('moe', 16).meanAbsRelError).toBeLessThanOrEqual(r.meanAbsRelError);
    for (const k of [20, 25, 30]) expect(at('all', 16).maxAbsRelError).toBeLessThan(at('all', k).maxAbsRelError);
  });
  it('the caveat quotes the nearest-reader acceptance numbers of the record', () => {
    const s = fits('steplaw-validation.json').dense;
    expect(v).toContain(`below (${pct(s.roundedNearest.summary.meanRelativeError)} / ${pct(s.bootstrapMeansNearest.summary.meanRelativeError)}) are for the **nearest** reader`);
  });
});

describe('docs/loss-laws.md prose', () => {
  const l = flat('docs/loss-laws.md');
  it('models per training set, configurations, rw/owt2 pairs and the agreement with the stored exponents', () => {
    const g = fits('gadre-loss-law.json').perDataset.fits.map((s: Json) => s.n);
    expect(l).toContain(`With ${Math.min(...g)}–${Math.max(...g)} models per set`);
    const p = fits('porian-compute-optimal.json');
    const n = p.configurations.length;
    expect(l).toContain(`the same ${n} configurations.`);
    expect(l).toContain(`that agree on every other column (${p.datasetComparison.rows.length} pairs)`);
    const agreement = Math.max(...p.configurations.map((c: Json) => Math.abs(c.N.exponent - c.stored.n_exponent)));
    expect(agreement).toBeLessThanOrEqual(1e-13);
    expect(l).toContain(`N*(C) exponents (tested: all ${n} to 3 decimals; actual agreement ≤ 1e-13)`);
  });
  it('the example command uses the default seed, as the per-set table does', () => {
    expect(fits('gadre-loss-law.json').perDataset.options.seed).toBe(0);
    expect(l).toContain('--by train_dataset --bootstrap 1000 ```');
  });
});

describe('docs/report.md prose', () => {
  it('the reproduction record: the published lr D-exponent and the intervals of both resampling schemes', () => {
    const r = fits('steplaw-reproduction.json');
    const fit = fits('steplaw-dense.fit.json');
    const d = r.coefficients.find((c: Json) => c.law === 'lr' && c.term === 'lnD');
    const [g, runs] = ['groups', 'runs'].map((k) => d.byResample.find((b: Json) => b.resample === k));
    expect(flat('docs/report.md')).toContain(
      `published D-exponent of the learning rate (${d.published.toFixed(3)}) lies outside the re-derived interval (${g.ci95[0].toFixed(3)}–${g.ci95[1].toFixed(3)} resampling whole (N, D) groups, the default; ${runs.ci95[0].toFixed(3)}–${runs.ci95[1].toFixed(3)} resampling runs as the authors do; ${fit.options.bootstrap} resamples, seed ${fit.options.seed})`,
    );
  });
  it('the group counts of the landscapes', () => {
    const l = fits('landscape.json');
    expect(flat('docs/report.md')).toContain(`(${l.dense.summary.groups} dense, ${l.moe.summary.groups} MoE;`);
  });
});

describe('docs/method.md: the released data, counted from data/steplaw', () => {
  const m = flat('docs/method.md');
  const dense = table('data/steplaw/dense_lr_bs_loss.csv');
  const moe = table('data/steplaw/moe_lr_bs_loss.csv');
  it('dense: groups, runs, D range, the partial group', () => {
    const groups = new Map<string, Record<string, string>[]>();
    for (const r of dense) groups.set(`${r.N}/${r.D}`, [...(groups.get(`${r.N}/${r.D}`) ?? []), r]);
    expect(m).toContain(`**Dense** (\`dense_lr_bs_loss.csv\`): ${groups.size} (N, D) groups, ${dense.length} runs; five model sizes`);
    expect(new Set(dense.map((r) => r.N)).size).toBe(5);
    const Ds = dense.map((r) => Number(r.D));
    expect(m).toContain(`D from ${Math.min(...Ds) / 1e9}B to ${Math.max(...Ds) / 1e9}B tokens`);
    const partial = [...groups.values()].sort((a, b) => a.length - b.length)[0];
    expect(m).toContain(
      `One group (${(Number(partial[0].N) / 1e9).toFixed(3)}B parameters, ${(Number(partial[0].D) / 1e9).toFixed(1)}B tokens) is partial (${partial.length} runs, ${new Set(partial.map((r) => Number(r.lr))).size} learning rates)`,
    );
  });
  it('MoE: runs, groups, sparsities, D values, the shared total N, lattice size', () => {
    const groups = new Set(moe.map((r) => `${r.moe_name}/${r.D}`));
    const Ds = [...new Set(moe.map((r) => Number(r.D) / 1e9))].sort((a, b) => a - b);
    expect(m).toContain(`**MoE** (\`moe_lr_bs_loss.csv\`): ${moe.length} runs, ${groups.size} groups = ${new Set(moe.map((r) => r.moe_name)).size} sparsities`);
    expect(m).toContain(`× D ∈ {${Ds.map((d) => `${d}B`).join(', ')}}`);
    const Ns = moe.map((r) => Number(r.N));
    expect(m).toContain(`one total N (about ${(Math.min(...Ns) / 1e9).toFixed(2)}B)`);
    const perGroup = (k: 'lr' | 'bs') => {
      const counts = [...groups].map((g) => new Set(moe.filter((r) => `${r.moe_name}/${r.D}` === g).map((r) => Number(r[k]))).size);
      return Math.max(...counts);
    };
    expect(m).toContain(`${perGroup('lr')} learning rates × ${perGroup('bs')} batch sizes per group`);
  });
});

describe('data counts quoted in README.md and docs/ingest-logs.md', () => {
  it('the shipped data: bootstrap rows, Gadre models, NIST problems', () => {
    expect(readme).toContain(`the authors' ${table('data/steplaw/1004_fitted_lr_bs_scaling_model_parameters.csv').length} bootstrap coefficient rows`);
    expect(readme).toContain(`Gadre et al. 2024, ${table('data/gadre-overtraining/gadre_104_models_flat.csv').length} models (MIT)`);
    const nist = readdirSync(join(repoRoot, 'test', 'fixtures', 'nist-strd')).filter((f) => f.endsWith('.dat')).length;
    expect(readme).toContain(`the ${nist} NIST StRD problems (\`nist-strd/\`)`);
  });
  it('ingest-logs: how far ti·bs·2048 falls short of the planned D in the released dense runs', () => {
    const dense = table('data/steplaw/dense_lr_bs_loss.csv');
    const short = Math.max(...dense.map((r) => (Number(r.D) - Number(r.ti) * Number(r.bs) * 2048) / Number(r.D)));
    expect(flat('docs/ingest-logs.md')).toContain(`falls short of the planned D by up to ${(100 * short).toFixed(2)}%; rounding gives back the planned D of all ${dense.length} released dense runs`);
  });
});

describe('defaults the README commands table and docs/loss-laws.md quote are the code\'s', () => {
  it('landscape bands, the shape size tolerance, the loss-law start grid and Huber δ', async () => {
    const { DEFAULT_PLATEAU_BANDS } = await import('../src/validate/landscape.js');
    const { DEFAULT_SIZE_TOLERANCE } = await import('../src/slices/shapes.js');
    const { HOFFMANN_GRID, HUBER_DELTA } = await import('../src/laws/loss-law.js');
    expect(readme).toContain(`plateau sizes within ${DEFAULT_PLATEAU_BANDS.map((b) => 100 * b).join('/')}%`);
    expect(readme).toContain(`\`--size-tolerance\`, default ${DEFAULT_SIZE_TOLERANCE})`);
    const starts = Object.values(HOFFMANN_GRID).reduce((n, v) => n * v.length, 1);
    const shared = starts / HOFFMANN_GRID.beta.length;
    const n = (v: number) => v.toLocaleString('en-US');
    expect(readme).toContain(`Huber-on-logs method from ${n(starts)} starts`);
    const l = flat('docs/loss-laws.md');
    expect(l).toContain(`(${n(starts)} starts; ${n(shared)} with \`--shared-exponent\`)`);
    expect(l).toContain(`Huber(δ = ${HUBER_DELTA.toExponential().replace('e-', 'e-')})`);
    expect(l).toContain(`least squares in loss, best of ${n(shared)} grid starts`);
  });
});

describe('docs/engine.md: the engine constants it quotes are the code\'s', () => {
  it('tolerances, floors and thresholds', async () => {
    const ls = await import('../src/fitter/least-squares.js');
    const { AT_BOUND_RTOL } = await import('../src/fitter/bounds.js');
    const e = flat('docs/engine.md');
    const sci = (v: number) => v.toExponential().replace('e+', 'e');
    expect(e).toContain(`defaults ftol = xtol = gtol = ${sci(ls.DEFAULT_TOL)}`);
    expect(e).toContain(`floored at ${ls.DEFAULT_ROBUST_CURVATURE_FLOOR}·rho′`);
    expect(e).toContain(`(‖J_j‖·|p_j| ≤ ${sci(ls.NO_EFFECT)}·‖r‖`);
    expect(e).toContain(`condition number of the column-normalised Jacobian > ${sci(ls.ILL_CONDITIONED)}`);
    expect(e).toContain(`Jacobian's own accuracy (${sci(ls.FD_JAC_ACCURACY)} for finite differences`);
    expect(e).toContain(`every parameter within ${sci(AT_BOUND_RTOL)} (relative) of a bound`);
  });
});

describe('README: the planner, report and reader constants it quotes are the code\'s', () => {
  it('compass stride, jitter, the estimator cutoff; landscape contour levels; the surface reader and the LOO band', async () => {
    const { DEFAULT_STRIDE } = await import('../src/plan/design.js');
    const { DEFAULT_JITTER } = await import('../src/plan/progressive.js');
    const { DEFAULT_CUTOFF } = await import('../src/plan/optimum.js');
    const { DEFAULT_LEVELS } = await import('../src/report/landscape.js');
    const { LOO_BAND } = await import('../scripts/reader-loo.js');
    const x = (ln: number) => Math.round(Math.exp(ln));
    expect(readme).toContain(`lr ÷${x(DEFAULT_STRIDE.lnLr)} and ×${x(DEFAULT_STRIDE.lnLr)}, batch ÷${x(DEFAULT_STRIDE.lnB)} and ×${x(DEFAULT_STRIDE.lnB)} around the best run so far`);
    expect(DEFAULT_JITTER).toBe(0.25);
    expect(readme).toContain('(a quarter stride, `--jitter`)');
    expect(readme).toContain(`stride of the group's best run and less than ${100 * DEFAULT_CUTOFF}% above it`);
    expect(readme).toContain(`contours at ${DEFAULT_LEVELS.map((l) => `+${100 * l}%`).join(', ').replace(/, ([^,]*)$/, ', $1')} above the minimum`);
    expect(readme).toContain(`local weighted quadratic on the ${DEFAULT_SURFACE_NEIGHBOURS} nearest runs`);
    expect(readme).toContain(`every cell within ${100 * LOO_BAND}% of its group's minimum`);
  });
});

describe('docs/report.md and docs/validate.md: constants quoted', () => {
  it('the landscape colour clip and the surface reader\'s neighbours', async () => {
    const { HEAT_CLIP } = await import('../src/report/landscape.js');
    expect(flat('docs/report.md')).toContain(`(clipped at ${100 * HEAT_CLIP[0]}%…${100 * HEAT_CLIP[1]}%)`);
    expect(flat('docs/validate.md')).toContain(`${DEFAULT_SURFACE_NEIGHBOURS} nearest non-diverged runs with tricube weights`);
  });
});

describe('small counts around the headline tables', () => {
  it('the group bootstrap: G groups, t(G−1), √(G/(G−1)), as the record resamples them', () => {
    const r = fits('steplaw-reproduction.json');
    const G = r.coefficients[0].byResample.find((b: Json) => b.resample === 'groups').units;
    const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
    expect(readme).toContain(`(a cluster bootstrap, ${G} groups; 95% interval = OLS estimate ± t${sub(G - 1)}·√(${G}/${G - 1})·bootstrap SD`);
  });
  it('docs/method.md: about 12 learning rates × 10 batch sizes per dense group; diverged runs up to about 11', () => {
    const dense = table('data/steplaw/dense_lr_bs_loss.csv');
    const groups = new Map<string, Record<string, string>[]>();
    for (const r of dense) groups.set(`${r.N}/${r.D}`, [...(groups.get(`${r.N}/${r.D}`) ?? []), r]);
    // lr levels written with mixed rounding (0.000345 and 0.0003453) are one level: count levels at 2 significant digits.
    const levels = (rows: Record<string, string>[], k: string) => new Set(rows.map((r) => Number(Number(r[k]).toPrecision(2)))).size;
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const lrs = median([...groups.values()].map((g) => levels(g, 'lr')));
    const bss = median([...groups.values()].map((g) => levels(g, 'bs')));
    const m = flat('docs/method.md');
    expect(m).toContain(`about ${lrs} learning rates × ${bss} batch sizes per group`);
    const worst = Math.max(...dense.map((r) => Number(r['smooth loss'])));
    expect(m).toContain(`(up to about ${Math.round(worst)})`);
  });
});

describe('published constants quoted in docs/method.md and the README are the catalog\'s (evaluated, not compared as text)', () => {
  const m = doc('docs/method.md');
  /** The numbers of one cell of method.md's "Published laws" table row whose first cell starts with `name`. */
  const cells = (name: string) => {
    const row = m.split('\n').find((l) => l.startsWith(`| ${name}`));
    if (!row) throw new Error(`no row for ${name}`);
    return row.split('|').slice(2, 5).map((c) => [...c.replace(/−/g, '-').matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((x) => Number(x[0])));
  };
  const close = (got: number | undefined, want: number) => expect(Math.abs(got! / want - 1)).toBeLessThan(1e-12);
  const law = async (name: string) => (await import('../src/laws/catalog.js')).resolveLaw(name);

  it('Step Law (rounded): README and method.md', async () => {
    const at = { N: 3e8, D: 3e10 };
    for (const text of [flat('README.md'), flat('docs/method.md')]) {
      const [a, b, c] = text.replace(/−/g, '-').match(/η\(N, D\) = ([\d.]+) · N\^(-[\d.]+) · D\^([\d.]+)/)!.slice(1).map(Number);
      const [d, e] = text.match(/B\(D\) = ([\d.]+) · D\^([\d.]+)/)!.slice(1).map(Number);
      const p = (await law('steplaw-rounded')).predict(at);
      close(p.lr, a * at.N ** b * at.D ** c);
      close(p.batchTokens, d * at.D ** e);
    }
  });
  it('DeepSeek, Porian, OpenAI, MiniCPM, Microsoft (our reading)', async () => {
    const C = 1e20;
    const [ds, dsB] = cells('DeepSeek');
    let p = (await law('deepseek')).predict({ C });
    close(p.lr, ds[0] * C ** ds[1]);
    close(p.batchTokens, dsB[0] * C ** dsB[1]);
    const [po, poB] = cells('Porian');
    p = (await law('porian')).predict({ N: 3e8, D: 3e10 });
    close(p.lr, po[0] * 3e8 ** po[1]);
    close(p.batchTokens, poB[0] * 3e8 ** poB[1]);
    const [oa, oaB] = cells('OpenAI');
    p = (await law('openai')).predict({ N: 3e8, L: 2.5 });
    close(p.lr, oa[0] - oa[1] * Math.log(3e8));
    // "critical batch B* / L^(1/0.21), B* ≈ 2e8"
    close(p.batchTokens, oaB[2] / 2.5 ** (oaB[0] / oaB[1]));
    const [, mcB] = cells('MiniCPM');
    p = (await law('minicpm')).predict({ L: 2.5 });
    close(p.batchTokens, mcB[0] / 2.5 ** mcB[1]);
    // Microsoft: the notes cell holds our reading, 1.55e-3 · (N/1e9)^−0.23 · (D/1e9)^−0.32.
    const notes = m.split('\n').find((l) => l.startsWith('| Microsoft'))!.replace(/−/g, '-');
    const [c0, n0, eN, d0, eD] = notes.match(/Our reading: ([\d.e-]+) · \(N\/([\d.e]+)\)\^(-[\d.]+) · \(D\/([\d.e]+)\)\^(-[\d.]+)/)!.slice(1).map(Number);
    p = (await law('microsoft')).predict({ N: 3e8, D: 3e10 });
    close(p.lr, c0 * (3e8 / n0) ** eN * (3e10 / d0) ** eD);
  });
});
