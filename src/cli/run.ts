/**
 * Shared plumbing for CLI commands: error handling (one line, exit 2 for bad
 * input), output of JSON, and parsing of numeric options.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError, msg, type Warning } from '../messages.js';
import { parseNumber } from '../ingest/number.js';

/** Run a command body; an InputError becomes `error: …` on stderr and exit status 2. */
export function action<A extends unknown[]>(body: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (e) {
      if (e instanceof InputError) {
        process.stderr.write(`error: ${e.message}\n`);
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

/** Parse a non-negative integer option. */
export function integerOption(name: string, value: string, min = 0): number {
  const v = parseNumber(value);
  if (v === undefined || !Number.isInteger(v) || v < min) throw new InputError(msg.badOption(name, value, `an integer ≥ ${min}`));
  return v;
}

/** Deterministic JSON (2-space indent, trailing newline); non-finite numbers become null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, toJson(value));
}

/** Summarise warnings for a terminal: one line per code with its count, first message as example. */
export function summariseWarnings(warnings: Warning[]): string[] {
  const byCode = new Map<string, Warning[]>();
  for (const w of warnings) {
    const list = byCode.get(w.code);
    if (list) list.push(w);
    else byCode.set(w.code, [w]);
  }
  const lines: string[] = [];
  for (const [code, list] of byCode) {
    lines.push(list.length === 1 ? `warning [${code}]: ${list[0].message}` : `warning [${code}] ×${list.length}: ${list[0].message} (and ${list.length - 1} more)`);
  }
  return lines;
}
