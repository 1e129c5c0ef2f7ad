/**
 * The commands, in the order `steplaw --help` lists them. Each module exports
 * `register(program)`. Modules are imported lazily: running one command loads
 * only its module (start-up is a large share of a short command's wall time),
 * while `--help` and unknown commands load them all.
 */
import type { Command } from 'commander';
import { applyOutputRule } from '../output-dir.js';

type Module = { register: (program: Command) => void };

export const COMMANDS: Record<string, () => Promise<Module>> = {
  reproduce: () => import('./reproduce.js'),
  fit: () => import('./fit.js'),
  predict: () => import('./predict.js'),
  validate: () => import('./validate.js'),
  compare: () => import('./compare.js'),
  landscape: () => import('./landscape.js'),
  slices: () => import('./slices.js'),
  'loss-fit': () => import('./loss-fit.js'),
  'compute-optimal': () => import('./compute-optimal.js'),
  'ingest-logs': () => import('./ingest-logs.js'),
  plan: () => import('./plan.js'),
  report: () => import('./report.js'),
  laws: () => import('./laws.js'),
};

/** Register the command named `name` only, or every command when `name` is not one. */
export async function registerCommands(program: Command, name: string | undefined): Promise<void> {
  const names = name !== undefined && Object.hasOwn(COMMANDS, name) ? [name] : Object.keys(COMMANDS);
  const modules = await Promise.all(names.map((n) => COMMANDS[n]()));
  for (const m of modules) m.register(program);
  applyOutputRule(program);
}
