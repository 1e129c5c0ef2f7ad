/**
 * Leave-one-cell-out study of the loss readers on the released Step Law grids
 * (dense + MoE): every cell within 2% of its group's minimum is held out and its
 * loss read from the other cells. Prints a markdown table (for
 * docs/validate.md).
 *
 * Run: npx tsx scripts/reader-loo.ts   (or node dist/scripts/reader-loo.js after a build)
 */
import { loadSweep } from '../src/ingest/sweep.js';
import { groupSweep, type Grid } from '../src/sweep/grid.js';
import { dataPath } from '../src/util/paths.js';
import { looScore, type LooScore } from '../src/validate/loo.js';
import { linearReader, nearestReader, surfaceReader, DEFAULT_SURFACE_NEIGHBOURS } from '../src/validate/readers/index.js';

const sets: [string, Grid[]][] = [
  ['dense', groupSweep(loadSweep([dataPath('steplaw', 'dense_lr_bs_loss.csv')])).grids],
  ['moe', groupSweep(loadSweep([dataPath('steplaw', 'moe_lr_bs_loss.csv')])).grids],
];
sets.push(['all', [...sets[0][1], ...sets[1][1]]]);

const readers = [
  { label: 'nearest', reader: nearestReader },
  { label: 'linear', reader: linearReader },
  ...[10, 12, 16, 20, 25, 30].map((k) => ({
    label: `surface k=${k}${k === DEFAULT_SURFACE_NEIGHBOURS ? ' (shipped)' : ''}`,
    reader: surfaceReader(k),
  })),
];

const pct = (v: number) => (v * 100).toFixed(3) + '%';
console.log('| reader | data | held-out cells | mean abs rel. error | median | max | flagged (extrapolated) |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, grids] of sets) {
  for (const { label, reader } of readers) {
    const s: LooScore = looScore(grids, reader, 0.02, label);
    console.log(
      `| ${s.reader} | ${name} | ${s.cells} | ${pct(s.meanAbsRelError)} | ${pct(s.medianAbsRelError)} | ${pct(s.maxAbsRelError)} | ${s.flagged} (${s.extrapolated}) |`,
    );
  }
}
