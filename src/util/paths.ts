/**
 * Locating files shipped with the package (data/, fits/), whether the code
 * runs from `src/` (tests) or from `dist/src/` (the installed CLI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding steplaw's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'steplaw') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('steplaw: cannot find the package root (package.json)');
    dir = up;
  }
}

/** Path of a file under the package's data/ folder. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}

/** The command line as installed: the `bin` of package.json (dist/steplaw.cjs, which runs the bundle; scripts/bundle.ts). */
export function cliPath(): string {
  return join(packageRoot(), 'dist', 'steplaw.cjs');
}
