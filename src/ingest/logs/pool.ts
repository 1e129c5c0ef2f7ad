/**
 * Reads many run logs, in `jobs` worker threads (`worker.ts`) or, with
 * jobs ≤ 1, fewer than 16 logs, or when the compiled worker script is not there (running from
 * TypeScript sources, as under vitest) — in this thread. Results come back in
 * input order whatever the order of completion.
 *
 * Parsing is CPU-bound (the files come from the page cache at GB/s), so
 * threads, not concurrent async reads, are what uses a second core.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { tailBuffer } from './tail-lines.js';
import { createWorkspace, readRunLog, type LogFailure, type LogSummary, type ReadLogOptions } from './read-log.js';

export type LogResult = LogSummary | LogFailure;

/**
 * The worker script: the compiled `worker.js` beside this module — or beside
 * the bundled command line (dist/steplaw-bundle.cjs, scripts/bundle.ts), at
 * dist/src/ingest/logs/worker.js — or, when running from sources under tsx,
 * whose loader worker threads inherit through `execArgv`, `worker.ts`.
 * Undefined (run in this thread) otherwise.
 */
function workerUrl(): URL | undefined {
  const here = import.meta.url;
  if (!here.startsWith('file:')) return undefined;
  for (const js of [new URL('./worker.js', here), new URL('./src/ingest/logs/worker.js', here)]) {
    if (existsSync(fileURLToPath(js))) return js;
  }
  const ts = new URL('./worker.ts', here);
  if (here.endsWith('.ts') && process.execArgv.some((a) => a.includes('tsx')) && existsSync(fileURLToPath(ts))) return ts;
  return undefined;
}

/**
 * Node's worker_threads and os modules, loaded on first use: every command starts through this module's
 * importer (the command line is one bundle), and only `ingest-logs` needs them.
 */
const lazy = createRequire(import.meta.url);
const workerThreads = () => lazy('node:worker_threads') as typeof import('node:worker_threads');

let workerUrlMemo: { url: URL | undefined } | undefined;
/** `workerUrl()`, looked up once, when first asked. */
const workerScript = (): URL | undefined => (workerUrlMemo ??= { url: workerUrl() }).url;

/**
 * Start a worker. A `.ts` worker (running under tsx) registers tsx's loader
 * inside the thread first: Node 20 does not carry the parent's `--import`
 * hooks into workers.
 */
function startWorker(url: URL, workerData: unknown): Worker {
  const { Worker } = workerThreads();
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true, workerData, execArgv: [] });
}

/** Whether worker threads can be used. */
export function workersAvailable(): boolean {
  return workerScript() !== undefined;
}

/** Below this many logs, starting threads (~50 ms each) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 16;

export function defaultJobs(): number {
  const { availableParallelism } = lazy('node:os') as typeof import('node:os');
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export async function readLogs(
  files: string[],
  options: ReadLogOptions,
  jobs: number,
  onDone: (done: number) => void = () => {},
): Promise<LogResult[]> {
  const results: LogResult[] = new Array(files.length);
  const n = Math.min(jobs, files.length);
  if (n <= 1 || files.length < MIN_FILES_FOR_WORKERS || !workersAvailable()) {
    const buffer = tailBuffer(options.chunkBytes);
    const workspace = createWorkspace(options.maxPoints);
    for (let i = 0; i < files.length; i++) {
      results[i] = readRunLog(files[i], { ...options, buffer, workspace });
      onDone(i + 1);
      // Let the event loop breathe (progress output, signals) every so often.
      if (i % 64 === 63) await new Promise((r) => setImmediate(r));
    }
    return results;
  }
  const workerData: ReadLogOptions = { ...options, buffer: undefined };
  const workers = Array.from({ length: n }, () => startWorker(workerScript()!, workerData));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolveAll, rejectAll) => {
      const feed = (w: Worker) => {
        if (next < files.length) {
          const id = next++;
          w.postMessage({ id, file: files[id] });
        }
      };
      for (const w of workers) {
        w.on('message', (m: { id: number; result: LogResult }) => {
          results[m.id] = m.result;
          done++;
          onDone(done);
          if (done === files.length) resolveAll();
          else feed(w);
        });
        w.on('error', rejectAll);
        // Two jobs in flight per worker hide the message round trip.
        feed(w);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
