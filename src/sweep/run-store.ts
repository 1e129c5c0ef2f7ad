/**
 * Compact storage for the runs of one file: numeric columns in fixed-size
 * Float64Array blocks (no copy-on-grow peak; the data row is the run's position + 1, not stored), attribute columns stored as
 * numbers where the cell is numeric and as interned strings where it is not,
 * and `StoredRun` view objects whose fields are getters over the columns —
 * made only when asked for (`run(i)`, `runs`): the fit path reads the columns
 * and makes none for most runs (an object per run was most of a large fit's
 * memory and garbage-collection time). N and D are kept as runs of one value (`RepeatColumn`): with a group's
 * rows together a run costs ~29 bytes of role columns (~45 when N and D change every row), plus 8 bytes per numeric
 * attribute (strings: shared when repeated), instead of a few hundred bytes
 * as a plain object with an attribute dictionary.
 *
 * `StoredRun` satisfies `Run`; never spread one (`{...run}` copies no field):
 * use `plainRun`, `withFlags` or `withAttrs` from `types.ts`.
 */
import type { AttrValue, Run, RunFlag } from './types.js';
import { setOwn } from '../util/own.js';

const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const MASK = BLOCK - 1;

/** Append-only column of doubles in 64 Ki-entry blocks. */
export class NumberColumn {
  /** The entries, BLOCK at a time: entry i is `blocks[i >>> BLOCK_BITS][i & MASK]` (read it, never write it). */
  readonly blocks: Float64Array[] = [];
  length = 0;
  push(v: number): void {
    const b = this.length >>> BLOCK_BITS;
    if (b === this.blocks.length) this.blocks.push(new Float64Array(BLOCK));
    this.blocks[b][this.length & MASK] = v;
    this.length++;
  }
  /** Push `values` in order (block by block, one copy per block). */
  pushAll(values: Float64Array): void {
    for (let k = 0; k < values.length; ) {
      const b = this.length >>> BLOCK_BITS;
      if (b === this.blocks.length) this.blocks.push(new Float64Array(BLOCK));
      const at = this.length & MASK;
      const m = Math.min(values.length - k, BLOCK - at);
      this.blocks[b].set(k === 0 && m === values.length ? values : values.subarray(k, k + m), at);
      this.length += m;
      k += m;
    }
  }
  get(i: number): number {
    return this.blocks[i >>> BLOCK_BITS][i & MASK];
  }
}

/**
 * Append-only column of doubles kept as runs of one value (its value and the entry where it starts). Sweeps list
 * a group's runs together, so N and D repeat for dozens of rows: a 2M-run sweep's N and D are 32 MB as plain
 * doubles and well under 1 MB as runs (on this kind of machine every fresh MB costs milliseconds). `get` is O(1)
 * when reads move forward (a cursor on the last run read), O(log runs) otherwise. A column whose value changes
 * too often — more runs than 1/8 of its entries, past 4096 entries — moves to a plain `NumberColumn`.
 * Values compare with Object.is: -0 and NaN come back as they went in.
 */
