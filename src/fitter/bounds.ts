/**
 * Bounds by a change of variables (MINUIT's transformation, as lmfit uses it;
 * F. James, MINUIT Reference Manual §1.3.1; lmfit `Parameter.setup_bounds`):
 *   min and max:  p = min + (sin(u) + 1)·(max − min)/2
 *   min only:     p = min − 1 + √(u² + 1)
 *   max only:     p = max + 1 − √(u² + 1)
 *   none:         p = u
 * The optimiser works on u (unconstrained); a parameter that ends at (within a
 * relative tolerance of) a bound is reported `atBoundary`, never silently clipped.
 */

export type BoundKind = 0 | 1 | 2 | 3; // none, both, min only, max only

export interface Bound {
  kind: BoundKind;
  min: number;
  max: number;
}

export function boundOf(min: number, max: number): Bound {
  const lo = Number.isFinite(min);
  const hi = Number.isFinite(max);
  return { kind: lo && hi ? 1 : lo ? 2 : hi ? 3 : 0, min, max };
}

/** Internal → external. */
export function toExternal(b: Bound, u: number): number {
  switch (b.kind) {
    case 0:
      return u;
    case 1:
      return b.min + ((Math.sin(u) + 1) * (b.max - b.min)) / 2;
    case 2:
      return b.min - 1 + Math.sqrt(u * u + 1);
    case 3:
      return b.max + 1 - Math.sqrt(u * u + 1);
  }
}

/** dp/du. */
export function dExternal(b: Bound, u: number): number {
  switch (b.kind) {
    case 0:
      return 1;
    case 1:
      return (Math.cos(u) * (b.max - b.min)) / 2;
    case 2:
      return u / Math.sqrt(u * u + 1);
    case 3:
      return -u / Math.sqrt(u * u + 1);
  }
}

/**
 * External → internal. A start exactly on a bound has dp/du = 0 (the optimiser
 * could never leave it), so it is first moved inside by 1e-8 of its scale.
 */
export function toInternal(b: Bound, p: number): number {
  switch (b.kind) {
    case 0:
      return p;
    case 1: {
      const w = b.max - b.min;
      let t = (2 * (p - b.min)) / w - 1;
      t = Math.min(1 - 1e-8, Math.max(-1 + 1e-8, t));
      return Math.asin(t);
    }
    case 2: {
      const d = Math.max(p - b.min, 1e-8 * Math.max(1, Math.abs(b.min)));
      return Math.sqrt((d + 1) * (d + 1) - 1);
    }
    case 3: {
      const d = Math.max(b.max - p, 1e-8 * Math.max(1, Math.abs(b.max)));
      return Math.sqrt((d + 1) * (d + 1) - 1);
    }
  }
}

/** Relative tolerance for "at boundary". */
export const AT_BOUND_RTOL = 1e-6;

/**
 * Whether p sits on a bound: |p − bound| ≤ 1e-6 · scale, scale = max − min when
 * both are finite, else max(|bound|, |p|, |init|, 1e-300).
 */
export function atBound(b: Bound, p: number, init: number): boolean {
  if (b.kind === 0) return false;
  const scale =
    b.kind === 1 ? b.max - b.min : Math.max(Math.abs(b.kind === 2 ? b.min : b.max), Math.abs(p), Math.abs(init), 1e-300);
  const tol = AT_BOUND_RTOL * scale;
  if ((b.kind === 1 || b.kind === 2) && p - b.min <= tol) return true;
  if ((b.kind === 1 || b.kind === 3) && b.max - p <= tol) return true;
  return false;
}
