/**
 * The report built from sweep data alone (what `steplaw report` shows without
 * fit results): per sweep a section of loss landscapes, one per group, with
 * each given law's prediction marked, and a per-group table of the grid
 * optimum, its run name and the predictions. Richer sections (fits, slices,
 * loss law, validation tables) are appended from `fits/report-input.json`.
 */
import { readFileSync } from 'node:fs';
import { InputError, msg } from '../messages.js';
import type { Law, LawContext } from '../laws/law.js';
import type { Grid } from '../sweep/grid.js';
import { landscapeFromGrid, runName } from './adapters.js';
import { slug } from './escape.js';
import type { ReportInput, ReportItem, ReportSection, TableInput } from './types.js';
import { fitStepLaw } from '../laws/steplaw-fit.js';
import { fitFiguresFromStepLawFit, reproductionRowsFromStepLawFit, type PublishedCoefficients } from './from-steplaw-fit.js';
import { reproductionTable } from './tables.js';
import { validateLaw } from '../validate/validate.js';
import { compareLaws } from '../validate/compare.js';
import { compareTableFromComparison, validationTableFromResult } from './from-validate.js';
import { sliceStudy } from '../slices/study.js';
import type { Sweep } from '../sweep/types.js';
import { forestFromSliceStudy, sliceDifferencesTable } from './from-slices.js';
import { fmtPct } from './format.js';
import { DEFAULT_SEED } from '../util/random.js';

export interface SweepForReport {
  /** Section title, e.g. `Dense models (dense_lr_bs_loss.csv)`. */
  label: string;
  /** Data description used in captions, e.g. the file name. */
  source: string;
  grids: Grid[];
  /** The sweep itself (needed for slice studies). */
  sweep?: Sweep;
}

export interface StandaloneOptions {
  laws: Law[];
  /** LawContext per grid (N and D at least; C, L for laws that need them). */
  context: (grid: Grid) => LawContext;
  title?: string;
  intro?: string[];
}

/** A law's legend label: its title (e.g. `Step Law (bootstrap-mean coefficients)`). */
const lawLabel = (law: Law): string => law.title;

function optimaTable(sweep: SweepForReport, options: StandaloneOptions, id: string): TableInput {
  const rows = sweep.grids
    .filter((g) => g.argmin)
    .map((g) => {
      const row: Record<string, string | number | boolean> = {
        group: g.key,
        // the group's landscape (same id as standaloneReport gives it): the row links to its figure
        figure: `landscape-${slug(sweep.label)}-${g.key}`,
        runs: g.usable.length,
        minLoss: g.minLoss,
        lr: g.argmin!.lr,
        batch: g.argmin!.batchTokens,
        run: runName(g.argmin!),
        bracketed: g.bracketed.lr && g.bracketed.batch,
      };
      options.laws.forEach((law, k) => {
        const p = law.predict(options.context(g));
        if (p.lr !== undefined) row[`lr${k}`] = p.lr;
        if (p.batchTokens !== undefined) row[`b${k}`] = p.batchTokens;
      });
      return row;
    });
  return {
    id,
    title: `Grid optima — ${sweep.label}.`,
    caption: `${sweep.source}: per group the run with the lowest loss, whether it is bracketed (not on the edge of the lr or batch range tried), and each law's predicted lr and batch (tokens).`,
    columns: [
      { key: 'group', label: 'group', linkKey: 'figure' },
      { key: 'runs', label: 'usable runs', format: 'int' },
      { key: 'minLoss', label: 'L_min', format: 'num', digits: 5 },
      { key: 'lr', label: 'argmin lr', format: 'num' },
      { key: 'batch', label: 'argmin batch', format: 'num' },
      { key: 'run', label: 'argmin run' },
      { key: 'bracketed', label: 'bracketed', format: 'bool' },
      ...options.laws.flatMap((law, k) => [
        { key: `lr${k}`, label: `${law.name} lr`, format: 'num' as const },
        { key: `b${k}`, label: `${law.name} batch`, format: 'num' as const },
      ]),
    ],
    rows,
  };
}

