/**
 * The runs of a sweep bucketed into grid-search groups — the group-key
 * attributes, then N, then D — with each group's (lr, batch) lattice
 * (util/lattice.ts). Computed once per source and key list and shared by
 * the duplicate-cell check (ingest/sweep.ts) and the grid builder
 * (sweep/grid.ts), so a large sweep is grouped once and each group's lr
 * levels are clustered once.
 *
 * A sweep read from one file groups straight from its `RunStore` columns
 * (`columnarSweep`): a group is the store and its runs' positions, and run
 * objects are made only for what asks for them (`RunGroup.runs`).
 *
 * Groups come in first-seen order of their key attributes, then of N within
 * them, then of D; the runs of a group keep the sweep's order.
 */
import type { Run, Sweep } from './types.js';
import type { RunStore } from './run-store.js';
import { latticeOfColumns, runLattice, type RunLattice } from '../util/lattice.js';
import { own } from '../util/own.js';

export interface RunGroup {
  /** The group's key attributes as JSON ('' when the sweep has no group keys). */
  attrsKey: string;
  N: number;
  D: number;
  /** The group's runs, in sweep order (shared: do not change; made on first read for a stored group). */
  readonly runs: Run[];
  /** The group's lattice, built on first use (lr and batch of its runs). */
  lattice(): RunLattice;
  /** A group of a stored sweep: the store and its runs' positions in it (sweep order). */
  stored?: StoredGroup;
}

/** The runs of a stored group: positions in `store`, ascending (a view of one array shared by the groups). */
export interface StoredGroup {
  store: RunStore;
  index: Int32Array;
  /** The group's number in its grouping. */
  group: number;
}

interface Cached {
  keys: string;
  length: number;
  groups: RunGroup[];
}

/** One entry per source: the last key list it was grouped by. */
const cache = new WeakMap<object, Cached>();

/** Sweeps whose runs are all one store's, in its order (`loadSweep` of one file). */
const stores = new WeakMap<Sweep, RunStore>();

/**
 * The sweep, its `runs` (whatever it held) now `store`'s runs, made on first
 * read: grouping it (`sweepGroups`) reads the columns instead. Assigning
 * `runs` ends that.
 */
export function columnarSweep(sweep: Sweep, store: RunStore): Sweep {
  let runs: Run[] | undefined;
  Object.defineProperty(sweep, 'runs', {
    enumerable: true,
    configurable: true,
    get: () => (runs ??= store.runs),
    set: (v: Run[]) => {
      stores.delete(sweep);
      runs = v;
    },
  });
  stores.set(sweep, store);
  return sweep;
}

/** The groups of a sweep (from its columns when it is a `columnarSweep`). */
export function sweepGroups(sweep: Sweep, keys: readonly string[]): RunGroup[] {
  const store = stores.get(sweep);
  return store ? storeGroups(store, keys) : runGroups(sweep.runs, keys);
}

function cached(source: object, keys: readonly string[], length: number): { hit?: RunGroup[]; keysText: string } {
  const keysText = JSON.stringify(keys);
  const hit = cache.get(source);
  return hit && hit.keys === keysText && hit.length === length ? { hit: hit.groups, keysText } : { keysText };
}

/**
 * The groups of `runs` keyed on the attributes `keys`, then N, then D. The
 * result is shared between calls on the same array (unchanged length) and keys.
 */
export function runGroups(runs: readonly Run[], keys: readonly string[]): RunGroup[] {
  const { hit, keysText } = cached(runs, keys, runs.length);
  if (hit) return hit;
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
  for (const [k, byN] of byAttrs) {
    for (const [N, byD] of byN) {
      for (const [D, list] of byD) {
        let lattice: RunLattice | undefined;
        groups.push({ attrsKey: k, N, D, runs: list, lattice: () => (lattice ??= runLattice(list)) });
      }
    }
  }
  cache.set(runs, { keys: keysText, length: runs.length, groups });
  return groups;
}

/** Placeholder positions of a group until the counting sort below gives it its slice (one shared empty array). */
const NO_INDEX = new Int32Array(0);

/**
 * `runGroups` of a store's runs, from its columns: each group's positions as a
 * view of one Int32Array of all positions ordered by group (a counting sort on
 * the group number of each run), no run objects and no growing list per group.
 */
