/**
 * Generated sections of README.md and docs/*.md: the text between `<!-- generated:NAME -->` and
 * `<!-- /generated -->` is rendered here from the committed fits/ records (which test/jobs/reproduce.test.ts
 * checks are exactly what the code produces with default options). test/docs-generated.test.ts re-renders
 * every block and fails when a document differs, so a quoted number cannot drift from the code's output.
 *
 *   npx tsx scripts/docs-generated.ts          # report blocks that differ (exit 1 if any)
 *   npx tsx scripts/docs-generated.ts --write  # rewrite them
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliPath, packageRoot } from '../src/util/paths.js';
import { scoreboardMarkdown, scoreNist, type ScoreRow } from './nist-scoreboard.js';
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep } from '../src/sweep/grid.js';
import { fitStepLaw } from '../src/laws/steplaw-fit.js';
import { benchLargeMarkdown, readBenchLarge } from './bench-record.js';
import { benchSpeedMarkdown, ingestLogsRunMarkdown, readBenchSpeed } from './bench-speed.js';
import { resolveLaw } from '../src/laws/catalog.js';
import type { Law } from '../src/laws/law.js';
import { validateLaw, type ValidationResult } from '../src/validate/validate.js';
import { crossValidate } from '../src/validate/cv.js';
import type { Grid } from '../src/sweep/grid.js';
import { readerLooMarkdown, readerLooScores } from './reader-loo.js';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = packageRoot();
const fits = (file: string): Json => JSON.parse(readFileSync(join(root, 'fits', file), 'utf8'));
const minus = (s: string) => s.replace(/^-/, '−');
const f = (x: number, d: number) => minus(x.toFixed(d));
const ci = (c: [number, number], d: number) => `[${f(c[0], d)}, ${f(c[1], d)}]`;
/** Three significant digits for large constants (A, B), fixed decimals otherwise. */
const g = (x: number) => (Math.abs(x) >= 1000 ? minus(x.toFixed(0)) : Math.abs(x) >= 100 ? minus(x.toFixed(1)) : minus(String(Number(x.toPrecision(3)))));

const nistCache: Partial<Record<'analytic' | 'fd', ScoreRow[]>> = {};
const nist = (kind: 'analytic' | 'fd'): ScoreRow[] => (nistCache[kind] ??= scoreNist(undefined, kind === 'analytic'));

/** Plain OLS (no bootstrap) of the authors' procedure on the released dense file at a given band. */
function denseOls(band: number) {
  const { grids } = groupSweep(loadSweep([join(root, 'data', 'steplaw', 'dense_lr_bs_loss.csv')]));
  const fit = fitStepLaw(grids, { band, bootstrap: 0 });
  const term = (law: 'lr' | 'batch', t: string) => fit[law].terms.find((x: { term: string }) => x.term === t)!.estimate;
  return { fit, term };
}
const sig3 = (x: number) => String(Number(x.toPrecision(3)));

