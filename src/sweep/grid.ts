/**
 * Grid: the runs of one grid-search group — one (N, D) pair, plus any group
 * keys the sweep declares (MoE: `moe_name`, because the four sparsities share
 * one total N) — on their (lr, batch) lattice.
 *
 * A Grid knows its argmin, the runs within a relative band of it
 * (|L/L_min − 1| < band, github.com/step-law/steplaw `code/fit_tool.py`), and whether the argmin is
 * bracketed: not on the edge of the lr or batch range tried in the group.
 */
import { msg, type Warning } from '../messages.js';
import { withFlags, type AttrValue, type Run, type Sweep } from './types.js';
import { sweepGroups, type RunGroup } from './run-groups.js';
import type { LossSummary, RunStore } from './run-store.js';
import { own, setOwn } from '../util/own.js';
import type { RunLattice } from '../util/lattice.js';

export interface Grid {
  /** Human-readable, stable key, e.g. `N=2.147e+8 D=1e+11` or `moe_name=1in8 N=... D=...`. */
  key: string;
  /** The group-key attributes (e.g. `{ moe_name: '1in8' }`). */
  keyAttrs: Record<string, AttrValue>;
  N: number;
  D: number;
  /** Every run of the group, flagged ones included. */
  runs: Run[];
  /** Runs with a finite loss that did not diverge. */
  usable: Run[];
  /** Sorted lr levels of the group (mixed roundings merged). */
  lrLevels: number[];
  /** Sorted batch sizes (tokens) of the group. */
  batchLevels: number[];
  /** Lattice coordinates of a run: index into lrLevels and batchLevels. */
  cellOf(run: Run): { i: number; j: number };
  /** The usable run with the lowest loss (undefined when no run is usable). */
  argmin?: Run;
  minLoss: number;
  /** Whether the argmin is strictly inside the range of lr / batch tried. */
  bracketed: { lr: boolean; batch: boolean };
  /** Whether the axis was searched at all (more than one level tried). */
  searched: { lr: boolean; batch: boolean };
}

/**
 * Whether the grid has a usable run (an argmin), read from its minimum loss (NaN when it has none): a grid from
 * columns makes its argmin's run object only when `argmin` is read.
 */
export function hasOptimum(grid: Grid): boolean {
  return !Number.isNaN(grid.minLoss);
}

/** Searched axes on which the argmin sits at the edge of the range tried. */
export function edgeAxes(grid: Grid): ('lr' | 'batch')[] {
  if (!hasOptimum(grid)) return [];
  return (['lr', 'batch'] as const).filter((a) => grid.searched[a] && !grid.bracketed[a]);
}

export interface GroupOptions {
  /** Extra attributes to key groups on, besides the sweep's own group keys. */
  by?: string[];
  /** A run whose loss exceeds this multiple of its group's minimum is "diverged" (default 1.5). */
  divergedRatio?: number;
}

export const DEFAULT_BAND = 0.0025;
export const DEFAULT_DIVERGED_RATIO = 1.5;

/** 4 significant digits, exponent form: 2.147e+8, 1.14e+10. */
export const fmtKey = (v: number): string => Number(v.toPrecision(4)).toExponential();

/** A grid's key and key attributes: `attr=value …, N=…, D=…` (the same for grids built from runs or from columns). */
function gridKey(keys: readonly string[], attrs: Readonly<Record<string, AttrValue>>, N: number, D: number, fmt: (v: number) => string = fmtKey): Pick<Grid, 'key' | 'keyAttrs' | 'N' | 'D'> {
  if (keys.length === 0) return { key: `N=${fmt(N)} D=${fmt(D)}`, keyAttrs: NO_KEY_ATTRS, N, D };
  const keyAttrs: Record<string, AttrValue> = {};
  for (const a of keys) setOwn(keyAttrs, a, own(attrs, a) ?? '');
  const key = [...keys.map((a) => `${a}=${own(keyAttrs, a)}`), `N=${fmt(N)}`, `D=${fmt(D)}`].join(' ');
  return { key, keyAttrs, N, D };
}

/**
 * Where a grid's optimum sits on its lattice: the argmin, its loss, whether
 * it is bracketed (an interior level) on each axis, and which axes were searched.
 */
function placement(lattice: RunLattice, argmin: Pick<Run, 'lr' | 'batchTokens' | 'loss'> | undefined): Pick<Grid, 'minLoss' | 'bracketed' | 'searched'> {
  const { lrLevels, batchLevels } = lattice;
  let bracketed = axisFlags(false, false);
  if (argmin) {
    const i = lattice.lrLevelOf(argmin.lr);
    const j = lattice.batchLevelOf(argmin.batchTokens);
    bracketed = axisFlags(i > 0 && i < lrLevels.length - 1, j > 0 && j < batchLevels.length - 1);
  }
  return { minLoss: argmin ? argmin.loss : NaN, bracketed, searched: axisFlags(lrLevels.length > 1, batchLevels.length > 1) };
}

