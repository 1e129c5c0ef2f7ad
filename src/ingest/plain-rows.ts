/**
 * The plain-row lane of the sweep reader: the records of a CSV that are plain — no quote, the right number of
 * cells, every role cell (N, D, lr, batch, loss) a positive finite decimal of the fast grammar — read by a
 * WebAssembly scanner (src/ingest/plain-rows.wat, compiled at build time to dist/plain-rows.wasm), their role
 * values handed over as columns. The reader (csv.ts) sends every other record through its general path,
 * which raises the error or warning the record deserves; the lane reads a record exactly as that path would,
 * or leaves it (the .wat file says why this is WebAssembly and what "plain" is, exactly).
 *
 * Without the compiled module (a source checkout not built) the reader takes every record through the
 * general path: the same runs, only slower. `plainRowsAvailable()` says which; the tests check that a build
 * has it.
 */
import { wasmInstance, wasmModule, type WasmMemoryExports } from '../util/wasm.js';

/** Roles, in the scanner's order (ingest/sweep.ts ROLES): N, D, lr, batch, loss. */
export const PLAIN_ROLES = 5;
// Memory layout shared with plain-rows.wat.
const ROLE_TABLE = 256;
/** Columns the role table holds (a wider file takes the general path). */
export const MAX_PLAIN_COLUMNS = 1024;
const INPUT = 8192;
/** Largest window of bytes scanned per call (a longer record takes the general path). */
const MAX_WINDOW = 1 << 18;
/** First window after the lane left a record: a file whose records are mostly not plain costs little copying. */
const MIN_WINDOW = 1 << 12;
/** Rows per call: the output holds this many of each role. */
const MAX_ROWS = 1 << 15;
const OUTPUT = INPUT + MAX_WINDOW;
const CHANGES = OUTPUT + PLAIN_ROLES * MAX_ROWS * 8;
const MEMORY_BYTES = CHANGES + 2 * MAX_ROWS * 4;

interface ScannerExports extends WasmMemoryExports {
  init(): void;
  decimal(start: number, end: number): number;
  scan(start: number, end: number, delim: number, width: number, out: number, max: number, batchScale: number, changes: number): number;
  rows: WebAssembly.Global;
  incomplete: WebAssembly.Global;
  changesN: WebAssembly.Global;
  changesD: WebAssembly.Global;
}

let enabled = true;

/** Whether the compiled scanner is there (and not switched off): false means every record takes the general path. */
export function plainRowsAvailable(): boolean {
  return enabled && wasmModule('plain-rows') !== undefined;
}

/** Switch the lane off (false) or back on: the tests compare what the reader makes with and without it. */
export function usePlainRows(on: boolean): void {
  enabled = on;
}

function instantiate(): ScannerExports | undefined {
  const e = enabled ? wasmInstance<ScannerExports>('plain-rows', MEMORY_BYTES) : undefined;
  e?.init();
  return e;
}

/** The scanner instance `scannerDecimal` uses (made on first use). */
let decimalScanner: ScannerExports | undefined;

/**
 * `decimalFromBytes` (number.ts) as the scanner computes it, for the tests: the value of a positive decimal
 * of the fast grammar, or −1 when the scanner leaves the cell (not of that grammar, or not > 0).
 * @throws Error when the compiled scanner is not available.
 */
export function scannerDecimal(bytes: Uint8Array): number {
  const e = (decimalScanner ??= instantiate());
  if (!e) throw new Error('the plain-row scanner is not built (npm run build)');
  if (bytes.length > MAX_WINDOW) throw new RangeError('cell longer than the scan window');
  new Uint8Array(e.memory.buffer).set(bytes, INPUT);
  return e.decimal(INPUT, INPUT + bytes.length);
}

/**
 * Receives the rows the lane read: `columns[r]` holds role r of each (undefined for a role with no column);
 * `changes[r]` for N (0) and D (1), the rows whose value differs from the row before's (row 0 always).
 */
export type PlainRowSink = (count: number, columns: readonly (Float64Array | undefined)[], changes: readonly [Int32Array, Int32Array]) => void;

