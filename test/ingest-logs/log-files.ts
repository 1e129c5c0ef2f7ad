/** Scratch log files and summary unwrapping shared by the log-reading tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { LogSummary, readRunLog } from '../../src/ingest/logs/read-log.js';

/** A temporary folder removed after the file's tests, and a writer of files in it (returns their paths). */
export function scratchFiles(prefix: string): { dir: string; file: (name: string, text: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return { dir, file };
}

/** The summary of a log that must read; a skip fails the test with its kind and reason. */
export function summaryOf(r: ReturnType<typeof readRunLog>): LogSummary {
  if (!r.ok) throw new Error(`${r.kind} ${r.why ?? ''}`);
  return r;
}
