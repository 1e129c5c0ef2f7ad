/**
 * `steplaw fit <csv…>`: the Step Law fitted the authors' way (band selection,
 * OLS on logs, bootstrap means). Prints an lmfit-like report and writes the
 * fit JSON (default under fits/); `--json` prints the JSON to stdout instead.
 */
import type { Command } from 'commander';
import { basename } from 'node:path';
import { fitStepLaw, RESAMPLE_METHODS, STEPLAW_METHODS, type ResampleMethod, type StepLawFitOptions, type StepLawMethod } from '../../laws/steplaw-fit.js';
import { outputPath } from '../output-dir.js';
import { loadSweep } from '../../ingest/sweep.js';
import { fitSlices } from '../../slices/fit-slices.js';
import { withSliceAttribute } from '../../slices/derive.js';
import { stepLawFitReport } from '../../laws/fit-report.js';
import { InputError, msg, sanitize } from '../../messages.js';
import { prepend } from '../../util/arrays.js';
import { progressBar } from '../progress.js';
import { action, prepareOutput, printJson, summariseWarnings, writeJsonFile } from '../run.js';
import { bandOption, ingestOptions, loadGrids, withSweepOptions, divergedRatioOption, type SweepCliOptions } from '../sweep-options.js';
import { bootstrapOptions, withBootstrapOptions, withJsonOption, withOutOption } from '../options.js';

interface FitCliOptions extends SweepCliOptions {
  bootstrap: string;
  seed: string;
  resample: string;
  batchOnN?: boolean;
  method: string;
  out?: string;
  outDir?: string;
  json?: boolean;
  by?: string;
  excludeUnbracketed?: boolean;
  allowUnidentifiable?: boolean;
}

export function defaultFitPath(files: string[]): string {
  const stem = files.map((f) => basename(f).replace(/\.[^.]*$/, '')).join('+');
  return `fits/${stem}.fit.json`;
}

/** `fit --by`: one fit per slice, written together as one JSON (kind steplaw-fit-slices). */
async function fitBySlice(files: string[], o: FitCliOptions, options: StepLawFitOptions): Promise<void> {
  // Derived once here so the warnings printed (duplicate cells) are keyed on the slice too.
  const sweep = withSliceAttribute(loadSweep(files, ingestOptions(o)), o.by!);
  const slices = fitSlices(sweep, o.by!, { ...options, divergedRatio: divergedRatioOption(o) });
  const record = {
    kind: 'steplaw-fit-slices',
    version: 1,
    by: o.by,
    slices: slices.map((s) => ({ slice: s.label, value: s.value, runs: s.runs, groups: s.grids.length, error: s.error ?? null, fit: s.fit ?? null })),
    warnings: sweep.warnings,
  };
  const out = o.out ?? (o.json ? undefined : outputPath(o.outDir, defaultFitPath(files)).replace(/\.fit\.json$/, `.by-${o.by!.replace(/[^\w.-]+/g, '_')}.fit.json`));
  prepareOutput(out, files);
  if (out) writeJsonFile(out, record);
  if (o.json) {
    await printJson(record);
    return;
  }
  for (const line of summariseWarnings(sweep.warnings)) process.stderr.write(line + '\n');
  for (const s of slices) {
    process.stdout.write(`\n======== ${sanitize(s.label)} (${s.runs} runs, ${s.grids.length} groups) ========\n`);
    process.stdout.write(s.fit ? stepLawFitReport(s.fit) : `not fitted: ${sanitize(String(s.error))}\n`);
  }
  if (out) process.stdout.write(`\nfits written to ${out}\n`);
}

/** `--resample groups|runs`. */
export function resampleOption(value: string): ResampleMethod {
  if (!(RESAMPLE_METHODS as readonly string[]).includes(value)) throw new InputError(msg.badOption('--resample', value, RESAMPLE_METHODS.join(' | ')));
  return value as ResampleMethod;
}

export function register(program: Command): void {
  const cmd = withSweepOptions(
    program
      .command('fit')
      .description("fit the Step Law (optimal lr on N and D, optimal batch on D) the authors' way: runs within --band of each group minimum, OLS on natural logs, bootstrap means")
      .argument('<csv...>', 'sweep CSV files (Step Law dense/MoE formats are recognised; others need --map)'),
  )
    .option('--resample <what>', "what the bootstrap resamples: groups (whole (N, D) groups, the default: runs of one group are not independent) | runs (the authors' way)", 'groups')
    .option('--batch-on-n', 'also regress ln B on ln N (the homepage variant)')
    .option('--exclude-unbracketed', 'leave out groups whose optimum is on the edge of the lr or batch range tried (the authors keep them)')
    .option('--allow-unidentifiable', 'fit even when the design cannot identify the law (one lr per group, flat losses, D ∝ N, ...); every output is marked NOT IDENTIFIABLE')
    .option('--method <name>', `fitting method: ${STEPLAW_METHODS.join(' | ')}`, 'ols')
    .option('--by <attribute>', 'one fit per slice: a column, or sparsity | shape | recipe (see `steplaw slices` for the comparison)');
  withBootstrapOptions(cmd, { bootstrap: '(0 = none)', seed: 'seed of the bootstrap' });
  withOutOption(cmd, 'where to write the fit JSON (default fits/<input>.fit.json)');
  withJsonOption(cmd, 'print the fit JSON to stdout instead of the report (still writes --out if given)');
  cmd
    .action(
      action(async (files: string[], o: FitCliOptions) => {
        if (!(STEPLAW_METHODS as readonly string[]).includes(o.method)) {
          throw new InputError(msg.badOption('--method', o.method, STEPLAW_METHODS.join(' | ')));
        }
        const band = bandOption(o);
        const { bootstrap, seed } = bootstrapOptions(o);
        const resample = resampleOption(o.resample);
        if (o.by) {
          await fitBySlice(files, o, { band, bootstrap, seed, resample, batchOnN: Boolean(o.batchOnN), method: o.method as StepLawMethod, excludeUnbracketed: Boolean(o.excludeUnbracketed), allowUnidentifiable: Boolean(o.allowUnidentifiable) });
          return;
        }
        const out = o.out ?? (o.json ? undefined : outputPath(o.outDir, defaultFitPath(files)));
        prepareOutput(out, files);
        // No attribute is read on this path (no --by; the fit record keeps none): none is stored.
        const loaded = loadGrids(files, o, [], { attributes: [] });
        const grids = loaded.grids;
        // The fit reports unbracketed optima itself (with whether they were excluded).
        const warnings = loaded.warnings.filter((w) => w.code !== 'optimum-on-edge');
        const bar = progressBar('bootstrap', bootstrap);
        const fit = fitStepLaw(grids, {
          band,
          bootstrap,
          seed,
          resample,
          batchOnN: Boolean(o.batchOnN),
          method: o.method as StepLawMethod,
          excludeUnbracketed: Boolean(o.excludeUnbracketed),
          allowUnidentifiable: Boolean(o.allowUnidentifiable),
          onProgress: (k) => bar.tick(k),
        });
        if (bootstrap > 0) bar.done();
        prepend(fit.warnings, warnings);
        if (out) writeJsonFile(out, fit);
        if (o.json) {
          await printJson(fit);
          return;
        }
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        process.stdout.write(stepLawFitReport({ ...fit, warnings: fit.warnings.slice(warnings.length) }));
        if (out) process.stdout.write(`\nfit written to ${out}\n`);
      }),
    );
}
