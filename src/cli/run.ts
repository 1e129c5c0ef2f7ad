/**
 * Shared plumbing for CLI commands: error handling (one line, exit 2 for bad
 * input), output of JSON, and parsing of numeric options.
 */
import { InputError, msg, sanitize, type Warning } from '../messages.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { jsonChunks } from '../util/json-stream.js';
import { checkWritable, refuseOverwritingInputs } from '../util/output-guard.js';
import type { Limit } from './limits.js';
import { parseNumber } from '../ingest/number.js';
import { groupBy } from '../util/group-by.js';

/** Run a command body; an InputError becomes `error: …` on stderr and exit status 2. */
export function action<A extends unknown[]>(body: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (e) {
      if (e instanceof InputError) {
        process.stderr.write(`error: ${sanitize(e.message)}\n`);
        process.exit(2);
      }
      throw e;
    }
  };
}

/** Parse a positive finite number given to an option (accepts 7e9, 1.4e12). */
export function positiveOption(name: string, value: string): number {
  const v = parseNumber(value);
  if (v === undefined || !Number.isFinite(v) || v <= 0) throw new InputError(msg.badOption(name, value, 'a finite number > 0'));
  return v;
}

/** Parse an integer option ≥ `min`, and ≤ `limit.max` when a limit is given (src/cli/limits.ts). */
export function integerOption(name: string, value: string, min = 0, limit?: Limit): number {
  const v = parseNumber(value);
  if (v === undefined || !Number.isInteger(v) || v < min) throw new InputError(msg.badOption(name, value, `an integer ≥ ${min}`));
  if (limit && v > limit.max) throw new InputError(msg.optionTooLarge(name, value, limit.max, limit.why));
  return v;
}

/**
 * Write a value as JSON atomically (src/util/atomic-write.ts): deterministic JSON, the bytes of
 * `JSON.stringify(value, null, 2) + '\n'` (non-finite numbers as null), streamed in chunks
 * (src/util/json-stream.ts), so a large fit record is never held as one string and has no text-length limit.
 */
export function writeJsonFile(path: string, value: unknown): void {
  writeFileAtomic(path, jsonChunks(value));
}

/**
 * Print a value as JSON on stdout (every command's `--json`): the bytes `writeJsonFile` writes, streamed in
 * chunks (src/util/json-stream.ts) and waiting for the reader when the pipe is full, so a large record (a
 * multi-million-run fit) is never held as one string and has no text-length limit.
 */
export async function printJson(value: unknown, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  for (const chunk of jsonChunks(value)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  }
}

/**
 * Before any work: an output file must not be one of the inputs, and must be
 * writable (so a long fit does not end in EACCES, ENOTDIR or EISDIR).
 * @throws OutputError with one line naming the path.
 */
export function prepareOutput(out: string | undefined, inputs: readonly string[]): void {
  if (out === undefined) return;
  refuseOverwritingInputs([out], inputs);
  checkWritable(out);
}

/** Summarise warnings for a terminal: one line per code with its count, first message as example. */
export function summariseWarnings(warnings: Warning[]): string[] {
  const byCode = groupBy(warnings, (w) => w.code);
  const lines: string[] = [];
  for (const [code, list] of byCode) {
    lines.push(sanitize(list.length === 1 ? `warning [${code}]: ${list[0].message}` : `warning [${code}] ×${list.length}: ${list[0].message} (and ${list.length - 1} more)`));
  }
  return lines;
}
