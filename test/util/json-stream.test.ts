/**
 * The streamed JSON text must be byte for byte what JSON.stringify(v, null, 2) + '\n'
 * gives (the engine's serialiser is the oracle), for random nested values with every
 * rule of the algorithm in play, and at every chunk and subtree size, so that the
 * walk, the one-call subtrees and the array runs are all exercised.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_TEXT, jsonChunks, type JsonChunkOptions } from '../../src/util/json-stream.js';
import { printJson } from '../../src/cli/run.js';
import { Writable } from 'node:stream';
import { RunStore } from '../../src/sweep/run-store.js';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { fitStepLaw } from '../../src/laws/steplaw-fit.js';

/** The engine's text (or its error class; undefined when JSON.stringify returns undefined). */
function oracle(v: unknown): { text?: string; error?: string } {
  try {
    const s = JSON.stringify(v, null, 2);
    return s === undefined ? {} : { text: s + '\n' };
  } catch (e) {
    return { error: (e as Error).constructor.name };
  }
}

function streamed(v: unknown, options?: JsonChunkOptions): { text?: string; error?: string; chunks?: string[] } {
  try {
    const chunks = [...jsonChunks(v, options)];
    return { text: chunks.join(''), chunks };
  } catch (e) {
    return { error: (e as Error).constructor.name };
  }
}

/**
 * Equal texts; on a difference, the assertion shows only the neighbourhood of the first
 * differing character (a diff of two multi-megabyte strings would take minutes).
 */
function expectSameText(got: string | undefined, want: string): void {
  if (got === want) return;
  const g = got ?? '';
  let i = 0;
  while (i < g.length && i < want.length && g[i] === want[i]) i++;
  expect({ at: i, got: g.slice(Math.max(0, i - 40), i + 40), gotLength: g.length }).toEqual({ at: i, got: want.slice(Math.max(0, i - 40), i + 40), gotLength: want.length });
}

/** Strings with what JSON must escape or keep: quotes, backslashes, control characters, U+2028, lone surrogates, astral characters. */
const text = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\r', '\t', '\u0000', '\u001f', '\u2028', '\ud800', '\udfff', '😀', 'é', '__proto__', 'toJSON'), fc.string({ maxLength: 3 })),
  maxLength: 6,
});

/** Leaves: every primitive, including the ones JSON.stringify drops or turns into null, and the wrapper objects. */
const leaf = fc.oneof(
  fc.double(), // includes NaN, ±Infinity and -0
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e21, 5e-324, Number.MAX_VALUE),
  fc.integer(),
  text,
  fc.constantFrom(null, true, false, undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.double().map((x) => new Number(x)),
  text.map((s) => new String(s)),
  fc.boolean().map((b) => new Boolean(b)),
  fc.constantFrom(new Date(0), new Date(NaN)),
);

/** A value whose toJSON reports the key it was called with (so a wrong key changes the text). */
class Keyed {
  constructor(readonly inner: unknown) {}
  toJSON(key: string): unknown {
    return { key, inner: this.inner };
  }
}

/** An element that prints itself (JSON_TEXT) as JSON.stringify would print its toJSON: honoured in arrays only. */
class SelfPrinting {
  constructor(readonly inner: unknown) {}
  toJSON(): unknown {
    return { self: this.inner };
  }
  [JSON_TEXT](indent: string): string {
    return (JSON.stringify(this.toJSON(), null, 2) ?? 'null').replaceAll('\n', '\n' + indent);
  }
}

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object'), tie('special')),
  array: fc.oneof(fc.array(tie('tree'), { maxLength: 8 }), fc.sparseArray(tie('tree'), { maxLength: 6 })),
  object: fc.oneof(
    fc.dictionary(text, tie('tree'), { maxKeys: 6 }),
    fc.dictionary(text, tie('tree'), { maxKeys: 4 }).map((o) => Object.assign(Object.create(null), o) as unknown),
  ),
  special: fc.oneof(
    tie('tree').map((v) => new Keyed(v)),
    tie('tree').map((v) => new SelfPrinting(v)),
    fc.array(tie('tree').map((v) => new SelfPrinting(v)), { maxLength: 4 }),
    // toJSON returning undefined: left out of objects, null in arrays.
    fc.constant({ toJSON: () => undefined }),
    // toJSON is called once: the object it returns has its own toJSON, which must not be called.
    tie('tree').map((v) => ({ toJSON: () => ({ v, toJSON: () => 'called twice' }) })),
    // A function with a toJSON is serialised through it.
    tie('tree').map((v) => Object.assign(() => 0, { toJSON: (k: string) => [k, v] })),
    // A non-enumerable member and a symbol key are not printed.
    tie('tree').map((v) => Object.defineProperty({ [Symbol('k')]: 1, shown: v }, 'hidden', { value: 1, enumerable: false })),
  ),
}));

