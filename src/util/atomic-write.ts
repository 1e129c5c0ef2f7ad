/**
 * Every file steplaw writes goes through `writeFileAtomic`: the bytes go to a
 * temporary file in the same directory, are flushed to disk (fsync), and the
 * temporary file is renamed over the target. rename(2) within one file system
 * is atomic, so a reader — or the user after a crash, a kill -9 or a full
 * disk — sees either the old file or the complete new one, never a truncated
 * one (the pattern of npm's write-file-atomic; POSIX rename(2)).
 *
 * Failures become one `OutputError` naming the path and the reason in words
 * (`cannot write fits/x.json: no space left on device`); the temporary file is
 * removed.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { msg, OutputError } from '../messages.js';

/** The file-system calls the writer makes; injectable so tests can simulate ENOSPC and friends. */
export interface WriteFs {
  mkdirSync: typeof mkdirSync;
  openSync: typeof openSync;
  writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
  unlinkSync: typeof unlinkSync;
}

const realFs: WriteFs = { mkdirSync, openSync, writeSync: (fd, d, o, l) => writeSync(fd, d, o, l), fsyncSync, closeSync, renameSync, unlinkSync };

let counter = 0;

/** The reason of a failed file-system call, in words (the errno name kept for anything unlisted). */
export function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory',
    ENOENT: 'no such file or directory',
    EEXIST: 'a file of that name already exists',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files in the system',
    EIO: 'input/output error',
    EFBIG: 'file too large',
    ELOOP: 'too many levels of symbolic links',
    EBUSY: 'resource busy',
    EXDEV: 'the temporary file and the target are on different file systems',
  };
  if (code !== undefined && Object.hasOwn(words, code)) return `${words[code]} (${code})`;
  if (code !== undefined) return code;
  if (e instanceof RangeError) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Write `data` to `path` atomically (temporary file + fsync + rename), creating
 * missing parent directories.
 * @throws OutputError `cannot write <path>: <reason>` on any failure; the target is then unchanged.
 * @example writeFileAtomic('fits/x.fit.json', '{}\n');
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, fs: WriteFs = realFs): void {
  const target = resolve(path);
  const dir = dirname(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${counter++}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', 0o644);
    created = true;
    for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
    created = false;
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing; the original error is the one to report */
      }
    }
    if (created) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        /* best effort: a stray .tmp file is harmless */
      }
    }
    throw new OutputError(msg.cannotWrite(path, ioReason(e)), path);
  }
  // Make the rename itself durable; not every file system lets a directory be fsynced.
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* the data are written and renamed; only the directory entry's durability is unconfirmed */
  }
}
