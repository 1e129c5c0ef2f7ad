/**
 * Hyperparameters from a Step Law run name (github.com/step-law/steplaw data, `exp_name` column;
 * docs/method.md#released-data), e.g.
 * `step2v2_0618_h960_ffnh9368_numh15_numl7_lr3.453e-04_bs736_ti66342_mlr1.00e-05`:
 * tokens separated by `_`, each a key glued to its value — `h` d_model,
 * `ffnh` FFN hidden size, `numh` heads, `numl` layers, `lr` peak learning
 * rate, `bs` batch size in sequences, `ti` planned training iterations,
 * `mlr` final (minimum) learning rate. Exponents may be `e` or `E`.
 *
 * - N = numl · (4·h² + 3·h·ffnh) (non-embedding: attention + SwiGLU FFN;
 *   docs/method.md#step-law) — exact for all 1911 released dense runs.
 * - batch tokens = bs · seqLen (seqLen 2048 in Step Law).
 * - D = ti · bs · seqLen. The authors set ti = floor(D / (bs · seqLen)), so
 *   this falls short of the planned D by less than one batch (≤ 0.22% on the
 *   released runs); `nominalD` rounds it to 3 significant digits, which gives
 *   back the planned D of all 1911 released dense runs (their `D` column).
 */
const INT = String.raw`(\d+)`;
const FLOAT = String.raw`((?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)`;

const token = (key: string, value: string): RegExp => new RegExp(`(?:^|_)${key}${value}(?=_|$)`);
const KEYS = {
  h: token('h', INT),
  ffnh: token('ffnh', INT),
  numh: token('numh', INT),
  numl: token('numl', INT),
  lr: token('lr', FLOAT),
  bs: token('bs', INT),
  ti: token('ti', INT),
  mlr: token('mlr', FLOAT),
} as const;

export type NameKey = keyof typeof KEYS;
export type NameParams = Partial<Record<NameKey, number>>;

/** Every recognised key=value token of a run name. */
export function parseRunName(name: string): NameParams {
  const out: NameParams = {};
  for (const key of Object.keys(KEYS) as NameKey[]) {
    const m = KEYS[key].exec(name);
    if (m) out[key] = Number(m[1]);
  }
  return out;
}

/** Non-embedding parameters of a dense Step Law model. */
export function denseN(numl: number, h: number, ffnh: number): number {
  return numl * (4 * h * h + 3 * h * ffnh);
}

/** Round to `digits` significant digits (0 = leave as is). */
export function roundSignificant(x: number, digits: number): number {
  if (digits <= 0 || x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

export const D_DIGITS = 3;
