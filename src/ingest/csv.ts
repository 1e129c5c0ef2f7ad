/**
 * Streaming CSV reader (RFC 4180 quoting): files are read in fixed chunks and
 * parsed on bytes, so memory holds one chunk and the record being read, never
 * the whole file. Every record is handed to a visitor with its data row
 * (1-based, header and blank lines not counted) and the physical line it
 * starts on (1-based, counting blank lines and the line breaks inside quoted
 * cells). Every problem is an `InputError` naming the file, the row and the line.
 *
 * Delimiter: guessed among , tab ; | from the first records (papaparse's rule:
 * the candidate with the steadiest field count, more than one field on
 * average). Lines whose cells are all blank are skipped. Encodings: UTF-8 (a
 * byte-order mark is dropped); UTF-16 with a byte-order mark is decoded;
 * NUL-ridden text without one is refused as probable UTF-16. Cells are byte
 * spans until read (`CsvRecord`): a visitor that takes records reads numbers
 * straight from the bytes (`number.ts`) and makes strings only of the cells it
 * keeps as text.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { rememberSha256 } from './files.js';
import { InputError, msg } from '../messages.js';
import { decimalFromBytes, parseNumber, surelyNotNumber } from './number.js';
import type { PlainRead } from './plain-rows.js';

export interface CsvTable {
  file: string;
  header: string[];
  /** Data rows; `rows[i]` is data row i + 1. */
  rows: string[][];
  /** Physical line (1-based) on which data row i + 1 starts. */
  lines: number[];
}

/** Receives the header, then every data row, as they are parsed. */
export interface CsvVisitor {
  header(cells: string[], line: number): void;
  row(cells: string[], row: number, line: number): void;
  /**
   * Optional, instead of `row`: the data row as a `CsvRecord` (cells as byte spans, read on demand, numbers
   * parsed from the bytes). The record is reused for the next row: read it during the call.
   */
  record?(record: CsvRecord, row: number, line: number): void;
  /**
   * Optional: asked once, after the header of a file whose lines end in LF (or CR LF), for a lane that reads
   * plain records in bulk (plain-rows.ts) with the file's delimiter. The parser offers it the bytes at each
   * record boundary; each record it reads is a data row of one line, taken by the lane and not shown to
   * `record` or `row`; every record it leaves goes through the general path as before.
   */
  plainRows?(delim: number): PlainRowLane | undefined;
}

/** A lane for plain records (`CsvVisitor.plainRows`): reads those at the start of `buf[i, end)`. */
export interface PlainRowLane {
  read(buf: Uint8Array, i: number, end: number): PlainRead;
}

/** Records after one the lane left that go through the general path before the lane is offered bytes again. */
const LANE_PAUSE = 64;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DELIMITERS = [0x2c, 0x09, 0x3b, 0x7c]; // , tab ; |
/**
 * Bytes per read: the first read 4 MiB (the delimiter is guessed on what it brought), then 1 MiB, into the
 * one parse buffer (~4 MiB: a read plus the record it cut fit in it) — larger reads only touch more fresh pages.
 */
const FIRST_CHUNK = 1 << 22;
const CHUNK = 1 << 20;


/** Node's Buffer#utf8Slice: `toString('utf8', start, end)` without the encoding lookup (the hot path: one call per cell). */
type Utf8Sliceable = Buffer & { utf8Slice?: (start: number, end: number) => string };
const utf8: (buf: Buffer, start: number, end: number) => string =
  typeof (Buffer.prototype as Utf8Sliceable).utf8Slice === 'function'
    ? (buf, start, end) => (buf as Utf8Sliceable).utf8Slice!(start, end)
    : (buf, start, end) => buf.toString('utf8', start, end);

/**
 * One record of the scanner: its cells as spans `[start, end)` of the parse buffer (a quoted cell, unquoted
 * with its `""` undone, as a string), so a cell becomes a string only when asked for, and a number is read
 * straight from its bytes. Valid until the scanner reads the next record.
 */
