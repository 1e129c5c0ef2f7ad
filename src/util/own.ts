/**
 * Lookups by a key the user gave (a column name, `--by`, `--target`): only the
 * object's own properties count, so `constructor`, `toString` or `__proto__`
 * never reach Object.prototype (`--by constructor` once made a slice named
 * `function Object() { [native code] }`).
 */

/**
 * `obj[key]` when `key` is an own property of `obj`, else undefined.
 * @example own({ a: 1 }, 'constructor'); // => undefined
 */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * Set `obj[key] = value` as an own data property, also for `__proto__` (a
 * plain assignment would set the prototype instead and lose the value).
 * @example const o = {}; setOwn(o, '__proto__', 1); Object.keys(o); // => ['__proto__']
 */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
