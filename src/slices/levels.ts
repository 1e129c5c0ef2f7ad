/**
 * Do the LEVELS of the optimal lr and batch differ between slices? ("Does data
 * set B need a higher learning rate?") Two answers per pair of slices:
 *
 *  1. At a reference (N, D): the ratio lr*_A / lr*_B (and B*_A / B*_B) of the
 *     slices' own fitted laws, ln ratio = (c0ᴬ + cNᴬ·ln N + cDᴬ·ln D) −
 *     (c0ᴮ + …), with the 95% interval of the paired bootstrap
 *     (fitter/paired-difference.ts). The reference is stated; by default the
 *     geometric centre of the N and D ranges the two slices' kept runs share
 *     (where both laws rest on data); when the ranges do not overlap, the
 *     centre of their combined range, with a note that one law extrapolates.
 *  2. Shared exponents: one OLS over both slices' kept runs with common
 *     exponents and one offset per slice (slice dummies):
 *     ln y = α_slice + βN·ln N + βD·ln D. When the exponents do not differ this
 *     is the more powerful test — the offsets borrow the exponents' strength
 *     from all slices — and its offset difference is the ln ratio at every
 *     (N, D). Intervals: a stratified cluster bootstrap (each slice's groups
 *     resampled within the slice, as in the slice fits), offset differences
 *     by the same paired-difference helper with the smaller slice's G.
 * "Resolved" = the ratio's interval excludes 1.
 */
import { pairedDifference, clusterTInterval } from '../fitter/paired-difference.js';
import { stratifiedClusterBootstrap } from '../fitter/bootstrap.js';
import { ols, RankDeficientError, olsCoefficients } from '../fitter/ols.js';
import { createRng, DEFAULT_SEED } from '../util/random.js';
import { DEFAULT_MIN_SPREAD, type KeptRun, type ResampleMethod, type StepLawFit } from '../laws/steplaw-fit.js';
import type { SliceFit } from './fit-slices.js';
import { clustersOf } from './differences.js';
import { msg } from '../messages.js';

export type LevelQuantity = 'lr' | 'batch';

export interface LevelReference {
  N: number;
  D: number;
  /** How it was chosen: given by the user, the centre of the shared range, or (no overlap) of the combined range. */
  how: 'given' | 'shared-range-centre' | 'combined-range-centre';
}

export interface LevelComparison {
  /** `lr`: optimal learning rate; `batch`: optimal batch size (tokens). */
  quantity: LevelQuantity;
  /** `at-reference`: the slices' own laws at `reference`; `shared-exponents`: offsets of the common-exponent fit. */
  method: 'at-reference' | 'shared-exponents';
  /** [a, b]: the ratio is a / b. */
  pair: [string, string];
  ratio: number;
  /** 95% interval of the ratio; null when there are no bootstrap replicates. */
  ci95: [number, number] | null;
  /** The interval excludes 1; null without an interval. */
  resolved: boolean | null;
  interval: 'percentile' | 'cluster-t' | 'none';
  /** Paired bootstrap replicates behind the interval. */
  pairs: number;
  /** The (N, D) groups each slice's fit rests on: with fewer than MIN_INTERVAL_GROUPS the interval is fragile. */
  groups: [number, number];
  reference?: LevelReference;
}

export interface SharedExponentFit {
  quantity: LevelQuantity;
  slices: string[];
  /** Common exponents (terms the pooled kept runs identify). */
  exponents: { term: 'lnN' | 'lnD'; estimate: number; ci95: [number, number] | null }[];
  /** ln offset per slice (at ln N = ln D = 0). */
  offsets: { slice: string; estimate: number }[];
  runs: number;
  groups: number;
  resample: ResampleMethod;
  resamples: number;
  failed: number;
}

export interface LevelStudy {
  /** The reference (N, D) asked for, if any (else per pair, see each comparison). */
  reference: { N?: number; D?: number } | null;
  comparisons: LevelComparison[];
  shared: SharedExponentFit[];
  notes: string[];
}

export interface LevelOptions {
  reference?: { N?: number; D?: number };
  bootstrap?: number;
  seed?: number;
  resample?: ResampleMethod;
}

const COLS: Record<LevelQuantity, [number, number, number]> = { lr: [0, 1, 2], batch: [3, 4, 5] };

function lnLevel(fit: StepLawFit, q: LevelQuantity, lnN: number, lnD: number): number {
  const s = q === 'lr' ? fit.lr : fit.batch;
  const get = (t: string) => s.terms.find((x) => x.term === t)?.estimate ?? 0;
  return get('intercept') + get('lnN') * lnN + get('lnD') * lnD;
}

