/**
 * `steplaw plan`: which runs to launch to get the Step Law at your scale.
 *
 * - New sweep: `--N 1e9 --D 1e11` (or `--ladder targets.csv`) → the first wave
 *   of runs (lr, batch) as a CSV, with the reasoning: where the prior puts the
 *   optimum, its interval, the expected plateau width.
 * - Sequential: `--after runs.csv` (ingested like `fit`) → the next runs.
 * - Replay: `--replay sweep.csv` simulates the planner on a complete grid and
 *   reports its compute, its law against the full grid's, and its
 *   leave-one-group-out error.
 */
import type { Command } from 'commander';
import { resolveLaw } from '../../laws/catalog.js';
import type { Law, LawContext } from '../../laws/law.js';
import { readCsv } from '../../ingest/csv.js';
import { parseNumber } from '../../ingest/number.js';
import { InputError, msg, type Warning } from '../../messages.js';
import { fmtKey } from '../../sweep/grid.js';
import { createRng } from '../../util/random.js';
import { replayPlan, type PlanReplay } from '../../plan/replay.js';
import { defaultLattice, proposeRuns, type Proposal, type ProposalTarget } from '../../plan/propose.js';
import { DEFAULT_CUTOFF } from '../../plan/optimum.js';
import { DEFAULT_JITTER } from '../../plan/progressive.js';
import type { GroupRuns } from '../../plan/types.js';
import { progressBar } from '../progress.js';
import { action, integerOption, positiveOption, prepareOutput, summariseWarnings, printJson, writeJsonFile } from '../run.js';
import { LIMITS } from '../limits.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { loadGrids, withSweepOptions, type SweepCliOptions } from '../sweep-options.js';
import { outputPath } from '../output-dir.js';
import { textLines } from '../../util/text-table.js';
import { bootstrapOptions, withBootstrapOptions, withJsonOption, withOutOption } from '../options.js';
import { pct, sci } from '../../util/format.js';

interface PlanCliOptions extends SweepCliOptions {
  law: string;
  N?: string;
  D?: string;
  ladder?: string;
  after?: string[];
  replay?: string[];
  runsPerGroup: string;
  seed: string;
  outDir?: string;
  jitter: string;
  cutoff: string;
  bootstrap: string;
  out?: string;
  json?: boolean;
}


/** The prior law; it must predict both lr and batch. */
function priorLaw(name: string): Law {
  const law = resolveLaw(name);
  if (!law.evaluable) throw new InputError(msg.lawNotEvaluable(law.name, law.caveats[0] ?? 'no constants'));
  if (!law.predicts.lr) throw new InputError(msg.planPriorLacks(law.name, 'learning-rate'));
  if (!law.predicts.batch) throw new InputError(msg.planPriorLacks(law.name, 'batch-size'));
  return law;
}

/** A target's context: N, D, and C = 6·N·D for compute-based laws (no shape is known for a planned model). */
function contextFor(N: number, D: number, seqLen: number): LawContext {
  return { N, D, C: 6 * N * D, seqLen };
}

function readLadder(file: string): { N: number; D: number }[] {
  const t = readCsv(file);
  const col = (name: string) => {
    const i = t.header.findIndex((h) => h === name);
    if (i < 0) throw new InputError(msg.planLadderColumn(file, name), { file, column: name });
    return i;
  };
  const iN = col('N');
  const iD = col('D');
  return t.rows.map((cells, r) => {
    const get = (i: number, name: string) => {
      const v = parseNumber(cells[i] ?? '');
      if (v === undefined || !Number.isFinite(v) || v <= 0) throw new InputError(msg.notPositive({ file, row: r + 1, line: t.lines[r], column: name }, cells[i] ?? ''), { file, row: r + 1, column: name });
      return v;
    };
    return { N: get(iN, 'N'), D: get(iD, 'D') };
  });
}

const groupKey = (N: number, D: number) => `N=${fmtKey(N)} D=${fmtKey(D)}`;

