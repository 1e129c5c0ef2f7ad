/**
 * Megatron-LM style training-log lines, e.g. (Megatron-LM `training_log`):
 *
 *   ` iteration      100/   30517 | consumed samples: 3200 | elapsed time per iteration (ms): 412.3 |
 *     learning rate: 1.726E-04 | global batch size:    32 | lm loss: 2.721691E+00 | loss scale: 1.0 | ...`
 *
 * and the Step Law authors' variant `... training_log:123 - iter   100/ 30517 | ... lm loss: 2.72E+00 | ...`
 * (github.com/step-law/steplaw `code/log_analysis.py`, pattern `iter\s+(\d+)/\s*\d+ \| .*?lm loss( only)?: X`).
 *
 * A line is a record when it has an iteration marker `iter[ation] N/ M` and a
 * field `lm loss: X` (or `lm loss only: X`). A line with one of the two but not
 * a full record with a finite loss (truncated line, garbled or NaN number) is
 * malformed. Anything else (validation lines `lm loss value: …`, banners) is
 * skipped. The file's last line, when it has no line break, is a record only
 * if its loss is followed by a delimiter (a cut line `lm loss: 2.` is malformed).
 */
import type { LineResult } from './line-result.js';

const LOSS_KEYS = ['lm loss:', 'lm loss only:'];

/** Position just after the `iter[ation] N/ M` marker's N, and N; undefined if none. */
function findIteration(line: string): number | undefined {
  let from = 0;
  for (;;) {
    const at = line.indexOf('iter', from);
    if (at < 0) return undefined;
    from = at + 4;
    let j = at + 4;
    if (line.startsWith('ation', j)) j += 5;
    const spaceStart = j;
    while (line.charCodeAt(j) === 32) j++;
    if (j === spaceStart) continue;
    const digitStart = j;
    let n = 0;
    for (let c = line.charCodeAt(j); c >= 48 && c <= 57; c = line.charCodeAt(++j)) n = n * 10 + (c - 48);
    if (j === digitStart) continue;
    while (line.charCodeAt(j) === 32) j++;
    if (line.charCodeAt(j) !== 47 /* / */) continue;
    return n;
  }
}

/**
 * A finite decimal number, or undefined. Only the characters [0-9.+-eE] are
 * allowed, and `Number` then rejects every malformed arrangement of them, so
 * this accepts what `parseNumber` accepts, minus nan/inf, without a regex.
 */
export function finiteDecimal(s: string): number | undefined {
  if (s.length === 0) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 69 || c === 101)) return undefined;
  }
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

function findLoss(line: string): { present: boolean; value?: number; atEnd?: boolean } {
  for (const key of LOSS_KEYS) {
    const at = line.indexOf(key);
    if (at < 0) continue;
    let j = at + key.length;
    while (line.charCodeAt(j) === 32) j++;
    let end = j;
    for (let c = line.charCodeAt(end); end < line.length && c !== 32 && c !== 124 /* | */ && c !== 13; c = line.charCodeAt(++end));
    return { present: true, value: finiteDecimal(line.slice(j, end)), atEnd: end >= line.length };
  }
  return { present: false };
}

/**
 * `unterminated`: the line is the file's last and has no line break, so it
 * may have been cut mid-write; a loss that runs to its end (`lm loss: 2.` of
 * `lm loss: 2.721691E+00 | …`) cannot be told from a complete one and is malformed.
 */
export function parseMegatronLine(line: string, unterminated = false): LineResult {
  const loss = findLoss(line);
  const iter = findIteration(line);
  if (!loss.present && iter === undefined) return 'skip';
  if (iter === undefined || loss.value === undefined) return 'malformed';
  if (unterminated && loss.atEnd) return 'malformed';
  return { iter, loss: loss.value };
}
