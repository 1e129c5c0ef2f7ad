/**
 * A run's hyperparameters in canonical units, from its name (`run-name.ts`)
 * and its sidecar JSON (`sidecar.ts`; sidecar values win).
 */
import { D_DIGITS, denseN, parseRunName, roundSignificant, type NameParams } from './run-name.js';
import type { Sidecar } from './sidecar.js';

export interface RunHparams {
  N?: number;
  /** Training tokens: the sidecar's D, else ti · batchTokens rounded to `dDigits` significant digits. */
  D?: number;
  /** ti · batchTokens, unrounded (when ti and the batch are known). */
  Dexact?: number;
  lr?: number;
  batchTokens?: number;
  /** Batch in sequences, when known. */
  bs?: number;
  seqLen: number;
  /** Planned training iterations. */
  ti?: number;
  /** Everything the name gave (h, ffnh, numh, numl, lr, bs, ti, mlr). */
  name: NameParams;
  /** Whether a sidecar supplied any value. */
  fromSidecar: boolean;
}

export interface HparamOptions {
  /** Tokens per sequence when the batch is in sequences (default 2048). */
  seqLen?: number;
  /** Significant digits D = ti·bs·seqLen is rounded to (default 3; 0 keeps it exact). */
  dDigits?: number;
}

export function resolveHparams(runName: string, sidecar: Sidecar | undefined, options: HparamOptions = {}): RunHparams {
  const nm = parseRunName(runName);
  const sc = sidecar ?? {};
  const seqLen = sc.seq_len ?? options.seqLen ?? 2048;
  const h = sc.h ?? nm.h;
  const ffnh = sc.ffnh ?? nm.ffnh;
  const numl = sc.numl ?? nm.numl;
  const N = sc.N ?? (h !== undefined && ffnh !== undefined && numl !== undefined ? denseN(numl, h, ffnh) : undefined);
  const bs = sc.bs ?? (sc.batch_tokens !== undefined ? undefined : nm.bs);
  const batchTokens = sc.batch_tokens ?? (bs !== undefined ? bs * seqLen : undefined);
  const ti = sc.ti ?? sc.train_iters ?? nm.ti;
  const Dexact = ti !== undefined && batchTokens !== undefined ? ti * batchTokens : undefined;
  const D = sc.D ?? (Dexact !== undefined ? roundSignificant(Dexact, options.dDigits ?? D_DIGITS) : undefined);
  return {
    N,
    D,
    Dexact,
    lr: sc.lr ?? nm.lr,
    batchTokens,
    bs,
    seqLen,
    ti,
    name: nm,
    fromSidecar: Object.keys(sc).length > 0,
  };
}

/** Which of N, D, lr, batch are still unknown. */
export function missingHparams(hp: RunHparams): string[] {
  const out: string[] = [];
  if (hp.N === undefined) out.push('N');
  if (hp.D === undefined) out.push('D');
  if (hp.lr === undefined) out.push('lr');
  if (hp.batchTokens === undefined) out.push('batch');
  return out;
}

/** The authors' dense shape is fully in the name (and no sidecar changed anything). */
export function hasStepLawName(hp: RunHparams): boolean {
  const n = hp.name;
  return (
    !hp.fromSidecar &&
    hp.seqLen === 2048 &&
    [n.h, n.ffnh, n.numh, n.numl, n.lr, n.bs, n.ti].every((v) => v !== undefined)
  );
}
