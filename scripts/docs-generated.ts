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
import { packageRoot } from '../src/util/paths.js';
import { scoreboardMarkdown, scoreNist, type ScoreRow } from './nist-scoreboard.js';
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep } from '../src/sweep/grid.js';
import { fitStepLaw } from '../src/laws/steplaw-fit.js';

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
  const r = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'main.js'), ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`steplaw ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .join('\n');
}

export const RENDERERS: Record<string, () => string> = {
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
