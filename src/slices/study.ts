/**
 * A slice study: fit each slice, compare the exponents with intervals, and
 * validate — per slice — the slice's own law, the pooled law and the
 * published Step Law against the grid optima (how far each lands).
 */
import type { Warning } from '../messages.js';
import type { Sweep } from '../sweep/types.js';
import { groupSweep } from '../sweep/grid.js';
import { fitStepLaw, fitToLaw, type ResampleMethod, type StepLawFit } from '../laws/steplaw-fit.js';
import { stepLawRounded } from '../laws/published/steplaw.js';
import type { Law } from '../laws/law.js';
import { validateLaw } from '../validate/validate.js';
import type { ErrorSummary } from '../validate/summary.js';
import type { ReaderName } from '../validate/readers/index.js';
import { InputError, msg } from '../messages.js';
import { fitSlices, type SliceFit, type SliceFitOptions } from './fit-slices.js';
import { compareSliceExponents, type ExponentComparison, type ExponentKey } from './differences.js';
import { withSliceAttribute } from './derive.js';
import { compareSliceLevels, type LevelStudy } from './levels.js';
import { DEFAULT_SEED } from '../util/random.js';

export interface SliceStudyOptions extends SliceFitOptions {
  reader?: ReaderName;
  /** Which exponents to compare (default all that are identified). */
  exponents?: readonly ExponentKey[];
  /** Also validate the published Step Law with N taken from this column (e.g. `Na`, activated parameters). */
  alternativeNColumn?: string;
  /** Published law to validate per slice (default Step Law, rounded constants). */
  published?: Law;
  /** Reference (N, D) of the level comparisons (default per pair: the geometric centre of the shared range). */
  reference?: { N?: number; D?: number };
}

export interface SliceSummary {
  slice: string;
  runs: number;
  groups: number;
  keptRuns: number | null;
  error: string | null;
  lr: StepLawFit['lr'] | null;
  batch: StepLawFit['batch'] | null;
  /** How far each law lands from the slice's grid optima (validator summaries). */
  validation: Record<string, ErrorSummary | { error: string }>;
  warnings: Warning[];
}

export interface SliceStudy {
  kind: 'steplaw-slices';
  version: 1;
  by: string;
  options: { band: number; bootstrap: number; resample: ResampleMethod; seed: number; reader: string };
  pooled: { keptRuns: number; lr: StepLawFit['lr']; batch: StepLawFit['batch'] } | null;
  slices: SliceSummary[];
  exponents: ExponentComparison[];
  /** Levels of the optimal lr and batch, pairwise: ratios at a reference (N, D) and from a shared-exponent fit. */
  levels: LevelStudy;
  notes: string[];
}

function safeValidate(grids: SliceFit['grids'], law: Law, reader: ReaderName | undefined, NColumn?: string): ErrorSummary | { error: string } {
  try {
    return validateLaw(grids, law, { reader, NColumn }).summary;
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    throw e;
  }
}

/**
 * The slices' `reduced-fit` and `few-groups` warnings as notes: one note per
 * slice when there are few slices, else one line per kind listing the slices
 * (a shape study has a slice per shape, each at one (N, D): 18 near-identical
 * notes say less than one).
 */
function collapsedNotes(summaries: SliceSummary[]): string[] {
  const kinds = new Map<string, string[]>();
  for (const s of summaries) {
    for (const w of s.warnings) {
      if (w.code !== 'reduced-fit' && w.code !== 'few-groups') continue;
      const kind = `${w.code}/${String(w.detail?.dropped ?? '')}`;
      const list = kinds.get(kind) ?? [];
      list.push(`${s.slice}: ${w.message}`);
      kinds.set(kind, list);
    }
  }
  const out: string[] = [];
  for (const list of kinds.values()) {
    if (list.length <= 2) out.push(...list);
    else out.push(msg.slicesSameWarning(list.length, summaries.length, list[0]));
  }
  return out;
}

export function sliceStudy(sweep0: Sweep, by: string, options: SliceStudyOptions = {}): SliceStudy {
  const sweep = withSliceAttribute(sweep0, by);
  const slices = fitSlices(sweep, by, options);
  const notes: string[] = [];
  let pooled: StepLawFit | undefined;
  try {
    pooled = fitStepLaw(groupSweep(sweep, { by: [by], divergedRatio: options.divergedRatio }).grids, options);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    notes.push(`pooled fit failed: ${e.message}`);
  }
  const published = options.published ?? stepLawRounded();
  const pooledLaw = pooled ? fitToLaw(pooled, 'pooled') : undefined;
  const summaries: SliceSummary[] = slices.map((s) => {
    const validation: SliceSummary['validation'] = {};
    if (s.fit) validation.own = safeValidate(s.grids, fitToLaw(s.fit, s.label), options.reader);
    if (pooledLaw) validation.pooled = safeValidate(s.grids, pooledLaw, options.reader);
    validation[published.name] = safeValidate(s.grids, published, options.reader);
    if (options.alternativeNColumn) {
      validation[`${published.name} (N=${options.alternativeNColumn})`] = safeValidate(s.grids, published, options.reader, options.alternativeNColumn);
    }
    return {
      slice: s.label,
      runs: s.runs,
      groups: s.grids.length,
      keptRuns: s.fit?.data.keptRuns ?? null,
      error: s.error ?? null,
      lr: s.fit?.lr ?? null,
      batch: s.fit?.batch ?? null,
      validation,
      warnings: [...s.warnings, ...(s.fit?.warnings ?? [])],
    };
  });
  // Slices not fitted for the same reason (e.g. a shape study: every shape one (N, D) group, refused as
  // not identifiable) collapse into one note, as warnings of one kind do.
  const failed = new Map<string, string[]>();
  for (const s of summaries) {
    if (!s.error) continue;
    const kind = /^not identifiable \([^)]*\)/.exec(s.error)?.[0] ?? s.error;
    failed.set(kind, [...(failed.get(kind) ?? []), `${s.slice}: not fitted — ${s.error}`]);
  }
  for (const list of failed.values()) {
    if (list.length <= 2) notes.push(...list);
    else notes.push(msg.slicesSameWarning(list.length, summaries.length, list[0]));
  }
  notes.push(...collapsedNotes(summaries));
  const exponents = compareSliceExponents(slices, pooled, options.exponents);
  const levels = compareSliceLevels(slices, { reference: options.reference, bootstrap: options.bootstrap, seed: options.seed, resample: options.resample });
  notes.push(...levels.notes);
  return {
    kind: 'steplaw-slices',
    version: 1,
    by,
    options: {
      band: pooled?.options.band ?? options.band ?? 0.0025,
      bootstrap: options.bootstrap ?? 1000,
      resample: options.resample ?? 'groups',
      seed: options.seed ?? DEFAULT_SEED,
      reader: options.reader ?? 'surface',
    },
    pooled: pooled ? { keptRuns: pooled.data.keptRuns, lr: pooled.lr, batch: pooled.batch } : null,
    slices: summaries,
    exponents,
    levels,
    notes: [...new Set(notes)],
  };
}
