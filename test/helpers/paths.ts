/** Paths for tests: the repository root and the workplace's shared data folder. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A file under ../shared/data (beside the repository). */
export function sharedData(...parts: string[]): string {
  return resolve(repoRoot, '..', 'shared', 'data', ...parts);
}

/** A file under the repository's own data/ folder. */
export function repoData(...parts: string[]): string {
  return resolve(repoRoot, 'data', ...parts);
}

/** The built CLI (tests run `npm run build` first via `npm test`). */
export const cliPath = resolve(repoRoot, 'dist', 'src', 'cli', 'main.js');