function lnLevelSamples(fit: StepLawFit, q: LevelQuantity, lnN: number, lnD: number): number[] {
  const [a, b, c] = COLS[q];
  return (fit.bootstrap?.samples ?? []).map((s) => s[a] + s[b] * lnN + s[c] * lnD);
}

function range(kept: KeptRun[], f: (r: KeptRun) => number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of kept) {
    const v = f(r);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Geometric centre of the shared range of two slices (or of their combined range when they do not overlap). */
function centre(a: [number, number], b: [number, number]): { value: number; shared: boolean } {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  if (lo <= hi) return { value: Math.sqrt(lo * hi), shared: true };
  return { value: Math.sqrt(Math.min(a[0], b[0]) * Math.max(a[1], b[1])), shared: false };
}

export function compareSliceLevels(slices: SliceFit[], options: LevelOptions = {}): LevelStudy {
  const comparisons: LevelComparison[] = [];
  const notes: string[] = [];
  const fitted = slices.filter((s) => s.fit);
  const apart: string[] = [];
  for (let i = 0; i < fitted.length; i++) {
    for (let j = i + 1; j < fitted.length; j++) {
      const A = fitted[i].fit!;
      const B = fitted[j].fit!;
      const cN = centre(range(A.kept, (r) => r.N), range(B.kept, (r) => r.N));
      const cD = centre(range(A.kept, (r) => r.D), range(B.kept, (r) => r.D));
      const N = options.reference?.N ?? cN.value;
      const D = options.reference?.D ?? cD.value;
      const given = options.reference?.N !== undefined || options.reference?.D !== undefined;
      // A size the two laws do not depend on (term dropped in both, e.g. one N per MoE slice) need not overlap.
      const uses = (t: 'lnN' | 'lnD') => [A, B].some((f) => [...f.lr.terms, ...f.batch.terms].some((x) => x.term === t));
      const shared = (options.reference?.N !== undefined || cN.shared || !uses('lnN')) && (options.reference?.D !== undefined || cD.shared || !uses('lnD'));
      const reference: LevelReference = { N, D, how: given && options.reference?.N !== undefined && options.reference?.D !== undefined ? 'given' : shared ? 'shared-range-centre' : 'combined-range-centre' };
      if (!shared) apart.push(`${fitted[i].label} vs ${fitted[j].label}`);
      for (const q of ['lr', 'batch'] as const) {
        const est = lnLevel(A, q, Math.log(N), Math.log(D)) - lnLevel(B, q, Math.log(N), Math.log(D));
        const p = pairedDifference(lnLevelSamples(A, q, Math.log(N), Math.log(D)), lnLevelSamples(B, q, Math.log(N), Math.log(D)), est, { clusters: clustersOf(A, B) });
        comparisons.push(toRatio(q, 'at-reference', [fitted[i].label, fitted[j].label], p, [A.data.keptGroups, B.data.keptGroups], reference));
      }
    }
  }
  if (apart.length) notes.push(msg.levelsNoOverlap(apart, (fitted.length * (fitted.length - 1)) / 2));
  const shared: SharedExponentFit[] = [];
  if (fitted.length >= 2) {
    for (const q of ['lr', 'batch'] as const) {
      const r = sharedExponentFit(fitted, q, options);
      if ('error' in r) {
        notes.push(`shared-exponent fit of ${q === 'lr' ? 'the optimal lr' : 'the optimal batch'}: ${r.error}`);
        continue;
      }
      shared.push(r.fit);
      comparisons.push(...r.comparisons);
    }
  }
  const ref = options.reference;
  return { reference: ref && (ref.N !== undefined || ref.D !== undefined) ? ref : null, comparisons, shared, notes };
}

function toRatio(
  quantity: LevelQuantity,
  method: LevelComparison['method'],
  pair: [string, string],
  p: ReturnType<typeof pairedDifference>,
  groups: [number, number],
  reference?: LevelReference,
): LevelComparison {
  const ci = p.ci95 ? ([Math.exp(p.ci95[0]), Math.exp(p.ci95[1])] as [number, number]) : null;
  return { quantity, method, pair, ratio: Math.exp(p.estimate), ci95: ci, resolved: p.excludesZero, interval: p.interval, pairs: p.pairs, groups, ...(reference ? { reference } : {}) };
}

/**
 * OLS with slice dummies and common exponents over the slices' kept runs,
 * with a stratified cluster (or run) bootstrap. A size term enters when the
 * pooled kept runs span ≥ DEFAULT_MIN_SPREAD in it and the design stays of
 * full rank (a term confounded with the slices, e.g. one N per slice, is left
 * out and the fit says so through its `exponents`).
 */
function sharedExponentFit(
  slices: SliceFit[],
  q: LevelQuantity,
  options: LevelOptions,
): { fit: SharedExponentFit; comparisons: LevelComparison[] } | { error: string } {
  const k = slices.length;
  const rows: { s: number; lnN: number; lnD: number; y: number; group: string }[] = [];
  slices.forEach((sl, s) => {
    for (const r of sl.fit!.kept) rows.push({ s, lnN: Math.log(r.N), lnD: Math.log(r.D), y: Math.log(q === 'lr' ? r.lr : r.batchTokens), group: r.group });
  });
  const spread = (f: (r: (typeof rows)[0]) => number) => Math.exp(Math.max(...rows.map(f)) - Math.min(...rows.map(f)));
  // Which size terms the slices' own fits use for this quantity.
  const used = (t: 'lnN' | 'lnD') => slices.some((sl) => (q === 'lr' ? sl.fit!.lr : sl.fit!.batch).terms.some((x) => x.term === t));
  let terms = (['lnN', 'lnD'] as const).filter((t) => used(t) && spread((r) => r[t]) >= DEFAULT_MIN_SPREAD);
  const mean = (t: 'lnN' | 'lnD') => rows.reduce((acc, r) => acc + r[t], 0) / rows.length;
  const build = (ts: readonly ('lnN' | 'lnD')[]) => {
    const means = ts.map(mean);
    return rows.map((r) => [...Array.from({ length: k }, (_, s) => (r.s === s ? 1 : 0)), ...ts.map((t, m) => r[t] - means[m])]);
  };
  const y = rows.map((r) => r.y);
  let X = build(terms);
  let full: ReturnType<typeof ols> | undefined;
  while (!full) {
    try {
      if (rows.length <= X[0].length) return { error: `only ${rows.length} kept runs for ${X[0].length} coefficients` };
      full = ols(X, y);
    } catch (e) {
      if (!(e instanceof RankDeficientError)) throw e;
      if (terms.length === 0) return { error: 'the slice offsets cannot be separated' };
      terms = terms.slice(0, -1);
      X = build(terms);
    }
  }
  // Clusters per slice: each (N, D) group of the slice (or each run).
  const resample = options.resample ?? slices[0].fit!.bootstrap?.resample ?? 'groups';
  const strata: Int32Array[][] = slices.map(() => []);
  const byGroup = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.s}\u0000${r.group}`;
    const g = byGroup.get(key);
    if (g) g.push(i);
    else byGroup.set(key, [i]);
  });
  for (const [key, ix] of byGroup) {
    const s = Number(key.split('\u0000')[0]);
    if (resample === 'groups') strata[s].push(Int32Array.from(ix));
    else for (const i of ix) strata[s].push(Int32Array.from([i]));
  }
  const nboot = options.bootstrap ?? 1000;
  const boot = nboot > 0 ? stratifiedClusterBootstrap(strata, nboot, createRng(options.seed ?? DEFAULT_SEED), (idx) => olsCoefficients(X, y, idx)) : undefined;
  const samples = boot?.samples ?? [];
  const groupsOf = slices.map((_, s) => strata[s].length);
  const G = resample === 'groups' ? groupsOf.reduce((a, b) => a + b, 0) : undefined;
  const fit: SharedExponentFit = {
    quantity: q,
    slices: slices.map((s) => s.label),
    exponents: terms.map((term, m) => {
      const j = k + m;
      const sd = boot && samples.length >= 2 ? boot.std[j] : NaN;
      const ci = !Number.isFinite(sd) ? null : G !== undefined ? clusterTInterval(full!.coef[j], sd, G) : ([boot!.lower[j], boot!.upper[j]] as [number, number]);
      return { term, estimate: full!.coef[j], ci95: ci };
    }),
    // Offsets at ln N = ln D = 0: α_s − Σ β·mean.
    offsets: slices.map((sl, s) => ({ slice: sl.label, estimate: full!.coef[s] - terms.reduce((acc, t, m) => acc + full!.coef[k + m] * mean(t), 0) })),
    runs: rows.length,
    groups: new Set(rows.map((r) => `${r.s}\u0000${r.group}`)).size,
    resample,
    resamples: nboot,
    failed: boot?.failed ?? 0,
  };
  const comparisons: LevelComparison[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const p = pairedDifference(
        samples.map((s) => s[a]),
        samples.map((s) => s[b]),
        full.coef[a] - full.coef[b],
        resample === 'groups' ? { clusters: Math.min(groupsOf[a], groupsOf[b]) } : {},
      );
      comparisons.push(toRatio(q, 'shared-exponents', [slices[a].label, slices[b].label], p, [slices[a].fit!.data.keptGroups, slices[b].fit!.data.keptGroups]));
    }
  }
  return { fit, comparisons };
}
