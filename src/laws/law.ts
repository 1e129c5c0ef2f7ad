/**
 * Law: anything that maps a training configuration to an optimal peak learning
 * rate and/or batch size (tokens). Published laws (catalog.ts) and laws fitted
 * by steplaw (fit JSON files) implement the same interface, so every command
 * works on both.
 */

import type { Warning } from '../messages.js';
import type { FittedRange } from './extrapolation.js';

/** What a law may need to know about the configuration it predicts for. */
export interface LawContext {
  /** Parameters: non-embedding for dense; total for MoE (Step Law's convention). */
  N?: number;
  /** Training tokens. */
  D?: number;
  /** Training compute in FLOPs (DeepSeek: C = M·D, M non-embedding FLOPs/token incl. attention). */
  C?: number;
  /** Target (or reached) loss, for loss-based batch laws (OpenAI, MiniCPM). */
  L?: number;
  /** Sequence length in tokens (for reporting batch in sequences). */
  seqLen?: number;
}

export type LawInput = 'N' | 'D' | 'C' | 'L';

export interface Prediction {
  /** Optimal peak learning rate, if the law has one. */
  lr?: number;
  /** Optimal batch size in tokens, if the law has one. */
  batchTokens?: number;
  /**
   * Why an output the law has is absent although every input it needs was
   * given (the inputs lie outside the formula's domain), in words.
   */
  outside?: { lr?: string; batch?: string };
}

export interface Law {
  /** Command-line name, e.g. `steplaw`, `deepseek`, or a fit file's name. */
  name: string;
  title: string;
  /** The formula as text, in the law's own units. */
  formula: string;
  citation: string;
  /** Caveats a user must know (misprints, units, assumptions). */
  caveats: string[];
  /** Inputs needed to predict the learning rate and the batch size. */
  needs: { lr: LawInput[]; batch: LawInput[] };
  predicts: { lr: boolean; batch: boolean };
  /** False for a law that cannot be evaluated (e.g. constants not published); `caveats` says why. */
  evaluable: boolean;
  /** Predict; inputs the law needs but the context lacks give undefined for that output. */
  predict(ctx: LawContext): Prediction;
  /** The (N, D) range a law rests on (a fit file's data.range; the paper's for the catalog Step Law); predictions outside it are extrapolations. */
  range?: FittedRange;
  /** Structured warnings the law carries into every output (e.g. `unidentifiable` from a fit made with the override). */
  warnings?: Warning[];
  /** Optional 95% interval on the prediction (e.g. from bootstrap coefficient rows). */
  interval?(ctx: LawContext): { lr?: [number, number]; batchTokens?: [number, number] };
}

/**
 * A log-linear law: ln lr = c0 + cN·ln N + cD·ln D, ln B = b0 + bN·ln N + bD·ln D
 * (the Step Law form, github.com/step-law/steplaw `code/fit_tool.py`; bN = 0 unless fitted).
 */
export interface LogLinearCoefficients {
  lr: { intercept: number; coefN: number; coefD: number };
  batch: { intercept: number; coefN: number; coefD: number };
}

export function predictLogLinear(c: LogLinearCoefficients, N: number, D: number): { lr: number; batchTokens: number } {
  const lnN = Math.log(N);
  const lnD = Math.log(D);
  return {
    lr: Math.exp(c.lr.intercept + c.lr.coefN * lnN + c.lr.coefD * lnD),
    batchTokens: Math.exp(c.batch.intercept + c.batch.coefN * lnN + c.batch.coefD * lnD),
  };
}
