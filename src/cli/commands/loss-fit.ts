/**
 * `steplaw loss-fit <csv…>`: the Chinchilla-form loss law L = E + A/N^α + B/D^β
 * fitted the field's way (src/laws/loss-law.ts; docs/method.md#loss-laws), optionally
 * per slice (`--by <column>`) with a differences table.
 */
import { DERIVED_ATTRIBUTES, withSliceAttribute } from '../../slices/derive.js';
import type { Command } from 'commander';
import { InputError, msg } from '../../messages.js';
import { parseColumnMap, loadSweep } from '../../ingest/sweep.js';
import { isUsable } from '../../sweep/types.js';
import {
  fitLossLaw,
  HOFFMANN_GRID,
  LOSS_LAW_QUANTITIES,
  type LossLawFit,
  type LossLawOptions,
  type LossPoint,
} from '../../laws/loss-law.js';
import { compareLossLawSlices, fitLossLawSlices, withoutSamples, type LossLawComparison } from '../../laws/loss-law-slices.js';
import { progressBar } from '../progress.js';
import { action, integerOption, positiveOption, prepareOutput, summariseWarnings, printJson, writeJsonFile } from '../run.js';
import { LIMITS } from '../limits.js';
import { own } from '../../util/own.js';
import { alignedTable } from '../../util/text-table.js';
import { bootstrapOptions, withBootstrapOptions, withJsonOption, withOutOption } from '../options.js';

interface Opts {
  map?: string;
  pool?: boolean;
  by?: string;
  allowUnidentifiable?: boolean;
  bootstrap: string;
  seed: string;
  objective: string;
  sharedExponent?: boolean;
  dropTop: string;
  delta?: string;
  exhaustive?: boolean;
  optima?: boolean;
  json?: boolean;
  out?: string;
}

const LABEL: Record<string, string> = { E: 'E', A: 'A', B: 'B', alpha: 'alpha', beta: 'beta', a: 'a = β/(α+β)', b: 'b = α/(α+β)' };

/** Full-precision number (estimates are never rounded). */
const full = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : String(v));
const short = (v: number | null | undefined, d = 4): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(d));


export function lossFitText(fits: LossLawFit[], comparison?: LossLawComparison): string {
  const lines: string[] = [];
  for (const f of fits) {
    const c = f.convergence;
    lines.push(
      `[[Loss law: ${f.label}]]`,
      `    law        ${
        f.form === 'D-only' ? "L = E' + B/D^beta (reduced: one N only)" : f.form === 'N-only' ? "L = E' + A/N^alpha (reduced: one D only)" : `L = E + A/N^alpha + B/D^beta${f.sharedExponent ? ' with alpha = beta' : ''}`
      }`,
      `    objective  ${f.objective === 'huber' ? `sum of Huber(delta = ${f.delta}) of ln L − ln L̂` : 'sum of squares of L − L̂'} = ${full(f.objectiveValue)}`,
      `    points     ${f.n}${f.dropped.length ? ` (dropped the ${f.dropped.length} highest: rows ${f.dropped.map((p) => p.row).join(', ')})` : ''}`,
      `    search     ${c.starts} grid starts, ${c.search}${c.search === 'screened' ? ` (${c.screenEvaluations} evaluations each, best ${c.polished} polished, ${c.convergedStarts} converged)` : ` (${c.convergedStarts} converged)`}`,
      `    status     ${c.success ? 'converged' : 'NOT CONVERGED'} (${c.status})`,
      `    rms log residual  ${short(f.rmsLogResidual, 4)}`,
      `    bootstrap  ${f.bootstrap ? `${f.bootstrap.nboot} resamples (seed ${f.bootstrap.seed}, refits from the best point), ${f.bootstrap.failed} failed` : 'none (use --bootstrap K for standard errors and intervals)'}`,
      '',
    );
    lines.push(
      ...alignedTable(
        ['quantity', 'estimate', 'stderr', '95% interval'],
        LOSS_LAW_QUANTITIES.map((q) => {
          const e = f.estimates[q];
          return [LABEL[q], full(e.value), short(e.stderr, 3), e.ci95 ? `[${short(e.ci95[0])}, ${short(e.ci95[1])}]` : '–'];
        }),
      ),
      '',
    );
  }
  if (comparison && fits.length > 1) {
    lines.push('[[Differences between slices (first − second; bootstrap 95% interval)]]');
    const rows: string[][] = [];
    for (const r of comparison.rows) {
      for (const d of r.differences) {
        rows.push([
          LABEL[r.quantity],
          `${d.of[0]} − ${d.of[1]}`,
          short(d.estimate),
          d.ci95 ? `[${short(d.ci95[0])}, ${short(d.ci95[1])}]` : '–',
          d.excludesZero === null ? 'n/a (no bootstrap)' : d.excludesZero ? 'yes' : 'no',
        ]);
      }
    }
    lines.push(...alignedTable(['quantity', 'pair', 'difference', '95% interval', 'excludes 0'], rows), '');
  }
  return lines.join('\n');
}

