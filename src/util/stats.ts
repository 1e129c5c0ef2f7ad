/**
 * Small descriptive statistics used across modules.
 */

/** Arithmetic mean. @throws on an empty array. @example mean([0, 10]); // => 5 */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('mean of an empty array');
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman–Fan type
 * 7, numpy's default): h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * @example quantile([1, 2, 3, 4], 0.5); // => 2.5
 */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new Error('quantile of an empty array');
  return sortedQuantile([...xs].sort((a, b) => a - b), p);
}

/**
 * `ps.map((p) => quantile(xs, p))`, sorting once. An array of finite non-zero numbers is sorted as a
 * Float64Array (the engine's numeric sort, no comparator call per comparison): the same order, since such
 * numbers are equal only when they are the same number; anything else (±0, ±∞, NaN) exactly as `quantile`.
 * @example quantiles([4, 1, 3, 2], [0.25, 0.75]); // => [1.75, 3.25]
 */
export function quantiles(xs: readonly number[], ps: readonly number[]): number[] {
  if (xs.length === 0) throw new Error('quantile of an empty array');
  let plain = true;
  for (let i = 0; i < xs.length && plain; i++) plain = xs[i] !== 0 && Number.isFinite(xs[i]);
  const s: ArrayLike<number> = plain ? Float64Array.from(xs).sort() : [...xs].sort((a, b) => a - b);
  return ps.map((p) => sortedQuantile(s, p));
}

/** Type-7 quantile of numbers already in ascending order. */
function sortedQuantile(s: ArrayLike<number>, p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Median (quantile 0.5). @example median([3, 1, 2]); // => 2 */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Sample standard deviation (n − 1 denominator). @example sampleStd([1, 3]); // => √2 */
export function sampleStd(xs: readonly number[]): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error < 1e-14). */
export function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Regularized incomplete beta I_x(a, b), by its continued fraction (modified
 * Lentz; Press et al., *Numerical Recipes*, 3rd ed., §6.4), using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  f = d;
  for (let m = 1; m <= 300; m++) {
    // The even step d_2m, then the odd step d_2m+1 of the fraction (written out: no array per step).
    for (let odd = 0; odd < 2; odd++) {
      const num = odd === 0 ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)) : (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return (front * f) / a;
}

/** Student-t distribution function P(T ≤ t) with ν degrees of freedom: 1 − ½·I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0. */
export function studentTCdf(t: number, dof: number): number {
  const tail = 0.5 * incompleteBeta(dof / (dof + t * t), dof / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Student-t quantile: the t with P(T ≤ t) = p for ν = dof > 0 degrees of
 * freedom, by bisection on the distribution function (to 1e-12 relative).
 * @example studentTQuantile(0.975, 2); // => 4.302652729…
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1) || !(dof > 0)) return NaN;
  if (p < 0.5) return -studentTQuantile(1 - p, dof);
  // A fit asks for the same few quantiles once per coefficient and interval: each is a bisection of dozens of
  // distribution-function evaluations, so the answers are remembered (a few hundred at most).
  const key = `${p} ${dof}`;
  let t = tQuantiles.get(key);
  if (t === undefined) {
    if (tQuantiles.size >= 256) tQuantiles.clear();
    tQuantiles.set(key, (t = bisectStudentT(p, dof)));
  }
  return t;
}

const tQuantiles = new Map<string, number>();

function bisectStudentT(p: number, dof: number): number {
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, dof) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTCdf(mid, dof) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
