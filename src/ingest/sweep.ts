/**
 * Sweep ingester: CSV files → `Sweep` (typed runs in canonical units).
 *
 * Recognises the Step Law dense and MoE files by their headers (Repo
 * `data/*.csv`, REFERENCE.md §4): N = column `N` (non-embedding; total for
 * MoE), D = `D` tokens, lr = `lr`, batch = `bs` sequences × seq_len (the MoE
 * file's `seq_len` column, else `--seq-len`, default 2048), loss = `smooth loss`.
 * Any other CSV needs a column mapping (`--map N=params,D=tokens,...`), or
 * columns literally named N, D, lr, batch, loss.
 *
 * Bad input throws `InputError` naming file, row and column; non-finite losses
 * are kept, flagged and reported as warnings; duplicate grid cells are warned.
 */
import { InputError, msg, type Warning } from '../messages.js';
import type { AttrValue, Run, Sweep, SweepFormat } from '../sweep/types.js';
import { clusterLevels } from '../sweep/levels.js';
import { readCsv, type CsvTable } from './csv.js';
import { parseNumber } from './number.js';
import { own, setOwn } from '../util/own.js';

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
}

const ROLE_TEXT: Record<Role, string> = {
  N: 'model size N',
  D: 'data size D',
  lr: 'learning rate',
  batch: 'batch size',
  loss: 'loss',
};

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

function positive(table: CsvTable, r: number, column: string, cell: string, allowMissing: boolean): number {
  const v = parseNumber(cell);
  if (v === undefined) {
    if (cell.trim() === '') {
      if (allowMissing) return NaN;
      throw new InputError(msg.emptyCell(table.file, r + 1, column), { file: table.file, row: r + 1, column });
    }
    throw new InputError(msg.notANumber(table.file, r + 1, column, cell), { file: table.file, row: r + 1, column });
  }
  if (!(Number.isFinite(v) && v > 0)) {
    throw new InputError(msg.notPositive(table.file, r + 1, column, cell), { file: table.file, row: r + 1, column });
  }
  return v;
}

/** Convert one parsed table into runs. */
export function tableToRuns(
  table: CsvTable,
  options: IngestOptions = {},
): { format: SweepFormat; runs: Run[]; warnings: Warning[]; groupKeys: string[]; seqLen?: number } {
  const format = detectFormat(table.header);
  const base = format === 'mapped' ? DEFAULT_MAP : STEPLAW_MAP;
  const map: Required<ColumnMap> = { ...base, ...(options.map ?? {}) };
  let required = options.required ?? ROLES;
  if (options.batchTokens !== undefined) {
    if (!(Number.isFinite(options.batchTokens) && options.batchTokens > 0)) {
      throw new InputError(msg.badOption('--batch-tokens', String(options.batchTokens), 'a number of tokens > 0'));
    }
    if (table.header.includes(map.batch)) {
      throw new InputError(msg.batchTwice(table.file, map.batch), { file: table.file, column: map.batch });
    }
    required = required.filter((r) => r !== 'batch');
  }
  const batchInSequences = format === 'mapped' ? options.batchUnit === 'sequences' : options.batchUnit !== 'tokens';
  const seqLen = options.seqLen ?? 2048;
  if (!(Number.isInteger(seqLen) && seqLen > 0)) throw new InputError(msg.badOption('--seq-len', String(seqLen), 'a positive integer'));

  const col: Partial<Record<Role, number>> = {};
  for (const role of ROLES) {
    const idx = table.header.indexOf(map[role]);
    if (idx < 0) {
      if (required.includes(role)) {
        throw new InputError(msg.missingColumn(table.file, map[role], ROLE_TEXT[role], table.header), {
          file: table.file,
          column: map[role],
        });
      }
      continue;
    }
    col[role] = idx;
  }
  const seqLenCol = format === 'steplaw-moe' ? table.header.indexOf('seq_len') : -1;
  const roleCols = new Set(Object.values(col));

  const runs: Run[] = [];
  const nonFinite: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r];
    const get = (role: Role, allowMissing = false): number => {
      const c = col[role];
      if (c === undefined) return NaN;
      return positive(table, r, map[role], cells[c], allowMissing && !required.includes(role));
    };
    const N = get('N', true);
    const D = get('D', true);
    const lr = get('lr', true);
    let batchTokens = options.batchTokens ?? get('batch', true);
    if (batchInSequences && col.batch !== undefined) {
      const rowSeqLen = seqLenCol >= 0 ? positive(table, r, 'seq_len', cells[seqLenCol], false) : seqLen;
      batchTokens *= rowSeqLen;
    }
    let loss = NaN;
    const flags: Run['flags'] = [];
    if (col.loss !== undefined) {
      const cell = cells[col.loss];
      const v = parseNumber(cell);
      if (v === undefined) {
        throw new InputError(msg.notANumber(table.file, r + 1, map.loss, cell), {
          file: table.file,
          row: r + 1,
          column: map.loss,
        });
      }
      if (Number.isFinite(v) && v <= 0) {
        throw new InputError(msg.notPositive(table.file, r + 1, map.loss, cell), {
          file: table.file,
          row: r + 1,
          column: map.loss,
        });
      }
      loss = v;
      if (!Number.isFinite(v)) {
        flags.push('non-finite-loss');
        nonFinite.push(r + 1);
      }
    }
    const attrs: Record<string, AttrValue> = {};
    table.header.forEach((h, c) => {
      if (roleCols.has(c) || h === '') return;
      const v = parseNumber(cells[c]);
      setOwn(attrs, h, v !== undefined && Number.isFinite(v) ? v : cells[c]);
    });
    runs.push({ file: table.file, row: r + 1, N, D, lr, batchTokens, loss, attrs, flags });
  }

  const warnings: Warning[] = [];
  for (const row of nonFinite) {
    const cell = table.rows[row - 1][col.loss!];
    warnings.push({
      code: 'non-finite-loss',
      message: msg.nonFiniteLoss(table.file, row, map.loss, cell),
      file: table.file,
      row,
      column: map.loss,
    });
  }
  const groupKeys = format === 'steplaw-moe' ? ['moe_name'] : [];
  return { format, runs, warnings, groupKeys, seqLen: batchInSequences ? seqLen : undefined };
}