/** The markdown table a built command prints (run from the repository root, as the docs show it). */
function cliTable(args: string[]): string {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`steplaw ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .join('\n');
}


/** The released grids, loaded once. */
const gridCache: Partial<Record<'dense' | 'moe', Grid[]>> = {};
export const releasedGrids = (set: 'dense' | 'moe'): Grid[] =>
  (gridCache[set] ??= groupSweep(loadSweep([join(root, 'data', 'steplaw', `${set}_lr_bs_loss.csv`)])).grids);

/** `steplaw validate` of a catalog law on a released file, in process (same function the command calls). */
const validationCache = new Map<string, ValidationResult>();
export function validation(set: 'dense' | 'moe', law: string, reader: 'nearest' | 'linear' | 'surface', NColumn?: string): ValidationResult {
  const key = [set, law, reader, NColumn].join('/');
  let v = validationCache.get(key);
  if (!v) validationCache.set(key, (v = validateLaw(releasedGrids(set), resolveLaw(law), { reader, NColumn })));
  return v;
}
const pct3 = (v: number) => `${(100 * v).toFixed(3)}%`;
/** `lo–hi` with d decimals, or one value when both round alike. */
const span = (values: number[], d: number, scale = 1) => {
  const [lo, hi] = [Math.min(...values), Math.max(...values)].map((v) => (v * scale).toFixed(d));
  return lo === hi ? lo : `${lo}–${hi}`;
};
/** A group label as docs write it: N = 214.7M, D = 20B. */
const size = (v: number) => (v >= 1e9 ? `${Number((v / 1e9).toPrecision(4))}B` : `${Number((v / 1e6).toPrecision(4))}M`);

/** The leave-one-cell-out ratios the prose quotes: nearest / surface (default k) and linear / surface, pooled grids. */
export function looRatios() {
  const all = readerLooScores().filter((r) => r.data === 'all');
  const surface = all.find((r) => r.reader.includes('(shipped)'))!;
  const nearest = all.find((r) => r.reader === 'nearest')!;
  const linear = all.find((r) => r.reader === 'linear')!;
  return { surface, nearest, linear, vsNearest: nearest.meanAbsRelError / surface.meanAbsRelError, vsLinear: linear.meanAbsRelError / surface.meanAbsRelError };
}

/** Cross-validation (`validate --cv`, surface reader) on a released file, with the default published law. */
const cvCache: Partial<Record<'dense' | 'moe', ReturnType<typeof crossValidate>>> = {};
export const cv = (set: 'dense' | 'moe') => (cvCache[set] ??= crossValidate(releasedGrids(set), { reader: 'surface', published: resolveLaw('steplaw') as Law }));

export const RENDERERS: Record<string, () => string> = {
  // The large-input benchmark as last measured (bench/large.json, written by bench-large.js --record; never re-run here).
  'bench-large': () => benchLargeMarkdown(readBenchLarge(root)),
  // The speed table and the ingest-logs run (bench/speed.json, written by the bench scripts' --record).
  'bench-speed': () => benchSpeedMarkdown(readBenchSpeed(root)),
  'bench-ingest-logs': () => ingestLogsRunMarkdown(readBenchSpeed(root)),
  'reader-loo': () => readerLooMarkdown(),
  'reader-loo-readme': () => {
    const rows = readerLooScores().filter((r) => r.data === 'all' && (r.k === undefined || r.reader.includes('(shipped)')));
    const lines = ['| reader | held-out cells | mean abs. error | median | max |', '|---|---|---|---|---|'];
    for (const r of rows) {
      const name = r.k === undefined ? r.reader : `**surface (k = ${r.k}, default)**`;
      const mean = r.k === undefined ? pct3(r.meanAbsRelError) : `**${pct3(r.meanAbsRelError)}**`;
      lines.push(`| ${name} | ${r.cells} | ${mean} | ${pct3(r.medianAbsRelError)} | ${pct3(r.maxAbsRelError)} |`);
    }
    const { vsNearest } = looRatios();
    const dense = (law: string, reader: 'nearest' | 'surface') => pct3(validation('dense', law, reader).summary.meanRelativeError!);
    lines.push(
      '',
      `The surface reader is ${Math.round(vsNearest)}× more accurate than the nearest cell. The reader moves`,
      `headline numbers by a few hundredths of a percent (dense Step Law: ${dense('steplaw', 'surface')} with`,
      `the surface reader, ${dense('steplaw', 'nearest')} nearest), so validation output always names its`,
      'reader; a smooth reader can read slightly below a noisy grid minimum (a',
      'negative relative error). Details: [docs/validate.md](docs/validate.md).',
    );
    return lines.join('\n');
  },
  'reader-loo-notes': () => {
    const { surface, vsNearest, vsLinear } = looRatios();
    return [
      `The local quadratic reads a held-out near-optimal cell about ${Math.round(vsNearest)}× more accurately`,
      `than the nearest cell and ${Math.round(vsLinear)}× better than bilinear; its error (≈ ${(100 * surface.medianAbsRelError).toFixed(2)}% median) is`,
      'about the run-to-run noise of the smooth loss.',
    ].join('\n');
  },
  'validate-readers': () => {
    const lines = ['| reader | data | steplaw (bootstrap means) | steplaw-rounded |', '|---|---|---|---|'];
    const cell = (v: ValidationResult) => `${pct3(v.summary.meanRelativeError!)} / ${pct3(v.summary.medianRelativeError!)} / ${pct3(v.summary.maxRelativeError!)}`;
    for (const reader of ['nearest', 'linear', 'surface'] as const) {
      for (const [set, NColumn, label] of [
        ['dense', undefined, `dense, ${releasedGrids('dense').length} groups`],
        ['moe', undefined, `MoE, total N, ${releasedGrids('moe').length} groups`],
        ['moe', 'Na', 'MoE, activated N (`--N-column Na`)'],
      ] as const) {
        lines.push(`| ${reader} | ${label} | ${cell(validation(set, 'steplaw', reader, NColumn))} | ${cell(validation(set, 'steplaw-rounded', reader, NColumn))} |`);
      }
    }
    return lines.join('\n');
  },
  'validate-readers-notes': () => {
    const dense = validation('dense', 'steplaw-rounded', 'nearest');
    const worst = dense.groups.find((g) => g.group === dense.summary.worstGroup)!;
    const moe = validation('moe', 'steplaw-rounded', 'nearest');
    const over = moe.groups.filter((g) => g.relativeError! > 0.005);
    const moeWorst = moe.groups.find((g) => g.group === moe.summary.worstGroup)!;
    const na = ['steplaw', 'steplaw-rounded'].flatMap((l) => ['nearest', 'surface'].map((r) => validation('moe', l, r as 'nearest' | 'surface', 'Na').summary));
    const naMean = na.map((x) => x.meanRelativeError!);
    const naMax = na.map((x) => x.maxRelativeError!);
    const ratio = validation('moe', 'steplaw-rounded', 'nearest', 'Na').summary.meanRelativeError! / moe.summary.meanRelativeError!;
    return [
      `- Dense: mean ${pct3(dense.summary.meanRelativeError!)}, worst ${pct3(dense.summary.maxRelativeError!)} with the nearest cell (rounded constants; worst group`,
      `  N = ${size(worst.N)}, D = ${size(worst.D)}).`,
      `- MoE with total N: within +0.5% of every group's minimum but ${over.length === 1 ? 'one' : over.length} (rounded,`,
      `  nearest: ${moeWorst.keyAttrs.moe_name} at D = ${size(moeWorst.D)}, ${pct3(moe.summary.maxRelativeError!)}), as the paper claims; with activated N it`,
      `  is ${Math.round(ratio)} times worse (mean ≈ ${span(naMean, 1, 100)}%, worst ${span(naMax, 1, 100)}%) — the law's N for MoE is total N.`,
    ].join('\n');
  },
  'validate-cv': () => {
    const d = cv('dense');
    const m = cv('moe');
    const lrD = d.groups.flatMap((g) => (g.coefficients ? [g.coefficients.lr.coefD] : []));
    return [
      'Cross-validation (`steplaw validate --cv`: each group held out, the Step Law',
      'form refitted the authors\' way — runs within 0.25%, OLS on logs, no bootstrap —',
      `on the other groups): on the dense file the held-out mean is ${pct3(d.summary.cv.meanRelativeError!)} (surface`,
      `reader) against ${pct3(d.summary.published!.meanRelativeError!)} for the published law on the same groups, i.e. the`,
      'released data fitted on themselves generalise across (N, D) groups at least as',
      'well as the published constants — although their exponents differ a lot',
      `(D-exponent of lr ${Math.min(...lrD).toFixed(2)}–${Math.max(...lrD).toFixed(2)} over the folds vs 0.307, method.md#fitting-procedure): the plateau is broad`,
      'enough that both land inside it. On the MoE file all groups share one total N,',
      'so a CV fit cannot identify the N term (the fit drops it, coefN = 0, and',
      `warns); its numbers (mean ${pct3(m.summary.cv.meanRelativeError!)} surface) say only that the D-dependence within`,
      'one model size is captured.',
    ].join('\n');
  },
  'compare-notes': () => {
    const c = (reader: 'nearest' | 'surface') => ['steplaw', 'steplaw-rounded', 'microsoft', 'porian', 'deepseek', 'minicpm', 'openai'].map((l) => ({ l, v: validation('dense', l, reader) }));
    const factor = (reader: 'nearest' | 'surface') => {
      const rows = c(reader).map(({ l, v }) => ({ l, mean: v.summary.meanRelativeError! })).sort((a, b) => a.mean - b.mean);
      const best = rows.find((r) => r.l.startsWith('steplaw'))!;
      const next = rows.find((r) => !r.l.startsWith('steplaw'))!;
      return Math.round(next.mean / best.mean);
    };
    const lossBased = ['openai', 'minicpm'].map((l) => validation('dense', l, 'nearest'));
    const batches = lossBased.flatMap((v) => v.groups.map((g) => g.predicted.batchTokens!));
    const losses = lossBased[0].groups.map((g) => g.argmin!.loss);
    const flagged = lossBased.map((v) => v.groups.filter((g) => g.flags.includes('extrapolated')).length);
    const openai = validation('dense', 'openai', 'nearest').groups.map((g) => Math.exp(-g.distance!.lnLr));
    return [
      `"paper" is the Step Law paper's Table 1 number for each law on *its* test group`,
      `(dense 1B / 100B tokens, not released). As in the paper, Step Law is best, by a`,
      `factor of ≈ ${factor('nearest')} (nearest) to ≈ ${factor('surface')} (surface) over the next law; the order of the`,
      `others differs from the paper's (there Porian is second). OpenAI's and`,
      `MiniCPM's loss-based batch laws ask for ≈ ${(Math.min(...batches) / 1e6).toFixed(0)}–${(Math.max(...batches) / 1e6).toFixed(0)}M tokens per step at L ≈ ${Math.min(...losses).toFixed(1)}–${Math.max(...losses).toFixed(1)},`,
      `at or beyond the largest batch tried (flag \`extrapolated\` in ${flagged[0]} and ${flagged[1]} of the ${lossBased[0].groups.length}`,
      `groups), so those readings are taken at the grid's edge — lower bounds on the`,
      `real error there; OpenAI's lr is also ${Math.floor(Math.min(...openai))}–${Math.ceil(Math.max(...openai))}× below the grid optimum. Microsoft is`,
      `scored at its best batch (\`batch-from-grid\`), which flatters it.`,
    ].join('\n');
  },
  'landscape-notes': () => {
    const l = fits('landscape.json');
    const x = (v: number) => `×${Number(v.toPrecision(2))}`;
    const d = l.dense.summary;
    const m = l.moe.summary;
    const med = (s: Json, band: number) => s.medians.find((b: Json) => b.band === band);
    const at = (s: Json, band: number) => `${med(s, band).runs} runs (${x(med(s, band).lrSpan)} lr, ${x(med(s, band).batchSpan)} batch)`;
    return [
      `\`steplaw landscape data/steplaw/dense_lr_bs_loss.csv\` — medians over the ${d.groups}`,
      `dense groups: within 0.25% of the minimum ${at(d, 0.0025)}; within 0.5% ${at(d, 0.005)};`,
      `within 1% ${at(d, 0.01)}; within 2% ${at(d, 0.02)}. A full quadratic in (ln lr, ln B)`,
      `fitted to the runs within 2% of each minimum has a positive-definite Hessian in`,
      `${d.convex}/${d.groups} dense and ${m.convex}/${m.groups} MoE groups: the data agree with "convex with a broad`,
      `optimum" at this resolution. MoE medians: ${at(m, 0.0025)} within 0.25%, ${at(m, 0.01)} within 1%.`,
    ].join('\n');
  },
  'steplaw-reproduction': () => {
    const r = fits('steplaw-reproduction.json');
    const names: Record<string, string> = {
      'lr/intercept': 'lr prefactor (ln)',
      'lr/lnN': 'lr N-exponent',
      'lr/lnD': 'lr D-exponent',
      'batch/intercept': 'batch prefactor (ln)',
      'batch/lnD': 'batch D-exponent',
    };
    const inside = (x: Json) => (x.publishedInside95 ? 'yes' : '**no**') + ` (${Math.abs(x.distanceInBootstrapSd).toFixed(1)} SD)`;
    const lines = [
      "| coefficient | published (rounded) | authors' 1000-row mean | re-derived OLS ± stderr | bootstrap mean (groups) | 95% interval (groups) | published inside? (groups) | 95% interval (runs, the authors') | published inside? (runs) |",
      '|---|---|---|---|---|---|---|---|---|',
    ];
    for (const c of r.coefficients) {
      const name = names[`${c.law}/${c.term}`];
      if (!name) throw new Error(`steplaw-reproduction: unknown coefficient ${c.law}/${c.term}`);
      const published = c.term === 'intercept' ? `ln ${Math.exp(c.published).toFixed(2)} = ${f(c.published, 3)}` : f(c.published, 3);
      const [groups, runs] = ['groups', 'runs'].map((k) => c.byResample.find((b: Json) => b.resample === k));
      lines.push(
        `| ${name} | ${published} | ${f(c.publishedUnrounded, 6)} | ${minus(String(Number(c.rederived.leastSquares.toPrecision(6))))} ± ${c.rederived.stderr.toFixed(3)} | ${f(groups.bootstrapMean, 3)} | ${ci(groups.ci95, 3)} | ${inside(groups)} | ${ci(runs.ci95, 3)} | ${inside(runs)} |`,
      );
    }
    return lines.join('\n');
  },
  'compare-dense-surface': () => cliTable(['compare', 'data/steplaw/dense_lr_bs_loss.csv']),
  'compare-dense-nearest': () => cliTable(['compare', 'data/steplaw/dense_lr_bs_loss.csv', '--read', 'nearest']),
  'dense-ols': () => {
    const { fit, term } = denseOls(0.0025);
    const sgn = (x: number, d: number) => (x < 0 ? `− ${(-x).toFixed(d)}` : `+ ${x.toFixed(d)}`);
    return [
      `Plain OLS on the ${fit.data.keptRuns} kept runs (no bootstrap) gives`,
      '',
      `    ln lr = ${f(term('lr', 'intercept'), 5)} ${sgn(term('lr', 'lnN'), 6)} · ln N ${sgn(term('lr', 'lnD'), 6)} · ln D`,
      `    ln B  = ${f(term('batch', 'intercept'), 5)} ${sgn(term('batch', 'lnD'), 6)} · ln D`,
    ].join('\n');
  },
  'band-table': () => {
    const lines = ['| band | kept runs | lr law | batch law |', '|---|---|---|---|'];
    for (const band of [0.001, 0.0025, 0.005, 0.01]) {
      const { fit, term } = denseOls(band);
      lines.push(
        `| ${String(band * 100)}% | ${fit.data.keptRuns} | ${sig3(Math.exp(term('lr', 'intercept')))}·N^${f(term('lr', 'lnN'), 3)}·D^${f(term('lr', 'lnD'), 3)} | ${sig3(Math.exp(term('batch', 'intercept')))}·D^${f(term('batch', 'lnD'), 3)} |`,
      );
    }
    return lines.join('\n');
  },
  // The engine's NIST StRD scoreboard (test/fixtures/nist-strd), computed here, not read from a record.
  'nist-analytic': () => scoreboardMarkdown(nist('analytic')),
  'nist-fd': () => {
    const rows = nist('fd');
    const full = scoreboardMarkdown(rows).split('\n');
    const unsolved = full.filter((l) => / \| NO \| /.test(l));
    return [...full.slice(0, 4), ...unsolved, '', '(all other rows solved)'].join('\n');
  },
  'nist-readme': () => {
    const rows = nist('analytic');
    const solved = rows.filter((r) => r.solved).length;
    const cell = (r: ScoreRow) => `${r.solved ? 'yes' : '**no**'} (${r.lreParams.toFixed(1)} / ${r.lreStderr.toFixed(1)})`;
    const lines = [
      `**NIST StRD scoreboard: ${solved} of ${rows.length} solved** (27 certified problems × 2 starting values; solved = certified parameters to ≥ 6 significant digits and certified standard deviations to ≥ 4).`,
      '',
      '| problem | start 1: solved (digits params / std devs) | start 2 |',
      '|---|---|---|',
    ];
    for (const p of [...new Set(rows.map((r) => r.problem))]) {
      const [a, b] = [1, 2].map((k) => rows.find((r) => r.problem === p && r.start === k)!);
      lines.push(`| ${p} | ${cell(a)} | ${cell(b)} |`);
    }
    return lines.join('\n');
  },
  'gadre-check': () => {
    const c = fits('gadre-loss-law.json').check;
    const sizes: Record<string, string> = { open_lm_1b: '1.4B', open_lm_7b: '6.9B' };
    const lines = [
      `least squares in loss, best of ${c.fit.convergence.starts} grid starts. Fit: E = ${c.fit.E.toFixed(6)}, A = ${c.fit.A.toFixed(4)}, B = ${c.fit.B.toFixed(4)}, γ = ${c.fit.gamma.toFixed(7)}`,
      '(scipy `least_squares` from its own grid lands on the same point; test).',
      '',
      '| model | M | observed | predicted | relative error | published |',
      '|---|---|---|---|---|---|',
    ];
    for (const p of c.predictions) {
      lines.push(`| ${p.model_config} (${sizes[p.model_config] ?? '?'}) | ${p.M} | ${p.observed.toFixed(4)} | ${p.predicted.toFixed(4)} | ${p.relativeErrorPct.toFixed(4)}% | ${p.publishedPct.toFixed(4)}% |`);
    }
    return lines.join('\n');
  },
  'gadre-per-set': () => {
    const r = fits('gadre-loss-law.json');
    const opts = r.perDataset.options;
    const lines = [
      `Per training set, 5-parameter Huber fit on all models of the set (${opts.bootstrap} bootstrap refits, seed ${opts.seed}; \`fits/gadre-loss-law.json\`):`,
      '',
      '| set | n | E | A | B | α | β | a = β/(α+β) |',
      '|---|---|---|---|---|---|---|---|',
    ];
    for (const s of r.perDataset.fits) {
      const e = s.estimates;
      lines.push(
        `| ${s.label} | ${s.n} | ${f(e.E.value, 3)} ${ci(e.E.ci95, 3)} | ${g(e.A.value)} [${g(e.A.ci95[0])}, ${g(e.A.ci95[1])}] | ${g(e.B.value)} [${g(e.B.ci95[0])}, ${g(e.B.ci95[1])}] | ${f(e.alpha.value, 4)} ${ci(e.alpha.ci95, 4)} | ${f(e.beta.value, 4)} ${ci(e.beta.ci95, 4)} | ${f(e.a.value, 3)} ${ci(e.a.ci95, 3)} |`,
      );
    }
    return lines.join('\n');
  },
  'gadre-differences': () => {
    const r = fits('gadre-loss-law.json');
    const lines = ['| quantity | pair | difference | 95% interval | excludes 0 |', '|---|---|---|---|---|'];
    for (const q of r.differences.rows) {
      for (const d of q.differences) {
        lines.push(`| ${q.quantity} | ${d.of[0]} − ${d.of[1]} | ${f(d.estimate, 4)} | ${ci(d.ci95, 3)} | ${d.excludesZero ? 'yes' : 'no'} |`);
      }
    }
    return lines.join('\n');
  },
  'porian-exponents': () => {
    const r = fits('porian-compute-optimal.json');
    const lines = [
      '| configuration (dataset, hparams, warmup, decay, param_count, loss_split) | optima | a (ours) | stored `bs_median_weighted.n_exponent` | 95% bootstrap |',
      '|---|---|---|---|---|',
    ];
    for (const c of r.configurations) {
      const k = c.config;
      lines.push(
        `| ${[k.dataset, k.hparams, k.warmup, k.decay, k.param_count, k.loss_split].join(' ')} | ${c.N.n}/${c.budgets} | ${f(c.N.exponent, 4)} | ${f(c.stored.n_exponent, 4)} | ${ci(c.N.bootstrap.exponentCi95, 4)} |`,
      );
    }
    return lines.join('\n');
  },
  'porian-rw-owt2': () => {
    const r = fits('porian-compute-optimal.json');
    const lines = [
      `(difference ${r.datasetComparison.difference}, paired-bootstrap 95% interval, ${r.options.bootstrap} resamples, seed ${r.options.seed}; \`fits/porian-compute-optimal.json\`)`,
      '',
      '| configuration | rw | owt2 | rw − owt2 | excludes 0 |',
      '|---|---|---|---|---|',
    ];
    for (const row of r.datasetComparison.rows) {
      const m = row.match;
      const [rw, owt2] = row.slices;
      const d = row.difference;
      lines.push(
        `| ${[m.hparams, m.warmup, m.decay, m.param_count, m.loss_split].join(' ')} | ${f(rw.exponent, 4)} | ${f(owt2.exponent, 4)} | ${f(d.estimate, 4)} ${ci(d.ci95, 4)} | ${d.excludesZero ? 'yes' : 'no'} |`,
      );
    }
    return lines.join('\n');
  },
};

const BLOCK = /<!-- generated:([\w-]+) -->\n[\s\S]*?<!-- \/generated -->/g;

/** The document with every generated block re-rendered (unknown names throw). */
export function renderDocument(text: string): string {
  return text.replace(BLOCK, (_, name: string) => {
    const render = RENDERERS[name];
    if (!render) throw new Error(`unknown generated section ${name}`);
    return `<!-- generated:${name} -->\n${render()}\n<!-- /generated -->`;
  });
}

export const DOCUMENTS = ['README.md', 'docs/engine.md', 'docs/ingest-logs.md', 'docs/loss-laws.md', 'docs/method.md', 'docs/report.md', 'docs/validate.md'];

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let stale = 0;
  for (const doc of DOCUMENTS) {
    const path = join(root, doc);
    const text = readFileSync(path, 'utf8');
    const next = renderDocument(text);
    if (next === text) continue;
    stale++;
    if (process.argv.includes('--write')) writeFileSync(path, next);
    console.log(`${doc}: generated sections ${process.argv.includes('--write') ? 'rewritten' : 'differ (run with --write)'}`);
  }
  if (stale && !process.argv.includes('--write')) process.exit(1);
}