export class RepeatColumn {
  private values = new Float64Array(64);
  private starts = new Int32Array(64);
  private runs = 0;
  private cursor = 0;
  private plain: NumberColumn | undefined;
  length = 0;
  push(v: number): void {
    if (this.plain) {
      this.plain.push(v);
      this.length++;
      return;
    }
    const r = this.runs;
    if (r > 0 && Object.is(this.values[r - 1], v)) {
      this.length++;
      return;
    }
    if (r >= 4096 && r * 8 > this.length) {
      const plain = new NumberColumn();
      for (let i = 0; i < this.length; i++) plain.push(this.get(i));
      plain.push(v);
      this.plain = plain;
      this.length++;
      this.values = new Float64Array(0);
      this.starts = new Int32Array(0);
      return;
    }
    if (r === this.values.length) {
      const values = new Float64Array(2 * r);
      values.set(this.values);
      this.values = values;
      const starts = new Int32Array(2 * r);
      starts.set(this.starts);
      this.starts = starts;
    }
    this.values[r] = v;
    this.starts[r] = this.length;
    this.runs = r + 1;
    this.length++;
  }
  /**
   * Push `values` in order: the same column as pushing them one by one. `changes`, when given, lists the k at
   * which `values[k]` differs from `values[k − 1]` (ascending, k = 0 always): only those are looked at.
   */
  pushAll(values: Float64Array, changes?: Int32Array): void {
    if (!changes) {
      for (let k = 0; k < values.length; k++) this.push(values[k]);
      return;
    }
    for (let c = 0; c < changes.length; c++) {
      const k = changes[c];
      const end = c + 1 < changes.length ? changes[c + 1] : values.length;
      if (this.plain) {
        this.plain.pushAll(values.subarray(k, values.length));
        this.length += values.length - k;
        return;
      }
      // The first value of the stretch as `push` takes it (a new run, or the last one continued); the rest of
      // the stretch repeats it.
      this.push(values[k]);
      // `push` may have moved the column to plain storage (its value changed too often).
      const plain = this.plain as NumberColumn | undefined;
      plain?.pushAll(values.subarray(k + 1, end));
      this.length += end - k - 1;
    }
  }
  /**
   * The column as runs of one value (Object.is): run k starts at position `starts[k]` and holds `values[k]`,
   * `count` runs in all, the last ending at `length`; undefined once the column stores every value (its value
   * changed too often). Views of the live buffers: read them before pushing again.
   */
  segments(): { starts: Int32Array; values: Float64Array; count: number } | undefined {
    return this.plain ? undefined : { starts: this.starts, values: this.values, count: this.runs };
  }
  get(i: number): number {
    if (this.plain) return this.plain.get(i);
    const { starts, runs } = this;
    let c = this.cursor;
    if (i >= starts[c] && (c + 1 === runs || i < starts[c + 1])) return this.values[c];
    if (c + 1 < runs && i >= starts[c + 1] && (c + 2 === runs || i < starts[c + 2])) {
      this.cursor = c + 1;
      return this.values[c + 1];
    }
    // The last run starting at or before i.
    let lo = 0;
    let hi = runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    c = lo;
    this.cursor = c;
    return this.values[c];
  }
}

/** Distinct strings kept per attribute column before interning stops (a column of unique run names is not worth a map). */
const INTERN_LIMIT = 1 << 16;
/** Texts after which a column whose texts were all distinct stops interning. */
const UNIQUE_PROBE = 4096;

/**
 * Append-only column of strings held as UTF-8 bytes in one growing pool with
 * an end offset per entry (64 Ki-entry blocks): ~1 byte per ASCII character
 * plus 4 per entry, instead of a string object and a slot (~32 bytes for a
 * short name). `get` decodes a new string.
 */
class TextColumn {
  private pool = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private ends: Uint32Array[] = [];
  length = 0;
  push(s: string): void {
    // At most 3 bytes per UTF-16 unit.
    const need = this.used + s.length * 3;
    if (need > this.pool.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.pool.length * 2));
      this.pool.copy(grown, 0, 0, this.used);
      this.pool = grown;
    }
    this.used += s.length === 0 ? 0 : this.pool.write(s, this.used, 'utf8');
    const b = this.length >>> BLOCK_BITS;
    if (b === this.ends.length) this.ends.push(new Uint32Array(BLOCK));
    this.ends[b][this.length & MASK] = this.used;
    this.length++;
  }
  /** Append the UTF-8 bytes `buf[start, end)` as the next entry (no string made). */
  pushBytes(buf: Uint8Array, start: number, end: number): void {
    const need = this.used + (end - start);
    if (need > this.pool.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.pool.length * 2));
      this.pool.copy(grown, 0, 0, this.used);
      this.pool = grown;
    }
    const pool = this.pool;
    let at = this.used;
    for (let k = start; k < end; k++) pool[at++] = buf[k];
    this.used = at;
    const b = this.length >>> BLOCK_BITS;
    if (b === this.ends.length) this.ends.push(new Uint32Array(BLOCK));
    this.ends[b][this.length & MASK] = at;
    this.length++;
  }
  get(i: number): string {
    const end = this.ends[i >>> BLOCK_BITS][i & MASK];
    const start = i === 0 ? 0 : this.ends[(i - 1) >>> BLOCK_BITS][(i - 1) & MASK];
    return this.pool.toString('utf8', start, end);
  }
}

