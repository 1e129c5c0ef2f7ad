#!/usr/bin/env node
/**
 * The `steplaw` command line. Each command lives in `commands/<name>.ts` and
 * registers itself through `commands/index.ts`.
 *
 * Exit statuses (README "Exit status"):
 * - 0: done; also when the reader of our output went away (`steplaw … | head`
 *   closes the pipe: EPIPE ends the command quietly, as the Unix filters do
 *   when SIGPIPE stops them — the reader got all it asked for);
 * - 2: the command cannot do what was asked: bad input, a usage error (unknown
 *   option or command, missing argument), an option out of bounds, or an
 *   output it cannot or must not write — one line `error: …` on stderr;
 * - 1: anything else is a bug in steplaw: one line saying so (the stack trace
 *   only with STEPLAW_DEBUG=1).
 */
// commander is bundled into the installed command line (scripts/bundle.ts), so its code comes from the same code
// cache as ours instead of being found, read and compiled from node_modules on every start.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.js';
import { COMMANDS } from './commands/index.js';
import { msg, sanitize } from '../messages.js';

/** `steplaw <command>` when argv names a command, else `steplaw` (for the usage hint). */
function commandLabel(argv: string[]): string {
  const name = argv[2];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? `steplaw ${name}` : 'steplaw';
}

export async function buildProgram(argv: string[] = process.argv): Promise<Command> {
  const program = new Command();
  const label = commandLabel(argv);
  program
    .name('steplaw')
    .description(
      'Fit, check and compare scaling laws for LLM training (Step Law: optimal lr and batch size; Chinchilla-form loss laws).',
    )
    .version('0.1.0')
    // Usage errors: one line, and (below) exit status 2 like any other bad input.
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`${msg.usage(sanitize(text.trim()), label)}\n`),
    });
  // argv[2] is the command name when the first argument is not an option.
  await registerCommands(program, argv[2]);
  return program;
}

function isEpipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === 'EPIPE';
}

/** The last resort: one line naming a bug, the stack only on request; exit 1. */
function internalError(e: unknown): never {
  if (isEpipe(e)) process.exit(0);
  const text = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
  try {
    process.stderr.write(`error: ${msg.internalError(text)}\n`);
    if (process.env.STEPLAW_DEBUG && process.env.STEPLAW_DEBUG !== '0' && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  } catch {
    /* stderr is gone too */
  }
  process.exit(1);
}

// A closed stdout or stderr (`| head`, a terminal that went away): stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: unknown) => (isEpipe(e) ? process.exit(0) : internalError(e)));
}
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);

/**
 * End the process once the command has finished and what it wrote to stdout and stderr has been handed to the
 * system (a write's callback runs after its data and every earlier write's). Returning to the event loop would
 * end it too, but only after the engine has torn the heap down object by object: about 20 ms after a
 * 200,000-run fit (scripts/bench-large.ts), for nothing the user sees. Every command awaits its own work
 * (files are written synchronously, log workers are awaited), so nothing is cut short; the exit status is the
 * one the command set (process.exitCode, 0 by default).
 */
function exitWhenFlushed(): void {
  let pending = 2;
  const flushed = () => {
    if (--pending === 0) process.exit();
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}

buildProgram()
  .then((program) => program.parseAsync(process.argv))
  .then(exitWhenFlushed)
  .catch((e: unknown) => {
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0; every usage error is bad input: 2.
      process.exit(e.exitCode === 0 ? 0 : 2);
    }
    internalError(e);
  });