function replayText(r: PlanReplay): string {
  const s = r.summary;
  const lines = [
    `Replay of the planner on ${r.data.files.join(', ')} (${r.data.groups} groups, ${r.data.runs} runs)`,
    `prior: ${r.prior.name}; ${r.options.runsPerGroup} runs per group; seed ${r.options.seed}; stride ×${r.options.stride.lr} lr, ×${r.options.stride.batch} batch`,
    `estimator: ${r.estimator}`,
    '',
    `runs revealed:     ${s.revealedRuns} of ${s.totalRuns} (${pct(s.runFraction, 1)}); compute ${pct(s.computeFraction, 2)} of the grid's${s.missingRequests ? ` (${s.missingRequests} requested cell(s) absent from the grid, not counted)` : ''}`,
    `best revealed run: mean ${pct(s.meanRelativeError)} above the grid minimum (worst ${pct(s.maxRelativeError)})`,
    `leave one group out (nearest cell): planned ${pct(s.cvMeanRelativeError)}; full grid, authors' fit ${pct(s.fullGridCvMeanRelativeError)}; full grid, planner's estimator ${pct(s.fullGridPlannerEstimatorCvMeanRelativeError)}`,
    '',
    'exponent   planned  [95% group bootstrap]   full grid  [95% interval]    inside  authors\' band on revealed runs',
  ];
  for (const [name, e] of Object.entries(s.exponents)) {
    const ci = (c: [number, number] | null) => (c ? `[${c[0].toFixed(3)}, ${c[1].toFixed(3)}]` : '–');
    lines.push(
      `${name.padEnd(9)} ${e.planned.toFixed(3).padStart(8)}  ${ci(e.plannedCi95).padEnd(22)} ${e.fullGrid.toFixed(3).padStart(9)}  ${ci(e.fullGridCi95).padEnd(17)} ${e.inside ? 'yes' : 'NO '}     ${e.authorsWayOnRevealed?.toFixed(3) ?? '–'}`,
    );
  }
  lines.push('', 'group (ladder order)                runs  best run vs grid min  held-out error');
  for (const g of r.groups) lines.push(`${String(g.order).padStart(2)}. ${g.key.padEnd(30)} ${String(g.runs.length).padStart(4)}  ${pct(g.relativeError).padStart(20)}  ${pct(g.cvRelativeError).padStart(14)}`);
  return textLines(lines);
}

function proposalText(p: Proposal, law: Law, seqLen: number, out: string): string {
  const lines = [
    `prior: ${law.name} — ${law.formula}`,
    `${p.runsPerGroup} runs per group; compass design, stride ×${p.stride.lr} in lr and ×${p.stride.batch} in batch around the best run so far`,
    `expected plateau (within ${pct(p.plateau.band, 2)} of the minimum): ×${p.plateau.lrSpan.toFixed(1)} in lr, ×${p.plateau.batchSpan.toFixed(1)} in batch (curvature from ${p.plateau.curvatureFrom === 'runs' ? 'your runs' : 'the released Step Law dense grid'})`,
    '',
  ];
  for (const g of p.groups) {
    const iv = g.prior.interval;
    lines.push(`${g.order}. ${g.group}  [${g.status}, ${g.runsMeasured} run(s) measured]`);
    lines.push(`   prior optimum: lr ${sci(g.prior.lr)}${iv?.lr ? ` (95% ${sci(iv.lr[0], 3)}–${sci(iv.lr[1], 3)})` : ' (no interval: the law has no bootstrap rows)'}, batch ${Math.round(g.prior.batchTokens)} tokens${iv?.batchTokens ? ` (95% ${Math.round(iv.batchTokens[0])}–${Math.round(iv.batchTokens[1])})` : ''}`);
    if (g.guide.correctedTerms.lr.length || g.guide.correctedTerms.batch.length) {
      lines.push(`   guide (prior corrected by the optima so far on ${[...new Set([...g.guide.correctedTerms.lr, ...g.guide.correctedTerms.batch])].join(', ')}): lr ${sci(g.guide.lr)}, batch ${Math.round(g.guide.batchTokens)} tokens`);
    }
    if (g.optimum) lines.push(`   optimum from its runs: lr ${sci(g.optimum.lr)}, batch ${Math.round(g.optimum.batchTokens)} tokens (${g.optimum.source}${g.optimum.flags.length ? `; ${g.optimum.flags.join(', ')}` : ''})`);
  }
  lines.push('', p.runs.length ? msg.planWritten(out, p.runs.length) : msg.planNothingToPropose());
  for (const r of p.runs) lines.push(`   ${r.group}: lr ${sci(r.lr)}, batch ${r.batchTokens} tokens (${(r.batchTokens / seqLen).toFixed(0)} sequences) — ${r.role}`);
  return textLines(lines);
}

