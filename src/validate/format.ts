/**
 * Plain-text (markdown-table) renderings of validation, cross-validation,
 * comparison, landscape and catalog results, for the terminal and the README.
 */
import type { CatalogLaw } from '../laws/catalog.js';
import { fmtNum, pct } from '../util/format.js';
import { markdownTable, textLines } from '../util/text-table.js';
import type { Comparison } from './compare.js';
import type { CrossValidation } from './cv.js';
import type { GroupLandscape, LandscapeSummary } from './landscape.js';
import type { ErrorSummary } from './summary.js';
import type { ValidationResult } from './validate.js';

const num = fmtNum;
const signed = (v: number | null | undefined): string => {
  if (v === null || v === undefined) return '–';
  const s = v.toFixed(2);
  return s === '-0.00' || s === '0.00' ? '0.00' : (v > 0 ? '+' : '') + s;
};

export function summaryLine(s: ErrorSummary): string {
  return `mean ${pct(s.meanRelativeError)}, median ${pct(s.medianRelativeError)}, max ${pct(s.maxRelativeError)}${s.worstGroup ? ` (${s.worstGroup})` : ''}; ${s.insideBand}/${s.evaluated} groups inside the ${pct(s.band, 2)} band; ${s.evaluated}/${s.groups} groups evaluated${s.notEvaluable ? `; ${s.notEvaluable} not evaluable (prediction not on the grid)` : ''}`;
}

export function formatValidation(v: ValidationResult): string {
  const out: string[] = [];
  out.push(`law ${v.law.name}: ${v.law.formula}`);
  out.push(`loss read by: ${v.reader.name} (${v.reader.description}); groups keyed on ${v.groupedBy.join(', ')}; N column: ${v.NColumn}`);
  out.push('relative error = L(pred)/L_min − 1; Δln = ln(pred/argmin)');
  out.push('');
  out.push(
    ...markdownTable(
      ['group', 'pred lr', 'pred B', 'argmin lr', 'argmin B', 'L_min', 'L(pred)', 'rel. error', 'Δln lr', 'Δln B', 'in band', 'flags'],
      v.groups.map((g) => [
        g.group,
        num(g.predicted.lr) + (g.predicted.lrFrom === 'grid' ? '*' : ''),
        num(g.predicted.batchTokens) + (g.predicted.batchFrom === 'grid' ? '*' : ''),
        num(g.argmin?.lr),
        num(g.argmin?.batchTokens),
        num(g.argmin?.loss, 5),
        num(g.lossAtPrediction, 5),
        pct(g.relativeError),
        signed(g.distance?.lnLr),
        signed(g.distance?.lnB),
        g.insideBand === null ? '–' : g.insideBand ? 'yes' : 'no',
        g.flags.join(' '),
      ]),
    ),
  );
  out.push('');
  out.push(`summary: ${summaryLine(v.summary)}`);
  if (v.groups.some((g) => g.predicted.lrFrom === 'grid' || g.predicted.batchFrom === 'grid')) out.push('* = taken from the grid, not predicted by the law');
  for (const n of v.notes) out.push(`note: ${n}`);
  return textLines(out);
}

export function formatCrossValidation(cv: CrossValidation): string {
  const out: string[] = [];
  out.push(`cross-validation: ${cv.method}; loss read by ${cv.reader}`);
  out.push('');
  out.push(
    ...markdownTable(
      ['held-out group', 'fit lr law (without it)', 'fit B law', 'rel. error (cv)', ...(cv.summary.publishedLaw ? [`rel. error (${cv.summary.publishedLaw})`] : []), 'flags'],
      cv.groups.map((g) => [
        g.group,
        g.coefficients ? `${fmtNum(Math.exp(g.coefficients.lr.intercept))}·N^${g.coefficients.lr.coefN.toFixed(3)}·D^${g.coefficients.lr.coefD.toFixed(3)}` : 'fit failed',
        g.coefficients ? `${fmtNum(Math.exp(g.coefficients.batch.intercept))}·D^${g.coefficients.batch.coefD.toFixed(3)}` : '–',
        pct(g.heldOut?.relativeError),
        ...(cv.summary.publishedLaw ? [pct(g.published?.relativeError)] : []),
        [...(g.heldOut?.flags ?? []), ...(g.fitWarnings ?? []).map((w) => `fit:${w}`)].join(' '),
      ]),
    ),
  );
  out.push('');
  out.push(`cross-validated fit: ${summaryLine(cv.summary.cv)}`);
  if (cv.summary.published) out.push(`published ${cv.summary.publishedLaw}: ${summaryLine(cv.summary.published)}`);
  return textLines(out);
}