/** The four (lr, batch) flag pairs, shared and frozen: two per grid across tens of thousands of grids. */
const AXIS_FLAGS = [false, true].map((lr) => [false, true].map((batch) => Object.freeze({ lr, batch })));
const axisFlags = (lr: boolean, batch: boolean): { lr: boolean; batch: boolean } => AXIS_FLAGS[+lr][+batch];

/** The key attributes of a grid of a sweep without group keys (shared, frozen). */
const NO_KEY_ATTRS: Record<string, AttrValue> = Object.freeze({}) as Record<string, AttrValue>;

/** Group a sweep into grids, flagging diverged runs. Grids are ordered by key attributes, then N, then D. */
export function groupSweep(sweep: Sweep, options: GroupOptions = {}): { grids: Grid[]; warnings: Warning[] } {
  const ratio = options.divergedRatio ?? DEFAULT_DIVERGED_RATIO;
  const keys = [...new Set([...sweep.groupKeys, ...(options.by ?? [])])];
  // The sweep's groups, shared with the duplicate-cell check of ingest (one grouping, one lattice per group).
  const groups = sweepGroups(sweep, keys);
  // N and D take few values across many groups: each formatted once.
  const formatted = new Map<number, string>();
  const fmt = (v: number) => {
    let t = formatted.get(v);
    if (t === undefined) formatted.set(v, (t = fmtKey(v)));
    return t;
  };
  const grids: Grid[] = [];
  let diverged = 0;
  for (const group of groups) {
    const stored = group.stored && storedGrid(group, group.stored, keys, ratio, fmt);
    if (stored) {
      grids.push(stored);
      continue;
    }
    const runs0 = group.runs;
    const first = runs0[0];
    let min0 = Infinity;
    for (const r of runs0) if (r.flags.length === 0 && r.loss < min0) min0 = r.loss;
    // A new array only when some run diverged (a large sweep keeps one reference per run, not two).
    let runs = runs0;
    if (runs0.some((r) => r.flags.length === 0 && r.loss > ratio * min0)) {
      runs = runs0.map((r) => {
        if (r.flags.length === 0 && r.loss > ratio * min0) {
          diverged++;
          return withFlags(r, 'diverged');
        }
        return r;
      });
    }
    // The same array when every run is usable (one reference per run, not two; neither is mutated).
    const usable = runs.every((r) => r.flags.length === 0) ? runs : runs.filter((r) => r.flags.length === 0);
    // Flagging copies lr and batch: the lattice of the group's runs is the lattice of `runs`.
    const lattice = group.lattice();
    const { lrLevels, batchLevels } = lattice;
    const cellOf = (run: Run) => lattice.cellOf(run.lr, run.batchTokens);
    let argmin: Run | undefined;
    for (const r of usable) if (!argmin || r.loss < argmin.loss) argmin = r;
    grids.push({
      ...gridKey(keys, first.attrs, first.N, first.D),
      runs,
      usable,
      lrLevels,
      batchLevels,
      cellOf,
      argmin,
      ...placement(lattice, argmin),
    });
  }
  grids.sort((a, b) => {
    for (const k of keys) {
      const x = own(a.keyAttrs, k);
      const y = own(b.keyAttrs, k);
      if (x !== y) return String(x) < String(y) ? -1 : 1;
    }
    return a.N - b.N || a.D - b.D;
  });
  const warnings: Warning[] = [];
  const unsearched = (['lr', 'batch'] as const).filter((a) => grids.length > 0 && grids.every((g) => !g.searched[a]));
  for (const a of unsearched) {
    warnings.push({ code: 'axis-not-searched', message: msg.axisNotSearched(a), detail: { axis: a } });
  }
  if (diverged > 0) warnings.push({ code: 'diverged', message: msg.divergedRuns(diverged, ratio), count: diverged });
  for (const g of grids) {
    if (usableCount(g) === 1) warnings.push({ code: 'single-run-group', message: msg.singleRunGroup(g.key), detail: { group: g.key } });
    const edge = edgeAxes(g);
    if (edge.length > 0) {
      warnings.push({ code: 'optimum-on-edge', message: msg.optimumOnEdge(g.key, edge), detail: { group: g.key, axes: edge } });
    }
  }
  return { grids, warnings };
}

/** A grid read from a `RunStore`: the store and its runs' positions (no run objects made for it). */
export interface StoredGrid {
  store: RunStore;
  /** Positions of the grid's runs in the store, in sweep order. */
  index: Int32Array;
  /** The usable runs: how many, their lowest and highest loss, the argmin's position (`RunStore.lossSummary`). */
  losses: LossSummary;
}

/** The store and positions behind a grid, when `groupSweep` built it from columns (a copy of a grid is not one). */
export function storedGridOf(grid: Grid): StoredGrid | undefined {
  return grid instanceof ColumnGrid ? ColumnGrid.storedOf(grid) : undefined;
}

/**
 * The grid of a stored group from its columns, its runs made only when read; undefined when some run
 * diverged (the grid then holds flagged copies: built from the runs as any other).
 */
