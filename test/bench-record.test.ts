/**
 * scripts/bench-record.ts. `benchLargeMarkdown`: the sweep target is met, met by a margin the machine's load can
 * undo (called about even), or missed. `peerDrift`: `bench-large --record` refuses figures measured while the machine's load was
 * not what it was at the last recording, judged by the numpy peer (which does not change between recordings).
 * Two such recordings were made and had to be thrown away by hand on 2026-12-02 (numpy's 2M median 5.1 s against
 * its usual 3.1 s).
 */
import { describe, expect, it } from 'vitest';
import { benchLargeMarkdown, peerDrift, type PairRecord } from '../scripts/bench-record.js';

const sweep = (pairs: [number, number][]) => ({ sweep: { rows: pairs.map(([runs, wall]) => ({ runs, numpy: { wall } })) } });

describe('peerDrift', () => {
  it('names each size whose peer median moved more than the tolerance, either way, with both medians', () => {
    const before = sweep([[2000, 0.24], [20000, 0.26], [2000000, 3.11]]);
    const now = sweep([[2000, 0.25], [20000, 0.2], [2000000, 5.13]]);
    // 0.25/0.24 − 1 = +4% (kept); 0.20/0.26 − 1 = −23%; 5.13/3.11 − 1 = +65%.
    expect(peerDrift(before, now, 0.2)).toEqual(['sweep, 20,000 runs: numpy 0.26 s before, 0.20 s now (-23%)', 'sweep, 2,000,000 runs: numpy 3.11 s before, 5.13 s now (+65%)']);
  });

  it('compares the 5M part with the 5M part, and says nothing of sizes or parts recorded for the first time', () => {
    const big = (wall: number) => ({ big: { runs: 5_000_000, numpy: { wall } } });
    expect(peerDrift(big(8.22), big(12.94), 0.2)).toEqual(['big, 5,000,000 runs: numpy 8.22 s before, 12.94 s now (+57%)']);
    expect(peerDrift(big(8.22), big(7.66), 0.2)).toEqual([]);
    expect(peerDrift({}, sweep([[2000, 9]]), 0.2)).toEqual([]);
    expect(peerDrift(sweep([[2000, 0.24]]), sweep([[200000, 9]]), 0.2)).toEqual([]);
    expect(peerDrift(big(8.22), sweep([[2000, 9]]), 0.2)).toEqual([]);
  });
});

describe('benchLargeMarkdown: the sweep target', () => {
  const row = (runs: number, ours: number, numpy: number): PairRecord => ({
    runs,
    kept: runs / 14,
    groups: runs / 64,
    bootstrap: 1000,
    resample: 'groups',
    steplaw: { wall: ours, user: ours, rssMiB: 60 },
    numpy: { wall: numpy, user: numpy, rssMiB: 36 },
    maxEstimateDiff: 1e-13,
    load: [1, 1],
  });
  const target = (rows: PairRecord[]) =>
    benchLargeMarkdown({ kind: 'steplaw-bench-large', version: 1, machine: 'm', numpy: '2', sweep: { date: 'd', repeats: 7, rows } })
      .split('\n')
      .find((l) => l.startsWith('Target:'))!;

  it('met everywhere by a clear margin: no caveat; ahead by less than 10% somewhere: those sizes are called about even', () => {
    expect(target([row(2000, 0.2, 0.25), row(20000, 0.3, 0.4)])).toMatch(/^Target: no slower than numpy at any size — \*\*met\*\* at every size\. /);
    // 0.261/0.275 = 0.95 and 0.519/0.536 = 0.97: within 10%; 0.215/0.243 = 0.88: not.
    const t = target([row(2000, 0.215, 0.243), row(20000, 0.261, 0.275), row(200000, 0.519, 0.536)]);
    expect(t).toContain('**met** at every size (at 20,000 and 200,000 runs by less than 10%,');
    expect(t).toContain('there the two tools are about even)');
  });

  it('slower somewhere: missed there, by how much', () => {
    expect(target([row(2000, 0.2, 0.25), row(20000, 0.3, 0.25)])).toContain('**missed** at 20,000 runs (1.20×, 0.050 s slower)');
  });
});
