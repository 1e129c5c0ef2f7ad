/**
 * Extrapolation: where a prediction lies relative to the (N, D) range a law
 * was fitted on. A fitted law is supported by its data only inside that range;
 * outside it the prediction rests on the functional form alone, and its
 * bootstrap interval covers the coefficients' uncertainty, not the form's.
 * Every prediction outside the range says so and by how much (issue 11).
 */
import { msg } from '../messages.js';

/** The N and D range (min, max) of the groups a law was fitted on. */
export interface FittedRange {
  N: [number, number];
  D: [number, number];
}

/** Min and max of N and D over points (a loop, not a spread: any number of points). */
export function fittedRange(points: readonly { N: number; D: number }[]): FittedRange {
  const r: FittedRange = { N: [Infinity, -Infinity], D: [Infinity, -Infinity] };
  for (const p of points) {
    if (p.N < r.N[0]) r.N[0] = p.N;
    if (p.N > r.N[1]) r.N[1] = p.N;
    if (p.D < r.D[0]) r.D[0] = p.D;
    if (p.D > r.D[1]) r.D[1] = p.D;
  }
  return r;
}

export interface Extrapolation {
  axis: 'N' | 'D';
  value: number;
  side: 'above' | 'below';
  /** The range's edge on that side. */
  bound: number;
  /** value/bound (above) or bound/value (below): how many times outside, > 1. */
  factor: number;
  message: string;
}

/** Relative slack for values printed and re-read (1e8 vs 1.0000000001e8 is inside). */
const SLACK = 1e-9;

/**
 * The axes on which (N, D) lies outside `range`, with the factor.
 * @example extrapolation({ N: [1e8, 1.6e9], D: [2e9, 1e11] }, { N: 1e15, D: 1e10 })[0].factor; // => 625000
 */
export function extrapolation(range: FittedRange | undefined, at: { N?: number; D?: number }): Extrapolation[] {
  if (!range) return [];
  const out: Extrapolation[] = [];
  for (const axis of ['N', 'D'] as const) {
    const v = at[axis];
    if (v === undefined) continue;
    const [lo, hi] = range[axis];
    if (v > hi * (1 + SLACK)) out.push(make(axis, v, 'above', hi, v / hi));
    else if (v < lo * (1 - SLACK)) out.push(make(axis, v, 'below', lo, lo / v));
  }
  return out;
}

function make(axis: 'N' | 'D', value: number, side: 'above' | 'below', bound: number, factor: number): Extrapolation {
  return { axis, value, side, bound, factor, message: msg.extrapolatedInput(axis, value, side, factor, bound) };
}