function proposalCsv(p: Proposal, seqLen: number): string {
  const rows = ['group,N,D,lr,batch_tokens,batch_sequences,role'];
  for (const r of p.runs) rows.push([JSON.stringify(r.group), r.N, r.D, r.lr.toPrecision(6), r.batchTokens, +(r.batchTokens / seqLen).toFixed(3), JSON.stringify(r.role)].join(','));
  return rows.join('\n') + '\n';
}

export function register(program: Command): void {
  const cmd = withSweepOptions(
    program
      .command('plan')
      .description('plan an lr × batch sweep: the runs to launch for a target (N, D) or a ladder of them, the next runs after some are done, or a replay on a complete grid'),
    { band: false },
  )
    .option('--law <name>', 'the prior law: a catalog name (steplaw, deepseek, porian, …) or a fit JSON', 'steplaw')
    .option('--N <params>', 'target model size (non-embedding parameters)')
    .option('--D <tokens>', 'target training tokens')
    .option('--ladder <csv>', 'a ladder of targets: a CSV with columns N and D (planned cheapest first)')
    .option('--after <csv...>', 'runs already measured (same input as `fit`): propose the next ones')
    .option('--replay <csv...>', 'simulate the planner on a complete grid and report what it costs and finds')
    .option('--runs-per-group <k>', 'runs per (N, D) group', '6')
    .option('--jitter <strides>', 'standard deviation of the design centre\'s random offset, in strides', String(DEFAULT_JITTER))
    .option('--cutoff <fraction>', 'runs more than this above a group\'s best (or more than one stride from it) are left out of its local model', String(DEFAULT_CUTOFF))
    .addHelpText(
      'after',
      '\nExamples:\n  steplaw plan --N 1e9 --D 1e11 --runs-per-group 6 --out runs.csv\n  steplaw plan --ladder targets.csv --after done.csv --map N=params,D=tokens,lr=lr,batch=bs,loss=loss\n  steplaw plan --replay data/steplaw/dense_lr_bs_loss.csv --runs-per-group 6 --seed 0 --json',
    );
  withBootstrapOptions(cmd, { bootstrap: '(group bootstrap) for the intervals (replay)', seed: 'seed of the design centre\'s random offset and of the bootstrap' });
  withOutOption(cmd, 'where to write the proposed runs (CSV; default next-runs.csv) or the replay record (JSON)');
  withJsonOption(cmd, 'print JSON (the proposal, or the replay record) to stdout');
  cmd
    .action(
      action(async (o: PlanCliOptions) => {
        const K = integerOption('--runs-per-group', o.runsPerGroup, 0);
        if (K < 3) throw new InputError(msg.planRunsPerGroup(K));
        const { bootstrap, seed } = bootstrapOptions(o);
        const jitter = parseNumber(o.jitter);
        if (jitter === undefined || !(jitter >= 0) || !Number.isFinite(jitter)) throw new InputError(msg.badOption('--jitter', o.jitter, 'a number ≥ 0'));
        const cutoff = positiveOption('--cutoff', o.cutoff);
        const seqLen = integerOption('--seq-len', o.seqLen ?? '2048', 1, LIMITS.seqLen);
        const law = priorLaw(o.law);
        const hasTargets = o.N !== undefined || o.D !== undefined || o.ladder !== undefined;
        if (o.replay) {
          if (hasTargets || o.after) throw new InputError(msg.planModeConflict());
          prepareOutput(o.out, o.replay);
          const { grids, warnings } = loadGrids(o.replay, o);
          const bars = { groups: progressBar('planning groups', grids.length), bootstrap: progressBar('group bootstrap', bootstrap), cv: progressBar('leave one group out', grids.length) };
          const record = replayPlan(grids, law, {
            runsPerGroup: K,
            seed,
            jitter,
            cutoff,
            bootstrap,
            onProgress: (stage, d, t) => {
              const bar = bars[stage as keyof typeof bars];
              bar?.tick(d);
              if (d === t) bar?.done();
            },
          });
          record.warnings.unshift(...warnings.filter((w) => w.code !== 'optimum-on-edge'));
          if (o.out) writeJsonFile(o.out, record);
          if (o.json) {
            await printJson(record);
            return;
          }
          for (const line of summariseWarnings(record.warnings)) process.stderr.write(line + '\n');
          process.stdout.write(replayText(record));
          if (o.out) process.stdout.write(`\nreplay record written to ${o.out}\n`);
          return;
        }
        if (!hasTargets) throw new InputError(msg.planNoTargets());
        if ((o.N === undefined) !== (o.D === undefined)) throw new InputError(msg.planTargetHalf());
        const pairs = o.ladder ? readLadder(o.ladder) : [];
        if (o.N !== undefined) pairs.push({ N: positiveOption('--N', o.N), D: positiveOption('--D', o.D!) });
        const targets: ProposalTarget[] = pairs.map(({ N, D }) => {
          const ctx = contextFor(N, D, seqLen);
          const p = law.predict(ctx);
          const key = groupKey(N, D);
          if (p.lr === undefined || p.batchTokens === undefined) throw new InputError(msg.planPriorNoPrediction(law.name, key, [...law.needs.lr, ...law.needs.batch]));
          return { key, N, D, prior: { lnLr: Math.log(p.lr), lnB: Math.log(p.batchTokens) }, priorInterval: law.interval?.(ctx) };
        });
        const out = o.out ?? outputPath(o.outDir, 'next-runs.csv');
        prepareOutput(o.json && !o.out ? undefined : out, [...(o.after ?? []), ...(o.ladder ? [o.ladder] : [])]);
        const measured = new Map<string, GroupRuns>();
        const warnings: Warning[] = [];
        if (o.after) {
          const loaded = loadGrids(o.after, o);
          warnings.push(...loaded.warnings.filter((w) => w.code !== 'optimum-on-edge'));
          for (const g of loaded.grids) {
            const key = groupKey(g.N, g.D);
            if (!targets.some((t) => t.key === key)) {
              warnings.push({ code: 'plan-group-not-on-ladder', message: msg.planAfterOutsideLadder(g.key), detail: { group: g.key } });
              continue;
            }
            measured.set(key, { key, N: g.N, D: g.D, runs: g.runs.map((r) => ({ lr: r.lr, batchTokens: r.batchTokens, loss: r.flags.length ? NaN : r.loss })) });
          }
        }
        const proposal = proposeRuns(targets, measured, { runsPerGroup: K, rng: createRng(seed), lattice: defaultLattice(seqLen), jitter, cutoff });
        if (proposal.runs.length > 0 && !(o.json && !o.out)) writeFileAtomic(out, proposalCsv(proposal, seqLen));
        if (o.json) {
          await printJson({ kind: 'steplaw-plan', version: 1, prior: { name: law.name, formula: law.formula }, ...proposal, warnings });
          return;
        }
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        process.stdout.write(proposalText(proposal, law, seqLen, out));
      }),
    );
}
