/**
 * One run's log file → its loss summary: the last ≤ 32768 logged points
 * (read backwards from the end, as the authors do), the raw last loss, the
 * final iteration, the last log interval and the smooth loss
 * (`smooth-loss.ts`). Memory per call: two 32768-entry arrays and one read
 * chunk, whatever the file size.
 *
 * Format: given, or detected from the first line — a JSON object → `jsonl`;
 * a CSV header with a step and a loss column → `wandb-csv`; anything else →
 * `megatron` text.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import {
  DEFAULT_CSV_FIELDS,
  DEFAULT_JSONL_FIELDS,
  type FieldNames,
  type LineResult,
  type LogFormat,
} from './line-result.js';
import { parseMegatronLine } from './megatron.js';
import { parseJsonlLine } from './jsonl.js';
import { csvColumns, parseCsvLine } from './wandb-csv.js';
import { MAX_POINTS, smoothLoss, type SmoothingParams } from './smooth-loss.js';
import { readFirstLine, visitLinesBackward } from './tail-lines.js';

export interface ReadLogOptions {
  /** Force a format (default: detect from the first line). */
  format?: LogFormat;
  /** Step / loss field names for JSON-lines and CSV (defaults per format). */
  fields?: Partial<FieldNames>;
  /** Points kept from the end (default 32768, the authors' MAX_CNT). */
  maxPoints?: number;
  /** Window cap of the smoothing (default 100). */
  maxWindow?: number;
  /** Read chunk size in bytes (default 64 KiB: decoded chunks stay small V8 strings, collected young). */
  chunkBytes?: number;
  /** A reusable read buffer (`tailBuffer(chunkBytes)`). */
  buffer?: Buffer;
  /** Reusable point arrays of at least maxPoints entries (nothing refers to them after the call). */
  workspace?: Workspace;
}

export interface Workspace {
  iters: Float64Array;
  losses: Float64Array;
}

export function createWorkspace(maxPoints = MAX_POINTS): Workspace {
  return { iters: new Float64Array(maxPoints), losses: new Float64Array(maxPoints) };
}

export interface LogSummary {
  ok: true;
  file: string;
  format: LogFormat;
  /** Points kept (≤ maxPoints) — the series the smoothing saw. */
  points: number;
  finalIter: number;
  /** Raw loss of the last logged point. */
  lastLoss: number;
  /** Iteration spacing of the last two points (the authors' truncation check). */
  lastInterval: number;
  smoothLoss: number;
  smoothing: SmoothingParams;
  /** Malformed lines in the part of the file read (plus over-long lines). */
  malformed: number;
  bytesRead: number;
  fileBytes: number;
}

export type LogFailureKind = 'unreadable' | 'empty' | 'no-loss-records' | 'too-few-points' | 'non-increasing-iterations';

export interface LogFailure {
  ok: false;
  file: string;
  kind: LogFailureKind;
  format?: LogFormat;
  /** OS error text for `unreadable`; the columns looked for in a CSV with none. */
  why?: string;
  malformed: number;
  bytesRead: number;
}

/** Latin1 form of a field name, to match keys in latin1-decoded lines. */
const asLatin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

export function detectLogFormat(firstLine: string, csvFields: FieldNames): LogFormat {
  const s = firstLine.trimStart();
  if (s.startsWith('{')) return 'jsonl';
  if (s.includes(',') && csvColumns(s, csvFields)) return 'wandb-csv';
  return 'megatron';
}

export function readRunLog(file: string, options: ReadLogOptions = {}): LogSummary | LogFailure {
  const maxPoints = options.maxPoints ?? MAX_POINTS;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return { ok: false, file, kind: 'unreadable', why: errText(e), malformed: 0, bytesRead: 0 };
  }
  try {
    let size: number;
    try {
      size = fstatSync(fd).size;
    } catch (e) {
      return { ok: false, file, kind: 'unreadable', why: errText(e), malformed: 0, bytesRead: 0 };
    }
    if (size === 0) return { ok: false, file, kind: 'empty', malformed: 0, bytesRead: 0 };
    const pick = (fmt: LogFormat): FieldNames => {
      const base = fmt === 'wandb-csv' ? DEFAULT_CSV_FIELDS : DEFAULT_JSONL_FIELDS;
      return {
        step: (options.fields?.step ?? base.step).map(asLatin1),
        loss: (options.fields?.loss ?? base.loss).map(asLatin1),
      };
    };
    let first: string;
    try {
      first = readFirstLine(fd, size);
    } catch (e) {
      return { ok: false, file, kind: 'unreadable', why: errText(e), malformed: 0, bytesRead: 0 };
    }
    const format = options.format ?? detectLogFormat(first, pick('wandb-csv'));
    const fields = pick(format);
    // `unterminated`: the file's last line, without a line break (possibly cut mid-write).
    let parse: (line: string, unterminated: boolean) => LineResult;
    if (format === 'megatron') parse = parseMegatronLine;
    else if (format === 'jsonl') parse = (line) => parseJsonlLine(line, fields);
    else {
      const cols = csvColumns(first, fields);
      if (!cols) {
        return {
          ok: false,
          file,
          kind: 'no-loss-records',
          format,
          why: `no step column (${fields.step.join(', ')}) or no loss column (${fields.loss.join(', ')}) in the header`,
          malformed: 0,
          bytesRead: 0,
        };
      }
      parse = (line, unterminated) => parseCsvLine(line, cols, unterminated);
    }

    // Fill from the back: slot maxPoints-1 is the last point.
    const ws = options.workspace && options.workspace.iters.length >= maxPoints ? options.workspace : createWorkspace(maxPoints);
    const iters = ws.iters.length === maxPoints ? ws.iters : ws.iters.subarray(0, maxPoints);
    const losses = ws.losses.length === maxPoints ? ws.losses : ws.losses.subarray(0, maxPoints);
    let k = 0;
    let malformed = 0;
    let last = true;
    let stats;
    try {
      stats = visitLinesBackward(
        fd,
        size,
        (line, isFirst) => {
          // Lines come last first; a file ending in a line break gives '' first.
          const unterminated = last && line !== '';
          last = false;
          if (isFirst && format === 'wandb-csv') return true;
          const r = parse(line, unterminated);
          if (r === 'skip') return false;
          if (r === 'malformed') {
            malformed++;
            return false;
          }
          k++;
          iters[maxPoints - k] = r.iter;
          losses[maxPoints - k] = r.loss;
          return k >= maxPoints;
        },
        { chunkBytes: options.chunkBytes, buffer: options.buffer },
      );
    } catch (e) {
      return { ok: false, file, kind: 'unreadable', format, why: errText(e), malformed, bytesRead: 0 };
    }
    malformed += stats.oversizedLines;
    const base = { file, format, malformed, bytesRead: stats.bytesRead };
    if (k === 0) return { ok: false, kind: 'no-loss-records', ...base };
    const it = iters.subarray(maxPoints - k);
    const ls = losses.subarray(maxPoints - k);
    const sm = smoothLoss(it, ls, options.maxWindow);
    if (!sm.ok) return { ok: false, kind: sm.reason, ...base };
    return {
      ok: true,
      ...base,
      points: k,
      finalIter: it[k - 1],
      lastLoss: ls[k - 1],
      lastInterval: it[k - 1] - it[k - 2],
      smoothLoss: sm.smoothLoss,
      smoothing: sm.params,
      fileBytes: size,
    };
  } finally {
    closeSync(fd);
  }
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '')}` : String(e);
}
