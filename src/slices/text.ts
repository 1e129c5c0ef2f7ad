/**
 * The slice study as a readable text report: exponents per slice with
 * intervals, pairwise differences (resolved or not), and how far each law
 * lands from the slices' grid optima.
 */
import type { SliceStudy } from './study.js';
import type { ShapeStudy } from './shapes.js';
import { MIN_INTERVAL_GROUPS } from '../laws/steplaw-fit.js';
import { pct } from '../util/format.js';
import { textLines } from '../util/text-table.js';
import { sig } from '../util/format.js';

const g = sig;

const NAMES: Record<string, string> = {
  'lr/lnN': 'lr N-exponent',
  'lr/lnD': 'lr D-exponent',
  'batch/lnN': 'batch N-exponent',
  'batch/lnD': 'batch D-exponent',
};

export function sliceStudyText(study: SliceStudy): string {
  const out: string[] = [];
  out.push(`Slices by ${study.by}: ${study.slices.length} slice(s); band ${study.options.band}; ${study.options.bootstrap} bootstrap resamples (seed ${study.options.seed}); loss read with the ${study.options.reader} reader`);
  out.push('');
  out.push('[[Exponents]]  estimate [95% bootstrap interval]');
  const width = Math.max(12, ...study.slices.map((s) => s.slice.length)) + 2;
  for (const e of study.exponents) {
    out.push(`  ${NAMES[e.exponent]}${e.published !== null ? ` (published Step Law ${e.published})` : ''}`);
    for (const s of e.slices) {
      out.push(`    ${s.slice.padEnd(width)} ${s.identified ? `${g(s.estimate, 4).padStart(8)}  [${g(s.ci95?.[0])}, ${g(s.ci95?.[1])}]` : '  not identified in this slice'}`);
    }
    if (e.pooled?.identified) out.push(`    ${'pooled'.padEnd(width)} ${g(e.pooled.estimate, 4).padStart(8)}  [${g(e.pooled.ci95?.[0])}, ${g(e.pooled.ci95?.[1])}]`);
    for (const d of e.differences) {
      out.push(`      ${`${d.a} − ${d.b}`.padEnd(2 * width)} ${(d.difference >= 0 ? '+' : '') + g(d.difference)}  [${g(d.ci95[0])}, ${g(d.ci95[1])}]  ${d.excludesZero ? 'DIFFERENT (interval excludes 0)' : 'not resolved'}`);
    }
  }
  out.push(...levelsText(study, width));
  out.push('');
  out.push('[[Validation]]  mean / max relative error of the loss at each law\'s prediction vs the grid minimum, per slice');
  const laws = [...new Set(study.slices.flatMap((s) => Object.keys(s.validation)))];
  out.push(`    ${'slice'.padEnd(width)} ${laws.map((l) => l.padEnd(24)).join(' ')}`);
  for (const s of study.slices) {
    const cells = laws.map((l) => {
      const v = s.validation[l];
      if (!v) return '–'.padEnd(24);
      if ('error' in v) return 'n/a'.padEnd(24);
      return `${pct(v.meanRelativeError)} / ${pct(v.maxRelativeError)}`.padEnd(24);
    });
    out.push(`    ${s.slice.padEnd(width)} ${cells.join(' ')}`);
  }
  if (study.notes.length) {
    out.push('');
    out.push('[[Notes]]');
    for (const n of study.notes) out.push(`    ${n}`);
  }
  return textLines(out);
}

/** The shape study: each shape's optimum, the laws' errors there, and pairwise shifts. */
export function shapeStudyText(study: ShapeStudy): string {
  const out: string[] = ['', `[[Shapes]]  optimum per shape and (N, D); relative error of the pooled and published laws (${study.reader} reader)`];
  for (const s of study.shapes) {
    out.push(
      `    ${s.group.padEnd(44)} lr* ${g(s.argmin?.lr, 4).padEnd(9)} B* ${g(s.argmin?.batchTokens, 4).padEnd(9)} pooled ${pct(s.pooledRelativeError).padEnd(9)} published ${pct(s.publishedRelativeError)}`,
    );
  }
  if (study.shifts.length) {
    out.push('  pairs of shapes at the same (N, D): distance between optima in grid steps (lr, batch); loss of one at the other\'s optimum');
    for (const s of study.shifts) {
      out.push(`    N=${g(s.N, 4)} D=${g(s.D, 4)}  ${s.a} vs ${s.b}: ${g(s.lrSteps)} / ${g(s.batchSteps)} steps; ${pct(s.aAtB)} / ${pct(s.bAtA)}  ${s.moves ? 'MOVES' : 'within resolution'}`);
    }
  }
  for (const n of study.notes) out.push(`    ${n}`);
  return textLines(out);
}

const LEVEL_NAMES = { lr: 'optimal lr', batch: 'optimal batch' } as const;

/** Level comparisons: ratio a/b of the optimal lr and batch, at a reference (N, D) and from the shared-exponent fit. */
function levelsText(study: SliceStudy, width: number): string[] {
  const L = study.levels;
  if (!L || L.comparisons.length === 0) return [];
  const out = ['', '[[Levels]]  ratio of the optimal value, first / second slice [95% interval]; "resolved" when the interval excludes 1'];
  for (const q of ['lr', 'batch'] as const) {
    out.push(`  ${LEVEL_NAMES[q]}`);
    for (const c of L.comparisons.filter((x) => x.quantity === q)) {
      const where =
        c.method === 'shared-exponents'
          ? 'shared exponents (one offset per slice), at every (N, D)'
          : `at N = ${g(c.reference!.N, 4)}, D = ${g(c.reference!.D, 4)} (${c.reference!.how === 'given' ? 'given' : c.reference!.how === 'shared-range-centre' ? 'centre of the shared range' : 'centre of the combined range: ranges do not overlap'})`;
      const ci = c.ci95 ? `[${g(c.ci95[0])}, ${g(c.ci95[1])}]` : '[no interval]';
      const verdict = c.resolved === null ? 'no interval' : c.resolved ? 'RESOLVED (interval excludes 1)' : 'not resolved';
      const few = Math.min(...c.groups) < MIN_INTERVAL_GROUPS ? ` — rests on ${c.groups[0]} and ${c.groups[1]} groups: fragile` : '';
      out.push(`    ${`${c.pair[0]} / ${c.pair[1]}`.padEnd(2 * width)} ×${g(c.ratio, 4).padEnd(7)} ${ci.padEnd(18)} ${verdict}; ${where}${few}`);
    }
  }
  for (const f of L.shared) {
    out.push(`  shared-exponent fit of the ${LEVEL_NAMES[f.quantity]}: ${f.exponents.map((e) => `${e.term} ${g(e.estimate, 4)} [${g(e.ci95?.[0])}, ${g(e.ci95?.[1])}]`).join(', ') || 'no size term identified'} (${f.runs} runs, ${f.groups} groups, ${f.resample} resampled)`);
  }
  return out;
}