export function storeGroups(store: RunStore, keys: readonly string[]): RunGroup[] {
  const n = store.length;
  const { hit, keysText } = cached(store, keys, n);
  if (hit) return hit;
  // Group number of each run, numbered in first-seen order of key attributes, then N, then D.
  const byAttrs = new Map<string, Map<number, Map<number, number>>>();
  /** Group number of each position (filled only when the positions must be sorted by group). */
  let groupOf = NO_INDEX;
  const counts: number[] = [];
  // Sweeps are mostly written group by group: a run with the previous run's key, N and D is in its group
  // (no map lookups; === and the maps' SameValueZero agree except on NaN, which never equals itself and so
  // takes the maps).
  let lastK = '';
  let lastN = NaN;
  let lastD = NaN;
  let lastG = -1;
  /** The group of key `k`, size N and data D (a new one, numbered next, when not seen before). */
  const groupFor = (k: string, N: number, D: number): number => {
    if (N === lastN && D === lastD && k === lastK) return lastG;
    let byN = byAttrs.get(k);
    if (!byN) byAttrs.set(k, (byN = new Map()));
    let byD = byN.get(N);
    if (!byD) byN.set(N, (byD = new Map()));
    let g = byD.get(D);
    if (g === undefined) {
      byD.set(D, (g = counts.length));
      counts.push(0);
    }
    lastK = k;
    lastN = N;
    lastD = D;
    lastG = g;
    return g;
  };
  const segN = store.N.segments();
  const segD = store.D.segments();
  // Groups in the nested maps' order (what runGroups lists), each given its slice of `order` (positions by group).
  const groups: RunGroup[] = [];
  const slices = (order: Int32Array, from: Int32Array) => {
    for (const grp of groups) {
      const g = grp.stored!.group;
      grp.stored!.index = order.subarray(from[g], from[g] + counts[g]);
    }
  };
  const list = () => {
    for (const [k, byN] of byAttrs) {
      for (const [N, byD] of byN) {
        for (const [D, g] of byD) groups.push(new StoredRunGroup(k, N, D, { store, index: NO_INDEX, group: g }));
      }
    }
  };
  if (keys.length === 0 && segN && segD) {
    // No key attributes and N and D stored as runs of one value: rows between two consecutive changes of N or
    // D share N and D, so one lookup per stretch, not per row. The same lookups in the same order as row by
    // row, so the same groups and numbering.
    const stretchStart: number[] = [];
    const stretchGroup: number[] = [];
    /** The position of each group's first run. */
    const firstAt: number[] = [];
    // Whether every group is one stretch (a sweep written group by group): its positions are then that stretch.
    let contiguous = true;
    for (let i = 0, a = 0, b = 0; i < n; ) {
      while (a + 1 < segN.count && segN.starts[a + 1] <= i) a++;
      while (b + 1 < segD.count && segD.starts[b + 1] <= i) b++;
      const end = Math.min(a + 1 < segN.count ? segN.starts[a + 1] : n, b + 1 < segD.count ? segD.starts[b + 1] : n);
      // Runs start at 0 and ascend, so every stretch is non-empty; anything else is a bug, not a reason to spin.
      if (!(end > i)) throw new Error(`storeGroups: the runs of N or D do not cover row ${i + 1}`);
      const g = groupFor('', segN.values[a], segD.values[b]);
      if (counts[g] !== 0) contiguous = false;
      else firstAt[g] = i;
      counts[g] += end - i;
      stretchStart.push(i);
      stretchGroup.push(g);
      i = end;
    }
    list();
    if (contiguous) {
      // Positions in file order: group g's are firstAt[g] … firstAt[g] + counts[g] − 1.
      const order = new Int32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      slices(order, Int32Array.from(firstAt));
    } else {
      groupOf = new Int32Array(n);
      for (let s = 0; s < stretchStart.length; s++) {
        const end = s + 1 < stretchStart.length ? stretchStart[s + 1] : n;
        // A loop, not groupOf.fill: stretches are short (a group's runs), and the builtin's call costs more.
        for (let j = stretchStart[s]; j < end; j++) groupOf[j] = stretchGroup[s];
      }
      slicesByGroup();
    }
  } else {
    groupOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const attrs = keys.length > 0 ? store.attrs(i) : undefined;
      const k = attrs ? JSON.stringify(keys.map((a) => own(attrs, a) ?? '')) : '';
      const g = groupFor(k, store.N.get(i), store.D.get(i));
      groupOf[i] = g;
      counts[g]++;
    }
    list();
    slicesByGroup();
  }
  /** Where each group's slice of `order` starts: groups in the listed order, one after the other. */
  function groupStarts(): Int32Array {
    const from = new Int32Array(counts.length);
    let at = 0;
    for (const grp of groups) {
      const g = grp.stored!.group;
      from[g] = at;
      at += counts[g];
    }
    return from;
  }
  /** Each group's slice of the positions ordered by group (listed order), file order within a group: a counting sort on `groupOf`. */
  function slicesByGroup(): void {
    const from = groupStarts();
    const order = new Int32Array(n);
    const fill = from.slice();
    for (let i = 0; i < n; i++) order[fill[groupOf[i]]++] = i;
    slices(order, from);
  }
  cache.set(store, { keys: keysText, length: n, groups });
  return groups;
}

/**
 * A group of a stored sweep: its runs' views made on first read (`runs` a prototype getter) and its lattice
 * built on first use from the columns (`lattice` a method) — an object literal with a getter and a closure
 * per group cost several microseconds each across tens of thousands of groups.
 */
class StoredRunGroup implements RunGroup {
  #runs: Run[] | undefined;
  #lattice: RunLattice | undefined;
  constructor(
    readonly attrsKey: string,
    readonly N: number,
    readonly D: number,
    readonly stored: StoredGroup,
  ) {}
  get runs(): Run[] {
    const { store, index } = this.stored;
    return (this.#runs ??= Array.from(index, (i) => store.run(i)));
  }
  lattice(): RunLattice {
    if (!this.#lattice) {
      const { store, index } = this.stored;
      const { lrs, batches } = scratchColumns(index.length);
      store.lrAndBatch(index, lrs, batches);
      this.#lattice = latticeOfColumns(lrs, batches);
    }
    return this.#lattice;
  }
}

/** Scratch columns for one group's lattice (`latticeOfColumns` keeps neither): reused, not two new buffers per group. */
let scratch = { lrs: new Float64Array(256), batches: new Float64Array(256) };

/** Views of the first `n` entries of the scratch columns (grown when a group is larger). */
function scratchColumns(n: number): { lrs: Float64Array; batches: Float64Array } {
  if (scratch.lrs.length < n) scratch = { lrs: new Float64Array(2 * n), batches: new Float64Array(2 * n) };
  return { lrs: scratch.lrs.subarray(0, n), batches: scratch.batches.subarray(0, n) };
}
