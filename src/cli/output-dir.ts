/**
 * One rule for where commands write: every output path is taken relative to the current directory, or to
 * `--out-dir DIR` when given (absolute paths are kept). Inputs shipped with the package (data/) are read
 * from the package, wherever it is installed; nothing is ever written into the package itself unless the
 * current directory is the package (as with `npm start` in the repository).
 *
 * `applyOutputRule` adds `--out-dir` and the rule's help text to every command that writes files (those
 * with an `--out` option, and `reproduce`), and resolves `--out` against `--out-dir` before the command runs.
 */
import { isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { msg } from '../messages.js';

/** Commands that write files without an `--out` option. */
const WRITES_WITHOUT_OUT = new Set(['reproduce']);

function writes(cmd: Command): boolean {
  return WRITES_WITHOUT_OUT.has(cmd.name()) || cmd.options.some((o) => o.long === '--out');
}

/**
 * An output path under the rule: a relative path goes under `--out-dir` when given, else it stays relative to
 * the current directory (kept as the user wrote it, so messages name it that way); absolute paths are kept.
 */
export function outputPath(outDir: string | undefined, path: string): string {
  return outDir === undefined || isAbsolute(path) ? path : join(outDir, path);
}

export function applyOutputRule(program: Command): void {
  for (const cmd of program.commands) {
    if (!writes(cmd)) continue;
    if (!cmd.options.some((o) => o.long === '--out-dir')) cmd.option('--out-dir <dir>', msg.outDirOption());
    cmd.addHelpText('after', `\n${msg.outputRule()}\n`);
    cmd.hook('preAction', (c) => {
      const o = c.opts() as { out?: unknown; outDir?: string };
      if (typeof o.out === 'string') c.setOptionValue('out', outputPath(o.outDir, o.out));
    });
  }
}
