/**
 * JSON text in bounded pieces: `jsonChunks(value)` yields, chunk by chunk,
 * exactly the text of `JSON.stringify(value, null, 2) + '\n'` without ever
 * holding that text as one string. A 2,000,000-run fit record is ~38 MB of
 * JSON; building it whole (and then its UTF-8 copy) costs ~80 MB of fresh
 * memory, and on a machine where first-touched pages are expensive that is a
 * visible share of the run (issue #11).
 *
 * The walk follows the ECMAScript JSON.stringify algorithm (ECMA-262
 * §25.5.2, SerializeJSONProperty / SerializeJSONObject / SerializeJSONArray)
 * with gap = two spaces:
 * - a value with a callable `toJSON` is replaced by `toJSON(key)`, called once,
 *   with the property key (an array index as a string; '' for the root);
 * - Number, String, Boolean and BigInt wrapper objects are unwrapped;
 * - non-finite numbers print as `null`, -0 as `0`; a BigInt throws TypeError;
 * - in objects, members whose value is undefined, a function or a symbol are
 *   left out; in arrays such elements print as `null` (holes too);
 * - keys are the own enumerable string keys in their order (Object.keys);
 * - empty objects and arrays print as `{}` and `[]`; a cycle throws TypeError.
 *
 * Containers are walked member by member; a subtree estimated to be small
 * (below `SMALL_SUBTREE_CHARS` characters, no `toJSON` inside) is handed to
 * JSON.stringify whole, and so is a run of such small elements of an array
 * (as one slice, brackets cut off), then re-indented by inserting the current
 * indentation after each newline (JSON string text never contains a raw
 * newline, so every newline of JSON.stringify's output is structural).
 *
 * An array element may print itself: an object with a `[JSON_TEXT](indent)`
 * method is printed as what the method returns, its toJSON not called. The
 * method promises the text JSON.stringify would give (below); a kept run read
 * from columns uses it to print straight from the columns, where its toJSON
 * object and the re-indentation of its text cost ~10 times the text's size in
 * short-lived memory (a 2,000,000-run fit: ~390 MB for 38 MB of JSON).
 *
 * Unlike JSON.stringify, a root with no JSON text (undefined, a function, a
 * symbol) throws TypeError rather than producing the non-JSON "undefined".
 */
import { types } from 'node:util';

/** Characters per yielded chunk (a chunk may exceed it by at most one piece: one small subtree or one string value). */
export const JSON_CHUNK_CHARS = 1 << 16;

/** Estimated characters below which a subtree (or a run of array elements) is serialised by one JSON.stringify call. */
export const SMALL_SUBTREE_CHARS = 16384;

/** Sizes of the pieces; the defaults suit files, tests set small ones to exercise every path. */
export interface JsonChunkOptions {
  /** Characters per yielded chunk (default JSON_CHUNK_CHARS). */
  chunkChars?: number;
  /** Estimated characters below which a subtree is left to one JSON.stringify call (default SMALL_SUBTREE_CHARS; 0: walk everything). */
  smallChars?: number;
}

const GAP = '  ';

/**
 * The method by which an array element prints itself: `[JSON_TEXT](indent)` returns exactly the text of
 * `JSON.stringify(element, null, 2)` with `indent` inserted after each of its newlines (the element's first
 * line starts where the writer is; `indent` is the indentation of the element's own lines).
 */
export const JSON_TEXT: unique symbol = Symbol('steplaw.jsonText');

/** What an element that prints itself implements. */
export interface PrintsJson {
  [JSON_TEXT](indent: string): string;
}

/** A number's JSON text, as JSON.stringify prints it: non-finite numbers as null, −0 as 0. */
export function jsonNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

/** Whether an element prints itself (`JSON_TEXT`). */
function printsItself(v: unknown): v is PrintsJson {
  return typeof v === 'object' && v !== null && typeof (v as Partial<PrintsJson>)[JSON_TEXT] === 'function';
}

/** Marker: the element at the cursor is not resolved yet. */
const UNRESOLVED: unique symbol = Symbol('unresolved');

/** Marker for a value with no JSON text (left out of objects, null in arrays). */
const ABSENT: unique symbol = Symbol('absent');

/**
 * Yield the text of `JSON.stringify(value, null, 2) + '\n'` in chunks of about `options.chunkChars` characters.
 * @throws TypeError for a BigInt, a cycle, or a root that has no JSON text.
 * @example [...jsonChunks({ a: [1, 2] })].join('') === '{\n  "a": [\n    1,\n    2\n  ]\n}\n'
 */
export function* jsonChunks(value: unknown, options: JsonChunkOptions = {}): Generator<string, void, undefined> {
  const out = new JsonStreamWriter(options.chunkChars ?? JSON_CHUNK_CHARS, options.smallChars ?? SMALL_SUBTREE_CHARS);
  const root = resolve('', value);
  if (root === ABSENT) throw new TypeError('JSON: the value has no JSON text (undefined, a function or a symbol)');
  yield* out.value(root, '');
  out.push('\n');
  const rest = out.flush();
  if (rest.length > 0) yield rest;
}

/**
 * SerializeJSONProperty's first steps: call `toJSON(key)` if the value has one,
 * unwrap Number/String/Boolean/BigInt objects; undefined, functions and symbols become ABSENT.
 */
function resolve(key: string, v: unknown): unknown {
  if ((typeof v === 'object' && v !== null) || typeof v === 'function' || typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = toJSON.call(v, key);
  }
  if (typeof v === 'object' && v !== null && types.isBoxedPrimitive(v)) {
    if (types.isNumberObject(v)) v = Number(v);
    else if (types.isStringObject(v)) v = String(v);
    else if (types.isBooleanObject(v)) v = Boolean.prototype.valueOf.call(v);
    else if (types.isBigIntObject(v)) v = BigInt.prototype.valueOf.call(v);
  }
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return ABSENT;
  return v;
}

