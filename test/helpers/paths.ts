/** Paths for tests: everything a test reads lives inside the repository. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A file under the repository's own data/ folder (the released data the product ships). */
export function repoData(...parts: string[]): string {
  return resolve(repoRoot, 'data', ...parts);
}

/** A file under test/fixtures/ (test-only data, each folder with its SOURCE.md). */
export function fixture(...parts: string[]): string {
  return resolve(repoRoot, 'test', 'fixtures', ...parts);
}

/** The built CLI as installed: the bundled `bin` (tests run `npm run build` first via `npm test`). */
export const cliPath = resolve(repoRoot, 'dist', 'steplaw.cjs');
