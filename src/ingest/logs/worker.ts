/**
 * Worker thread body for `pool.ts`: reads one run log per message
 * (`readRunLog`) with a read buffer it reuses, and posts the summary back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createWorkspace, readRunLog, type ReadLogOptions } from './read-log.js';
import { tailBuffer } from './tail-lines.js';

interface Job {
  id: number;
  file: string;
}

const options = workerData as ReadLogOptions;
const buffer = tailBuffer(options.chunkBytes);
const workspace = createWorkspace(options.maxPoints);
parentPort!.on('message', (job: Job) => {
  let result;
  try {
    result = readRunLog(job.file, { ...options, buffer, workspace });
  } catch (e) {
    result = { ok: false, file: job.file, kind: 'unreadable', why: String(e), malformed: 0, bytesRead: 0 };
  }
  parentPort!.postMessage({ id: job.id, result });
});
