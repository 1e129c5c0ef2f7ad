/**
 * Compare laws on the same groups: every evaluable catalog law (and any given
 * fit) validated on every group, one row per law with mean / median / max
 * relative error, best (lowest mean) first — the shape of the Step Law paper's
 * Table 1, on the user's grids.
 */
import { InputError } from '../messages.js';
import type { Law } from '../laws/law.js';
import type { CatalogLaw } from '../laws/catalog.js';
import type { Grid } from '../sweep/grid.js';
import { validateLaw, type ValidateOptions, type ValidationResult } from './validate.js';
import { DEFAULT_READER } from './readers/index.js';

export interface CompareRow {
  law: string;
  title: string;
  formula: string;
  /** The Step Law paper's number for this law on its own test group, when it is a catalog law. */
  paperRelativeError: string | null;
  evaluated: number;
  groups: number;
  meanRelativeError: number | null;
  medianRelativeError: number | null;
  maxRelativeError: number | null;
  insideBand: number;
  /** Flags that apply to some group, with counts (batch-from-grid, extrapolated, ...). */
  flags: Record<string, number>;
  /** Why the law could not be evaluated on these data, if so. */
  error: string | null;
  /** The full validation (null when the law could not be evaluated). */
  validation: ValidationResult | null;
}

export interface Comparison {
  reader: string;
  band: number;
  groupedBy: string[];
  rows: CompareRow[];
}

export function compareLaws(grids: Grid[], laws: Law[], options: ValidateOptions = {}): Comparison {
  const rows: CompareRow[] = [];
  let reader: string = typeof options.reader === 'object' ? options.reader.name : (options.reader ?? DEFAULT_READER);
  let groupedBy: string[] = [];
  let band = options.band ?? 0.0025;
  for (const law of laws) {
    const base = {
      law: law.name,
      title: law.title,
      formula: law.formula,
      paperRelativeError: (law as Partial<CatalogLaw>).paperRelativeError ?? null,
      groups: grids.length,
    };
    try {
      const v = validateLaw(grids, law, options);
      reader = v.reader.name;
      groupedBy = v.groupedBy;
      band = v.band;
      const flags: Record<string, number> = {};
      for (const g of v.groups) for (const f of g.flags) flags[f] = (flags[f] ?? 0) + 1;
      rows.push({
        ...base,
        evaluated: v.summary.evaluated,
        meanRelativeError: v.summary.meanRelativeError,
        medianRelativeError: v.summary.medianRelativeError,
        maxRelativeError: v.summary.maxRelativeError,
        insideBand: v.summary.insideBand,
        flags,
        error: null,
        validation: v,
      });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      rows.push({ ...base, evaluated: 0, meanRelativeError: null, medianRelativeError: null, maxRelativeError: null, insideBand: 0, flags: {}, error: e.message, validation: null });
    }
  }
  rows.sort((a, b) => (a.meanRelativeError ?? Infinity) - (b.meanRelativeError ?? Infinity));
  return { reader, band, groupedBy, rows };
}
