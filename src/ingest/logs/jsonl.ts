/**
 * JSON-lines training logs: one JSON object per logged step, e.g.
 * `{"step": 100, "loss": 2.7217, "lr": 1.7e-4}`.
 *
 * The step is the first present of `fields.step` (default `step`,
 * `iteration`, `_step` — W&B's JSON history), the loss the first present of `fields.loss` (default `loss`,
 * `lm loss`, `train/loss`). An object without any loss field (an eval record,
 * say) is skipped; a line that is not a JSON object, or whose step is not an
 * integer ≥ 0 or whose loss is not a finite number, is malformed.
 */
import type { FieldNames, LineResult } from './line-result.js';

export function parseJsonlLine(line: string, fields: FieldNames): LineResult {
  const s = line.trim();
  if (s === '') return 'skip';
  if (s.charCodeAt(0) !== 123 /* { */) return 'malformed';
  let obj: unknown;
  try {
    obj = JSON.parse(s);
  } catch {
    return 'malformed';
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return 'malformed';
  const rec = obj as Record<string, unknown>;
  const lossKey = fields.loss.find((k) => k in rec);
  if (lossKey === undefined) return 'skip';
  const stepKey = fields.step.find((k) => k in rec);
  if (stepKey === undefined) return 'malformed';
  const iter = rec[stepKey];
  const loss = rec[lossKey];
  if (typeof iter !== 'number' || !Number.isInteger(iter) || iter < 0) return 'malformed';
  if (typeof loss !== 'number' || !Number.isFinite(loss)) return 'malformed';
  return { iter, loss };
}
