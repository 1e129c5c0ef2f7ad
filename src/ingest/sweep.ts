/**
 * Sweep ingester: CSV files → `Sweep` (typed runs in canonical units).
 *
 * Recognises the Step Law dense and MoE files by their headers (github.com/step-law/steplaw
 * `data/*.csv`, docs/method.md#released-data): N = column `N` (non-embedding; total for
 * MoE), D = `D` tokens, lr = `lr`, batch = `bs` sequences × seq_len (the MoE
 * file's `seq_len` column, else `--seq-len`, default 2048), loss = `smooth loss`.
 * Any other CSV needs a column mapping (`--map N=params,D=tokens,...`), or
 * columns literally named N, D, lr, batch (or batch_tokens: a batch in tokens
 * whatever its values), loss. A batch column of values all ≤ 16384 with no
 * unit given is refused (sequences or tokens?).
 *
 * Bad input throws `InputError` naming file, row and column; non-finite losses
 * are kept, flagged and reported as warnings; duplicate grid cells are warned.
 */
import { InputError, msg, type Warning } from '../messages.js';
import type { AttrValue, Run, Sweep, SweepFormat } from '../sweep/types.js';
import { RunStore, type RawText } from '../sweep/run-store.js';
import { columnarSweep, runGroups, sweepGroups, type RunGroup } from '../sweep/run-groups.js';
import type { RunLattice } from '../util/lattice.js';
import { append } from '../util/arrays.js';
import { checkHeader, CsvRecord, streamCsvFile, type CsvTable, type PlainRowLane } from './csv.js';
import { PlainRowReader } from './plain-rows.js';
import { numberRange, parseNumber } from './number.js';
import { own } from '../util/own.js';
import { unescapeFormula } from './formula-escape.js';

export const ROLES = ['N', 'D', 'lr', 'batch', 'loss'] as const;
export type Role = (typeof ROLES)[number];
export type ColumnMap = Partial<Record<Role, string>>;

export interface IngestOptions {
  /** role → column name; overrides the format's defaults. */
  map?: ColumnMap;
  /** Unit of the batch column of a mapped CSV (Step Law files: sequences). */
  batchUnit?: 'tokens' | 'sequences';
  /** Tokens per sequence when the batch is in sequences (default 2048). */
  seqLen?: number;
  /** Roles that must be present (default all five). Absent optional roles become NaN. */
  required?: readonly Role[];
  /**
   * One batch size (tokens) for every run, for sweeps that did not vary it and
   * so have no batch column (e.g. the (Mis)Fitting sweep: 1,048,576 tokens).
   */
  batchTokens?: number;
  /**
   * Files whose headers differ: refused by default; `true` pools them with a
   * `pooled-files` warning; `'by-file'` reads them for per-file slices (no
   * law spans two files, so nothing is pooled and nothing is warned).
   */
  pool?: boolean | 'by-file';
  /**
   * The attribute columns to keep (the format's group keys are always kept);
   * default every column. A caller that reads no attribute (`fit` without
   * `--by`) passes `[]`: a 2M-run sweep's run names alone are ~40 MB.
   */
  attributes?: readonly string[];
}

const ROLE_TEXT: Record<Role, string> = {
  N: 'model size N',
  D: 'data size D',
  lr: 'learning rate',
  batch: 'batch size',
  loss: 'loss',
};

/** A mapped CSV's batch column under this name is in tokens, whatever its values. */
export const TOKENS_COLUMN = 'batch_tokens';

/** Largest batch value that is ambiguous between sequences and tokens when no --batch-unit is given. */
export const AMBIGUOUS_BATCH_MAX = 16384;

const STEPLAW_MAP: Required<ColumnMap> = { N: 'N', D: 'D', lr: 'lr', batch: 'bs', loss: 'smooth loss' };
const DEFAULT_MAP: Required<ColumnMap> = { N: 'N', D: 'D', lr: 'lr', batch: 'batch', loss: 'loss' };

/** Parse `N=params,D=tokens,lr=peak_lr` into a ColumnMap. */
export function parseColumnMap(spec: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new InputError(msg.badMapping(spec));
    const role = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    if (!(ROLES as readonly string[]).includes(role)) throw new InputError(msg.unknownRole(role));
    map[role as Role] = column;
  }
  if (Object.keys(map).length === 0) throw new InputError(msg.badMapping(spec));
  return map;
}

