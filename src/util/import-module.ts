/**
 * `import(specifier)` for the packages the command line loads on demand (vega and vega-lite, report/svg.ts).
 *
 * The installed command line runs its bundle through V8's code cache (src/cli/launch.cts): compiled with
 * `vm.Script` and `cachedData`. In Node 20 a script restored from a code cache has lost its dynamic-import
 * callback, and an `import()` inside it fails with "A dynamic import callback was not specified". The launcher
 * therefore hands the bundle its own `import()` as the wrapper parameter `__steplawImport`; everywhere else
 * (tests, the compiled modules under dist/src, the bundle run directly) the name is unbound and the plain
 * `import()` is used.
 */
declare const __steplawImport: ((specifier: string) => Promise<unknown>) | undefined;

export function importModule<T>(specifier: string): Promise<T> {
  return (typeof __steplawImport === 'function' ? __steplawImport(specifier) : import(specifier)) as Promise<T>;
}
