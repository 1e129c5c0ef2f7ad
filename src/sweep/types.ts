/**
 * The canonical, typed form of a hyperparameter sweep. Ingesters are the only
 * modules that know file formats; everything after them speaks `Sweep`.
 *
 * Units: `N` parameters (non-embedding for the Step Law files; total for MoE),
 * `D` training tokens, `lr` peak learning rate, `batchTokens` tokens per
 * optimizer step, `loss` the fitting target (the "smooth loss" of the Step Law
 * files, nats/token).
 */
import type { Warning } from '../messages.js';

export type RunFlag = 'non-finite-loss' | 'diverged';

export type AttrValue = string | number;

export interface Run {
  /** File the run was read from. */
  file: string;
  /** 1-based data row in that file (header not counted). */
  row: number;
  N: number;
  D: number;
  lr: number;
  batchTokens: number;
  /** May be NaN or ±Infinity: then `flags` has 'non-finite-loss'. */
  loss: number;
  /** Every other column of the row, numbers coerced where the cell is numeric. */
  attrs: Record<string, AttrValue>;
  flags: RunFlag[];
}

export type SweepFormat = 'steplaw-dense' | 'steplaw-moe' | 'mapped';

export interface Sweep {
  files: string[];
  format: SweepFormat;
  runs: Run[];
  /**
   * Attributes that, besides (N, D), identify one grid-search group. The MoE
   * file needs `moe_name`: its four sparsities share one total N.
   */
  groupKeys: string[];
  /** Sequence length used to convert sequences to tokens, where it applied. */
  seqLen?: number;
  warnings: Warning[];
}

/** A run is usable for fitting when its loss is finite and it did not diverge. */
export function isUsable(run: Run): boolean {
  return run.flags.length === 0;
}

/** A run as a plain object (a copy of a `StoredRun`'s fields; a plain run is returned as is). */
export function plainRun(run: Run): Run {
  return {
    file: run.file,
    row: run.row,
    N: run.N,
    D: run.D,
    lr: run.lr,
    batchTokens: run.batchTokens,
    loss: run.loss,
    attrs: run.attrs,
    flags: run.flags,
  };
}

/** The run with more flags (a new object; the input is not changed). */
export function withFlags(run: Run, ...flags: RunFlag[]): Run {
  return { ...plainRun(run), flags: [...run.flags, ...flags] };
}

/** The run with attributes added or replaced (a new object; the input is not changed). */
export function withAttrs(run: Run, attrs: Record<string, AttrValue>): Run {
  return { ...plainRun(run), attrs: { ...run.attrs, ...attrs } };
}
