/**
 * Small descriptive statistics used across modules.
 */

/** Arithmetic mean. @throws on an empty array. @example mean([0, 10]); // => 5 */
export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('mean of an empty array');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Quantile by linear interpolation between order statistics (Hyndman–Fan type
 * 7, numpy's default): h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * @example quantile([1, 2, 3, 4], 0.5); // => 2.5
 */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) throw new Error('quantile of an empty array');
  const s = [...xs].sort((a, b) => a - b);
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
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
