/**
 * Finds run directories under a root and each run's last log file.
 *
 * - A run directory is a directory strictly below the root whose name matches
 *   `pattern` (a regex searched in the name, like the authors' `dir_pattern`)
 *   and which directly holds at least one log file. The run's name is the
 *   directory name (the authors' `exp_name`). Run directories are not searched
 *   further; other directories are. Symlinked directories are not followed
 *   (no cycles); symlinked files are.
 * - Log files: names matching `logFile` (default `.log`, `.txt`, `.jsonl`,
 *   `.csv`), minus sidecars and excluded paths (the output file).
 * - The run's last log file is the one with the largest number at the end of
 *   its stem (`train_log_12.txt` after `train_log_3.txt`, as the authors sort
 *   `train_log_(\d+).txt`); names without a number come first; ties by name.
 *
 * Directories that cannot be listed are returned as problems with their path.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { SIDECAR_NAMES } from './sidecar.js';

export const DEFAULT_LOG_FILE = /\.(log|txt|jsonl|csv)$/i;

export interface RunDir {
  name: string;
  dir: string;
  logFile: string;
  /** Sidecar file names present in the directory (`run.json`, `hparams.json`). */
  files: string[];
}

export interface WalkProblem {
  path: string;
  why: string;
}

export interface WalkOptions {
  pattern?: RegExp;
  logFile?: RegExp;
  /** Absolute paths never taken as log files (e.g. the output CSV). */
  exclude?: string[];
}

const trailingNumber = (name: string): number => {
  const m = /(\d+)(?=\.[^.]*$|$)/.exec(name);
  return m ? Number(m[1]) : -1;
};

/** Order log file names so the last one is the run's last log. */
export function compareLogNames(a: string, b: string): number {
  const d = trailingNumber(a) - trailingNumber(b);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function findRuns(root: string, options: WalkOptions = {}): { runs: RunDir[]; problems: WalkProblem[] } {
  const pattern = options.pattern ?? /(?:)/;
  const logRe = options.logFile ?? DEFAULT_LOG_FILE;
  const exclude = new Set((options.exclude ?? []).map((p) => resolve(p)));
  const runs: RunDir[] = [];
  const problems: WalkProblem[] = [];

  const visit = (dir: string, isRoot: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, why: (e as NodeJS.ErrnoException).code ?? String(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files: string[] = [];
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.isDirectory()) subdirs.push(e.name);
      else if (e.isFile()) files.push(e.name);
      else if (e.isSymbolicLink()) {
        // Follow file links; a dangling link stays a file name so it is reported unreadable.
        let isDir = false;
        try {
          isDir = statSync(join(dir, e.name)).isDirectory();
        } catch {
          /* dangling */
        }
        if (!isDir) files.push(e.name);
      }
    }
    if (!isRoot && pattern.test(basename(dir))) {
      const logs = files
        .filter((f) => logRe.test(f) && !(SIDECAR_NAMES as readonly string[]).includes(f) && !exclude.has(resolve(dir, f)))
        .sort(compareLogNames);
      if (logs.length > 0) {
        const sidecars = files.filter((f) => (SIDECAR_NAMES as readonly string[]).includes(f));
        runs.push({ name: basename(dir), dir, logFile: join(dir, logs[logs.length - 1]), files: sidecars });
        return;
      }
    }
    for (const s of subdirs) visit(join(dir, s), false);
  };
  visit(root, true);
  return { runs, problems };
}
