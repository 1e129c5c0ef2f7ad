/**
 * `steplaw reproduce`: the main job (`npm start`, src/jobs/reproduce.ts) on
 * the data shipped in data/: writes the records to fits/ and the HTML report
 * — drawn from the same results — to report/, and prints the report's path at
 * the end.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { packageRoot } from '../../util/paths.js';
import { outputPath } from '../output-dir.js';
import { reproduce, reproduceReport } from '../../jobs/reproduce.js';
import { reproductionRecords, reproductionSummary } from '../../jobs/records.js';
import { planReplaySection, planReplayStep } from '../../jobs/plan-replay.js';
import { msg } from '../../messages.js';
import { action, summariseWarnings, writeJsonFile } from '../run.js';
import { type BootstrapCliOptions, bootstrapOptions, withBootstrapOptions, withJsonOption } from '../options.js';
import { emitReport } from './report.js';
import { checkWritable, claimOutputDir } from '../../util/output-guard.js';
import { reportViewsStep } from '../../jobs/prediction.js';

interface ReproduceCliOptions extends BootstrapCliOptions {
  outDir?: string;
  report: boolean;
  json?: boolean;
}

export function register(program: Command): void {
  // --out-dir (where fits/ and report/ go) is the output rule's (output-dir.ts), as for every command that writes.
  const cmd = program
    .command('reproduce')
    .description("the main job: refit the released Step Law data the authors' way, validate and compare the published laws, fit slices and loss laws, write the records to fits/ and the HTML report to report/ under the current directory (or --out-dir)")
    .option('--no-report', 'skip the HTML report');
  withBootstrapOptions(cmd);
  withJsonOption(cmd, 'print a JSON index of what was written instead of the summary');
  cmd.action(
      action(async (o: ReproduceCliOptions) => {
        const root = packageRoot();
        // Reads the data shipped in the package; writes under the current directory or --out-dir.
        const outDir = resolve(outputPath(o.outDir, 'fits'));
        const reportDir = resolve(outputPath(o.outDir, 'report'));
        const { bootstrap, seed } = bootstrapOptions(o, { min: 2 });
        // Before minutes of work: both output folders can be written (and the report folder is steplaw's).
        checkWritable(resolve(outDir, '.steplaw-probe-target'));
        if (o.report) claimOutputDir(reportDir);
        // Records name data files relative to the package root, so the bytes do not depend on where it is installed.
        process.chdir(root);
        const log = (line: string) => process.stderr.write(`reproduce: ${line}\n`);
        const results = reproduce({ bootstrap, seed, log });
        for (const line of summariseWarnings([...results.data.dense.warnings, ...results.data.moe.warnings])) process.stderr.write(line + '\n');
        const records = reproductionRecords(results);
        // The first screen (verdict, comparison, prediction) and the convexity, shape and MoE-N views, from the records above.
        const views = reportViewsStep(results.data, results.fit, (file) => records.find((r) => r.file === file)?.record);
        const plan = planReplayStep(results.data, { bootstrap, seed, log });
        const written: string[] = [];
        for (const { file, record } of [...records, views.output, plan]) {
          const path = resolve(outDir, file);
          writeJsonFile(path, record);
          written.push(path);
        }
        let report: { path: string; figures: number } | undefined;
        if (o.report) {
          log('writing the HTML report');
          const input = reproduceReport(results);
          input.sections.push(...views.sections, planReplaySection(plan.record));
          report = await emitReport(input, reportDir);
        }
        if (o.json) {
          process.stdout.write(JSON.stringify({ written, report: report?.path ?? null }, null, 2) + '\n');
          return;
        }
        for (const lines of [...reproductionSummary(results), views.output.summary, plan.summary]) if (lines.length) process.stdout.write(lines.join('\n') + '\n\n');
        process.stdout.write(`wrote ${written.length} records to ${outDir}\n`);
        if (report) process.stdout.write(msg.reportWritten(report.path, report.figures) + '\n');
      }),
    );
}
