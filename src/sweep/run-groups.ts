/**
 * The runs of a sweep bucketed into grid-search groups — the group-key
 * attributes, then N, then D — with each group's (lr, batch) lattice
 * (util/lattice.ts). Computed once per runs array and key list and shared by
 * the duplicate-cell check (ingest/sweep.ts) and the grid builder
 * (sweep/grid.ts), so a large sweep is grouped once and each group's lr
 * levels are clustered once.
 *
 * Groups come in first-seen order of their key attributes, then of N within
 * them, then of D; the runs of a group keep the sweep's order.
 */
import type { Run } from './types.js';
import { runLattice, type RunLattice } from '../util/lattice.js';
import { own } from '../util/own.js';

export interface RunGroup {
  /** The group's key attributes as JSON (`[]`-style list of values; '' when the sweep has no group keys). */
  attrsKey: string;
  N: number;
  D: number;
  /** The group's runs, in sweep order (shared: do not change). */
  runs: Run[];
  /** The group's lattice, built on first use (lr and batch of `runs`). */
  lattice(): RunLattice;
}

interface Cached {
  keys: string;
  length: number;
  groups: RunGroup[];
}

/** One entry per runs array: the last key list it was grouped by. */
const cache = new WeakMap<readonly Run[], Cached>();

function group(attrsKey: string, N: number, D: number, runs: Run[]): RunGroup {
  let lattice: RunLattice | undefined;
  return { attrsKey, N, D, runs, lattice: () => (lattice ??= runLattice(runs)) };
}

/**
 * The groups of `runs` keyed on the attributes `keys`, then N, then D. The
 * result is shared between calls on the same array (unchanged length) and keys.
 */
export function runGroups(runs: readonly Run[], keys: readonly string[]): RunGroup[] {
  const keysText = JSON.stringify(keys);
  const hit = cache.get(runs);
  if (hit && hit.keys === keysText && hit.length === runs.length) return hit.groups;
  // Nested maps: no key string per run.
  const byAttrs = new Map<string, Map<number, Map<number, Run[]>>>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const attrs = keys.length > 0 ? run.attrs : undefined;
    const k = attrs ? JSON.stringify(keys.map((a) => own(attrs, a) ?? '')) : '';
    let byN = byAttrs.get(k);
    if (!byN) byAttrs.set(k, (byN = new Map()));
    let byD = byN.get(run.N);
    if (!byD) byN.set(run.N, (byD = new Map()));
    const list = byD.get(run.D);
    if (list) list.push(run);
    else byD.set(run.D, [run]);
  }
  const groups: RunGroup[] = [];
  for (const [k, byN] of byAttrs) for (const [N, byD] of byN) for (const [D, list] of byD) groups.push(group(k, N, D, list));
  cache.set(runs, { keys: keysText, length: runs.length, groups });
  return groups;
}
