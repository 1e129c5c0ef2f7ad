/**
 * Array helpers that do not spread their argument: `Math.min(...xs)` and
 * `a.push(...xs)` pass every element on the call stack and throw "Maximum
 * call stack size exceeded" beyond ~10^5 elements.
 */

/** Smallest element (Infinity for an empty list; NaN elements are skipped). @example minOf([3, 1, 2]); // => 1 */
export function minOf(xs: Iterable<number>): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

/** Largest element (-Infinity for an empty list; NaN elements are skipped). @example maxOf([3, 1, 2]); // => 3 */
export function maxOf(xs: Iterable<number>): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

/** Append `from` to `to` in place; returns `to`. @example append([1], [2, 3]); // => [1, 2, 3] */
export function append<T>(to: T[], from: Iterable<T>): T[] {
  for (const x of from) to.push(x);
  return to;
}

/** Put `front` before the elements of `to`, in place; returns `to`. @example prepend([3], [1, 2]); // => [1, 2, 3] */
export function prepend<T>(to: T[], front: readonly T[]): T[] {
  if (front.length === 0) return to;
  const rest = to.splice(0, to.length);
  append(to, front);
  return append(to, rest);
}

/** n points from lo to hi, evenly spaced in log (both ends included). @example logSpace(1, 100, 3); // => [1, 10, 100] (to rounding) */
export function logSpace(lo: number, hi: number, n: number): number[] {
  const a = Math.log(lo);
  const b = Math.log(hi);
  return Array.from({ length: n }, (_, k) => Math.exp(a + ((b - a) * k) / (n - 1)));
}

/**
 * Position of `value` in the ascending array `sorted` by binary search (exact match, ===), or −1.
 * @example indexOfSorted([1, 3, 8], 3); // => 1
 */
export function indexOfSorted(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = sorted[mid];
    if (m === value) return mid;
    if (m < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