/** Which known format a header is. */
export function detectFormat(header: string[]): SweepFormat {
  const has = (c: string) => header.includes(c);
  const stepCore = ['lr', 'bs', 'smooth loss', 'N', 'D', 'h', 'ffnh', 'numl'].every(has);
  if (stepCore && has('Na') && has('moe_name')) return 'steplaw-moe';
  if (stepCore) return 'steplaw-dense';
  return 'mapped';
}

/** A data row's cells, by column: text, and the number `parseNumber` reads in it. */
interface Cells {
  cell(k: number): string;
  number(k: number): number | undefined;
}

/** Cells of a row already split into strings (a table in memory). */
class TextCells implements Cells {
  constructor(private readonly cells: string[]) {}
  cell(k: number): string {
    return this.cells[k];
  }
  number(k: number): number | undefined {
    return parseNumber(this.cells[k]);
  }
}

/**
 * Turns parsed CSV rows into runs, one row at a time (the same code for a
 * streamed file and for a table in memory): strict numbers, canonical units,
 * runs stored column-wise (`RunStore`). Errors name file, row, line and column.
 */
class RunBuilder {
  readonly format: SweepFormat;
  readonly store: RunStore;
  readonly warnings: Warning[] = [];
  readonly groupKeys: string[];
  readonly seqLen?: number;
  private readonly map: Required<ColumnMap>;
  private readonly col: Partial<Record<Role, number>> = {};
  private readonly seqLenCol: number;
  private readonly defaultSeqLen: number;
  private readonly batchInSequences: boolean;
  private readonly fixedBatch?: number;
  private readonly attrCols: number[];
  private readonly attrCells: AttrValue[];
  /** Text attribute cells of a streamed record, as byte spans (start −1: use `attrCells`). */
  private readonly raw: RawText;
  /** Per role (ROLES order): its column (−1: absent), header name, and whether an empty cell is allowed. */
  private readonly roleCol: Int32Array;
  private readonly roleName: string[];
  private readonly roleOptional: boolean[];
  /** Range of the raw batch column when its unit was not given (mapped files). */
  private batchRange: [number, number] | undefined;

  constructor(
    readonly file: string,
    readonly header: string[],
    options: IngestOptions,
  ) {
    const format = detectFormat(header);
    this.format = format;
    const base = format === 'mapped' ? DEFAULT_MAP : STEPLAW_MAP;
    this.map = { ...base, ...(options.map ?? {}) };
    // A column named `batch_tokens` (ingest-logs' canonical layout) says its unit.
    const tokensByName = format === 'mapped' && options.map?.batch === undefined && !header.includes('batch') && header.includes(TOKENS_COLUMN);
    if (tokensByName) this.map.batch = TOKENS_COLUMN;
    // Two roles read from one column (e.g. --map N=loss,D=loss) would fit a column against itself.
    const byColumn = new Map<string, Role[]>();
    for (const role of ROLES) if (options.batchTokens === undefined || role !== 'batch') byColumn.set(this.map[role], [...(byColumn.get(this.map[role]) ?? []), role]);
    for (const [column, roles] of byColumn) {
      if (roles.length > 1) throw new InputError(msg.sameColumnTwice(column, roles), { file, column });
    }
    let required = options.required ?? ROLES;
    if (options.batchTokens !== undefined) {
      if (!(Number.isFinite(options.batchTokens) && options.batchTokens > 0)) {
        throw new InputError(msg.badOption('--batch-tokens', String(options.batchTokens), 'a number of tokens > 0'));
      }
      if (header.includes(this.map.batch)) {
        throw new InputError(msg.batchTwice(file, this.map.batch), { file, column: this.map.batch });
      }
      required = required.filter((r) => r !== 'batch');
      this.fixedBatch = options.batchTokens;
    }
    if (tokensByName && options.batchUnit === 'sequences') {
      throw new InputError(msg.badOption('--batch-unit', 'sequences', `column ${JSON.stringify(TOKENS_COLUMN)} of ${file} is in tokens`));
    }
    this.batchInSequences = format === 'mapped' ? options.batchUnit === 'sequences' : options.batchUnit !== 'tokens';
    const seqLen = options.seqLen ?? 2048;
    if (!(Number.isInteger(seqLen) && seqLen > 0)) throw new InputError(msg.badOption('--seq-len', String(seqLen), 'a positive integer'));
    this.defaultSeqLen = seqLen;
    this.seqLen = this.batchInSequences ? seqLen : undefined;
    for (const role of ROLES) {
      const idx = header.indexOf(this.map[role]);
      if (idx < 0) {
        if (required.includes(role)) {
          throw new InputError(msg.missingColumn(file, this.map[role], ROLE_TEXT[role], header), { file, column: this.map[role] });
        }
        continue;
      }
      this.col[role] = idx;
    }
    this.seqLenCol = format === 'steplaw-moe' ? header.indexOf('seq_len') : -1;
    const roleCols = new Set(Object.values(this.col));
    this.attrCols = [];
    const groupKeys = format === 'steplaw-moe' ? ['moe_name'] : [];
    const keep = options.attributes;
    header.forEach((h, c) => {
      if (!roleCols.has(c) && h !== '' && (!keep || keep.includes(h) || groupKeys.includes(h))) this.attrCols.push(c);
    });
    this.attrCells = new Array<AttrValue>(this.attrCols.length);
    this.raw = { bytes: Buffer.alloc(0), starts: new Int32Array(this.attrCols.length), ends: new Int32Array(this.attrCols.length) };
    this.roleCol = Int32Array.from(ROLES, (role) => this.col[role] ?? -1);
    this.roleName = ROLES.map((role) => this.map[role]);
    this.roleOptional = ROLES.map((role) => !required.includes(role));
    this.store = new RunStore(file, this.attrCols.map((c) => header[c]));
    this.groupKeys = groupKeys;
    if (format === 'mapped' && options.batchUnit === undefined && !tokensByName && this.col.batch !== undefined) this.batchRange = [Infinity, -Infinity];
  }

