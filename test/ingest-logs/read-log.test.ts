/**
 * Reading one run's log from its tail. Smooth-loss references are scipy
 * 1.17.1 `gaussian_filter1d` values (see smooth-loss.test.ts; x from series.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/ingest/logs/read-log.js';
import { scratchFiles, summaryOf } from './log-files.js';
import { series } from './series.js';
import { jsonlLog, megatronLine, megatronLog, range, wandbCsv } from './write-logs.js';

const { dir, file } = scratchFiles('steplaw-read-log-');
const ok = summaryOf;

// x = series(250); gaussian_filter1d(x, min(100, 0.01*250)/10)[-1]
const S250 = 2.007999334909928;
const x250 = series(250);
const it250 = range(250, 10);

describe('readRunLog: the three formats give the same summary', () => {
  const cases = [
    ['megatron', file('m.log', megatronLog(it250, x250))],
    ['jsonl', file('j.jsonl', jsonlLog(it250, x250))],
    ['wandb-csv', file('w.csv', wandbCsv(it250, x250))],
  ] as const;
  for (const [format, path] of cases) {
    it(format, () => {
      const r = ok(readRunLog(path));
      expect(r.format).toBe(format);
      expect(r.points).toBe(250);
      expect(r.finalIter).toBe(2500);
      expect(r.lastLoss).toBe(x250[249]);
      expect(r.lastInterval).toBe(10);
      expect(r.malformed).toBe(0);
      expect(Math.abs(r.smoothLoss - S250)).toBeLessThan(1e-12);
      expect(r.bytesRead).toBe(r.fileBytes);
    });
  }

  it('chunk boundaries anywhere (chunks smaller than a line) change nothing', () => {
    const whole = ok(readRunLog(cases[0][1]));
    for (const chunkBytes of [7, 64, 333, 4096]) {
      const r = ok(readRunLog(cases[0][1], { chunkBytes }));
      expect({ ...r, bytesRead: 0 }).toEqual({ ...whole, bytesRead: 0 });
    }
    const csv = ok(readRunLog(cases[2][1], { chunkBytes: 13 }));
    expect(Math.abs(csv.smoothLoss - S250)).toBeLessThan(1e-12);
  });

  it('configurable field names', () => {
    const p = file('k.jsonl', jsonlLog(it250, x250, 'trainer/global_step', 'train/lm_loss'));
    expect(readRunLog(p).ok).toBe(false);
    const r = ok(readRunLog(p, { fields: { step: ['trainer/global_step'], loss: ['train/lm_loss'] } }));
    expect(Math.abs(r.smoothLoss - S250)).toBeLessThan(1e-12);
  });
});

describe('readRunLog: the last 32768 points, interval at the start of that tail', () => {
  it('40000 points: reads only the tail, sigma = 100 / 1', () => {
    // iterations: +3 for the first 1000 points, +1 up to point 30000, then +5
    const iters: number[] = [3];
    for (let i = 1; i < 40000; i++) iters.push(iters[i - 1] + (i < 1000 ? 3 : i < 30000 ? 1 : 5));
    const x = series(40000);
    const p = file('long.log', megatronLog(iters, x));
    const r = ok(readRunLog(p, { chunkBytes: 1 << 16 }));
    expect(r.points).toBe(32768);
    expect(r.smoothing).toEqual({ window: 100, logInterval: 1, sigma: 100 });
    expect(r.lastInterval).toBe(5);
    expect(r.finalIter).toBe(iters[39999]);
    // x = series(40000)[-32768:]; gaussian_filter1d(x, 100/1)[-1]
    expect(Math.abs(r.smoothLoss - 2.006041016912694)).toBeLessThan(1e-12);
    expect(r.bytesRead).toBeLessThan(r.fileBytes);
  });
});

describe('readRunLog: damage', () => {
  it('malformed lines are counted and ignored', () => {
    const lines = megatronLog(it250, x250).split('\n');
    lines.splice(100, 0, megatronLine(999, 2500, '2.5x'));
    lines.splice(10, 0, ' iteration      100/   30517 | consumed samp');
    const r = ok(readRunLog(file('bad.log', lines.join('\n'))));
    expect(r.malformed).toBe(2);
    expect(r.points).toBe(250);
    expect(Math.abs(r.smoothLoss - S250)).toBeLessThan(1e-12);
  });

  it('a cut last line (crash mid-write) is malformed; the run ends at the line before', () => {
    const text = megatronLog(it250, x250) + ' iteration     2510/    2500 | consumed samples: 80320 | lm lo';
    const r = ok(readRunLog(file('cut.log', text)));
    expect(r.malformed).toBe(1);
    expect(r.finalIter).toBe(2500);
  });

  it('a line longer than the limit is dropped, counted, and never buffered whole', () => {
    const text = megatronLog(it250.slice(0, 125), x250.slice(0, 125)) + 'x'.repeat(3 << 20) + '\n' + megatronLog(it250.slice(125), x250.slice(125));
    const r = ok(readRunLog(file('huge-line.log', text), { chunkBytes: 1 << 16 }));
    expect(r.malformed).toBe(1);
    expect(r.points).toBe(250);
    expect(Math.abs(r.smoothLoss - S250)).toBeLessThan(1e-12);
  });

  it('empty, missing, no records, one record', () => {
    expect(readRunLog(file('empty.log', ''))).toMatchObject({ ok: false, kind: 'empty' });
    const missing = readRunLog(join(dir, 'nope.log'));
    expect(missing).toMatchObject({ ok: false, kind: 'unreadable' });
    expect(!missing.ok && missing.why).toContain('ENOENT');
    expect(readRunLog(file('banner.log', 'hello\nworld\n'))).toMatchObject({ ok: false, kind: 'no-loss-records', format: 'megatron' });
    expect(readRunLog(file('one.log', megatronLine(10, 10, 2.5) + '\n'))).toMatchObject({ ok: false, kind: 'too-few-points' });
    const noLossCol = readRunLog(file('noloss.csv', '_step,acc\n1,0.5\n'), { format: 'wandb-csv' });
    expect(noLossCol).toMatchObject({ ok: false, kind: 'no-loss-records', format: 'wandb-csv' });
  });

  it('a forced wrong format finds nothing and counts every record as malformed', () => {
    const r = readRunLog(file('m2.log', megatronLog(range(5, 10), [3, 2.9, 2.8, 2.7, 2.6])), { format: 'jsonl' });
    expect(r).toMatchObject({ ok: false, kind: 'no-loss-records', format: 'jsonl' });
    expect(r.malformed).toBe(7); // 2 banner lines + 5 records; the trailing empty line is skipped
  });
});