export function register(program: Command): void {
  const cmd = program
    .command('loss-fit')
    .description('fit the loss law L = E + A/N^alpha + B/D^beta (Chinchilla form; Huber on log residuals from a 4,500-start grid, or least squares)')
    .argument('<csv...>', 'CSV file(s) with model size, data size and final loss per run')
    .option('--map <pairs>', 'column mapping, e.g. N=N_params,D=D_tokens,loss=loss_c4_val')
    .option('--optima', 'fit only the best run (lowest loss) of each (N, D) group — the grid optimum of an lr/batch sweep')
    .option('--pool', 'pool files with different headers into one fit; refused by default, and recorded as a warning in every output')
    .option('--by <column>', 'fit each value of this column (or derived: sparsity | shape | recipe) separately and compare them')
    .option('--objective <name>', 'huber (sum of Huber(1e-3) on log residuals) or lsq (least squares in loss)', 'huber')
    .option('--shared-exponent', 'one exponent for N and D (alpha = beta), as Gadre et al.')
    .option('--drop-top <K>', 'exclude the K highest losses (per slice) before fitting', '0')
    .option('--delta <d>', 'Huber delta', String(1e-3))
    .option('--allow-unidentifiable', 'fit even when the points cannot identify the law (D ∝ N, < 3 levels of N or D, equal losses); every output is marked NOT IDENTIFIABLE')
    .option('--exhaustive', 'run every grid start to full tolerance (slower) instead of screening');
  withBootstrapOptions(cmd, { bootstrap: 'for standard errors and 95% intervals (refits start from the best point)', seed: 'bootstrap seed (slice i uses seed + i)' });
  withOutOption(cmd, 'also write the JSON to this file');
  withJsonOption(cmd, 'print JSON');
  cmd
    .action(
      action(async (files: string[], opts: Opts) => {
        if (opts.objective !== 'huber' && opts.objective !== 'lsq') {
          throw new InputError(msg.badOption('--objective', opts.objective, 'huber or lsq'));
        }
        const { bootstrap: nboot, seed } = bootstrapOptions(opts, { limit: LIMITS.lossFitBootstrap });
        const dropTop = integerOption('--drop-top', opts.dropTop, 0);
        const delta = positiveOption('--delta', opts.delta ?? '1e-3');
        prepareOutput(opts.out, files);
        let sweep = loadSweep(files, {
          map: opts.map ? parseColumnMap(opts.map) : undefined,
          required: ['N', 'D', 'loss'],
          pool: opts.pool ? true : opts.by === 'file' ? 'by-file' : undefined,
        });
        // Derived slice attributes (sparsity, shape, recipe) as for `steplaw slices`.
        if (opts.by && (DERIVED_ATTRIBUTES as readonly string[]).includes(opts.by)) sweep = withSliceAttribute(sweep, opts.by);
        const usable = sweep.runs.filter(isUsable);
        // An lr/batch sweep has several runs per (N, D): the loss law is about the best of them (the grid optimum).
        const groupKey = (r: (typeof usable)[number]) => JSON.stringify([opts.by ? own(r.attrs, opts.by) ?? '' : '', r.N, r.D]);
        const best = new Map<string, (typeof usable)[number]>();
        for (const r of usable) {
          const k = groupKey(r);
          const b = best.get(k);
          if (!b || r.loss < b.loss) best.set(k, r);
        }
        const runs = opts.optima ? [...best.values()] : usable;
        if (!opts.optima && best.size < usable.length) {
          sweep.warnings.push({
            code: 'several-runs-per-group',
            message: `${usable.length} runs in ${best.size} (N, D) groups: the law is fitted to every run, sub-optimal hyperparameters included; --optima fits the best run of each group`,
            count: usable.length - best.size,
          });
        }
        if (opts.by && !sweep.runs.some((r) => Object.hasOwn(r.attrs, opts.by!))) {
          const cols = Object.keys(sweep.runs[0]?.attrs ?? {});
          throw new InputError(msg.badOption('--by', opts.by, `a column of the input other than the N, D and loss columns (${cols.join(', ')})`));
        }
        const bar = progressBar('bootstrap', nboot);
        const options: LossLawOptions = {
          objective: opts.objective,
          delta,
          sharedExponent: !!opts.sharedExponent,
          dropTop,
          bootstrap: nboot,
          seed,
          exhaustive: !!opts.exhaustive,
          allowUnidentifiable: !!opts.allowUnidentifiable,
          onProgress: (k) => bar.tick(k),
        };
        const toPoint = (r: (typeof runs)[number]): LossPoint => ({ N: r.N, D: r.D, loss: r.loss, row: r.row, file: r.file });
        let fits: LossLawFit[];
        if (opts.by) {
          const by = opts.by;
          fits = fitLossLawSlices(
            runs.map((r) => ({ ...toPoint(r), slice: String(own(r.attrs, by) ?? '') })),
            options,
          );
        } else {
          fits = [fitLossLaw(runs.map(toPoint), { ...options, label: files.join(', ') })];
        }
        bar.done();
        // Refused when no fit is identifiable (a slice that is not is reported as not fitted, the others stand).
        const refusal = (f: LossLawFit) => f.warnings.find((w) => w.code === 'unidentifiable' && w.detail?.refused);
        if (fits.length > 0 && fits.every(refusal)) throw new InputError(refusal(fits[0])!.message);
        const comparison = fits.length > 1 ? compareLossLawSlices(fits) : undefined;
        const result = {
          files,
          law: 'L = E + A/N^alpha + B/D^beta',
          options: {
            map: opts.map ?? null,
            by: opts.by ?? null,
            objective: opts.objective,
            delta: opts.objective === 'huber' ? delta : null,
            sharedExponent: !!opts.sharedExponent,
            dropTop,
            optima: !!opts.optima,
            bootstrap: nboot,
            seed,
            grid: HOFFMANN_GRID,
            search: opts.exhaustive ? 'exhaustive' : 'screened',
          },
          fits: fits.map(withoutSamples),
          differences: comparison ?? null,
          warnings: sweep.warnings,
        };
        if (opts.out) writeJsonFile(opts.out, result);
        if (opts.json) await printJson(result);
        else process.stdout.write(lossFitText(fits, comparison));
        for (const line of summariseWarnings([...sweep.warnings, ...fits.flatMap((f) => f.warnings)])) process.stderr.write(line + '\n');
      }),
    );
}
