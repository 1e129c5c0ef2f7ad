/** Helpers shared by the benchmark scripts: one line describing the machine, and timing a command. */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export function machineLine(): string {
  return `${machineSummary()}; load average ${loadavg()[0].toFixed(1)}; ${new Date().toISOString().slice(0, 10)}`;
}

/** CPU, memory, OS and Node: what a recorded benchmark ran on. */
export function machineSummary(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`;
}

/** Wall time in seconds of one run of a command (fresh process); throws with its stderr if it fails. */
export function timeCommand(argv: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`${argv.slice(0, 3).join(' ')} … failed: ${r.stderr || r.error}`);
  return Number(t1 - t0) / 1e9;
}

/**
 * The Python interpreter the peers run on, as a path: `$STEPLAW_PYTHON` if set, else what `python3` on PATH
 * runs (its `sys.executable`); undefined when there is none. A peer is timed per process, and a launcher in
 * front of the interpreter is charged to it: here `python3` is a pyenv shim, a bash script that costs ~0.3 s
 * per process (`python3 -c pass` 0.33 s, the interpreter itself 0.07 s), which made numpy look up to ~0.3 s
 * slower than it is. The peer is the interpreter and its libraries, so it is timed as that.
 */
export function pythonInterpreter(): string | undefined {
  if (process.env.STEPLAW_PYTHON) return process.env.STEPLAW_PYTHON;
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path === '' ? undefined : path;
}
