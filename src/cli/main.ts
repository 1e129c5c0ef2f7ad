#!/usr/bin/env node
/**
 * The `steplaw` command line. Each command lives in `commands/<name>.ts` and
 * registers itself through `commands/index.ts`.
 */
import { Command } from 'commander';
import { registerCommands } from './commands/index.js';

export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command();
  program
    .name('steplaw')
    .description(
      'Fit, check and compare scaling laws for LLM training (Step Law: optimal learning rate and batch size; Chinchilla-form loss laws).',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  // argv[2] is the command name when the first argument is not an option.
  await registerCommands(program, argv[2]);
  return program;
}

buildProgram()
  .then((program) => program.parseAsync(process.argv))
  .catch((e: unknown) => {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
