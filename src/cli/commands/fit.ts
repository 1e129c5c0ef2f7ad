/**
 * `steplaw fit <csv…>`: the Step Law fitted the authors' way (band selection,
 * OLS on logs, bootstrap means). Prints an lmfit-like report and writes the
 * fit JSON (default under fits/); `--json` prints the JSON to stdout instead.
 */
import type { Command } from 'commander';
import { basename } from 'node:path';
import { fitStepLaw, STEPLAW_METHODS, type StepLawMethod } from '../../laws/steplaw-fit.js';
import { stepLawFitReport } from '../../laws/fit-report.js';
import { InputError, msg } from '../../messages.js';
import { progressBar } from '../progress.js';
import { action, integerOption, summariseWarnings, toJson, writeJsonFile } from '../run.js';
import { bandOption, loadGrids, withSweepOptions, type SweepCliOptions } from '../sweep-options.js';

interface FitCliOptions extends SweepCliOptions {
  bootstrap: string;
  seed: string;
  batchOnN?: boolean;
  method: string;
  out?: string;
  json?: boolean;
}

export function defaultFitPath(files: string[]): string {
  const stem = files.map((f) => basename(f).replace(/\.[^.]*$/, '')).join('+');
  return `fits/${stem}.fit.json`;
}

export function register(program: Command): void {
  withSweepOptions(
    program
      .command('fit')
      .description("fit the Step Law (optimal lr on N and D, optimal batch on D) the authors' way: runs within --band of each group minimum, OLS on natural logs, bootstrap means")
      .argument('<csv...>', 'sweep CSV files (Step Law dense/MoE formats are recognised; others need --map)'),
  )
    .option('--bootstrap <n>', 'bootstrap resamples (0 = none)', '1000')
    .option('--seed <n>', 'seed of the bootstrap', '0')
    .option('--batch-on-n', 'also regress ln B on ln N (the homepage variant)')
    .option('--method <name>', `fitting method: ${STEPLAW_METHODS.join(' | ')}`, 'ols')
    .option('--out <file>', 'where to write the fit JSON (default fits/<input>.fit.json)')
    .option('--json', 'print the fit JSON to stdout instead of the report (still writes --out if given)')
    .action(
      action((files: string[], o: FitCliOptions) => {
        if (!(STEPLAW_METHODS as readonly string[]).includes(o.method)) {
          throw new InputError(msg.badOption('--method', o.method, STEPLAW_METHODS.join(' | ')));
        }
        const band = bandOption(o);
        const bootstrap = integerOption('--bootstrap', o.bootstrap, 0);
        const seed = integerOption('--seed', o.seed, 0);
        const { grids, warnings } = loadGrids(files, o);
        const bar = progressBar('bootstrap', bootstrap);
        const fit = fitStepLaw(grids, {
          band,
          bootstrap,
          seed,
          batchOnN: Boolean(o.batchOnN),
          method: o.method as StepLawMethod,
          onProgress: (k) => bar.tick(k),
        });
        if (bootstrap > 0) bar.done();
        fit.warnings.unshift(...warnings);
        const out = o.out ?? (o.json ? undefined : defaultFitPath(files));
        if (out) writeJsonFile(out, fit);
        if (o.json) {
          process.stdout.write(toJson(fit));
          return;
        }
        for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
        process.stdout.write(stepLawFitReport({ ...fit, warnings: fit.warnings.slice(warnings.length) }));
        if (out) process.stdout.write(`\nfit written to ${out}\n`);
      }),
    );
}
