/**
 * The one write helper: atomic (temporary file + fsync + rename), errors as one
 * line naming the path and the reason. Disk-full and similar failures are
 * injected through the helper's file-system seam (no tmpfs needed): what is
 * exercised is the error mapping and that the target is never left truncated.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ioReason, WRITE_BUFFER_BYTES, writeFileAtomic, type WriteFs } from '../../src/util/atomic-write.js';
import { OutputError } from '../../src/messages.js';

const realFs = (): WriteFs => ({ mkdirSync, openSync, writeSync: (fd, d, o, l) => writeSync(fd, d, o, l), fsyncSync, closeSync, renameSync, unlinkSync });

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: injected`), { code });

/** A target holding an old record, and file-system calls whose `failAt`-th write fails with `code` (writes up to `most` bytes). */
function failingTarget(code: string, failAt: number, most = Infinity): { dir: string; path: string; fs: WriteFs; writes: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
  const path = join(dir, 'fit.json');
  writeFileSync(path, 'old complete record\n');
  const fs = realFs();
  let calls = 0;
  fs.writeSync = (fd, d, o, l) => {
    if (++calls === failAt) throw errno(code);
    return writeSync(fd, d, o, Math.min(l, most));
  };
  return { dir, path, fs, writes: () => calls };
}

/** What `f` throws (undefined when it returns). */
function thrown(f: () => void): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('writeFileAtomic', () => {
  it('writes the bytes, creates parent folders and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
    const path = join(dir, 'a', 'b', 'x.json');
    writeFileAtomic(path, '{"k": 1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"k": 1}\n');
    writeFileAtomic(path, 'second\n');
    expect(readFileSync(path, 'utf8')).toBe('second\n');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['x.json']);
  });

  it('while the new bytes are being written, the target still holds the complete old file (what kill -9 would leave)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
    const path = join(dir, 'record.json');
    const old = 'x'.repeat(203_000);
    writeFileSync(path, old);
    const seen: number[] = [];
    const fs = realFs();
    // Write in 4 KiB chunks and look at the target between chunks.
    fs.writeSync = (fd, d, o, l) => {
      seen.push(readFileSync(path, 'utf8').length);
      return writeSync(fd, d, o, Math.min(l, 4096));
    };
    writeFileAtomic(path, 'y'.repeat(300_000), fs);
    expect(seen.length).toBeGreaterThan(50);
    expect(seen.every((n) => n === old.length)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('y'.repeat(300_000));
  });

  for (const [code, words] of [
    ['ENOSPC', 'no space left on device'],
    ['EDQUOT', 'disk quota exceeded'],
    ['EIO', 'input/output error'],
  ] as const) {
    it(`${code} during the write: one line naming the path and "${words}", old file intact, temporary file removed`, () => {
      const { dir, path, fs } = failingTarget(code, 2, 10);
      const err = thrown(() => writeFileAtomic(path, 'a much longer new record that will not fit\n', fs));
      expect(err).toBeInstanceOf(OutputError);
      expect((err as Error).message).toBe(`cannot write ${path}: ${words} (${code})`);
      expect((err as Error).message).not.toContain('\n');
      expect(readFileSync(path, 'utf8')).toBe('old complete record\n');
      expect(readdirSync(dir)).toEqual(['fit.json']);
    });
  }

  it('ENOSPC at fsync and EACCES at rename leave the old file and no temporary file (text given whole or in chunks)', () => {
    for (const data of ['new\n', ['{', '}\n']]) {
      for (const [step, code] of [['fsyncSync', 'ENOSPC'], ['renameSync', 'EACCES']] as const) {
        const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
        const path = join(dir, 'out.csv');
        writeFileSync(path, 'old\n');
        const fs = realFs();
        (fs as unknown as Record<string, () => never>)[step] = () => {
          throw errno(code);
        };
        expect(() => writeFileAtomic(path, data, fs)).toThrow(new RegExp(`^cannot write .*out\\.csv: .*\\(${code}\\)$`));
        expect(readFileSync(path, 'utf8')).toBe('old\n');
        expect(readdirSync(dir)).toEqual(['out.csv']);
      }
    }
  });

  it('a path under a regular file (ENOTDIR/EEXIST from mkdir) is one OutputError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
    writeFileSync(join(dir, 'file'), '');
    expect(() => writeFileAtomic(join(dir, 'file', 'x.json'), '{}')).toThrow(OutputError);
    expect(() => writeFileAtomic(join(dir, 'file', 'x.json'), '{}')).toThrow(/^cannot write .*file\/x\.json: /);
  });

  it('ioReason names the errno in words and keeps unknown codes', () => {
    expect(ioReason(errno('EACCES'))).toBe('permission denied (EACCES)');
    expect(ioReason(errno('EROFS'))).toBe('read-only file system (EROFS)');
    expect(ioReason(errno('EWHATEVER'))).toBe('EWHATEVER');
    // A code that is an Object.prototype key is not a known reason.
    expect(ioReason(errno('constructor'))).toBe('constructor');
  });

  describe('chunked text (an iterable of strings)', () => {
    it('writes exactly the UTF-8 bytes of the joined chunks, across many buffer fills and a chunk larger than the buffer', () => {
      const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
      const path = join(dir, 'big.json');
      const chunks = [
        ...Array.from({ length: 40 }, (_, i) => `line ${i} ñamé λ 😀 \u2028\n`.repeat(2000)),
        'z'.repeat(WRITE_BUFFER_BYTES + 12345),
        'é'.repeat(WRITE_BUFFER_BYTES),
        '',
        'end\n',
      ];
      writeFileAtomic(path, chunks);
      expect(readFileSync(path).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
      expect(readdirSync(dir)).toEqual(['big.json']);
      writeFileAtomic(path, []);
      expect(readFileSync(path).length).toBe(0);
    });

    it('the buffer stays bounded: no write asks for more than the larger of the buffer size and the largest single chunk, and the buffer is reused', () => {
      const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
      const fs = realFs();
      const lengths: number[] = [];
      const buffers = new Set<ArrayBufferLike>();
      fs.writeSync = (fd, d, o, l) => {
        lengths.push(l);
        buffers.add(d.buffer);
        expect(d.byteLength).toBeLessThanOrEqual(Math.max(WRITE_BUFFER_BYTES, 3 * 2 ** 20));
        return writeSync(fd, d, o, l);
      };
      const small = 'ab"c\n'.repeat(13_000); // 65,000 bytes
      const large = 'x'.repeat(3 * 2 ** 20);
      let total = 0;
      function* chunks(): Generator<string> {
        for (let i = 0; i < 200; i++) {
          total += small.length;
          yield small;
          if (i === 100) {
            total += large.length;
            yield large;
          }
        }
      }
      const path = join(dir, 'x.json');
      writeFileAtomic(path, chunks(), fs);
      expect(readFileSync(path).length).toBe(total);
      expect(total).toBeGreaterThan(15 * WRITE_BUFFER_BYTES);
      // No write is longer than the larger of the buffer and the largest chunk (3 MiB of a 16 MiB text);
      // before the large chunk arrives, none is longer than the 1 MiB buffer.
      expect(Math.max(...lengths)).toBeLessThanOrEqual(Math.max(WRITE_BUFFER_BYTES, large.length));
      const firstLarge = lengths.findIndex((l) => l > WRITE_BUFFER_BYTES);
      expect(firstLarge).toBeGreaterThan(5);
      expect(lengths[firstLarge]).toBe(large.length);
      expect(lengths.length).toBeGreaterThan(8);
      // Two buffers in all: the first one, and the one grown for the single larger chunk.
      expect(buffers.size).toBe(2);
    });

    for (const [code, words] of [
      ['ENOSPC', 'no space left on device'],
      ['EIO', 'input/output error'],
    ] as const) {
      it(`${code} in the middle of the chunks: one line naming the path, old file intact, temporary file removed, the producer closed`, () => {
        const { dir, path, fs, writes } = failingTarget(code, 3);
        let closed = false;
        function* chunks(): Generator<string> {
          try {
            for (let i = 0; i < 100; i++) yield 'y'.repeat(200_000);
          } finally {
            closed = true;
          }
        }
        const err = thrown(() => writeFileAtomic(path, chunks(), fs));
        expect(err).toBeInstanceOf(OutputError);
        expect((err as Error).message).toBe(`cannot write ${path}: ${words} (${code})`);
        expect(writes()).toBe(3);
        expect(closed).toBe(true);
        expect(readFileSync(path, 'utf8')).toBe('old complete record\n');
        expect(readdirSync(dir)).toEqual(['fit.json']);
      });
    }

    it("an error of the chunks' producer is passed on unchanged (it is not a write failure); old file intact, temporary file removed", () => {
      const dir = mkdtempSync(join(tmpdir(), 'steplaw-aw-'));
      const path = join(dir, 'fit.json');
      writeFileSync(path, 'old\n');
      const bug = new TypeError('Do not know how to serialize a BigInt');
      function* chunks(): Generator<string> {
        yield 'x'.repeat(WRITE_BUFFER_BYTES); // written out before the failure
        yield 'y'.repeat(10);
        throw bug;
      }
      let err: unknown;
      try {
        writeFileAtomic(path, chunks());
      } catch (e) {
        err = e;
      }
      expect(err).toBe(bug);
      expect(readFileSync(path, 'utf8')).toBe('old\n');
      expect(readdirSync(dir)).toEqual(['fit.json']);
    });
  });
});