/** Landscape sections (one per sweep) with an optima table each. */
export function standaloneReport(sweeps: SweepForReport[], options: StandaloneOptions): ReportInput {
  const laws = options.laws.map((law) => ({ label: lawLabel(law), predict: (ctx: LawContext) => law.predict(ctx) }));
  const sections: ReportSection[] = sweeps.map((sweep) => {
    const prefix = `landscape-${slug(sweep.label)}`;
    const items: ReportItem[] = sweep.grids
      .filter((g) => g.argmin)
      .map((g) => ({ kind: 'landscape', figure: landscapeFromGrid(g, { laws, context: options.context, idPrefix: prefix, source: sweep.source }) }));
    items.push({ kind: 'table', table: optimaTable(sweep, options, `optima-${slug(sweep.label)}`) });
    return {
      id: `section-${slug(sweep.label)}`,
      title: `Loss landscapes — ${sweep.label}`,
      intro: [
        `${sweep.grids.length} groups. Each panel: loss over the (lr, batch) grid on log axes, coloured by how far above the group minimum it lies; contours at +0.25%, +0.5%, +1%, +2%; the grid minimum and ${options.laws.map(lawLabel).join(', ') || 'no law'} marked.`,
      ],
      items,
    };
  });
  return {
    title: options.title ?? 'steplaw report',
    intro: options.intro,
    sections,
  };
}

/**
 * Read a ReportInput JSON (written by `steplaw reproduce`). Checks the shape
 * enough to fail with a clear message, not deep inside a figure.
 * @throws InputError naming the file.
 */
export function readReportInput(file: string): ReportInput {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(msg.reportInputBad(file, e instanceof Error ? e.message : String(e)), { file });
  }
  const v = value as Partial<ReportInput>;
  if (typeof v !== 'object' || v === null || !Array.isArray(v.sections)) throw new InputError(msg.reportInputBad(file, 'no "sections" array'), { file });
  const kinds = new Set(['landscape', 'fit', 'forest', 'loss-observed', 'loss-frontier', 'plan-landscape', 'table', 'text']);
  v.sections.forEach((s, i) => {
    if (typeof s?.id !== 'string' || typeof s.title !== 'string' || !Array.isArray(s.items)) {
      throw new InputError(msg.reportInputBad(file, `section ${i} needs string "id", "title" and an "items" array`), { file });
    }
    s.items.forEach((item, j) => {
      if (!kinds.has((item as { kind?: string })?.kind ?? '')) {
        throw new InputError(msg.reportInputBad(file, `section ${i} item ${j}: unknown kind ${JSON.stringify((item as { kind?: string })?.kind)}`), { file });
      }
    });
  });
  return { title: typeof v.title === 'string' ? v.title : 'steplaw report', intro: v.intro, sections: v.sections };
}

export interface FitSectionOptions {
  band: number;
  bootstrap?: number;
  seed?: number;
}

/**
 * A "Fits" section for one sweep: the authors' procedure (fitStepLaw: runs
 * within the band, OLS in logs, bootstrap) → the fit figures with the
 * published law drawn, and the reproduction record. A fit that fails becomes
 * a note, not an error: the landscapes still stand.
 */
export function fitSection(sweep: SweepForReport, published: PublishedCoefficients, options: FitSectionOptions): ReportSection {
  const id = `fits-${slug(sweep.label)}`;
  const title = `Fits — ${sweep.label}`;
  try {
    const fit = fitStepLaw(sweep.grids, { band: options.band, bootstrap: options.bootstrap ?? 1000, seed: options.seed ?? DEFAULT_SEED });
    const figures = fitFiguresFromStepLawFit(fit, published, `fit-${slug(sweep.label)}`);
    const items: ReportItem[] = figures.map((figure) => ({ kind: 'fit', figure }));
    const notes = fit.warnings.map((w) => w.message);
    if (notes.length > 0) items.push({ kind: 'text', id: `${id}-warnings`, paragraphs: notes });
    items.push({
      kind: 'table',
      table: reproductionTable(
        `reproduction-${slug(sweep.label)}`,
        reproductionRowsFromStepLawFit(fit, published),
        `${sweep.source}: the authors' procedure (runs within ${fmtPct(options.band)} of their group minimum, OLS in natural logs, ${fit.bootstrap?.samples.length ?? 0} bootstrap resamples, seed ${fit.options.seed}) against ${published.label}. Rows whose published value lies outside the re-derived interval are marked.`,
      ),
    });
    return {
      id,
      title,
      intro: [
        `Optimal hyperparameters against model and data size: the ${fit.data.keptRuns} runs within ${fmtPct(options.band)} of their group minimum (${fit.data.groups} groups), the re-derived law with its bootstrap band, and ${published.label} dashed.`,
      ],
      items,
    };
  } catch (e) {
    return { id, title, items: [{ kind: 'text', id: `${id}-failed`, paragraphs: [`No fit: ${e instanceof Error ? e.message : String(e)}`] }] };
  }
}

