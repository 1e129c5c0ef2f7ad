/**
 * The file-system questions other layers ask about their inputs, answered
 * here so laws/ stays pure: a file's fingerprint for a fit record, whether a
 * path names a file, and a JSON file's contents.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, msg } from '../messages.js';

/** Digests of files a reader hashed as it streamed them, by absolute path, with the file's identity then. */
const remembered = new Map<string, { sha256: string; dev: number; ino: number; size: number; mtimeMs: number }>();

/** Remember the SHA-256 of a file's bytes as a reader streamed them (`stat`: the file when it was opened). */
export function rememberSha256(path: string, sha256: string, stat: Stats): void {
  remembered.set(resolve(path), { sha256, dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs });
}

/**
 * SHA-256 of a file's bytes, hex; null when the file cannot be read (e.g. runs built in memory). A digest
 * remembered while the file was streamed is used while the file is still that file (same device, inode, size
 * and modification time); otherwise the file is read and hashed now.
 */
export function fileSha256(path: string): string | null {
  const known = remembered.get(resolve(path));
  if (known) {
    try {
      const st = statSync(path);
      if (st.dev === known.dev && st.ino === known.ino && st.size === known.size && st.mtimeMs === known.mtimeMs) return known.sha256;
    } catch {
      // Gone or unreadable now: hashing below says so (null).
    }
  }
  // Hashed in 4 MiB chunks: a sweep file may be larger than memory can hold as one buffer.
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 22);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether `path` names an existing regular file. */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether `path` names a directory: 'ok', 'missing' (nothing there, or it cannot be read) or 'not-directory'. */
export function directoryStatus(path: string): 'ok' | 'missing' | 'not-directory' {
  try {
    return statSync(path).isDirectory() ? 'ok' : 'not-directory';
  } catch {
    return 'missing';
  }
}

/**
 * Parse a JSON file.
 * @throws InputError naming the file when it is missing or not JSON.
 */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(msg.fileMissing(path), { file: path });
    throw new InputError(msg.fileUnreadable(path, code ?? String(e)), { file: path });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(msg.notJsonFile(path, (e as Error).message), { file: path });
  }
}