export class CsvRecord {
  /** Number of cells. */
  count = 0;
  /** Line breaks inside quoted cells of the record. */
  innerLines = 0;
  private buf: Uint8Array = new Uint8Array(0);
  /** Start of each cell; −1 for a quoted cell (its text in `quoted`). */
  private starts = new Int32Array(16);
  private ends = new Int32Array(16);
  private quoted: string[] = [];

  reset(buf: Uint8Array): void {
    this.buf = buf;
    this.count = 0;
    this.innerLines = 0;
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2);
    starts.set(this.starts);
    const ends = new Int32Array(this.ends.length * 2);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  pushSpan(start: number, end: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  pushQuoted(text: string): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = -1;
    this.quoted[this.count] = text;
    this.count++;
  }

  /** The bytes the spans point into (valid while the record is). */
  get bytes(): Uint8Array {
    return this.buf;
  }

  /** Start of cell k in `bytes`, or −1 when it was quoted (its text only as a string); ends at `spanEnd(k)`. */
  spanStart(k: number): number {
    return this.starts[k];
  }

  spanEnd(k: number): number {
    return this.ends[k];
  }

  /** Cell k's text. */
  cell(k: number): string {
    const s = this.starts[k];
    if (s < 0) return this.quoted[k];
    const e = this.ends[k];
    return e > s ? utf8(this.buf as Buffer, s, e) : '';
  }

  /** Every cell's text. */
  cells(): string[] {
    const out = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.cell(k);
    return out;
  }

  /** Cell k as `parseNumber` reads it (same result), from the bytes when it is a plain decimal. */
  number(k: number): number | undefined {
    const s = this.starts[k];
    if (s >= 0) {
      const e = this.ends[k];
      const v = decimalFromBytes(this.buf, s, e);
      if (v === v) return v;
      if (surelyNotNumber(this.buf, s, e)) return undefined;
    }
    return parseNumber(this.cell(k));
  }

  /** Whether every cell is blank (whitespace only, as `String#trim` sees it). */
  blank(): boolean {
    for (let k = 0; k < this.count; k++) {
      const s = this.starts[k];
      if (s >= 0) {
        const e = this.ends[k];
        if (e === s) continue;
        const c = this.buf[s];
        // Printable ASCII other than a space: not blank, no need to decode.
        if (c > 0x20 && c < 0x7f) return false;
      }
      if (this.cell(k).trim() !== '') return false;
    }
    return true;
  }
}

/** Where the record being scanned is, for error messages (built only on error). */
interface ScanContext {
  where(): string;
}
const NOWHERE: ScanContext = { where: () => '' };

/**
 * Scan one record starting at `i` into `rec`. Returns the index just past the
 * record's line break (or the end of the data), or −1 when the record is not
 * complete in `buf[0, end)` and more bytes may follow (`eof` false).
 * @throws InputError on an unterminated quote or text after a closing quote.
 */
