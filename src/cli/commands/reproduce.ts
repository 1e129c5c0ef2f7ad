/**
 * `steplaw reproduce`: the main job (`npm start`). Runs every reproduction
 * step on the data shipped in data/ and writes the records to fits/.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { packageRoot } from '../../util/paths.js';
import { loadReleased, stepLawReproduction, type StepOutput } from '../../reproduce/run.js';
import { compareStep, crossValidationStep, gadreStep, landscapeStep, moeSlicesStep, porianStep, validationStep } from '../../reproduce/steps.js';
import { action, integerOption, writeJsonFile } from '../run.js';

interface ReproduceCliOptions {
  outDir?: string;
  bootstrap: string;
  seed: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('reproduce')
    .description("the main job: refit the released Step Law data the authors' way, compare with the published coefficients, and write the records to fits/")
    .option('--out-dir <dir>', 'where to write the records (default: fits/ in the package)')
    .option('--bootstrap <n>', 'bootstrap resamples for each bootstrapped fit', '1000')
    .option('--seed <n>', 'seed of every bootstrap', '0')
    .option('--json', 'print a JSON index of what was written instead of the summary')
    .action(
      action((o: ReproduceCliOptions) => {
        const outDir = resolve(o.outDir ?? resolve(packageRoot(), 'fits'));
        const bootstrap = integerOption('--bootstrap', o.bootstrap, 2);
        const seed = integerOption('--seed', o.seed, 0);
        // Records name data files relative to the package root, so the bytes do not depend on where it is installed.
        process.chdir(packageRoot());
        const log = (line: string) => process.stderr.write(`reproduce: ${line}\n`);
        const opts = { bootstrap, seed, log };
        const data = loadReleased();
        const outputs: StepOutput[] = [];
        const { fit, outputs: fitOutputs } = stepLawReproduction(data, opts);
        outputs.push(...fitOutputs);
        outputs.push(validationStep(data, opts));
        outputs.push(...compareStep(data, fit, opts));
        outputs.push(crossValidationStep(data, opts));
        outputs.push(landscapeStep(data, opts));
        outputs.push(moeSlicesStep(opts));
        outputs.push(porianStep(opts));
        outputs.push(gadreStep(opts));
        const written: string[] = [];
        for (const out of outputs) {
          const path = resolve(outDir, out.file);
          writeJsonFile(path, out.record);
          written.push(path);
        }
        if (o.json) {
          process.stdout.write(JSON.stringify({ written }, null, 2) + '\n');
          return;
        }
        for (const out of outputs) {
          if (out.summary.length) process.stdout.write(out.summary.join('\n') + '\n\n');
        }
        process.stdout.write(`\nwrote ${written.length} records to ${outDir}\n`);
      }),
    );
}
