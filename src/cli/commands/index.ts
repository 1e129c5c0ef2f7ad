/**
 * The list of commands. Each module exports `register(program)`.
 */
import type { Command } from 'commander';
import { register as fit } from './fit.js';
import { register as predict } from './predict.js';
import { register as reproduce } from './reproduce.js';
import { register as computeOptimal } from './compute-optimal.js';
import { register as ingestLogs } from './ingest-logs.js';

type Register = (program: Command) => void;

const modules: Register[] = [
  ingestLogs,
  computeOptimal,
  fit,
  predict,
  reproduce,
];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