/**
 * One attribute column: finite numbers in a number column, everything else as
 * interned strings — or, once a column has more than INTERN_LIMIT distinct
 * strings, or its first UNIQUE_PROBE strings were all distinct (run names), as
 * UTF-8 bytes (`TextColumn`). Each part is created when
 * first needed, so a column of names costs no number slots and a numeric one
 * no string slots.
 */
class AttrColumn {
  /** Numbers by run index; NaN marks a run whose value is a string. */
  private nums: NumberColumn | undefined;
  /** Non-numeric cells by run index, while interning. */
  private strs: string[] | undefined;
  /** Every run's text (empty for numbers), once interning stopped. */
  private text: TextColumn | undefined;
  private intern: Map<string, string> | undefined = new Map();
  /** Texts pushed while interning. */
  private texts = 0;
  constructor(readonly name: string) {}
  push(i: number, value: AttrValue): void {
    if (typeof value === 'number') {
      if (!this.nums) {
        this.nums = new NumberColumn();
        for (let k = 0; k < i; k++) this.nums.push(NaN);
      }
      this.nums.push(value);
      this.text?.push('');
      return;
    }
    this.nums?.push(NaN);
    if (this.text) {
      this.text.push(value);
      return;
    }
    let s = value;
    const known = this.intern!.get(s);
    this.texts++;
    if (known !== undefined) s = known;
    // Interning pays while values repeat: a column whose first UNIQUE_PROBE texts are all distinct (run names)
    // goes to bytes at once, as does any column past INTERN_LIMIT distinct texts.
    else if (this.intern!.size < INTERN_LIMIT && !(this.texts === UNIQUE_PROBE && this.intern!.size === UNIQUE_PROBE - 1)) this.intern!.set(s, s);
    else {
      // Too many distinct strings to intern: every run's text goes to bytes from here on.
      this.intern = undefined;
      const text = new TextColumn();
      for (let k = 0; k < i; k++) text.push(this.strs?.[k] ?? '');
      text.push(s);
      this.text = text;
      this.strs = undefined;
      return;
    }
    (this.strs ??= [])[i] = s;
  }
  /** Push a text cell given as UTF-8 bytes: copied as they are once the column keeps bytes, else decoded. */
  pushBytes(i: number, buf: Buffer, start: number, end: number): void {
    if (this.text) {
      this.nums?.push(NaN);
      this.text.pushBytes(buf, start, end);
    } else this.push(i, buf.toString('utf8', start, end));
  }
  get(i: number): AttrValue {
    if (this.nums) {
      const v = this.nums.get(i);
      if (v === v) return v;
    }
    return this.text ? this.text.get(i) : this.strs![i];
  }
}

/** Single views kept in a map (at least; 1/16 of the runs on large stores) before `run(i)` makes every run's view at once. */
const VIEW_MAP_LIMIT = 4096;

const NO_FLAGS: RunFlag[] = Object.freeze([]) as unknown as RunFlag[];
const NON_FINITE: RunFlag[] = Object.freeze(['non-finite-loss']) as unknown as RunFlag[];

/** The usable runs of a set of positions (`RunStore.lossSummary`). */
export interface LossSummary {
  count: number;
  min: number;
  max: number;
  /** Position of the argmin (−1: no usable run). */
  at: number;
}

/** Text attribute cells given as bytes: for column k, `bytes[starts[k], ends[k])` when `starts[k]` ≥ 0. */
export interface RawText {
  bytes: Buffer;
  starts: Int32Array;
  ends: Int32Array;
}

/** The runs of one file, column by column. */
export class RunStore {
  readonly N = new RepeatColumn();
  readonly D = new RepeatColumn();
  readonly lr = new NumberColumn();
  readonly batchTokens = new NumberColumn();
  readonly loss = new NumberColumn();
  private readonly nonFinite: Uint8Array[] = [];
  private readonly columns: AttrColumn[];
  private count = 0;
  /** Every run's view, once `runs` was read. */
  private all: StoredRun[] | undefined;
  /** Views made one at a time before that (the same object for the same run). */
  private some = new Map<number, StoredRun>();