function scanRecord(buf: Buffer, i: number, end: number, eof: boolean, delim: number, nl: number, ctx: ScanContext, rec: CsvRecord): number {
  rec.reset(buf);
  let innerLines = 0;
  for (;;) {
    if (i < end && buf[i] === QUOTE) {
      let j = i + 1;
      let escaped = false;
      let close = -1;
      while (close < 0) {
        let q = j;
        while (q < end && buf[q] !== QUOTE) q++;
        if (q >= end) {
          if (!eof) return -1;
          throw new InputError(msg.csvSyntax(ctx.where(), 'a quoted cell is never closed (unmatched ")'));
        }
        if (q + 1 < end && buf[q + 1] === QUOTE) {
          escaped = true;
          j = q + 2;
        } else if (q + 1 >= end && !eof) return -1;
        else close = q;
      }
      for (let k = i + 1; k < close; k++) if (buf[k] === nl) innerLines++;
      let cell = utf8(buf, i + 1, close);
      if (escaped) cell = cell.replaceAll('""', '"');
      rec.pushQuoted(cell);
      let k = close + 1;
      if (nl === LF && k < end && buf[k] === CR) {
        if (k + 1 >= end && !eof) return -1;
        if (k + 1 >= end || buf[k + 1] === LF) k++;
      }
      if (k >= end) {
        if (!eof) return -1;
        rec.innerLines = innerLines;
        return k;
      }
      const c = buf[k];
      if (c === delim) {
        i = k + 1;
        continue;
      }
      if (c === nl) {
        rec.innerLines = innerLines;
        return k + 1;
      }
      throw new InputError(msg.csvSyntax(ctx.where(), `unexpected text after a closing quote (${JSON.stringify(String.fromCharCode(c))}); a quote inside a quoted cell is written ""`));
    }
    let j = i;
    while (j < end) {
      const c = buf[j];
      if (c === delim || c === nl) break;
      j++;
    }
    if (j >= end && !eof) return -1;
    let e = j;
    if (nl === LF && e > i && buf[e - 1] === CR && (j >= end || buf[j] === LF)) e--;
    rec.pushSpan(i, e);
    rec.innerLines = innerLines;
    if (j >= end) return j;
    if (buf[j] === delim) {
      i = j + 1;
      continue;
    }
    return j + 1;
  }
}

/** Papaparse's delimiter guess over the first (up to 10) complete records of the first chunk. */
function guessDelimiter(buf: Buffer, end: number, eof: boolean, nl: number): number {
  let best = DELIMITERS[0];
  let bestDelta: number | undefined;
  let maxFields: number | undefined;
  for (const delim of DELIMITERS) {
    let i = 0;
    let records = 0;
    let total = 0;
    let delta = 0;
    let prev: number | undefined;
    const r = new CsvRecord();
    try {
      while (i < end && records < 10) {
        const next = scanRecord(buf, i, end, eof, delim, nl, NOWHERE, r);
        if (next < 0) break;
        i = next;
        // Lines whose cells are all blank are skipped (papaparse's `skipEmptyLines: 'greedy'`).
        if (r.blank()) continue;
        records++;
        total += r.count;
        if (prev !== undefined) delta += Math.abs(r.count - prev);
        prev = r.count;
      }
    } catch {
      continue;
    }
    const avg = records > 0 ? total / records : 0;
    if ((bestDelta === undefined || delta <= bestDelta) && (maxFields === undefined || avg > maxFields) && avg > 1.99) {
      bestDelta = delta;
      maxFields = avg;
      best = delim;
    }
  }
  return best;
}

/**
 * Incremental parser: `push` byte chunks, then `end()`. Holds only the bytes
 * of the record being read between pushes.
 */
export class CsvParser implements ScanContext {
  private buf: Buffer = Buffer.alloc(0);
  private filled = 0;
  private started = false;
  private delim = DELIMITERS[0];
  private nl = LF;
  private line = 1;
  private row = 0;
  private width = -1;
  private decoder?: TextDecoder;
  private readonly rec = new CsvRecord();
  /** The visitor's plain-row lane, once the header is read (undefined: none). */
  private lane?: PlainRowLane;
  /** General records still to go before the lane is offered bytes again (it left the last ones it was offered). */
  private lanePause = 0;

  constructor(
    private readonly file: string,
    private readonly visitor: CsvVisitor,
  ) {}