  /**
   * End of the file: a batch column given without its unit whose values are
   * all ≤ 16384 reads like sequences per step (Step Law sweeps: 32–1024), not
   * tokens (LLM batches are ≥ 2^16 tokens); reading it as tokens would put the
   * batch law thousands of times off, so the unit must be said.
   */
  finish(): void {
    const r = this.batchRange;
    if (r && r[1] <= AMBIGUOUS_BATCH_MAX && r[0] <= r[1]) {
      throw new InputError(msg.batchUnitAmbiguous(this.file, this.map.batch, r[0], r[1], AMBIGUOUS_BATCH_MAX), {
        file: this.file,
        column: this.map.batch,
      });
    }
  }

  private positive(row: number, line: number, column: string, cells: Cells, c: number, allowMissing: boolean): number {
    const v = cells.number(c);
    if (v !== undefined && v > 0 && v !== Infinity) return v;
    const cell = cells.cell(c);
    if (v === undefined) {
      const where = { file: this.file, row, line, column };
      if (cell.trim() === '') {
        if (allowMissing) return NaN;
        throw new InputError(msg.emptyCell(where), { file: this.file, row, column });
      }
      throw new InputError(msg.notANumber(where, cell), { file: this.file, row, column });
    }
    if (!(Number.isFinite(v) && v > 0)) {
      throw new InputError(msg.notPositive({ file: this.file, row, line, column }, cell, numberRange(cell)), { file: this.file, row, column });
    }
    return v;
  }

  /** Role `r` (index into ROLES) of the row: a positive number, NaN when the column is absent. */
  private get(cells: Cells, row: number, line: number, r: number): number {
    const c = this.roleCol[r];
    if (c < 0) return NaN;
    // The common case (a finite positive number) read here; `positive` reads the cell again to say what is wrong.
    const v = cells.number(c);
    if (v !== undefined && v > 0 && v !== Infinity) return v;
    return this.positive(row, line, this.roleName[r], cells, c, this.roleOptional[r]);
  }