  constructor(
    readonly file: string,
    attrNames: string[],
  ) {
    this.columns = attrNames.map((n) => new AttrColumn(n));
  }

  get length(): number {
    return this.count;
  }

  /** Every run, in file order (views made on first read, then kept; `run(i)` gives the same objects). */
  get runs(): StoredRun[] {
    if (!this.all) {
      const all = new Array<StoredRun>(this.count);
      for (let i = 0; i < this.count; i++) all[i] = this.some.get(i) ?? new StoredRun(this, i);
      this.all = all;
      this.some.clear();
    }
    return this.all;
  }

  /** Run i's view (one object per run however often asked). */
  run(i: number): StoredRun {
    if (this.all) return this.all[i];
    let r = this.some.get(i);
    if (!r) {
      // Once single views reach 1/16 of the runs (and a few thousand), make them all: one array, not a map entry per run.
      if (this.some.size >= Math.max(VIEW_MAP_LIMIT, this.count >>> 4)) return this.runs[i];
      this.some.set(i, (r = new StoredRun(this, i)));
    }
    return r;
  }

  /** Whether run i has a non-finite loss (the only flag a stored run carries). */
  nonFiniteAt(i: number): boolean {
    return this.nonFinite[i >>> BLOCK_BITS][i & MASK] === 1;
  }

  /**
   * Append a run (data row `row` = the run's position + 1, so it is not stored); `attrs[k]` is the value of
   * attribute column k — or, where `raw` gives a start ≥ 0 for k, its text is the UTF-8 bytes
   * `raw.bytes[starts[k], ends[k])`, stored without making a string where the column keeps bytes.
   */
  add(row: number, N: number, D: number, lr: number, batchTokens: number, loss: number, nonFinite: boolean, attrs: AttrValue[], raw?: RawText): void {
    if (this.all) throw new Error('RunStore: add after the runs were read');
    const i = this.count;
    if (row !== i + 1) throw new Error(`RunStore: data row ${row} added as run ${i + 1}`);
    this.N.push(N);
    this.D.push(D);
    this.lr.push(lr);
    this.batchTokens.push(batchTokens);
    this.loss.push(loss);
    const b = i >>> BLOCK_BITS;
    if (b === this.nonFinite.length) this.nonFinite.push(new Uint8Array(BLOCK));
    this.nonFinite[b][i & MASK] = nonFinite ? 1 : 0;
    for (let k = 0; k < this.columns.length; k++) {
      if (raw && raw.starts[k] >= 0) this.columns[k].pushBytes(i, raw.bytes, raw.starts[k], raw.ends[k]);
      else this.columns[k].push(i, attrs[k]);
    }
    this.count++;
  }

  /**
   * Append `count` runs from columns (`count` values each; data rows continue from the last run's), none
   * flagged: the plain rows of a file read in bulk (ingest/plain-rows.ts). Only for a store without
   * attribute columns (the bulk lane reads no attribute). `changesN` / `changesD`: where N / D change
   * (RepeatColumn.pushAll).
   */
  addColumns(N: Float64Array, D: Float64Array, lr: Float64Array, batchTokens: Float64Array, loss: Float64Array, changesN?: Int32Array, changesD?: Int32Array): void {
    if (this.all) throw new Error('RunStore: add after the runs were read');
    if (this.columns.length > 0) throw new Error('RunStore: runs added by columns carry no attributes');
    const count = N.length;
    if (D.length !== count || lr.length !== count || batchTokens.length !== count || loss.length !== count) throw new Error('RunStore: columns of different lengths');
    this.N.pushAll(N, changesN);
    this.D.pushAll(D, changesD);
    this.lr.pushAll(lr);
    this.batchTokens.pushAll(batchTokens);
    this.loss.pushAll(loss);
    // Fresh flag blocks are zero (not flagged), and no entry past `count` was written before.
    this.count += count;
    while (this.nonFinite.length << BLOCK_BITS < this.count) this.nonFinite.push(new Uint8Array(BLOCK));
  }

  private lastAttrs: { i: number; attrs: Record<string, AttrValue> } | undefined;