/** Warn about runs that occupy the same grid cell (same group, lr level and batch). */
export function duplicateCellWarnings(runs: Run[], groupKeys: string[]): Warning[] {
  const lrLevels = clusterLevels(runs.map((r) => r.lr));
  const cells = new Map<string, Run[]>();
  for (const run of runs) {
    const key = [
      ...groupKeys.map((k) => `${k}=${own(run.attrs, k) ?? ''}`),
      `N=${run.N}`,
      `D=${run.D}`,
      `lr=${lrLevels.values[lrLevels.indexOf(run.lr)]?.toPrecision(4) ?? run.lr}`,
      `batch=${run.batchTokens}`,
    ].join(', ');
    const list = cells.get(key);
    if (list) list.push(run);
    else cells.set(key, [run]);
  }
  const warnings: Warning[] = [];
  for (const [key, list] of cells) {
    if (list.length < 2) continue;
    const file = list[0].file;
    warnings.push({
      code: 'duplicate-cell',
      message: msg.duplicateCell(file, list.map((r) => r.row), key),
      file,
      count: list.length,
      detail: { rows: list.map((r) => ({ file: r.file, row: r.row })), cell: key },
    });
  }
  return warnings;
}

/** Load one or more CSV files into one Sweep. */
export function loadSweep(files: string[], options: IngestOptions = {}): Sweep {
  if (files.length === 0) throw new InputError('no input files given');
  const runs: Run[] = [];
  const warnings: Warning[] = [];
  const formats = new Set<SweepFormat>();
  const groupKeys = new Set<string>();
  let seqLen: number | undefined;
  for (const file of files) {
    const part = tableToRuns(readCsv(file), options);
    formats.add(part.format);
    part.groupKeys.forEach((k) => groupKeys.add(k));
    runs.push(...part.runs);
    warnings.push(...part.warnings);
    seqLen = seqLen ?? part.seqLen;
  }
  const keys = [...groupKeys];
  if (!(options.required && !options.required.includes('lr'))) warnings.push(...duplicateCellWarnings(runs, keys));
  const format: SweepFormat = formats.size === 1 ? [...formats][0] : 'mapped';
  return { files, format, runs, groupKeys: keys, seqLen, warnings };
}