const options = fc.record({
  chunkChars: fc.constantFrom(1, 7, 64, 65536),
  smallChars: fc.constantFrom(0, 1, 40, 300, 16384),
});

describe('jsonChunks', () => {
  it('streams exactly the text of JSON.stringify(v, null, 2) + newline for random nested values', () => {
    fc.assert(
      fc.property(tree, options, (v, o) => {
        const want = oracle(v);
        const got = streamed(v, o);
        if (want.error) expect(got.error).toBe(want.error);
        else if (want.text === undefined) expect(got.error).toBe('TypeError');
        else expectSameText(got.text, want.text);
      }),
      { numRuns: 3000, seed: 20261201, endOnFailure: true },
    );
  });

  it('hand-checked texts: empty containers, dropped and nulled members, wrappers, -0 and non-finite numbers', () => {
    const v = { a: [], b: {}, u: undefined, f: () => 1, s: Symbol('x'), n: [undefined, () => 1, NaN, -Infinity, -0], w: [new Number(2), new String('x'), new Boolean(false)] };
    const want = '{\n  "a": [],\n  "b": {},\n  "n": [\n    null,\n    null,\n    null,\n    null,\n    0\n  ],\n  "w": [\n    2,\n    "x",\n    false\n  ]\n}\n';
    for (const smallChars of [0, 16384]) expect([...jsonChunks(v, { smallChars })].join('')).toBe(want);
    expect([...jsonChunks([1, [2, { k: 3 }]], { smallChars: 0 })].join('')).toBe('[\n  1,\n  [\n    2,\n    {\n      "k": 3\n    }\n  ]\n]\n');
  });

  it('calls toJSON with the property key, the array index as a string, and "" for the root', () => {
    const keys: string[] = [];
    const spy = { toJSON: (k: string) => (keys.push(k), k) };
    const v = { root: [spy, spy], x: spy, nested: { y: spy } };
    const text = [...jsonChunks({ toJSON: (k: string) => (keys.push(`root:${k}`), v) }, { smallChars: 0 })].join('');
    expect(keys).toEqual(['root:', '0', '1', 'x', 'y']);
    expect(JSON.parse(text)).toEqual({ root: ['0', '1'], x: 'x', nested: { y: 'y' } });
  });

  it('throws like JSON.stringify: a BigInt and a cycle are TypeErrors; a root with no JSON text too (JSON.stringify returns undefined)', () => {
    for (const smallChars of [0, 16384]) {
      expect(() => [...jsonChunks({ a: [1n] }, { smallChars })]).toThrow(TypeError);
      expect(() => [...jsonChunks(Object(1n), { smallChars })]).toThrow(TypeError);
      const cyclic: Record<string, unknown> = { a: 1 };
      cyclic.self = { back: cyclic };
      expect(() => [...jsonChunks(cyclic, { smallChars })]).toThrow(TypeError);
      for (const root of [undefined, () => 1, Symbol('s'), { toJSON: () => undefined }]) expect(() => [...jsonChunks(root, { smallChars })]).toThrow(TypeError);
    }
  });

  it('a repeated (not cyclic) object prints twice, as in JSON.stringify', () => {
    const shared = { k: [1, 2] };
    const v = { a: shared, b: [shared, shared] };
    expect([...jsonChunks(v, { smallChars: 0 })].join('')).toBe(JSON.stringify(v, null, 2) + '\n');
  });

  it('runs of a RunStore (StoredRun has toJSON; its own fields point at the whole store) stream as JSON.stringify prints them', () => {
    const store = new RunStore('runs/sweep "a".csv', ['name', '__proto__', 'seed']);
    for (let i = 0; i < 500; i++) {
      const loss = i % 97 === 5 ? NaN : 2 + i / 1000;
      store.add(i + 1, 1e8 * (1 + (i % 3)), 1e10, 1e-3 * (1 + (i % 5)), 2 ** (18 + (i % 3)), loss, Number.isNaN(loss), [`r${i}-é`, i % 2 ? 'odd' : 'even', i % 4 === 0 ? '' : i]);
    }
    const record = { kind: 'steplaw-fit', kept: store.runs, first: store.run(0), warnings: [] };
    const want = JSON.stringify(record, null, 2) + '\n';
    expect(want).toContain('"__proto__": "odd"');
    expect(want).toContain('"loss": null');
    for (const o of [{}, { smallChars: 0, chunkChars: 100 }, { smallChars: 300, chunkChars: 1000 }]) expectSameText([...jsonChunks(record, o)].join(''), want);
  });

  it("a fit record's kept runs, printed from the columns (JSON_TEXT), are what JSON.stringify prints of their toJSON", () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-json-'));
    // A file name JSON must escape (quote, backslash, non-ASCII, a control character).
    const file = join(dir, 'sweep "q" \\ é \u0001.csv');
    const rows = ['N,D,lr,batch,loss'];
    for (const [N, D] of [[1e8, 1e10], [3e8, 2e10], [1e9, 5e10], [2.5e8, 8e10], [6e8, 3e10], [1.5e9, 1.2e11]]) {
      for (const lr of [1e-4, 3e-4, 1e-3, 3e-3]) for (const b of [65536, 131072, 262144]) {
        const loss = 2 + 0.002 * Math.log(lr / (0.01 * N ** -0.3)) ** 2 + 0.001 * Math.log(b / (D ** 0.5 / 2)) ** 2 + 1e-7 * (N / 1e8);
        rows.push(`${N},${D},${lr},${b},${loss}`);
      }
    }
    writeFileSync(file, rows.join('\n') + '\n');
    const sweep = loadSweep([file], { batchUnit: 'tokens' });
    const fit = fitStepLaw(groupSweep(sweep).grids, { bootstrap: 20, band: 0.05 });
    expect(fit.kept.length).toBeGreaterThan(6);
    expect(typeof (fit.kept[0] as unknown as Record<symbol, unknown>)[JSON_TEXT]).toBe('function');
    const want = JSON.stringify(fit, null, 2) + '\n';
    expect(want).toContain('"file": "' + file.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replace('\u0001', '\\u0001') + '"');
    for (const o of [{}, { smallChars: 0, chunkChars: 100 }, { smallChars: 300, chunkChars: 1000 }]) expectSameText([...jsonChunks(fit, o)].join(''), want);
  });

  it('chunks stay bounded: a 20,000-element array comes in many chunks, none much longer than the chunk size', () => {
    const big = { kept: Array.from({ length: 20_000 }, (_, i) => ({ row: i, group: `N=1e+8 D=${i}`, lr: i / 7, flags: [] })) };
    const want = JSON.stringify(big, null, 2) + '\n';
    const chunks = [...jsonChunks(big, { chunkChars: 4096, smallChars: 1000 })];
    expectSameText(chunks.join(''), want);
    expect(chunks.length).toBeGreaterThan(want.length / (2 * 4096));
    // A chunk is the chunk size plus at most one run of elements estimated at ≤ 1000 characters (each element prints ~120).
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(4096 + 3000);
  });

  it('a huge string value is one piece of its own, not joined with the text around it beyond one chunk', () => {
    const s = 'x'.repeat(200_000);
    const chunks = [...jsonChunks({ a: 1, s, b: [2] }, { chunkChars: 1000 })];
    expectSameText(chunks.join(''), JSON.stringify({ a: 1, s, b: [2] }, null, 2) + '\n');
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(200_000 + 1000 + 20);
  });
});