  /**
   * Run i's attributes as a plain object. The last one built is reused for
   * repeated reads of the same run (`run.attrs.a ?? run.attrs.b`): read-only.
   */
  attrs(i: number): Record<string, AttrValue> {
    if (this.lastAttrs?.i === i) return this.lastAttrs.attrs;
    const out: Record<string, AttrValue> = {};
    for (const c of this.columns) {
      // A column named __proto__ stays an attribute (a plain assignment would set the prototype).
      if (c.name === '__proto__') setOwn(out, c.name, c.get(i));
      else out[c.name] = c.get(i);
    }
    this.lastAttrs = { i, attrs: Object.freeze(out) as Record<string, AttrValue> };
    return out;
  }

  /**
   * The usable runs among positions `index` (finite loss: not flagged), in one pass: how many, their lowest
   * loss (`<`, so a NaN loss of a file without a loss column is skipped) and highest (`>`), and the argmin as
   * `storedGrid` (sweep/grid.ts) picks it: the first usable run, replaced by each later one with a strictly
   * lower loss.
   */
  lossSummary(index: Int32Array): LossSummary {
    const loss = this.loss.blocks;
    const flag = this.nonFinite;
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    let at = -1;
    let atLoss = NaN;
    for (let k = 0; k < index.length; k++) {
      const i = index[k];
      const b = i >>> BLOCK_BITS;
      const o = i & MASK;
      if (flag[b][o] === 1) continue;
      const l = loss[b][o];
      count++;
      if (l < min) min = l;
      if (l > max) max = l;
      if (at < 0 || l < atLoss) {
        at = i;
        atLoss = l;
      }
    }
    return { count, min, max, at };
  }

  /** Append to `out` the positions among `index` of usable runs with |L/min − 1| < band (`withinBand` of sweep/grid.ts), in order. */
  withinBand(index: Int32Array, min: number, band: number, out: number[]): void {
    const loss = this.loss.blocks;
    const flag = this.nonFinite;
    for (let k = 0; k < index.length; k++) {
      const i = index[k];
      const b = i >>> BLOCK_BITS;
      const o = i & MASK;
      if (flag[b][o] !== 1 && Math.abs(loss[b][o] / min - 1) < band) out.push(i);
    }
  }

  /** The lr and batch of the runs at positions `index`, into `lrs` and `batches` (entry k: run index[k]). */
  lrAndBatch(index: Int32Array, lrs: Float64Array, batches: Float64Array): void {
    const lr = this.lr.blocks;
    const batch = this.batchTokens.blocks;
    for (let k = 0; k < index.length; k++) {
      const i = index[k];
      const b = i >>> BLOCK_BITS;
      const o = i & MASK;
      lrs[k] = lr[b][o];
      batches[k] = batch[b][o];
    }
  }

  flags(i: number): RunFlag[] {
    return this.nonFinite[i >>> BLOCK_BITS][i & MASK] ? NON_FINITE : NO_FLAGS;
  }
}

/** A run read from a `RunStore`: every field is a getter over the store's columns. */
export class StoredRun implements Run {
  constructor(
    private readonly store: RunStore,
    private readonly index: number,
  ) {}
  get file(): string {
    return this.store.file;
  }
  get row(): number {
    return this.index + 1;
  }
  get N(): number {
    return this.store.N.get(this.index);
  }
  get D(): number {
    return this.store.D.get(this.index);
  }
  get lr(): number {
    return this.store.lr.get(this.index);
  }
  get batchTokens(): number {
    return this.store.batchTokens.get(this.index);
  }
  get loss(): number {
    return this.store.loss.get(this.index);
  }
  /** Read-only (frozen): build a new run with `withAttrs` to change it. */
  get attrs(): Record<string, AttrValue> {
    return this.store.attrs(this.index);
  }
  /** Shared frozen arrays: copy to change. */
  get flags(): RunFlag[] {
    return this.store.flags(this.index);
  }
  toJSON(): Run {
    return { file: this.file, row: this.row, N: this.N, D: this.D, lr: this.lr, batchTokens: this.batchTokens, loss: this.loss, attrs: this.attrs, flags: [...this.flags] };
  }
}