/** The JSON text of a resolved primitive, or undefined for an object. */
function primitiveText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return jsonNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return v === null ? 'null' : undefined;
  }
}

/**
 * Whether JSON.stringify may print `v` (an already resolved object) whole: no
 * `toJSON` anywhere in it (those are called by the walk, once, with their key)
 * and an estimated text shorter than `budget` characters. Stops early once the
 * budget is spent, so a large or cyclic value costs no more than `budget` steps.
 */
function isSmall(v: object, budget: number): boolean {
  return spend(v, budget) >= 0;
}

function spend(v: unknown, budget: number): number {
  if (typeof v === 'string') return budget - v.length - 2;
  // A BigInt throws (or has a toJSON on its prototype): the walk handles it, as it does a function with a toJSON.
  if (typeof v === 'bigint') return -1;
  if (typeof v === 'function') return typeof (v as { toJSON?: unknown }).toJSON === 'function' ? -1 : budget - 8;
  if (typeof v !== 'object' || v === null) return budget - 8;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return -1;
  budget -= 4;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && budget >= 0; i++) budget = spend(v[i], budget - 4);
    return budget;
  }
  if (types.isBoxedPrimitive(v)) return budget - 8;
  // for-in (no key array made): inherited enumerable keys only over-estimate, and order does not matter here.
  for (const k in v) {
    if (budget < 0) break;
    budget = spend((v as Record<string, unknown>)[k], budget - k.length - 8);
  }
  return budget;
}

/** Collects pieces of text and hands them out in chunks; walks containers member by member. */
class JsonStreamWriter {
  private pieces: string[] = [];
  private length = 0;
  /** The containers being walked, to refuse a cycle as JSON.stringify does. */
  private readonly stack: object[] = [];

  constructor(
    private readonly chunkChars: number,
    private readonly smallChars: number,
  ) {}

  push(s: string): void {
    this.pieces.push(s);
    this.length += s.length;
  }

  /** The collected text (and an empty collector). */
  flush(): string {
    const s = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join('');
    this.pieces = [];
    this.length = 0;
    return s;
  }

  /** Emit the text of a resolved value whose first line starts at indentation `indent`. */
  *value(v: unknown, indent: string): Generator<string, void, undefined> {
    const text = primitiveText(v);
    if (text !== undefined) {
      this.push(text);
    } else if (isSmall(v as object, this.smallChars)) {
      const whole = JSON.stringify(v, null, GAP);
      this.push(indent === '' ? whole : whole.replaceAll('\n', '\n' + indent));
    } else {
      if (this.stack.includes(v as object)) throw new TypeError('Converting circular structure to JSON');
      this.stack.push(v as object);
      if (Array.isArray(v)) yield* this.array(v, indent);
      else yield* this.object(v as Record<string, unknown>, indent);
      this.stack.pop();
    }
    if (this.length >= this.chunkChars) yield this.flush();
  }

  private *array(a: readonly unknown[], stepback: string): Generator<string, void, undefined> {
    const n = a.length;
    if (n === 0) {
      this.push('[]');
      return;
    }
    const indent = stepback + GAP;
    // Each element is resolved once (its toJSON called once, with its index as the key), unless it prints
    // itself (JSON_TEXT). A run of resolved elements that are small (no toJSON left inside) is printed by one
    // JSON.stringify of the run (its brackets cut off); an element that prints itself ends the run before it.
    // `next`: element i resolved, or UNRESOLVED.
    let next: unknown = UNRESOLVED;
    for (let i = 0; i < n; ) {
      this.push(i === 0 ? '[\n' + indent : ',\n' + indent);
      if (next === UNRESOLVED) {
        const e = a[i];
        if (printsItself(e)) {
          this.push(e[JSON_TEXT](indent));
          i++;
          if (this.length >= this.chunkChars) yield this.flush();
          continue;
        }
        next = resolve(String(i), a[i]);
      }
      const run: unknown[] = [];
      let budget = this.smallChars;
      // `v`: element j resolved (UNRESOLVED: it prints itself); the run holds elements i … j − 1.
      let j = i;
      let v = next;
      for (;;) {
        const r = v === ABSENT ? null : v;
        budget = spend(r, budget - 4);
        if (budget < 0) break;
        run.push(r);
        if (++j >= n) break;
        if (printsItself(a[j])) {
          v = UNRESOLVED;
          break;
        }
        v = resolve(String(j), a[j]);
      }
      if (run.length >= 2) {
        const text = JSON.stringify(run, null, GAP);
        const body = text.slice(2 + GAP.length, text.length - 2);
        this.push(stepback === '' ? body : body.replaceAll('\n', '\n' + stepback));
        i = j;
        next = v;
        if (this.length >= this.chunkChars) yield this.flush();
      } else {
        // Element i alone: it did not fit a run (j = i, `v` is it), or fitted alone (j = i + 1, it is run[0]).
        const vi = run.length === 1 ? run[0] : v;
        if (vi === ABSENT) this.push('null');
        else yield* this.value(vi, indent);
        i++;
        next = run.length === 1 ? v : UNRESOLVED;
      }
    }
    this.push('\n' + stepback + ']');
  }

  private *object(o: Record<string, unknown>, stepback: string): Generator<string, void, undefined> {
    const indent = stepback + GAP;
    let first = true;
    for (const k of Object.keys(o)) {
      const v = resolve(k, o[k]);
      if (v === ABSENT) continue;
      this.push((first ? '{\n' : ',\n') + indent + JSON.stringify(k) + ': ');
      first = false;
      yield* this.value(v, indent);
    }
    this.push(first ? '{}' : '\n' + stepback + '}');
  }
}
