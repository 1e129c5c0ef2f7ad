/**
 * `steplaw report [csv…] [--out <dir>] [--law <name…>]`: the self-contained
 * HTML report (src/report) of a sweep. Without CSV arguments it uses the
 * released Step Law data shipped in data/steplaw (dense and MoE). Each sweep
 * is analysed once by the "analyse a sweep" job (src/jobs/analyse.ts): fitted
 * the authors' way (--bootstrap resamples, --seed), validated (each --law per
 * group, and the compare table of the catalog laws), and sliced by any extra
 * group key (the MoE file's moe_name); the report draws those results.
 * `steplaw reproduce` writes the full report (loss laws, compute-optimal
 * exponents, cross-validation) from its own results.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { msg } from '../../messages.js';
import { resolveLaw } from '../../laws/catalog.js';
import { dataPath } from '../../util/paths.js';
import type { SweepForReport } from '../../report/standalone.js';
import { buildReport, writeReportFiles } from '../../report/write.js';
import { claimOutputDir } from '../../util/output-guard.js';
import type { ReportInput } from '../../report/types.js';
import { analyseSweep, markedLaws, sweepReport } from '../../jobs/analyse.js';
import { action, summariseWarnings } from '../run.js';
import { bandOption, divergedRatioOption, loadGrids, withByOption, withSweepOptions, type SweepCliOptions } from '../sweep-options.js';
import { type BootstrapCliOptions, bootstrapOptions, withBootstrapOptions, withOutOption } from '../options.js';

export interface ReportCliOptions extends SweepCliOptions, Partial<BootstrapCliOptions> {
  out?: string;
  /** Write into an existing non-empty folder steplaw did not make. */
  force?: boolean;
  law?: string[];
  slice?: string;
}

/** Where `steplaw report` writes without --out. */
export const DEFAULT_REPORT_DIR = 'report';

export function register(program: Command): void {
  const cmd = withByOption(withSweepOptions(
    program
      .command('report')
      .description('write a self-contained HTML report (index.html + one .svg per figure) of a sweep: loss landscapes with each law’s prediction, the authors’ fit, validation and slices (reproduce adds the loss laws)')
      .argument('[csv...]', 'sweep CSV files (default: the released Step Law dense and MoE files in data/steplaw)'),
  ));
  withBootstrapOptions(cmd);
  withOutOption(cmd, 'output folder', { arg: '<dir>', default: DEFAULT_REPORT_DIR });
  cmd
    .option('--force', 'write into --out even if it is a non-empty folder steplaw did not make (files of the same names are replaced)')
    .option('--slice <name>', 'with --law <fit --by file>: the slice whose law to use')
    .option('--law <name...>', 'laws to mark on the landscapes and validate per group (catalog names or fit JSON paths; default: every evaluable catalog law marked, Step Law validated)')
    .action(
      action(async (files: string[], o: ReportCliOptions) => {
        const { path, figures } = await runReport(files, o);
        process.stdout.write(msg.reportWritten(path, figures) + '\n');
      }),
    );
}

/** Render a report and write it to `dir`; render warnings go to stderr. Returns the path of index.html and the number of figures. */
export async function emitReport(input: ReportInput, dir: string, options: { force?: boolean } = {}): Promise<{ path: string; figures: number }> {
  const built = await buildReport(input);
  if (built.warnings.length > 0) process.stderr.write(`warning [report]: ${msg.reportRenderWarnings(built.warnings.length, built.warnings[0])}\n`);
  return { path: writeReportFiles(built, dir, options), figures: built.figures.length };
}

/**
 * What `steplaw report` does: analyse `files` (none: the released Step Law
 * data) and write the report to `o.out` (default `report`). Warnings go to
 * stderr. Returns the path of index.html and the number of figures.
 * @example await runReport([], { out: 'report' }); // → { path: '/…/report/index.html', figures: 39 }
 */
export async function runReport(files: string[], o: ReportCliOptions = {}): Promise<{ path: string; figures: number }> {
  const outDir = o.out ?? DEFAULT_REPORT_DIR;
  // Before any work: the folder must be writable and either steplaw's or explicitly forced.
  claimOutputDir(outDir, { force: o.force });
  const laws = o.law ? o.law.map((name) => resolveLaw(name, { slice: o.slice })) : markedLaws();
  const validated = o.law ? laws : laws.filter((l) => l.name === 'steplaw');
  const { bootstrap, seed } = bootstrapOptions(o, { min: 2 });
  const inputs: { label: string; files: string[] }[] =
    files.length > 0
      ? [{ label: files.map((f) => basename(f)).join(', '), files }]
      : [
          { label: 'dense models', files: [dataPath('steplaw', 'dense_lr_bs_loss.csv')] },
          { label: 'MoE models (total N)', files: [dataPath('steplaw', 'moe_lr_bs_loss.csv')] },
        ];
  const options = { band: bandOption(o), bootstrap, seed, validated, divergedRatio: divergedRatioOption(o) };
  const analyses = inputs.map((input) => {
    const loaded = loadGrids(input.files, o);
    const { grids, warnings } = loaded;
    // --by: the sweep is sliced on the attribute too (a slices section per extra group key), never silently pooled.
    const sweep = o.by && !loaded.sweep.groupKeys.includes(o.by) ? { ...loaded.sweep, groupKeys: [...loaded.sweep.groupKeys, o.by] } : loaded.sweep;
    for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
    const s: SweepForReport = { label: input.label, source: input.files.map((f) => basename(f)).join(', '), grids, sweep };
    return analyseSweep(s, options);
  });
  return emitReport(sweepReport(analyses, { laws }), outDir, { force: o.force });
}