  /**
   * The plain-row lane for this file (plain-rows.ts): its rows go to the store as columns, read as `add` reads
   * them. None when a run needs what the lane does not read: an attribute column to keep, a per-row
   * sequence length (the MoE file's `seq_len`).
   */
  plainRows(delim: number): PlainRowLane | undefined {
    if (this.attrCols.length > 0 || this.seqLenCol >= 0 || this.header.length < 1) return undefined;
    const roles = new Int32Array(this.header.length).fill(-1);
    for (let r = 0; r < ROLES.length; r++) if (this.roleCol[r] >= 0) roles[this.roleCol[r]] = r;
    // As `add`: a batch in sequences times the sequence length (one multiplication, the same double).
    const scale = this.batchInSequences && this.col.batch !== undefined ? this.defaultSeqLen : 1;
    const reader = PlainRowReader.create(roles, delim, scale);
    if (!reader) return undefined;
    // Roles with no column: NaN, or the one batch size given for every run (as `add` reads them).
    const absent = (r: number, n: number) => new Float64Array(n).fill(r === 3 && this.fixedBatch !== undefined ? this.fixedBatch : NaN);
    const sink = (n: number, columns: readonly (Float64Array | undefined)[], changes: readonly [Int32Array, Int32Array]) => {
      const batch = columns[3];
      const range = this.batchRange;
      if (range && batch) {
        for (let k = 0; k < n; k++) {
          const v = batch[k];
          if (v < range[0]) range[0] = v;
          if (v > range[1]) range[1] = v;
        }
      }
      const column = (r: number) => columns[r] ?? absent(r, n);
      this.store.addColumns(column(0), column(1), column(2), column(3), column(4), columns[0] && changes[0], columns[1] && changes[1]);
    };
    return { read: (buf, i, end) => reader.read(buf, i, end, sink) };
  }

  /** Convert data row `row` (starting on physical line `line`). */
  add(cells: Cells, row: number, line: number): void {
    const N = this.get(cells, row, line, 0);
    const D = this.get(cells, row, line, 1);
    const lr = this.get(cells, row, line, 2);
    let batchTokens = this.fixedBatch ?? this.get(cells, row, line, 3);
    if (this.batchRange && batchTokens === batchTokens) {
      if (batchTokens < this.batchRange[0]) this.batchRange[0] = batchTokens;
      if (batchTokens > this.batchRange[1]) this.batchRange[1] = batchTokens;
    }
    if (this.batchInSequences && this.col.batch !== undefined) {
      const rowSeqLen = this.seqLenCol >= 0 ? this.positive(row, line, 'seq_len', cells, this.seqLenCol, false) : this.defaultSeqLen;
      batchTokens *= rowSeqLen;
    }
    let loss = NaN;
    let nonFinite = false;
    if (this.col.loss !== undefined) {
      const c = this.col.loss;
      const v = cells.number(c);
      loss = v as number;
      // The common case (a finite positive loss) needs neither the cell's text nor its place.
      if (!(v !== undefined && v > 0 && v !== Infinity)) {
        const cell = cells.cell(c);
        const where = { file: this.file, row, line, column: this.map.loss };
        if (v === undefined) throw new InputError(msg.notANumber(where, cell), { file: this.file, row, column: this.map.loss });
        if (Number.isFinite(v) && v <= 0) {
          throw new InputError(msg.notPositive(where, cell, numberRange(cell)), { file: this.file, row, column: this.map.loss });
        }
        nonFinite = true;
        this.warnings.push({ code: 'non-finite-loss', message: msg.nonFiniteLoss(where, cell), file: this.file, row, column: this.map.loss });
      }
    }
    // Text cells of a streamed record go to the store as bytes when no formula escape can apply (no leading ').
    const record = cells instanceof CsvRecord ? cells : undefined;
    const raw = this.raw;
    if (record) raw.bytes = record.bytes as Buffer;
    for (let k = 0; k < this.attrCols.length; k++) {
      const c = this.attrCols[k];
      const v = cells.number(c);
      raw.starts[k] = -1;
      if (v !== undefined && Number.isFinite(v)) this.attrCells[k] = v;
      else if (record && record.spanStart(c) >= 0 && record.bytes[record.spanStart(c)] !== 0x27) {
        raw.starts[k] = record.spanStart(c);
        raw.ends[k] = record.spanEnd(c);
      } else this.attrCells[k] = unescapeFormula(cells.cell(c));
    }
    this.store.add(row, N, D, lr, batchTokens, loss, nonFinite, this.attrCells, record ? raw : undefined);
  }
}

export interface FileRuns {
  format: SweepFormat;
  /** The file's runs (views over `store`, made on first read). */
  readonly runs: Run[];
  store: RunStore;
  warnings: Warning[];
  groupKeys: string[];
  seqLen?: number;
  header: string[];
}

function result(b: RunBuilder): FileRuns {
  b.finish();
  const store = b.store;
  return {
    format: b.format,
    get runs() {
      return store.runs;
    },
    store,
    warnings: b.warnings,
    groupKeys: b.groupKeys,
    seqLen: b.seqLen,
    header: b.header,
  };
}

