/**
 * Sidecar JSON per run: `run.json`, else `hparams.json`, in the run directory.
 * One JSON object; every field optional, numbers (or numeric strings):
 *
 * | field | meaning |
 * |---|---|
 * | `N` | non-embedding parameters |
 * | `D` | training tokens |
 * | `lr` | peak learning rate |
 * | `batch_tokens` | tokens per optimizer step |
 * | `bs` | batch size in sequences (× `seq_len`, default the `--seq-len`) |
 * | `seq_len` | tokens per sequence |
 * | `ti` or `train_iters` | planned training iterations (enables the truncation check) |
 * | `h`, `ffnh`, `numl` | dense shape; gives N = numl·(4h² + 3h·ffnh) when `N` is absent |
 *
 * Sidecar values override values from the run name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNumber } from '../number.js';

export const SIDECAR_NAMES = ['run.json', 'hparams.json'] as const;

export const SIDECAR_FIELDS = ['N', 'D', 'lr', 'batch_tokens', 'bs', 'seq_len', 'ti', 'train_iters', 'h', 'ffnh', 'numl'] as const;
export type SidecarField = (typeof SIDECAR_FIELDS)[number];
export type Sidecar = Partial<Record<SidecarField, number>>;

export type SidecarResult =
  | { ok: true; file: string; values: Sidecar }
  | { ok: false; file: string; why: string };

/** Parse sidecar text; `why` names the first bad field. */
export function parseSidecar(text: string, file: string): SidecarResult {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    return { ok: false, file, why: `not valid JSON (${(e as Error).message})` };
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return { ok: false, file, why: 'not a JSON object' };
  const rec = obj as Record<string, unknown>;
  const values: Sidecar = {};
  for (const f of SIDECAR_FIELDS) {
    if (!(f in rec) || rec[f] === null) continue;
    const raw = rec[f];
    const v = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw) : undefined;
    if (v === undefined || !Number.isFinite(v) || v <= 0) {
      return { ok: false, file, why: `field ${JSON.stringify(f)} is ${JSON.stringify(raw)}, not a finite number > 0` };
    }
    values[f] = v;
  }
  return { ok: true, file, values };
}

/** The run directory's sidecar, if any (first of SIDECAR_NAMES among `files`). */
export function readSidecar(runDir: string, files: readonly string[]): SidecarResult | undefined {
  const name = SIDECAR_NAMES.find((n) => files.includes(n));
  if (!name) return undefined;
  const file = join(runDir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, file, why: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
  }
  return parseSidecar(text, file);
}
