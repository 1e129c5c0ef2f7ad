/**
 * The report's first screen: the decision a researcher came for.
 * - the verdict: which published Step Law coefficients the released runs
 *   reproduce (inside the re-derived 95% interval) and which not, and how the
 *   published law does as a predictor;
 * - one comparison table: every law on the released groups, read the same
 *   way as the records (the compare record's reader), mean and worst relative
 *   error and how many groups land inside the 0.25% band — the refit row
 *   included;
 * - a prediction panel: optimal lr and batch for a target (N, D) with 95%
 *   intervals, and the lr range that costs at most 0.25%.
 * Every number comes from the result objects passed in; nothing is computed
 * here but arrangement and formatting.
 */
import { fmtNum, fmtPct } from './format.js';
import type { ReportSection, TableInput } from './types.js';

/** What the verdict reads from a reproduction record (jobs/steplaw-record.ts). */
export interface VerdictRecord {
  data: { keptRuns: number; groups: number };
  coefficients: {
    law: 'lr' | 'batch';
    term: 'intercept' | 'lnN' | 'lnD';
    published: number;
    rederived: { bootstrapMean: number; ci95: [number, number] };
    publishedInside95: boolean;
  }[];
}

/** What the comparison table reads from a law comparison (validate/compare.ts). */
export interface ComparisonRecord {
  reader: string;
  band: number;
  rows: { law: string; title: string; groups: number; evaluated?: number; meanRelativeError?: number | null; maxRelativeError?: number | null; insideBand?: number | null; error?: string | null }[];
}

/** A prediction for a target (N, D) by each law, with the measured plateau (jobs compute it). */
export interface TargetPrediction {
  target: { N: number; D: number };
  laws: { law: string; title: string; lr: number; lrCi95: [number, number] | null; batchTokens: number; batchCi95: [number, number] | null }[];
  /** lr range costing at most `band`: the median plateau span of the released groups, centred on the first law's lr. */
  plateau: { band: number; groups: number; medianLrSpan: number; lrRange: [number, number] } | null;
  /** Range of the groups the laws were fitted or checked on; a target outside is an extrapolation. */
  fittedRange: { N: [number, number]; D: [number, number] };
}

const NAMES: Record<string, string> = {
  'lr/intercept': 'lr prefactor (ln)',
  'lr/lnN': 'lr N-exponent',
  'lr/lnD': 'lr D-exponent',
  'batch/intercept': 'batch prefactor (ln)',
  'batch/lnN': 'batch N-exponent',
  'batch/lnD': 'batch D-exponent',
};
const name = (c: VerdictRecord['coefficients'][number]) => NAMES[`${c.law}/${c.term}`] ?? `${c.law} ${c.term}`;

/** The verdict in plain sentences: headline, then one line per coefficient. */
export function verdictParagraphs(rec: VerdictRecord, comparison: ComparisonRecord, publishedLaw: string): string[] {
  const outside = rec.coefficients.filter((c) => !c.publishedInside95);
  const headline =
    outside.length === 0
      ? `Reproduced: every published Step Law coefficient lies inside the 95% interval re-derived from the ${rec.data.keptRuns} released runs (${rec.data.groups} groups).`
      : `Not reproduced: ${outside.map(name).join(' and ')} — the published value lies outside the 95% interval re-derived from the ${rec.data.keptRuns} released runs (${rec.data.groups} groups); ${rec.coefficients.length - outside.length} of ${rec.coefficients.length} coefficients are inside.`;
  const lines = rec.coefficients.map(
    (c) => `${name(c)}: published ${fmtNum(c.published)}, re-derived ${fmtNum(c.rederived.bootstrapMean)} [${fmtNum(c.rederived.ci95[0])}, ${fmtNum(c.rederived.ci95[1])}] — ${c.publishedInside95 ? 'inside' : 'OUTSIDE'}.`,
  );
  const row = comparison.rows.find((r) => r.law === publishedLaw);
  const use =
    row && row.meanRelativeError !== null && row.meanRelativeError !== undefined
      ? [
          `As a predictor the published law still lands close: mean ${fmtPct(row.meanRelativeError)} above the grid minimum, ${row.insideBand}/${row.evaluated ?? row.groups} groups inside the ${fmtPct(comparison.band)} band (${comparison.reader} cell).`,
        ]
      : [];
  return [headline, ...use, ...lines];
}

