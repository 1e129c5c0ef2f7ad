/**
 * Leave-one-cell-out study of the loss readers on the released Step Law grids
 * (dense + MoE): every cell within 2% of its group's minimum is held out and its
 * loss read from the other cells. Prints the markdown table that docs/validate.md
 * and the README quote (their generated blocks `reader-loo` and
 * `reader-loo-readme` are rendered from `readerLooScores()` by
 * scripts/docs-generated.ts and checked by test/docs-generated.test.ts).
 *
 * Run: npx tsx scripts/reader-loo.ts   (or node dist/scripts/reader-loo.js after a build)
 */
import { fileURLToPath } from 'node:url';
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep, type Grid } from '../src/sweep/grid.js';
import { dataPath } from '../src/util/paths.js';
import { looScore, type LooScore } from '../src/validate/loo.js';
import { linearReader, nearestReader, surfaceReader, DEFAULT_SURFACE_NEIGHBOURS } from '../src/validate/readers/index.js';

export const LOO_BAND = 0.02;
export const SURFACE_KS = [10, 12, 16, 20, 25, 30];

export interface LooRow extends LooScore {
  data: 'dense' | 'moe' | 'all';
  /** Neighbours of the surface reader; undefined for nearest and linear. */
  k?: number;
}

let cache: LooRow[] | undefined;

/** Every reader (nearest, linear, surface at each k) on the dense, MoE and pooled grids. */
export function readerLooScores(): LooRow[] {
  if (cache) return cache;
  const dense = groupSweep(loadSweep([dataPath('steplaw', 'dense_lr_bs_loss.csv')])).grids;
  const moe = groupSweep(loadSweep([dataPath('steplaw', 'moe_lr_bs_loss.csv')])).grids;
  const sets: [LooRow['data'], Grid[]][] = [
    ['dense', dense],
    ['moe', moe],
    ['all', [...dense, ...moe]],
  ];
  const readers = [
    { label: 'nearest', reader: nearestReader, k: undefined },
    { label: 'linear', reader: linearReader, k: undefined },
    ...SURFACE_KS.map((k) => ({ label: `surface k=${k}${k === DEFAULT_SURFACE_NEIGHBOURS ? ' (shipped)' : ''}`, reader: surfaceReader(k), k })),
  ];
  cache = sets.flatMap(([data, grids]) => readers.map(({ label, reader, k }) => ({ ...looScore(grids, reader, LOO_BAND, label), data, k })));
  return cache;
}

const pct = (v: number) => (v * 100).toFixed(3) + '%';

/** The full table (docs/validate.md). */
export function readerLooMarkdown(rows = readerLooScores()): string {
  return [
    '| reader | data | held-out cells | mean abs rel. error | median | max | flagged (extrapolated) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((s) => `| ${s.reader} | ${s.data} | ${s.cells} | ${pct(s.meanAbsRelError)} | ${pct(s.medianAbsRelError)} | ${pct(s.maxAbsRelError)} | ${s.flagged} (${s.extrapolated}) |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(readerLooMarkdown());
