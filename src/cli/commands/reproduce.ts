/**
 * `steplaw reproduce`: the main job (`npm start`). Runs every reproduction
 * step on the data shipped in data/, writes the records to fits/ and the HTML
 * report to report/, and prints the report's path at the end.
 */
import type { Command } from 'commander';
import { DEFAULT_SEED } from '../../util/random.js';
import { resolve } from 'node:path';
import { packageRoot } from '../../util/paths.js';
import { outputPath } from '../output-dir.js';
import { loadReleased, stepLawReproduction, type StepOutput } from '../../jobs/run.js';
import { compareStep, crossValidationStep, gadreStep, landscapeStep, moeSlicesStep, porianStep, shapesStep, validationStep } from '../../jobs/steps.js';
import { cvSection, gadreSection, porianSection } from '../../jobs/report-sections.js';
import { planReplaySection, planReplayStep } from '../../jobs/plan-replay.js';
import type { CrossValidation } from '../../validate/cv.js';
import type { PorianReproduction } from '../../jobs/porian.js';
import type { GadreReproduction } from '../../jobs/gadre.js';
import { msg } from '../../messages.js';
import { action, integerOption, writeJsonFile } from '../run.js';
import { LIMITS } from '../limits.js';
import { checkWritable, claimOutputDir } from '../../util/output-guard.js';
import { runReport } from './report.js';
import { reportViewsStep } from '../../jobs/prediction.js';
import { fitToLaw } from '../../laws/steplaw-fit.js';

interface ReproduceCliOptions {
  outDir?: string;
  report: boolean;
  bootstrap: string;
  seed: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('reproduce')
    .description("the main job: refit the released Step Law data the authors' way, validate and compare the published laws, fit slices and loss laws, write the records to fits/ and the HTML report to report/ under the current directory (or --out-dir)")
    .option('--out-dir <dir>', 'write fits/ and report/ under this folder (default: the current directory)')
    .option('--no-report', 'skip the HTML report')
    .option('--bootstrap <n>', 'bootstrap resamples for each bootstrapped fit', '1000')
    .option('--seed <n>', 'seed of every bootstrap', String(DEFAULT_SEED))
    .option('--json', 'print a JSON index of what was written instead of the summary')
    .action(
      action(async (o: ReproduceCliOptions) => {
        const root = packageRoot();
        // Reads the data shipped in the package; writes under the current directory or --out-dir.
        const outDir = resolve(outputPath(o.outDir, 'fits'));
        const reportDir = resolve(outputPath(o.outDir, 'report'));
        const bootstrap = integerOption('--bootstrap', o.bootstrap, 2, LIMITS.bootstrap);
        const seed = integerOption('--seed', o.seed, 0, LIMITS.seed);
        // Before minutes of work: both output folders can be written (and the report folder is steplaw's).
        checkWritable(resolve(outDir, '.steplaw-probe-target'));
        if (o.report) claimOutputDir(reportDir);
        // Records name data files relative to the package root, so the bytes do not depend on where it is installed.
        process.chdir(root);
        const log = (line: string) => process.stderr.write(`reproduce: ${line}\n`);
        const opts = { bootstrap, seed, log };
        const data = loadReleased();
        const outputs: StepOutput[] = [];
        const { fit, outputs: fitOutputs } = stepLawReproduction(data, opts);
        outputs.push(...fitOutputs);
        outputs.push(validationStep(data, opts));
        outputs.push(...compareStep(data, fit, opts));
        const cv = crossValidationStep(data, opts);
        outputs.push(cv);
        outputs.push(landscapeStep(data, opts));
        outputs.push(moeSlicesStep(data, opts));
        outputs.push(shapesStep(data, opts));
        const porian = porianStep(opts);
        outputs.push(porian);
        const gadre = gadreStep(opts);
        outputs.push(gadre);
        // The first screen (verdict, comparison, prediction) and the convexity, shape and MoE-N views, from the records above.
        const views = reportViewsStep(data, fit, (file) => outputs.find((out) => out.file === file)?.record);
        outputs.push(views.output);
        const plan = planReplayStep(data, opts);
        outputs.push(plan);
        const written: string[] = [];
        for (const out of outputs) {
          const path = resolve(outDir, out.file);
          writeJsonFile(path, out.record);
          written.push(path);
        }
        let report: { path: string; figures: number } | undefined;
        if (o.report) {
          log('writing the HTML report');
          report = await runReport([], {
            out: reportDir,
            fits: outDir,
            extraLaws: [fitToLaw(fit, 'dense refit')],
            extraSections: [
              gadreSection(gadre.record as GadreReproduction, gadre.fits, gadre.points, gadre.pooled),
              porianSection(porian.record as PorianReproduction),
              cvSection(cv.record as CrossValidation),
              ...views.sections,
              planReplaySection(plan.record),
            ],
          });
        }
        if (o.json) {
          process.stdout.write(JSON.stringify({ written, report: report?.path ?? null }, null, 2) + '\n');
          return;
        }
        for (const out of outputs) {
          if (out.summary.length) process.stdout.write(out.summary.join('\n') + '\n\n');
        }
        process.stdout.write(`wrote ${written.length} records to ${outDir}\n`);
        if (report) process.stdout.write(msg.reportWritten(report.path, report.figures) + '\n');
      }),
    );
}
