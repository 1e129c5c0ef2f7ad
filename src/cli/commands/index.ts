/**
 * The list of commands. Each module exports `register(program)`.
 */
import type { Command } from 'commander';
import { register as fit } from './fit.js';

type Register = (program: Command) => void;

const modules: Register[] = [
  fit,
];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