/** Convert one parsed table into runs. */
export function tableToRuns(table: CsvTable, options: IngestOptions = {}): FileRuns {
  const b = new RunBuilder(table.file, table.header, options);
  for (let r = 0; r < table.rows.length; r++) b.add(new TextCells(table.rows[r]), r + 1, table.lines[r]);
  return result(b);
}

/**
 * Stream one CSV file into runs: memory grows with the runs kept, not with the file's bytes. The bytes are
 * hashed as they are read, so a fit record fingerprints them without a second read (ingest/files.ts).
 */
export function readSweepFile(file: string, options: IngestOptions = {}): FileRuns {
  let b: RunBuilder | undefined;
  streamCsvFile(
    file,
    {
      header: (cells) => {
        b = new RunBuilder(file, checkHeader(file, cells), options);
      },
      row: (cells, row, line) => b!.add(new TextCells(cells), row, line),
      // Cells as byte spans: numbers read from the bytes, strings made only for text attributes.
      record: (record, row, line) => b!.add(record, row, line),
      plainRows: (delim) => b!.plainRows(delim),
    },
    true,
  );
  return result(b!);
}

/**
 * Warn about runs that occupy the same grid cell (same group, lr level and
 * batch; lr levels merged within the group, as in `groupSweep`). The groups
 * and their lattices are `runGroups`' (sweep/run-groups.ts): the grid builder
 * reuses them rather than grouping the sweep again.
 */
export function duplicateCellWarnings(runs: Run[], groupKeys: string[]): Warning[] {
  return groupDuplicateCells(runGroups(runs, groupKeys), groupKeys, () => runs);
}

/** `duplicateCellWarnings` of a sweep, from its columns when it has them (sweep/run-groups.ts). */
export function sweepDuplicateCells(sweep: Sweep, groupKeys: string[]): Warning[] {
  return groupDuplicateCells(sweepGroups(sweep, groupKeys), groupKeys, () => sweep.runs);
}

function groupDuplicateCells(groups: RunGroup[], groupKeys: string[], allRuns: () => Run[]): Warning[] {
  const found: { first: number; warning: Warning }[] = [];
  // Sweep positions of runs, built only when some cell is shared.
  let position: Map<Run, number> | undefined;
  for (const g of groups) {
    const size = g.stored ? g.stored.index.length : g.runs.length;
    if (size < 2) continue;
    // lr levels per group: across a large sweep, nearby groups' levels chain into one 1% cluster.
    const lattice = g.lattice();
    if (g.stored ? !mayShareCellStored(g.stored, lattice) : !mayShareCell(g.runs, lattice)) continue;
    const members = g.runs;
    const lrLevels = lattice.lrLevels;
    // k: the run's place in its group (the group keeps the sweep's order).
    const cells = members.map((r, k) => ({ k, level: lattice.lrLevelOf(r.lr), lr: r.lr, batch: r.batchTokens }));
    const same = (a: (typeof cells)[0], b: (typeof cells)[0]) => a.level === b.level && (a.level >= 0 || Object.is(a.lr, b.lr)) && Object.is(a.batch, b.batch);
    // Level, then batch, then lr: the cells of one (level, batch) are adjacent whatever their lr roundings.
    cells.sort((a, b) => a.level - b.level || a.batch - b.batch || a.lr - b.lr || a.k - b.k);
    const attrs = groupKeys.length > 0 ? members[0].attrs : undefined;
    const gk = attrs ? groupKeys.map((k) => `${k}=${own(attrs, k) ?? ''}`).join(', ') : '';
    for (let s = 0; s < cells.length; ) {
      let e = s + 1;
      while (e < cells.length && same(cells[s], cells[e])) e++;
      if (e - s >= 2) {
        const dup = cells.slice(s, e).sort((a, b) => a.k - b.k);
        const c = dup[0];
        const lrText = c.level >= 0 ? lrLevels[c.level].toPrecision(4) : String(c.lr);
        const key = `${gk ? `${gk}, ` : ''}N=${g.N}, D=${g.D}, lr=${lrText}, batch=${c.batch}`;
        const dupRuns = dup.map((d) => members[d.k]);
        const file = dupRuns[0].file;
        let first: number;
        if (g.stored) first = g.stored.index[c.k];
        else {
          if (!position) {
            const runs = allRuns();
            position = new Map();
            for (let i = runs.length - 1; i >= 0; i--) position.set(runs[i], i);
          }
          first = position.get(dupRuns[0])!;
        }
        found.push({
          first,
          warning: {
            code: 'duplicate-cell',
            message: msg.duplicateCell(file, dupRuns.map((r) => r.row), key),
            file,
            count: dupRuns.length,
            detail: { rows: dupRuns.map((r) => ({ file: r.file, row: r.row })), cell: key },
          },
        });
      }
      s = e;
    }
  }
  return found.sort((a, b) => a.first - b.first).map((f) => f.warning);
}

