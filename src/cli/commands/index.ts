/**
 * The list of commands. Each module exports `register(program)`.
 */
import type { Command } from 'commander';

type Register = (program: Command) => void;

const modules: Register[] = [];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
