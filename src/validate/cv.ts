/**
 * Honest generalisation: leave one group out, fit the Step Law form on the
 * others the authors' way (runs within the band of each group's minimum, OLS on
 * natural logs — docs/method.md#fitting-procedure; no bootstrap, for speed: the bootstrap mean is
 * close to the OLS estimate), predict the held-out group and score it with the
 * validator. Reported next to a published law on the same groups.
 */
import { InputError, msg, type Warning } from '../messages.js';
import { RankDeficientError } from '../fitter/ols.js';
import type { Law, LogLinearCoefficients } from '../laws/law.js';
import { fitStepLaw, fitToLaw } from '../laws/steplaw-fit.js';
import { DEFAULT_BAND, type Grid } from '../sweep/grid.js';
import { withNColumn } from './context.js';
import { DEFAULT_READER, getReader, type LossReader, type ReaderName } from './readers/index.js';
import { summarise, type ErrorSummary } from './summary.js';
import { validateGrid, type GroupValidation } from './validate.js';

export interface CrossValidateOptions {
  reader?: ReaderName | LossReader;
  /** Band for the fit's kept runs and for "inside the band" (default 0.0025). */
  band?: number;
  NColumn?: string;
  seqLen?: number;
  /** The published law to report next to the cross-validated fits (e.g. stepLaw()). */
  published?: Law;
}

export interface CvGroup {
  group: string;
  /** Coefficients fitted without this group (null when the fit failed). */
  coefficients: LogLinearCoefficients | null;
  /** Codes of the warnings of the fit without this group (e.g. reduced-fit when N does not vary); absent when none. */
  fitWarnings?: string[];
  heldOut: GroupValidation | null;
  published: GroupValidation | null;
}

export interface CrossValidation {
  method: string;
  reader: string;
  band: number;
  groups: CvGroup[];
  summary: { cv: ErrorSummary; published: ErrorSummary | null; publishedLaw: string | null };
  warnings: Warning[];
}

export function crossValidate(grids: Grid[], options: CrossValidateOptions = {}): CrossValidation {
  const band = options.band ?? DEFAULT_BAND;
  const reader = typeof options.reader === 'object' ? options.reader : getReader(options.reader ?? DEFAULT_READER);
  const gs = withNColumn(grids, options.NColumn).filter((g) => g.argmin);
  const warnings: Warning[] = [];
  const rows: CvGroup[] = [];
  for (const g of gs) {
    const rest = gs.filter((o) => o !== g);
    let coefficients: LogLinearCoefficients | null = null;
    let heldOut: GroupValidation | null = null;
    let fitWarnings: string[] = [];
    try {
      const fit = fitStepLaw(rest, { band, bootstrap: 0, method: 'ols' });
      coefficients = fit.law;
      fitWarnings = [...new Set(fit.warnings.map((w) => w.code))];
      heldOut = validateGrid(g, fitToLaw(fit, `cv-without-${g.key}`), reader, band, options.seqLen);
    } catch (e) {
      // The rest cannot be fitted (refused, or a singular design): a warning; anything else is a bug.
      if (!(e instanceof InputError || e instanceof RankDeficientError)) throw e;
      warnings.push({ code: 'cv-fit-failed', message: msg.cvFitFailed(g.key, (e as Error).message), detail: { group: g.key } });
    }
    const published = options.published ? validateGrid(g, options.published, reader, band, options.seqLen) : null;
    rows.push({ group: g.key, coefficients, ...(fitWarnings.length ? { fitWarnings } : {}), heldOut, published });
  }
  const cv = summarise(
    rows.map((r) => ({ group: r.group, relativeError: r.heldOut?.relativeError ?? null })),
    band,
  );
  const published = options.published
    ? summarise(
        rows.map((r) => ({ group: r.group, relativeError: r.published?.relativeError ?? null })),
        band,
      )
    : null;
  return {
    method: 'leave one group out; OLS on ln lr ~ ln N + ln D and ln B ~ ln D over runs within the band (no bootstrap)',
    reader: reader.name,
    band,
    groups: rows,
    summary: { cv, published, publishedLaw: options.published?.name ?? null },
    warnings,
  };
}