  /** Append bytes and parse every record they complete. */
  push(chunk: Uint8Array): void {
    if (!this.started && this.filled + chunk.length < 4 && chunk.length > 0) {
      // Too few bytes to recognise a byte-order mark yet: keep them.
      this.append(chunk);
      return;
    }
    if (this.decoder) {
      this.append(Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'));
    } else this.append(chunk);
    this.drain(false);
  }

  /**
   * Read up to `max` bytes straight into the parse buffer with `read(buffer,
   * offset, length)` (no intermediate copy) and parse; returns the bytes read.
   */
  pushFrom(read: (buffer: Buffer, offset: number, length: number) => number, max: number): number {
    if (this.decoder) {
      const chunk = Buffer.allocUnsafe(max);
      const n = read(chunk, 0, max);
      if (n > 0) this.push(chunk.subarray(0, n));
      return n;
    }
    if (!this.started) max = Math.max(max, FIRST_CHUNK);
    this.reserve(this.filled + max);
    const n = read(this.buf, this.filled, max);
    this.filled += n;
    // As `push`: fewer than 4 bytes so far may be the start of a byte-order mark; wait for more.
    if (n > 0 && (this.started || this.filled >= 4)) this.drain(false);
    return n;
  }

  /** Parse what is left; checks the file had a header and rows. */
  end(): void {
    if (this.decoder) this.append(Buffer.from(this.decoder.decode(), 'utf8'));
    this.drain(true);
    if (this.width < 0) throw new InputError(msg.fileEmpty(this.file), { file: this.file });
    if (this.row === 0) throw new InputError(msg.noDataRows(this.file), { file: this.file });
  }

  private reserve(need: number): void {
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2, 1 << 16));
      this.buf.copy(grown, 0, 0, this.filled);
      this.buf = grown;
    }
  }

  private append(bytes: Uint8Array): void {
    const need = this.filled + bytes.length;
    this.reserve(need);
    this.buf.set(bytes, this.filled);
    this.filled = need;
  }

  /** Encoding checks on the first bytes: BOMs, UTF-16 without one; then the line break and delimiter. */
  private start(eof: boolean): void {
    this.started = true;
    const b = this.buf;
    if (this.filled >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.consume(3);
    else if (this.filled >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
      const encoding = b[0] === 0xff ? 'utf-16le' : 'utf-16be';
      try {
        this.decoder = new TextDecoder(encoding, { fatal: true });
      } catch {
        throw new InputError(msg.csvEncoding(this.file, encoding.toUpperCase(), 'this Node.js build cannot decode it'), { file: this.file });
      }
      const rest = this.buf.slice(2, this.filled);
      this.filled = 0;
      try {
        this.append(Buffer.from(this.decoder.decode(rest, { stream: !eof }), 'utf8'));
      } catch {
        throw new InputError(msg.csvEncoding(this.file, encoding.toUpperCase(), 'its bytes are not valid ' + encoding.toUpperCase()), { file: this.file });
      }
    } else {
      // Text without a BOM whose first bytes are one-in-two NULs is UTF-16 read as bytes.
      const n = Math.min(this.filled, 256);
      let nuls = 0;
      for (let k = 0; k < n; k++) if (b[k] === 0) nuls++;
      if (n >= 4 && nuls * 4 >= n) {
        throw new InputError(msg.csvEncoding(this.file, 'UTF-16 without a byte-order mark (NUL bytes between the characters)', 'save it as UTF-8'), { file: this.file });
      }
    }
    // Line breaks: \n (with \r\n), or old-Mac \r: a \r followed by another byte, and no \n in sight.
    const probe = this.buf.subarray(0, Math.min(this.filled, 1 << 16));
    const cr = probe.indexOf(CR);
    if (probe.indexOf(LF) < 0 && cr >= 0 && cr + 1 < probe.length) this.nl = CR;
    this.delim = guessDelimiter(this.buf, this.filled, eof, this.nl);
  }

  private consume(n: number): void {
    this.buf.copyWithin(0, n, this.filled);
    this.filled -= n;
  }

  /** The record being scanned: its data row (none for the header) and its first line. */
  where(): string {
    return msg.csvWhere(this.file, this.width < 0 ? undefined : this.row + 1, this.line);
  }

  private drain(eof: boolean): void {
    if (!this.started) {
      if (this.filled === 0 && !eof) return;
      this.start(eof);
    }
    const buf = this.buf;
    const end = this.filled;
    const r = this.rec;
    const visitor = this.visitor;
    let i = 0;
    while (i < end) {
      if (this.lane && this.lanePause === 0) {
        const got = this.lane.read(buf, i, end);
        this.row += got.rows;
        this.line += got.rows;
        i = got.next;
        if (got.rows === 0 && !got.incomplete) this.lanePause = LANE_PAUSE;
        if (i >= end) break;
        // The record the lane stopped at (one it leaves, or the incomplete last one) goes the general way.
      }
      const line = this.line;
      const next = scanRecord(buf, i, end, eof, this.delim, this.nl, this, r);
      if (next < 0) break;
      i = next;
      this.line += 1 + r.innerLines;
      // Lines whose cells are all blank are skipped (papaparse's `skipEmptyLines: 'greedy'`).
      if (r.blank()) continue;
      if (this.width < 0) {
        this.width = r.count;
        visitor.header(r.cells(), line);
        if (this.nl === LF) this.lane = visitor.plainRows?.(this.delim);
        continue;
      }
      if (this.lanePause > 0) this.lanePause--;
      this.row++;
      if (r.count !== this.width) {
        throw new InputError(msg.fieldCount(this.file, this.row, line, r.count, this.width), { file: this.file, row: this.row });
      }
      if (visitor.record) visitor.record(r, this.row, line);
      else visitor.row(r.cells(), this.row, line);
    }
    if (i > 0) this.consume(i);
    if (eof && this.filled > 0) throw new InputError(msg.csvSyntax(this.where(), 'incomplete record at the end of the file'));
  }
}