describe('printJson', () => {
  it('writes the bytes of JSON.stringify(v, null, 2) + newline to a stream, waiting when the reader is slow (a 20,000-element record through a 1 KiB buffer)', async () => {
    const value = { kind: 'x', kept: Array.from({ length: 20_000 }, (_, i) => ({ row: i, lr: i / 7, group: `N=${i % 13}` })), tail: [NaN, -0, 'é'] };
    const got: Buffer[] = [];
    let waits = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        got.push(Buffer.from(chunk));
        setImmediate(done);
      },
    });
    slow.on('drain', () => waits++);
    await printJson(value, slow);
    await new Promise<void>((resolve) => slow.end(resolve));
    expect(Buffer.concat(got).toString('utf8')).toBe(oracle(value).text);
    expect(waits).toBeGreaterThan(10);
  });
});

describe('the old replacer', () => {
  it("the streamed text is what the old replacer (non-finite → null) printed: JSON.stringify's default does the same", () => {
    const replacer = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
    fc.assert(
      fc.property(tree, (v) => {
        let old: string | undefined;
        let oldError: string | undefined;
        try {
          const text = JSON.stringify(v, replacer, 2) as string | undefined;
          old = text === undefined ? undefined : text + '\n';
        } catch (e) {
          oldError = (e as Error).constructor.name;
        }
        // An error, or a root with no JSON text (which the stream refuses with a TypeError).
        if (oldError) expect(streamed(v).error).toBe(oldError);
        else if (old === undefined) expect(streamed(v).error).toBe('TypeError');
        else expect(streamed(v).text).toBe(old);
      }),
      { numRuns: 2000, seed: 20261201, endOnFailure: true },
    );
  });
});
