/**
 * `steplaw report [csv…] [--out <dir>] [--fits <dir>] [--law <name…>]`: the
 * self-contained HTML report (src/report). Without CSV arguments it uses the
 * released Step Law data shipped in data/steplaw (dense and MoE). Sections
 * from `<fits>/report-input.json` (written by `steplaw reproduce`) are
 * appended when that file exists; otherwise each sweep is fitted here the
 * authors' way (fitStepLaw, 1000 bootstrap resamples, seed 0) — a Fits
 * section with the reproduction record — and validated (each --law per group,
 * and the compare table of the catalog laws), and sliced by any extra group
 * key (the MoE file's moe_name: forest plot of the exponents by sparsity).
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { msg } from '../../messages.js';
import { catalogLaws, resolveLaw } from '../../laws/catalog.js';
import { dataPath, packageRoot } from '../../util/paths.js';
import { contextOf } from '../../validate/context.js';
import { analysisSections, readReportInput, standaloneReport, type SweepForReport } from '../../report/standalone.js';
import { stepLaw } from '../../laws/published/steplaw.js';
import { buildReport, writeReportFiles } from '../../report/write.js';
import { claimOutputDir } from '../../util/output-guard.js';
import type { ReportSection } from '../../report/types.js';
import type { Law } from '../../laws/law.js';
import { action, summariseWarnings } from '../run.js';
import { bandOption, loadGrids, withByOption, withSweepOptions, type SweepCliOptions } from '../sweep-options.js';

export interface ReportCliOptions extends SweepCliOptions {
  out?: string;
  fits?: string;
  /** Write into an existing non-empty folder steplaw did not make. */
  force?: boolean;
  law?: string[];
  slice?: string;
  /** Sections a caller (reproduce) appends after the computed ones. */
  extraSections?: ReportSection[];
  /** More laws to mark on the landscapes (e.g. the law reproduce just fitted), after the catalog's. */
  extraLaws?: Law[];
}

export function register(program: Command): void {
  withByOption(withSweepOptions(
    program
      .command('report')
      .description('write a self-contained HTML report (index.html + one .svg per figure) of a sweep: loss landscapes with each law’s prediction, the authors’ fit, validation and slices (reproduce adds the loss laws)')
      .argument('[csv...]', 'sweep CSV files (default: the released Step Law dense and MoE files in data/steplaw)'),
  ))
    .option('--out <dir>', 'output folder', 'report')
    .option('--force', 'write into --out even if it is a non-empty folder steplaw did not make (files of the same names are replaced)')
    .option('--fits <dir>', 'folder with report-input.json from `steplaw reproduce` (default: fits/ in the package, where reproduce writes)')
    .option('--slice <name>', 'with --law <fit --by file>: the slice whose law to use')
    .option('--law <name...>', 'laws to mark on the landscapes and validate per group (catalog names or fit JSON paths; default: every evaluable catalog law marked, Step Law validated)')
    .action(
      action(async (files: string[], o: ReportCliOptions) => {
        const { path, figures } = await runReport(files, o);
        process.stdout.write(msg.reportWritten(path, figures) + '\n');
      }),
    );
}

/**
 * What `steplaw report` does, callable from other commands (`reproduce`):
 * build the report for `files` (none: the released Step Law data) and write
 * it to `o.out` (default `report`). Warnings go to stderr. Returns the path of
 * index.html and the number of figures.
 * @example await runReport([], { out: 'report' }); // → { path: '/…/report/index.html', figures: 39 }
 */
export async function runReport(files: string[], o: ReportCliOptions = {}): Promise<{ path: string; figures: number }> {
  const outDir = o.out ?? 'report';
  // Before any work: the folder must be writable and either steplaw's or explicitly forced.
  claimOutputDir(outDir, { force: o.force });
  // Default: every catalog law that can be evaluated (Step Law once: bootstrap means, not also the rounded twin).
  const laws = [...(o.law ? o.law.map((name) => resolveLaw(name, { slice: o.slice })) : catalogLaws().filter((l) => l.evaluable && l.name !== 'steplaw-rounded')), ...(o.extraLaws ?? [])];
  const validated = o.law ? laws : laws.filter((l) => l.name === 'steplaw');
  const inputs: { label: string; files: string[] }[] =
    files.length > 0
      ? [{ label: files.map((f) => basename(f)).join(', '), files }]
      : [
          { label: 'dense models', files: [dataPath('steplaw', 'dense_lr_bs_loss.csv')] },
          { label: 'MoE models (total N)', files: [dataPath('steplaw', 'moe_lr_bs_loss.csv')] },
        ];
  const sweeps: SweepForReport[] = [];
  for (const input of inputs) {
    const loaded = loadGrids(input.files, o);
    const { grids, warnings } = loaded;
    // --by: the sweep is sliced on the attribute too (a slices section per extra group key), never silently pooled.
    const sweep = o.by && !loaded.sweep.groupKeys.includes(o.by) ? { ...loaded.sweep, groupKeys: [...loaded.sweep.groupKeys, o.by] } : loaded.sweep;
    for (const line of summariseWarnings(warnings)) process.stderr.write(line + '\n');
    sweeps.push({ label: input.label, source: input.files.map((f) => basename(f)).join(', '), grids, sweep });
  }
  const report = standaloneReport(sweeps, {
    laws,
    context: (g) => contextOf(g).ctx,
    intro: [
      `Data: ${inputs.flatMap((i) => i.files.map((f) => basename(f))).join(', ')}. Laws marked: ${laws.map((l) => l.title).join(', ')}.`,
    ],
  });
  const fitsDir = o.fits ?? join(packageRoot(), 'fits');
  const fitsInput = join(fitsDir, 'report-input.json');
  if (existsSync(fitsInput)) {
    const extra = readReportInput(fitsInput);
    report.sections.push(...extra.sections);
    if (extra.intro) report.intro = [...(report.intro ?? []), ...extra.intro];
  } else {
    // No fit results to show: fit each sweep the authors' way here, so the report is not landscapes only.
    if (!o.extraSections) process.stderr.write(msg.reportNoFitsInput(fitsDir) + '\n');
    const published = { label: 'Step Law (published, bootstrap means)', coefficients: stepLaw().coefficients };
    report.sections.push(...analysisSections(sweeps, { band: bandOption(o), laws: validated, catalog: catalogLaws(), published }));
  }
  if (o.extraSections) report.sections.push(...o.extraSections);
  const built = await buildReport(report);
  if (built.warnings.length > 0) process.stderr.write(`warning [report]: ${msg.reportRenderWarnings(built.warnings.length, built.warnings[0])}\n`);
  const path = writeReportFiles(built, outDir, { force: o.force });
  return { path, figures: built.figures.length };
}
