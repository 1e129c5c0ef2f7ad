/**
 * duplicateCellWarnings against brute force: on random small sweeps (lr written with mixed roundings, repeated
 * and distinct batches), two runs are named in one warning exactly when they share N, D, lr level and batch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateCellWarnings } from '../../src/ingest/sweep.js';
import { clusterLevels } from '../../src/util/levels.js';
import type { Run } from '../../src/sweep/types.js';

const LR = [0.001, 0.00141, 0.002, 0.001004, 0.0028, 0.0020001];
const BATCH = [65536, 131072, 262144];

describe('duplicate grid cells', () => {
  it('warned pairs are exactly the pairs sharing a cell', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: LR.length - 1 }), fc.integer({ min: 0, max: BATCH.length - 1 })), { minLength: 1, maxLength: 30 }),
        (cells) => {
          const runs: Run[] = cells.map(([n, d, l, b], i) => ({ file: 'f.csv', row: i + 1, N: 1e8 * (n + 1), D: 1e10 * (d + 1), lr: LR[l], batchTokens: BATCH[b], loss: 2, attrs: {}, flags: [] }));
          const warned = new Set<string>();
          for (const w of duplicateCellWarnings(runs, [])) {
            const rows = (w.detail as { rows: { row: number }[] }).rows.map((r) => r.row);
            for (const a of rows) for (const b of rows) if (a < b) warned.add(`${a}-${b}`);
          }
          const expected = new Set<string>();
          for (let i = 0; i < runs.length; i++) {
            for (let j = i + 1; j < runs.length; j++) {
              const a = runs[i];
              const b = runs[j];
              if (a.N !== b.N || a.D !== b.D || a.batchTokens !== b.batchTokens) continue;
              const levels = clusterLevels(runs.filter((r) => r.N === a.N && r.D === a.D).map((r) => r.lr));
              if (levels.indexOf(a.lr) === levels.indexOf(b.lr)) expected.add(`${a.row}-${b.row}`);
            }
          }
          expect([...warned].sort()).toEqual([...expected].sort());
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