export function formatComparison(c: Comparison): string {
  const out: string[] = [];
  out.push(`laws compared on ${c.rows[0]?.groups ?? 0} groups (keyed on ${c.groupedBy.join(', ')}); loss read by ${c.reader}; best first`);
  out.push('');
  out.push(
    ...markdownTable(
      ['law', 'formula', 'mean rel. error', 'median', 'max', `in ${pct(c.band, 2)} band`, 'paper (own test group)', 'flags (groups)'],
      c.rows.map((r) => [
        r.law,
        r.formula,
        r.error ? 'not evaluated' : pct(r.meanRelativeError),
        pct(r.medianRelativeError),
        pct(r.maxRelativeError),
        r.error ? '–' : `${r.insideBand}/${r.evaluated}`,
        r.paperRelativeError ?? '–',
        r.error ?? Object.entries(r.flags).filter(([f]) => !['C-from-shape', 'C-from-M-column'].includes(f)).map(([f, n]) => `${f} ${n}`).join(', '),
      ]),
    ),
  );
  return textLines(out);
}

export function formatLandscape(groups: GroupLandscape[], summary: LandscapeSummary): string {
  const out: string[] = [];
  const bands = summary.medians.map((m) => m.band);
  out.push('plateau: runs within each band of the group minimum, and the span (max/min) of their lr and batch levels');
  out.push('');
  out.push(
    ...markdownTable(
      ['group', 'runs', 'L_min', ...bands.map((b) => `within ${pct(b, 2)}: runs, ×lr, ×B`), 'convex (PD Hessian)', 'fit on', 'edge'],
      groups.map((g) => [
        g.group,
        String(g.usable),
        num(g.minLoss, 5),
        ...g.plateaus.map((p) => `${p.runs}, ×${num(p.lrSpan, 2)}, ×${num(p.batchSpan, 2)}`),
        g.convexity.positiveDefinite === null ? 'n/a' : g.convexity.positiveDefinite ? 'yes' : 'NO',
        `${g.convexity.source} (${g.convexity.points})`,
        [...(g.bracketed.lr ? [] : ['lr']), ...(g.bracketed.batch ? [] : ['batch'])].join('+') || '–',
      ]),
    ),
  );
  out.push('');
  out.push(
    `medians over ${summary.groups} groups: ` +
      summary.medians.map((m) => `within ${pct(m.band, 2)} ${num(m.runs)} runs spanning ×${num(m.lrSpan, 2)} lr, ×${num(m.batchSpan, 2)} B`).join('; '),
  );
  out.push(
    `convexity: ${summary.convex}/${summary.groups} groups have a positive-definite quadratic near the minimum` +
      (summary.notConvex.length ? `; not: ${summary.notConvex.join('; ')}` : ''),
  );
  if (summary.notBracketed.length) out.push(`optimum on the edge of the grid: ${summary.notBracketed.join('; ')}`);
  return textLines(out);
}

export function formatLaws(laws: CatalogLaw[]): string {
  const out: string[] = [];
  for (const l of laws) {
    out.push(`${l.name}${l.evaluable ? '' : ' (not evaluable)'} — ${l.title}`);
    out.push(`  formula: ${l.formula}`);
    out.push(`  units:   ${l.units}`);
    out.push(`  needs:   lr ← ${l.needs.lr.join(', ') || '(no lr law)'}; batch ← ${l.needs.batch.join(', ') || '(no batch law)'}`);
    out.push(`  source:  ${l.citation}`);
    if (l.paperRelativeError) out.push(`  Step Law paper's relative error on its test group: ${l.paperRelativeError}`);
    for (const c of l.caveats) out.push(`  caveat:  ${c}`);
    out.push('');
  }
  return out.join('\n');
}