function storedGrid(group: RunGroup, g: { store: RunStore; index: Int32Array }, keys: string[], ratio: number, fmt: (v: number) => string): Grid | undefined {
  const { store, index } = g;
  // One pass: a run diverged when its loss exceeds ratio × the group's lowest, i.e. when the highest does.
  const losses = store.lossSummary(index);
  if (losses.max > ratio * losses.min) return undefined;
  return new ColumnGrid(group, { store, index, losses }, losses.at, gridKey(keys, keys.length > 0 ? store.attrs(index[0]) : {}, group.N, group.D, fmt));
}

/**
 * A grid of a stored group: its run objects made only when read (`runs`, `usable` and `argmin` are getters on
 * the prototype, `cellOf` a method). An object literal with getters and spreads cost ~15 µs and ~3 KB of
 * garbage per grid, most of the grouping time of a sweep with tens of thousands of groups. A spread
 * (`{ ...grid }`) would drop the getters: copy a grid with `gridWith`.
 */
class ColumnGrid implements Grid {
  readonly key: string;
  readonly keyAttrs: Record<string, AttrValue>;
  readonly N: number;
  readonly D: number;
  readonly lrLevels: number[];
  readonly batchLevels: number[];
  readonly minLoss: number;
  readonly bracketed: { lr: boolean; batch: boolean };
  readonly searched: { lr: boolean; batch: boolean };
  // Private (#): not enumerable, so neither JSON nor a deep equality sees the store behind the grid.
  readonly #group: RunGroup;
  readonly #stored: StoredGrid;
  /** The argmin's position in the store (−1: no usable run). */
  readonly #at: number;
  #usable: Run[] | undefined;
  constructor(group: RunGroup, stored: StoredGrid, at: number, key: Pick<Grid, 'key' | 'keyAttrs' | 'N' | 'D'>) {
    this.#group = group;
    this.#stored = stored;
    this.#at = at;
    this.key = key.key;
    this.keyAttrs = key.keyAttrs;
    this.N = key.N;
    this.D = key.D;
    const lattice = group.lattice();
    this.lrLevels = lattice.lrLevels;
    this.batchLevels = lattice.batchLevels;
    const { store } = stored;
    const p = placement(lattice, at >= 0 ? { lr: store.lr.get(at), batchTokens: store.batchTokens.get(at), loss: store.loss.get(at) } : undefined);
    this.minLoss = p.minLoss;
    this.bracketed = p.bracketed;
    this.searched = p.searched;
  }
  static storedOf(grid: ColumnGrid): StoredGrid {
    return grid.#stored;
  }
  get runs(): Run[] {
    return this.#group.runs;
  }
  get usable(): Run[] {
    // Every run usable: `usable` is `runs`.
    const { losses, index } = this.#stored;
    return (this.#usable ??= losses.count === index.length ? this.#group.runs : this.#group.runs.filter((r) => r.flags.length === 0));
  }
  /** The usable run with the lowest loss (the store's view object: the same one on every read). */
  get argmin(): Run | undefined {
    return this.#at >= 0 ? this.#stored.store.run(this.#at) : undefined;
  }
  cellOf(run: Run): { i: number; j: number } {
    return this.#group.lattice().cellOf(run.lr, run.batchTokens);
  }
  /** As JSON: the fields of a plain grid (the getters read). */
  toJSON(): Omit<Grid, 'cellOf'> {
    const { cellOf: _, ...plain } = gridWith(this, {});
    return plain;
  }
}

/**
 * A copy of a grid with some fields changed (e.g. N taken from another column). Use it instead of a spread:
 * a grid built from columns keeps `runs` and `usable` as getters that a spread would drop. The copy reads them
 * (making the group's run objects) and is no longer a columnar grid (`storedGridOf` gives undefined).
 */
export function gridWith(grid: Grid, changes: Partial<Pick<Grid, 'N' | 'D'>>): Grid {
  return {
    key: grid.key,
    keyAttrs: grid.keyAttrs,
    N: grid.N,
    D: grid.D,
    runs: grid.runs,
    usable: grid.usable,
    lrLevels: grid.lrLevels,
    batchLevels: grid.batchLevels,
    cellOf: (run: Run) => grid.cellOf(run),
    argmin: grid.argmin,
    minLoss: grid.minLoss,
    bracketed: grid.bracketed,
    searched: grid.searched,
    ...changes,
  };
}

/** How many usable runs a grid has (counted on the columns for a stored grid). */
export function usableCount(grid: Grid): number {
  const s = storedGridOf(grid);
  return s ? s.losses.count : grid.usable.length;
}

/** How many usable runs a grid has and their lowest and highest loss (read from the columns for a stored grid: no array of losses). */
export function usableLossRange(grid: Grid): { count: number; min: number; max: number } {
  const s = storedGridOf(grid);
  if (s) return { count: s.losses.count, min: s.losses.min, max: s.losses.max };
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const r of grid.usable) {
    count++;
    if (r.loss < min) min = r.loss;
    if (r.loss > max) max = r.loss;
  }
  return { count, min, max };
}

/** Runs of a grid within a relative band of its minimum: |L/L_min − 1| < band (github.com/step-law/steplaw `fit_tool.py`). */
export function withinBand(grid: Grid, band = DEFAULT_BAND): Run[] {
  return grid.usable.filter((r) => Math.abs(r.loss / grid.minLoss - 1) < band);
}
