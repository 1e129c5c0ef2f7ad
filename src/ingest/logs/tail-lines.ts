/**
 * Read a file's lines backwards, from the end, in fixed-size chunks — the way
 * the Step Law authors read their logs (github.com/step-law/steplaw `code/log_analysis.py`,
 * `read_file_reverse`), so a long log costs only the tail the caller needs.
 *
 * Memory is bounded by the chunk size plus one line: a line longer than
 * `maxLineBytes` (no newline in sight) is dropped and counted, never buffered.
 * One buffer of chunk + max line bytes is reused; a carried partial line is
 * moved with `copyWithin`, never reallocated.
 * Bytes are decoded as latin1 (one byte, one char): numbers and ASCII keys are
 * exact, and no multi-byte character is ever split across chunks.
 */
import { readSync } from 'node:fs';

export const DEFAULT_CHUNK_BYTES = 1 << 16;
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

export interface TailReadStats {
  /** Bytes read from the file. */
  bytesRead: number;
  /** Lines dropped because they were longer than maxLineBytes. */
  oversizedLines: number;
}

/**
 * Visit the lines of the open file `fd` (of `size` bytes) from last to first.
 * `visit(line, isFirstLine)` returns true to stop. Lines exclude the '\n'
 * (a trailing '\r' is left to the caller); a final newline yields an empty last line.
 */
export function visitLinesBackward(
  fd: number,
  size: number,
  visit: (line: string, isFirstLine: boolean) => boolean,
  options: { chunkBytes?: number; maxLineBytes?: number; buffer?: Buffer } = {},
): TailReadStats {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  // Layout: [ … next chunk | carry ] — each chunk is read just before the
  // carried start of the line it ends, so chunk + carry is one slice, no copy.
  const need = chunkBytes + maxLine + 1;
  const work = options.buffer && options.buffer.length >= need ? options.buffer : Buffer.allocUnsafe(need);
  const stats: TailReadStats = { bytesRead: 0, oversizedLines: 0 };
  let pos = size;
  let carryLen = 0;
  let dropping = false;
  while (pos > 0) {
    const len = Math.min(chunkBytes, pos);
    pos -= len;
    const at = chunkBytes - len;
    let got = 0;
    while (got < len) {
      const n = readSync(fd, work, at + got, len - got, pos + got);
      if (n === 0) throw new Error('file shrank while being read');
      got += n;
    }
    stats.bytesRead += got;
    let data = work.subarray(at, chunkBytes + carryLen);
    carryLen = 0;
    if (dropping) {
      // The bytes after this chunk's last newline belong to the dropped line.
      const last = data.lastIndexOf(10);
      if (last < 0) continue;
      data = data.subarray(0, last);
      dropping = false;
    }
    // The part before the first newline continues in the previous chunk: carry it.
    const nl0 = pos > 0 ? data.indexOf(10) : -1;
    const head = pos > 0 ? (nl0 < 0 ? data.length : nl0) : 0;
    // Decode before the carry is moved: the move overwrites the old carry's bytes.
    const text = pos > 0 && nl0 < 0 ? '' : data.toString('latin1', pos > 0 ? nl0 + 1 : 0);
    if (head > maxLine) {
      stats.oversizedLines++;
      dropping = true;
    } else if (head > 0) {
      work.copyWithin(chunkBytes, at, at + head);
      carryLen = head;
    }
    if (pos > 0 && nl0 < 0) continue;
    let end = text.length;
    for (;;) {
      const nl = end > 0 ? text.lastIndexOf('\n', end - 1) : -1;
      if (end - nl - 1 > maxLine) stats.oversizedLines++;
      else if (visit(text.slice(nl + 1, end), pos === 0 && nl < 0)) return stats;
      if (nl < 0) break;
      end = nl;
    }
  }
  return stats;
}

/** A read buffer `visitLinesBackward` can reuse. */
export function tailBuffer(chunkBytes = DEFAULT_CHUNK_BYTES, maxLineBytes = DEFAULT_MAX_LINE_BYTES): Buffer {
  return Buffer.allocUnsafe(chunkBytes + maxLineBytes + 1);
}

/** The first line of the file (up to `maxBytes`), without '\r\n' and BOM. */
export function readFirstLine(fd: number, size: number, maxBytes = 64 * 1024): string {
  const len = Math.min(size, maxBytes);
  const buf = Buffer.allocUnsafe(len);
  let got = 0;
  while (got < len) {
    const n = readSync(fd, buf, got, len - got, got);
    if (n === 0) break;
    got += n;
  }
  let text = buf.toString('latin1', 0, got);
  const nl = text.indexOf('\n');
  if (nl >= 0) text = text.slice(0, nl);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  // UTF-8 BOM read as latin1
  if (text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
  return text;
}
