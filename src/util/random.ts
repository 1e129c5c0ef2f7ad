/**
 * Seeded random numbers. Every random function in steplaw takes an injected
 * `Rng`, so results are reproducible bit for bit.
 *
 * Generator: xoroshiro128+ (Blackman & Vigna 2021, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4):36; reference C code
 * prng.di.unimi.it/xoroshiro128plus.c, the 2018 constants a = 24, b = 16,
 * c = 37), 128 bits of state held as four 32-bit words, each step giving the
 * low 32 bits of s0 + s1, seeded as pure-rand's `xoroshiro128plus(seed)`
 * (state −1, ~seed, seed, 0). Draws follow pure-rand's
 * `unsafeUniformIntDistribution` exactly (an integer in [0, n) by rejecting
 * the last partial block of 2^32, then the remainder; a float from a 26-bit
 * and a 27-bit draw; a normal by Box–Muller), so every seeded result is the
 * one pure-rand gave. The step and the draws are written here with 32-bit
 * integer arithmetic on a typed array and a division instead of a floating
 * remainder: a bootstrap draw costs a few nanoseconds instead of ~14 (its
 * hot loop draws tens of millions). Ranges beyond 2^32 (never drawn by
 * steplaw) go to pure-rand itself, from and back to the same state.
 */
import { unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

export interface Rng {
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** `out.length` draws of `int(n)`, in order, into `out` (the same numbers, without a call per draw). */
  ints(n: number, out: Int32Array): Int32Array;
  /** Uniform float in [0, 1) with 53 random bits. */
  float(): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
  /**
   * The generator's state, live: xoroshiro128+'s four 32-bit words in pure-rand's order. A kernel that draws
   * exactly as `ints` does (src/fitter/cluster-draws.wat) reads it and writes it back, so the draws after it
   * continue the same stream. Absent for a generator that is not `createRng`'s.
   */
  readonly words?: Int32Array;
}

/**
 * The one default seed of every random function and command (bootstrap resamples, random starts, slices,
 * loss laws, compute-optimal fits, the reproduce job). A caller that passes no seed gets this one, so the
 * library, the commands and the committed fits/ print the same numbers.
 */
export const DEFAULT_SEED = 0;

const TWO31 = 0x80000000;
const TWO32 = 0x100000000;

/**
 * xoroshiro128+ over the words [s0 high, s0 low, s1 high, s1 low] (pure-rand's order): `next()` is the low
 * 32 bits of s0 + s1 as a signed int32, then the state steps.
 */
export class Xoroshiro128Plus {
  /** The state as int32 words (a typed array: V8 keeps them unboxed). */
  readonly state: Int32Array;

  constructor(words: readonly [number, number, number, number]) {
    this.state = Int32Array.from(words);
  }

  next(): number {
    const s = this.state;
    const s01 = s[0];
    const s00 = s[1];
    const s11 = s[2];
    const s10 = s[3];
    const out = (s00 + s10) | 0;
    // s1 ^= s0; s0 = rotl(s0, 24) ^ s1 ^ (s1 << 16); s1 = rotl(s1, 37), on (high, low) halves.
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    s[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    s[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s[3] = (a1 << 5) ^ (a0 >>> 27);
    s[2] = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }
}

export function createRng(seed: number): Rng {
  const g = new Xoroshiro128Plus([-1, ~seed, seed | 0, 0]);
  let spare: number | undefined;
  // Rejection bound of the last n asked for (the bootstrap asks for the same n millions of times).
  let lastN = 0;
  let maxAllowed = 0;
  /** pure-rand's draw from the same state (ranges this fast path does not take), state carried back. */
  const viaPureRand = (n: number): number => {
    const s = g.state;
    const p = xoroshiro128plus.fromState([s[0], s[1], s[2], s[3]]);
    const v = unsafeUniformIntDistribution(0, n - 1, p);
    s.set(p.getState());
    return v;
  };
  const int = (n: number): number => {
    if (n !== lastN) {
      if (!(Number.isInteger(n) && n >= 1 && n <= TWO32)) return viaPureRand(n);
      lastN = n;
      maxAllowed = n > 2 ? Math.floor(TWO32 / n) * n : TWO32;
    }
    // An unsigned 32-bit draw, the last partial block of n rejected, then its remainder mod n: d and n are
    // integers below 2^32 + 1, so floor(d / n) is exact in doubles and the remainder too.
    let d = g.next() + TWO31;
    while (d >= maxAllowed) d = g.next() + TWO31;
    return d - Math.floor(d / n) * n;
  };
  /**
   * `int(n)` repeated, with the generator's state in locals and the remainder by a multiplication: q = ⌊d·(1/n)⌋
   * is within one of ⌊d/n⌋ (d < 2^32, so d·(1/n) is off by far less than 1), and the remainder d − q·n, exact in
   * doubles, is brought into [0, n) by one correction — the same number `int` gives. The bootstrap draws
   * millions (one per group per replicate); a call and a division per draw were most of that time.
   */
  const ints = (n: number, out: Int32Array): Int32Array => {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO32 && n <= 2 ** 31)) {
      for (let k = 0; k < out.length; k++) out[k] = int(n);
      return out;
    }
    if (n !== lastN) {
      lastN = n;
      maxAllowed = n > 2 ? Math.floor(TWO32 / n) * n : TWO32;
    }
    const max = maxAllowed;
    const inv = 1 / n;
    const st = g.state;
    let s01 = st[0];
    let s00 = st[1];
    let s11 = st[2];
    let s10 = st[3];
    for (let k = 0; k < out.length; k++) {
      let d: number;
      do {
        // Xoroshiro128Plus.next, inlined.
        const o = (s00 + s10) | 0;
        const a0 = s10 ^ s00;
        const a1 = s11 ^ s01;
        const n00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
        const n01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
        s10 = (a1 << 5) ^ (a0 >>> 27);
        s11 = (a0 << 5) ^ (a1 >>> 27);
        s00 = n00;
        s01 = n01;
        d = o + TWO31;
      } while (d >= max);
      let r = d - Math.floor(d * inv) * n;
      if (r < 0) r += n;
      else if (r >= n) r -= n;
      out[k] = r;
    }
    st[0] = s01;
    st[1] = s00;
    st[2] = s11;
    st[3] = s10;
    return out;
  };
  // unsafeUniformIntDistribution(0, 2^26 − 1) and (0, 2^27 − 1): powers of two, never rejected: the low bits.
  const float = (): number => ((g.next() & 0x3ffffff) * 134217728 + (g.next() & 0x7ffffff)) / 9007199254740992;
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
  return { int, ints, float, normal, words: g.state };
}
