/**
 * The list of commands. Each module exports `register(program)`.
 */
import type { Command } from 'commander';
import { register as fit } from './fit.js';
import { register as predict } from './predict.js';
import { register as reproduce } from './reproduce.js';
import { register as slices } from './slices.js';
import { register as computeOptimal } from './compute-optimal.js';
import { register as lossFit } from './loss-fit.js';
import { register as ingestLogs } from './ingest-logs.js';
import { register as laws } from './laws.js';
import { register as validate } from './validate.js';
import { register as compare } from './compare.js';
import { register as landscape } from './landscape.js';
import { register as report } from './report.js';

type Register = (program: Command) => void;

const modules: Register[] = [
  ingestLogs,
  computeOptimal,
  lossFit,
  fit,
  predict,
  reproduce,
  slices,
  laws,
  validate,
  compare,
  landscape,
  report,
];

export function registerAll(program: Command): void {
  for (const register of modules) register(program);
}
