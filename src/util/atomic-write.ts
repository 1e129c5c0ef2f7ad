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
 *
 * Large text can be given as an iterable of string chunks (e.g. jsonChunks in
 * src/util/json-stream.ts): each chunk is encoded as UTF-8 into one reused
 * buffer of `WRITE_BUFFER_BYTES` (grown only for a single larger chunk) and
 * written when the buffer is full, so the whole text never exists in memory.
 * Each chunk is encoded on its own: a surrogate pair must not be split across
 * two chunks (JSON text from jsonChunks never is: its pieces are whole tokens).
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

/** Bytes of the reused buffer that chunked text is encoded into before each write. */
export const WRITE_BUFFER_BYTES = 1 << 20;

/** An error thrown by the chunks' producer (not by the file system): passed on unchanged. */
class SourceFailure {
  constructor(readonly error: unknown) {}
}

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

/** Write all of `bytes[0, length)` (writeSync may write less than asked). */
function writeAll(fs: WriteFs, fd: number, bytes: Uint8Array, length: number): void {
  for (let off = 0; off < length; ) off += fs.writeSync(fd, bytes, off, length - off);
}

/** Encode string chunks as UTF-8 into one reused buffer, writing it out whenever the next chunk might not fit. */
function writeChunks(fs: WriteFs, fd: number, chunks: Iterable<string>): void {
  let buf = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  const it = chunks[Symbol.iterator]();
  for (;;) {
    let step: IteratorResult<string>;
    try {
      step = it.next();
    } catch (e) {
      throw new SourceFailure(e);
    }
    if (step.done) break;
    const chunk = step.value;
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair: 4 for 2 units).
    if (chunk.length * 3 > buf.length - used) {
      try {
        writeAll(fs, fd, buf, used);
      } catch (e) {
        it.return?.();
        throw e;
      }
      used = 0;
      if (chunk.length * 3 > buf.length) {
        const bytes = Buffer.byteLength(chunk, 'utf8');
        if (bytes > buf.length) buf = Buffer.allocUnsafe(bytes);
      }
    }
    used += buf.write(chunk, used, 'utf8');
  }
  writeAll(fs, fd, buf, used);
}

/**
 * Write `data` to `path` atomically (temporary file + fsync + rename), creating
 * missing parent directories. `data` may be an iterable of string chunks, written
 * through one bounded buffer; an error thrown by the iterable itself is passed on
 * unchanged (after the temporary file is removed), since it is not a write failure.
 * @throws OutputError `cannot write <path>: <reason>` on any failure; the target is then unchanged.
 * @example writeFileAtomic('fits/x.fit.json', '{}\n');
 * @example writeFileAtomic('fits/x.fit.json', jsonChunks(record));
 */
export function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>, fs: WriteFs = realFs): void {
  const target = resolve(path);
  const dir = dirname(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data instanceof Uint8Array ? data : undefined;
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${counter++}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fd = fs.openSync(tmp, 'wx', 0o644);
    created = true;
    if (bytes !== undefined) writeAll(fs, fd, bytes, bytes.length);
    else writeChunks(fs, fd, data as Iterable<string>);
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
    if (e instanceof SourceFailure) throw e.error;
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