/** Header checks shared by every reader: trimmed names, no duplicates. */
export function checkHeader(file: string, cells: string[]): string[] {
  const header = cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (h !== '' && seen.has(h)) throw new InputError(msg.duplicateHeader(file, h), { file, column: h });
    seen.add(h);
  }
  return header;
}

/**
 * Stream a CSV file through `visitor` in 1 MiB chunks (the first 4 MiB); missing, unreadable and empty files are
 * `InputError`s. With `digest`, the bytes read are hashed as they arrive (SHA-256) and the digest is remembered
 * for the file (`rememberSha256`, ingest/files.ts): a fit record then fingerprints the bytes it was fitted on
 * without reading the file a second time.
 */
export function streamCsvFile(file: string, visitor: CsvVisitor, digest = false): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(msg.fileMissing(file), { file });
    throw new InputError(msg.fileUnreadable(file, code ?? String(e)), { file });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new InputError(msg.fileUnreadable(file, 'not a regular file'), { file });
    const parser = new CsvParser(file, visitor);
    const hash = digest ? createHash('sha256') : undefined;
    const read = (buffer: Buffer, offset: number, length: number): number => {
      let n: number;
      try {
        n = readSync(fd, buffer, offset, length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new InputError(msg.fileUnreadable(file, code ?? String(e)), { file });
      }
      hash?.update(buffer.subarray(offset, offset + n));
      return n;
    };
    while (parser.pushFrom(read, CHUNK) > 0);
    parser.end();
    if (hash) rememberSha256(file, hash.digest('hex'), stat);
  } finally {
    closeSync(fd);
  }
}

/** Stream CSV text (already decoded) through `visitor`, by the same parser as files. */
export function streamCsvText(text: string, file: string, visitor: CsvVisitor): void {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parser = new CsvParser(file, visitor);
  parser.push(Buffer.from(text, 'utf8'));
  parser.end();
}

/** Collect a whole table (small files: published coefficients, tests). */
function collector(file: string): { visitor: CsvVisitor; table: CsvTable } {
  const table: CsvTable = { file, header: [], rows: [], lines: [] };
  return {
    table,
    visitor: {
      header: (cells) => {
        table.header = checkHeader(file, cells);
      },
      row: (cells, _row, line) => {
        table.rows.push(cells);
        table.lines.push(line);
      },
    },
  };
}

/** Parse CSV text into a table. */
export function parseCsvText(text: string, file: string): CsvTable {
  const c = collector(file);
  streamCsvText(text, file, c.visitor);
  return c.table;
}

/** Read and parse a CSV file into a table (for small files; sweeps stream, see `loadSweep`). */
export function readCsv(file: string): CsvTable {
  const c = collector(file);
  streamCsvFile(file, c.visitor);
  return c.table;
}