/**
 * Whether two of a group's runs may share a cell (the check above then says which): a repeated pair of lr
 * level and batch, or a run on no lr level (compared by exact lr there). False means no two share one — the
 * common case, decided without building and sorting the cells.
 */
function mayShareCell(members: Run[], lattice: RunLattice): boolean {
  const nb = lattice.batchLevels.length;
  const seen = new Uint8Array(lattice.lrLevels.length * nb);
  for (let k = 0; k < members.length; k++) {
    const r = members[k];
    const i = lattice.lrLevelOf(r.lr);
    const j = lattice.batchLevelOf(r.batchTokens);
    if (i < 0 || j < 0) return true;
    const key = i * nb + j;
    if (seen[key]) return true;
    seen[key] = 1;
  }
  return false;
}

/** `mayShareCell` from a stored group's columns. */
function mayShareCellStored(g: { store: RunStore; index: Int32Array }, lattice: RunLattice): boolean {
  const nb = lattice.batchLevels.length;
  const seen = new Uint8Array(lattice.lrLevels.length * nb);
  const { store, index } = g;
  for (let k = 0; k < index.length; k++) {
    const i = lattice.lrLevelOf(store.lr.get(index[k]));
    const j = lattice.batchLevelOf(store.batchTokens.get(index[k]));
    if (i < 0 || j < 0) return true;
    const key = i * nb + j;
    if (seen[key]) return true;
    seen[key] = 1;
  }
  return false;
}

/**
 * Load one or more CSV files into one Sweep, each file streamed.
 *
 * Files with different headers (e.g. the dense and the MoE Step Law files)
 * describe different sweeps: pooling them into one law is refused unless
 * `pool` is set, and then a `pooled-files` warning says so in every output.
 * Files with the same header (one sweep split into parts) pool silently.
 */
export function loadSweep(files: string[], options: IngestOptions = {}): Sweep {
  if (files.length === 0) throw new InputError('no input files given');
  let runs: Run[] = [];
  let store: RunStore | undefined;
  const warnings: Warning[] = [];
  const formats = new Set<SweepFormat>();
  const groupKeys = new Set<string>();
  const parts: { file: string; format: SweepFormat; header: string[] }[] = [];
  let seqLen: number | undefined;
  for (const file of files) {
    const part = readSweepFile(file, options);
    formats.add(part.format);
    part.groupKeys.forEach((k) => groupKeys.add(k));
    // One file: the sweep is its store's (runs made only when read: the fit path reads the columns).
    if (files.length === 1) store = part.store;
    else append(runs, part.runs);
    append(warnings, part.warnings);
    seqLen = seqLen ?? part.seqLen;
    parts.push({ file, format: part.format, header: part.header });
  }
  const schema = (h: string[]) => [...h].sort().join('\u0000');
  const odd = parts.find((p) => schema(p.header) !== schema(parts[0].header));
  if (odd) {
    const first = parts[0];
    if (!options.pool) throw new InputError(msg.poolRefused(first.file, first.format, odd.file, odd.format), { file: odd.file });
    if (options.pool === true) {
      warnings.unshift({
        code: 'pooled-files',
        message: msg.pooledFiles(parts.map((p) => `${p.file} (${p.format})`)),
        count: parts.length,
        detail: { files: parts.map((p) => ({ file: p.file, format: p.format })) },
      });
    }
  }
  const keys = [...groupKeys];
  const format: SweepFormat = formats.size === 1 ? [...formats][0] : 'mapped';
  const sweep: Sweep = store ? columnarSweep({ files, format, runs, groupKeys: keys, seqLen, warnings }, store) : { files, format, runs, groupKeys: keys, seqLen, warnings };
  if (!(options.required && !options.required.includes('lr'))) append(warnings, sweepDuplicateCells(sweep, keys));
  return sweep;
}