/** The comparison table: every law, best first; laws that cannot be evaluated last, with their reason. */
export function decisionComparisonTable(comparison: ComparisonRecord, id: string, source: string, linkTo?: (law: string) => string | undefined): TableInput {
  const key = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? v : Infinity);
  const rows = [...comparison.rows].sort((a, b) => key(a.meanRelativeError) - key(b.meanRelativeError));
  return {
    id,
    title: `Laws on the ${rows[0]?.groups ?? 0} released groups.`,
    caption: `${source}: loss at each law's predicted (lr, batch), ${comparison.reader} cell, over the group minimum − 1; "inside" counts groups within ${fmtPct(comparison.band)}.`,
    columns: [
      { key: 'title', label: 'law', linkKey: 'figure' },
      { key: 'mean', label: 'mean', format: 'pct' },
      { key: 'max', label: 'worst', format: 'pct' },
      { key: 'inside', label: `inside ${fmtPct(comparison.band)}` },
    ],
    rows: rows.map((r) => ({
      title: r.error ? `${r.title} (not evaluable)` : r.title,
      mean: r.meanRelativeError ?? null,
      max: r.maxRelativeError ?? null,
      inside: r.error ? '–' : `${r.insideBand ?? 0}/${r.evaluated ?? r.groups}`,
      figure: linkTo?.(r.law) ?? null,
      outside: !r.error && (r.insideBand ?? 0) < (r.evaluated ?? r.groups),
    })),
  };
}

/** The prediction panel as a table: lr and batch with 95% intervals per law; the ≤ 0.25% lr range below. */
export function predictionTable(p: TargetPrediction, id: string): TableInput {
  const outside = p.target.N < p.fittedRange.N[0] || p.target.N > p.fittedRange.N[1] || p.target.D < p.fittedRange.D[0] || p.target.D > p.fittedRange.D[1];
  const iv = (v: [number, number] | null) => (v ? `[${fmtNum(v[0])}, ${fmtNum(v[1])}]` : '–');
  const first = p.laws[0]?.title ?? '';
  const footer = p.plateau
    ? `lr costing ≤ ${fmtPct(p.plateau.band)}: ${fmtNum(p.plateau.lrRange[0])} to ${fmtNum(p.plateau.lrRange[1])} — the median ×${fmtNum(p.plateau.medianLrSpan)} lr span of the ${p.plateau.groups} released groups' ${fmtPct(p.plateau.band)} plateaus, centred on ${first}.`
    : undefined;
  return {
    id,
    title: `Prediction for N = ${fmtNum(p.target.N)}, D = ${fmtNum(p.target.D)}.`,
    caption:
      'Optimal peak lr and batch (tokens), 95% bootstrap intervals.' +
      (outside ? ` Outside the released groups (N ${fmtNum(p.fittedRange.N[0])}–${fmtNum(p.fittedRange.N[1])}, D ${fmtNum(p.fittedRange.D[0])}–${fmtNum(p.fittedRange.D[1])}): an extrapolation.` : ''),
    columns: [
      { key: 'title', label: 'law' },
      { key: 'lr', label: 'lr', format: 'num' },
      { key: 'lrCi', label: '95%', nowrap: true },
      { key: 'batch', label: 'batch', format: 'num' },
      { key: 'batchCi', label: '95%', nowrap: true },
    ],
    rows: p.laws.map((l) => ({ title: l.title, lr: l.lr, lrCi: iv(l.lrCi95), batch: l.batchTokens, batchCi: iv(l.batchCi95) })),
    ...(footer ? { footer } : {}),
  };
}

/** The decision section: verdict, comparison table, prediction panel (laid out side by side on wide screens). */
export function decisionSection(args: {
  record: VerdictRecord;
  comparison: ComparisonRecord;
  prediction?: TargetPrediction;
  publishedLaw: string;
  source: string;
  linkTo?: (law: string) => string | undefined;
}): ReportSection {
  const [headline, ...rest] = verdictParagraphs(args.record, args.comparison, args.publishedLaw);
  return {
    id: 'decision',
    title: 'Verdict',
    layout: 'decision',
    items: [
      { kind: 'text', id: 'verdict', paragraphs: [headline, ...rest], role: 'verdict' },
      { kind: 'table', table: decisionComparisonTable(args.comparison, 'comparison', args.source, args.linkTo) },
      ...(args.prediction ? [{ kind: 'table' as const, table: predictionTable(args.prediction, 'prediction') }] : []),
    ],
  };
}
