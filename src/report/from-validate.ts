/**
 * Adapters from the validator's results (src/validate) to report tables:
 * the per-group validation of one law and the compare table of all laws.
 */
import type { Comparison } from '../validate/compare.js';
import type { ValidationResult } from '../validate/validate.js';
import { fmtPct } from './format.js';
import { compareTable, validationTable } from './tables.js';
import type { TableInput } from './types.js';

const num = (v: number | null | undefined): number | undefined => (v === null || v === undefined ? undefined : v);

/** Per-group validation table of one law; the caption gives reader, band, the summary and the validator's notes. */
export function validationTableFromResult(result: ValidationResult, id: string, source: string): TableInput {
  const s = result.summary;
  const caption =
    `${source}: ${result.law.title} (${result.law.formula}), loss read by ${result.reader.name}, N from ${result.NColumn}, groups keyed on ${result.groupedBy.join(', ')}. ` +
    `Relative error L(pred)/L_min − 1 over ${s.evaluated} of ${s.groups} groups: mean ${fmtPct(s.meanRelativeError ?? NaN, 3)}, median ${fmtPct(s.medianRelativeError ?? NaN, 3)}, max ${fmtPct(s.maxRelativeError ?? NaN, 3)}` +
    `${s.worstGroup ? ` (${s.worstGroup})` : ''}; ${s.insideBand} inside the ${fmtPct(result.band)} band. Rows outside the band are marked.` +
    (result.notes.length > 0 ? ` ${result.notes.join(' ')}` : '');
  return validationTable(
    id,
    result.law.title,
    result.groups.map((g) => ({
      group: g.group,
      N: g.N,
      D: g.D,
      predictedLr: num(g.predicted.lr),
      predictedBatch: num(g.predicted.batchTokens),
      argminLr: g.argmin?.lr ?? NaN,
      argminBatch: g.argmin?.batchTokens ?? NaN,
      argminLoss: g.argmin?.loss ?? NaN,
      lossAtPrediction: num(g.lossAtPrediction),
      relativeError: num(g.relativeError),
      insideBand: g.insideBand ?? undefined,
      flags: g.flags,
    })),
    caption,
  );
}

/** The compare table (paper's Table 1 layout), best mean relative error first; laws that could not be evaluated last, with the reason. */
export function compareTableFromComparison(c: Comparison, id: string, source: string): TableInput {
  return compareTable(
    id,
    c.rows.map((r) => ({
      law: r.title,
      meanRelativeError: r.meanRelativeError ?? NaN,
      medianRelativeError: r.medianRelativeError ?? undefined,
      maxRelativeError: r.maxRelativeError ?? NaN,
      groups: r.evaluated,
      note: [
        r.error ?? '',
        r.paperRelativeError && r.paperRelativeError !== '–' ? `paper: ${r.paperRelativeError} on its test group` : '',
        ...Object.entries(r.flags).map(([k, n]) => `${k} ×${n}`),
      ]
        .filter((x) => x !== '')
        .join('; '),
    })),
    `${source}: every law on every group, loss read by ${c.reader}, groups keyed on ${c.groupedBy.join(', ')}; relative error L(pred)/L_min − 1.`,
  );
}
