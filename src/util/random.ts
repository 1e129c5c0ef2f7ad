/**
 * Seeded random numbers. Every random function in steplaw takes an injected
 * `Rng`, so results are reproducible bit for bit (xoroshiro128+ from pure-rand).
 */
import { xoroshiro128plus, unsafeUniformIntDistribution } from 'pure-rand';

export interface Rng {
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [0, 1) with 53 random bits. */
  float(): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
}

/**
 * The one default seed of every random function and command (bootstrap resamples, random starts, slices,
 * loss laws, compute-optimal fits, the reproduce job). A caller that passes no seed gets this one, so the
 * library, the commands and the committed fits/ print the same numbers.
 */
export const DEFAULT_SEED = 0;

export function createRng(seed: number): Rng {
  const g = xoroshiro128plus(seed | 0);
  let spare: number | undefined;
  const int = (n: number): number => unsafeUniformIntDistribution(0, n - 1, g);
  const float = (): number => {
    const hi = unsafeUniformIntDistribution(0, (1 << 26) - 1, g);
    const lo = unsafeUniformIntDistribution(0, (1 << 27) - 1, g);
    return (hi * 134217728 + lo) / 9007199254740992;
  };
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = 0;
    while (u === 0) u = float();
    const v = float();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { int, float, normal };
}
