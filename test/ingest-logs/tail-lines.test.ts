/**
 * Backward line reading against the obvious forward split, on random texts
 * (seeded) with random chunk sizes and line-length limits.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFirstLine, visitLinesBackward } from '../../src/ingest/logs/tail-lines.js';
import { createRng } from '../../src/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'steplaw-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readBack(text: string, chunkBytes: number, maxLineBytes: number) {
  const p = join(dir, 't.txt');
  writeFileSync(p, text, 'latin1');
  const fd = openSync(p, 'r');
  try {
    const lines: string[] = [];
    const firsts: boolean[] = [];
    const stats = visitLinesBackward(fd, text.length, (l, first) => (lines.push(l), firsts.push(first), false), { chunkBytes, maxLineBytes });
    return { lines: lines.reverse(), firsts: firsts.reverse(), stats };
  } finally {
    closeSync(fd);
  }
}

describe('visitLinesBackward', () => {
  it('equals split("\\n") reversed, for any chunk size (200 random cases)', () => {
    const rng = createRng(42);
    for (let c = 0; c < 200; c++) {
      const n = rng.int(30);
      const lines = Array.from({ length: n }, () => 'abcdefghij|: 0123456789'.slice(0, rng.int(24)).repeat(1 + rng.int(3)));
      const text = lines.join('\n') + (rng.int(2) ? '\n' : '');
      const chunk = 1 + rng.int(40);
      const got = readBack(text, chunk, 1 << 20);
      const want = text === '' ? [] : text.split('\n');
      expect(got.lines, `chunk ${chunk}: ${JSON.stringify(text)}`).toEqual(want);
      if (want.length) expect(got.firsts).toEqual(want.map((_, i) => i === 0));
      expect(got.stats).toEqual({ bytesRead: text.length, oversizedLines: 0 });
    }
  });

  it('lines over the limit are dropped and counted, the others kept (200 random cases)', () => {
    const rng = createRng(7);
    for (let c = 0; c < 200; c++) {
      const maxLine = 5 + rng.int(10);
      const n = 1 + rng.int(20);
      const lines = Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(rng.int(2 * maxLine)));
      const text = lines.join('\n');
      const chunk = 1 + rng.int(3 * maxLine);
      const got = readBack(text, chunk, maxLine);
      expect(got.lines, `chunk ${chunk} max ${maxLine}: ${JSON.stringify(text)}`).toEqual(text === '' ? [] : lines.filter((l) => l.length <= maxLine));
      expect(got.stats.oversizedLines).toBe(lines.filter((l) => l.length > maxLine).length);
    }
  });

  it('stops when asked and reads only the tail', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const p = join(dir, 'stop.txt');
    writeFileSync(p, text);
    const fd = openSync(p, 'r');
    const seen: string[] = [];
    const stats = visitLinesBackward(fd, text.length, (l) => (seen.push(l), seen.length === 4), { chunkBytes: 64 });
    closeSync(fd);
    expect(seen).toEqual(['', 'line 999', 'line 998', 'line 997']);
    expect(stats.bytesRead).toBe(64);
  });
});

describe('readFirstLine', () => {
  it('strips BOM and CR', () => {
    const p = join(dir, 'bom.csv');
    writeFileSync(p, '\ufeff_step,loss\r\n1,2\r\n');
    const fd = openSync(p, 'r');
    expect(readFirstLine(fd, 100)).toBe('_step,loss');
    closeSync(fd);
  });
});