/**
 * A "Validation" section for one sweep: each given law validated per group
 * (validator defaults: surface reader, 0.25% band) and the compare table of
 * the catalog laws. A law that cannot be evaluated on the data becomes a note.
 */
export function validationSection(sweep: SweepForReport, laws: Law[], catalog: Law[]): ReportSection {
  const id = `validation-${slug(sweep.label)}`;
  const items: ReportItem[] = [];
  laws.forEach((law, k) => {
    try {
      const result = validateLaw(sweep.grids, law);
      items.push({ kind: 'table', table: validationTableFromResult(result, `${id}-${k}-${slug(law.name)}`, sweep.source) });
    } catch (e) {
      items.push({ kind: 'text', id: `${id}-${k}-failed`, paragraphs: [`${law.title}: not validated (${e instanceof Error ? e.message : String(e)})`] });
    }
  });
  try {
    items.push({ kind: 'table', table: compareTableFromComparison(compareLaws(sweep.grids, catalog), `compare-${slug(sweep.label)}`, sweep.source) });
  } catch (e) {
    items.push({ kind: 'text', id: `compare-${slug(sweep.label)}-failed`, paragraphs: [`No compare table: ${e instanceof Error ? e.message : String(e)}`] });
  }
  return {
    id,
    title: `Validation — ${sweep.label}`,
    intro: ['How far each law lands from the grid optimum: the loss read at its predicted (lr, batch) against the group minimum.'],
    items,
  };
}

/**
 * A "Slices" section: one Step Law fit per value of `by` (e.g. the MoE
 * file's `moe_name`), the forest plot of the identified exponents and the
 * pairwise differences. A study that fails becomes a note.
 */
export function sliceSection(sweep: Sweep, by: string, label: string, source: string, options: FitSectionOptions): ReportSection {
  const id = `slices-${slug(label)}-${slug(by)}`;
  const title = `Slices — ${label} by ${by}`;
  try {
    const study = sliceStudy(sweep, by, { band: options.band, bootstrap: options.bootstrap ?? 1000, seed: options.seed ?? DEFAULT_SEED });
    const items: ReportItem[] = [
      { kind: 'forest', figure: forestFromSliceStudy(study, source, `forest-${slug(label)}-${slug(by)}`) },
      { kind: 'table', table: sliceDifferencesTable(study, source, `slice-differences-${slug(label)}-${slug(by)}`) },
    ];
    if (study.notes.length > 0) items.push({ kind: 'text', id: `${id}-notes`, paragraphs: study.notes });
    return { id, title, intro: [`Does one law hold across ${by}? Each slice fitted on its own, with intervals, against the pooled fit and the published value.`], items };
  } catch (e) {
    return { id, title, items: [{ kind: 'text', id: `${id}-failed`, paragraphs: [`No slice study: ${e instanceof Error ? e.message : String(e)}`] }] };
  }
}

export interface AnalysisOptions extends FitSectionOptions {
  /** Laws validated per group (the ones marked on the landscapes). */
  laws: Law[];
  /** Laws of the compare table (e.g. catalogLaws()). */
  catalog: Law[];
  /** Published coefficients the fits are compared with (e.g. stepLaw().coefficients). */
  published: PublishedCoefficients;
}

/**
 * Everything `steplaw report` adds when no fit results are given: per sweep
 * the Fits section (authors' procedure + reproduction record), the Validation
 * section (per-group tables + compare table), and a Slices section for each
 * extra group key of the sweep (the MoE file's moe_name).
 */
export function analysisSections(sweeps: SweepForReport[], options: AnalysisOptions): ReportSection[] {
  return [
    ...sweeps.map((s) => fitSection(s, options.published, options)),
    ...sweeps.map((s) => validationSection(s, options.laws, options.catalog)),
    ...sweeps.flatMap((s) => (s.sweep ? s.sweep.groupKeys.map((by) => sliceSection(s.sweep!, by, s.label, s.source, options)) : [])),
  ];
}
