/**
 * Validating a fit record read back from a file (issue 11 item 8): every field
 * the commands use is checked before use, so a damaged or hand-edited file —
 * e.g. a `null` coefficient, which is how JSON stores a non-finite number —
 * ends in ONE line naming the file and the field (InputError, exit 2), never in
 * `Cannot read properties of null`.
 *
 * Pure (the caller reads the bytes). One validator per record kind, dispatched
 * on `kind` by {@link parseFitRecord}; a new kind (e.g. the multi-slice
 * `steplaw-fit-slices` of `fit --by`) adds a case there and a validator here.
 */
import { InputError, msg } from '../messages.js';
import type { StepLawFit } from './steplaw-fit.js';

/** Path of a field, for messages: law.lr.coefN, bootstrap.samples[3][1]. */
type Path = string;

class Checker {
  constructor(readonly file: string) {}
  fail(field: Path, why: string): never {
    throw new InputError(msg.fitFileBad(this.file, field, why), { file: this.file, column: field });
  }
  object(v: unknown, field: Path): Record<string, unknown> {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(field, v === undefined ? 'is missing' : `is ${describe(v)}, expected an object`);
    return v as Record<string, unknown>;
  }
  array(v: unknown, field: Path): unknown[] {
    if (!Array.isArray(v)) this.fail(field, v === undefined ? 'is missing' : `is ${describe(v)}, expected an array`);
    return v;
  }
  finite(v: unknown, field: Path): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(field, v === null ? 'is null (a non-finite number when written: the fit did not identify it)' : v === undefined ? 'is missing' : `is ${describe(v)}, expected a finite number`);
    }
    return v;
  }
  positive(v: unknown, field: Path): number {
    const x = this.finite(v, field);
    if (!(x > 0)) this.fail(field, `is ${x}, expected a number > 0`);
    return x;
  }
  string(v: unknown, field: Path): string {
    if (typeof v !== 'string') this.fail(field, v === undefined ? 'is missing' : `is ${describe(v)}, expected a string`);
    return v;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 17) + '...' : v)}`;
  return typeof v === 'object' ? 'an object' : String(v);
}

/** Every field of a `steplaw-fit` record that reading it as a law uses. @throws InputError naming file and field */
export function validateStepLawFit(value: unknown, file: string): StepLawFit {
  const c = new Checker(file);
  const fit = c.object(value, '(top level)');
  if (fit.kind !== 'steplaw-fit') c.fail('kind', `is ${describe(fit.kind)}, expected "steplaw-fit"`);
  c.string(fit.method, 'method');
  c.string(fit.lawSource, 'lawSource');
  const law = c.object(fit.law, 'law');
  for (const part of ['lr', 'batch'] as const) {
    const p = c.object(law[part], `law.${part}`);
    for (const k of ['intercept', 'coefN', 'coefD'] as const) c.finite(p[k], `law.${part}.${k}`);
  }
  const options = c.object(fit.options, 'options');
  c.positive(options.band, 'options.band');
  const data = c.object(fit.data, 'data');
  c.finite(data.keptRuns, 'data.keptRuns');
  c.finite(data.groups, 'data.groups');
  c.array(data.files, 'data.files').forEach((f, i) => c.string(c.object(f, `data.files[${i}]`).path, `data.files[${i}].path`));
  if (data.range !== undefined) {
    const range = c.object(data.range, 'data.range');
    for (const axis of ['N', 'D'] as const) {
      const r = c.array(range[axis], `data.range.${axis}`);
      if (r.length !== 2) c.fail(`data.range.${axis}`, `has ${r.length} entries, expected [min, max]`);
      const lo = c.positive(r[0], `data.range.${axis}[0]`);
      const hi = c.positive(r[1], `data.range.${axis}[1]`);
      if (lo > hi) c.fail(`data.range.${axis}`, `is [${lo}, ${hi}]: min above max`);
    }
  } else {
    // Records written before the range was stored: the kept runs give it.
    const kept = c.array(fit.kept, 'kept');
    if (kept.length === 0) c.fail('kept', 'is empty and data.range is missing: the fitted range is unknown');
    kept.forEach((r, i) => {
      const o = c.object(r, `kept[${i}]`);
      c.positive(o.N, `kept[${i}].N`);
      c.positive(o.D, `kept[${i}].D`);
    });
  }
  if (fit.bootstrap !== undefined && fit.bootstrap !== null) {
    const b = c.object(fit.bootstrap, 'bootstrap');
    c.array(b.samples, 'bootstrap.samples').forEach((row, i) => {
      const r = c.array(row, `bootstrap.samples[${i}]`);
      if (r.length !== 6) c.fail(`bootstrap.samples[${i}]`, `has ${r.length} entries, expected 6 ([c0, cN, cD, b0, bN, bD])`);
      r.forEach((v, j) => c.finite(v, `bootstrap.samples[${i}][${j}]`));
    });
  }
  c.array(fit.warnings, 'warnings').forEach((w, i) => {
    const o = c.object(w, `warnings[${i}]`);
    c.string(o.code, `warnings[${i}].code`);
    c.string(o.message, `warnings[${i}].message`);
  });
  return value as StepLawFit;
}

/** A validated fit record of any kind steplaw reads back. */
export type FitRecord = { kind: 'steplaw-fit'; fit: StepLawFit };

/**
 * Validate a parsed fit file by its `kind`.
 * @throws InputError (one line: file and field) for an unknown kind or a bad field
 */
export function parseFitRecord(value: unknown, file: string): FitRecord {
  const kind = value !== null && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  switch (kind) {
    case 'steplaw-fit':
      return { kind, fit: validateStepLawFit(value, file) };
    default:
      throw new InputError(`${file}: not a steplaw fit file (expected "kind": "steplaw-fit")`, { file });
  }
}