/** What one `read` did. */
export interface PlainRead {
  /** Plain records read (each one line: a plain record holds no line break). */
  rows: number;
  /** Where the first record not read starts. */
  next: number;
  /** Whether the lane stopped at a record not complete in the bytes given (more bytes may complete it). */
  incomplete: boolean;
}

/** The lane for one file: its role table, delimiter and batch scale, and a scanner instance of its own. */
export class PlainRowReader {
  readonly #e: ScannerExports;
  readonly #bytes: Uint8Array;
  readonly #columns: (Float64Array | undefined)[];
  readonly #changes: [Int32Array, Int32Array];
  #window = MAX_WINDOW;

  private constructor(
    e: ScannerExports,
    private readonly width: number,
    private readonly delim: number,
    private readonly batchScale: number,
    present: readonly boolean[],
  ) {
    this.#e = e;
    this.#bytes = new Uint8Array(e.memory.buffer);
    this.#columns = present.map((p, r) => (p ? new Float64Array(e.memory.buffer, OUTPUT + r * MAX_ROWS * 8, MAX_ROWS) : undefined));
    this.#changes = [new Int32Array(e.memory.buffer, CHANGES, MAX_ROWS), new Int32Array(e.memory.buffer, CHANGES + MAX_ROWS * 4, MAX_ROWS)];
  }

  /**
   * The lane for records of `roleOfColumn.length` cells where cell c holds role `roleOfColumn[c]` (−1: a cell
   * not read); undefined when the scanner is not available or the file is wider than the role table.
   */
  static create(roleOfColumn: Int32Array, delim: number, batchScale: number): PlainRowReader | undefined {
    if (roleOfColumn.length > MAX_PLAIN_COLUMNS) return undefined;
    const e = instantiate();
    if (!e) return undefined;
    new Int32Array(e.memory.buffer, ROLE_TABLE, roleOfColumn.length).set(roleOfColumn);
    const present = Array.from({ length: PLAIN_ROLES }, (_, r) => roleOfColumn.includes(r));
    return new PlainRowReader(e, roleOfColumn.length, delim, batchScale, present);
  }

  /**
   * Read the plain records at the start of `buf[i, end)`, handing them to `sink` in batches, until a record
   * that is not plain or not complete. Windows of the bytes are copied into the scanner's memory: the first
   * after the lane left a record is small, and each productive one doubles it.
   */
  read(buf: Uint8Array, i: number, end: number, sink: PlainRowSink): PlainRead {
    const e = this.#e;
    let rows = 0;
    for (;;) {
      const available = end - i;
      if (available <= 0) return { rows, next: i, incomplete: true };
      const len = Math.min(available, this.#window);
      this.#bytes.set(buf.subarray(i, i + len), INPUT);
      const stop = e.scan(INPUT, INPUT + len, this.delim, this.width, OUTPUT, MAX_ROWS, this.batchScale, CHANGES);
      const n = e.rows.value as number;
      // The record at `stop` was cut by the end of the window (or of the bytes given).
      const cut = e.incomplete.value === 1;
      if (n > 0) {
        sink(
          n,
          this.#columns.map((c) => c?.subarray(0, n)),
          [this.#changes[0].subarray(0, e.changesN.value as number), this.#changes[1].subarray(0, e.changesD.value as number)],
        );
        rows += n;
        i += stop - INPUT;
        this.#window = Math.min(this.#window * 2, MAX_WINDOW);
        // Output full, or the window (not the bytes) ended inside a record: scan on from there.
        if (n === MAX_ROWS || (cut && len < available)) continue;
        return { rows, next: i, incomplete: cut };
      }
      if (cut && len === available) return { rows, next: i, incomplete: true };
      // A record longer than the window: try a wider one (past the widest, the general path reads it).
      if (cut && this.#window < MAX_WINDOW) {
        this.#window = Math.min(this.#window * 2, MAX_WINDOW);
        continue;
      }
      // A record the lane leaves: the next window after it starts small.
      this.#window = MIN_WINDOW;
      return { rows, next: i, incomplete: false };
    }
  }
}

