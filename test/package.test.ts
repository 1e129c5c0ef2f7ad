/**
 * What the npm package ships and depends on: the tarball holds the built library, the bundled CLI and the released
 * data (no benchmark scripts, no tests), the versions the byte-exact SVG snapshots depend on are pinned,
 * test-only libraries are devDependencies, and the published package.json has no install-time script.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'steplaw-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('ships dist/src, the CLI (dist/steplaw.cjs, the bin, with its bundle and code cache), the WebAssembly kernels and data/ only (besides package.json, README, LICENSE)', () => {
    // --ignore-scripts: list the files without building or touching package.json while other tests run.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const files: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    const outside = files.filter((f) => !/^(dist\/src\/|data\/)/.test(f) && !['package.json', 'README.md', 'LICENSE', 'dist/steplaw.cjs', 'dist/steplaw-bundle.cjs', 'dist/steplaw-bundle.cache', 'dist/plain-rows.wasm', 'dist/cluster-draws.wasm', 'dist/qr-columns.wasm'].includes(f));
    expect(files).toContain(pkg.bin.steplaw);
    // Without it the reader still works, only slower: nothing else would notice it missing.
    expect(files).toContain('dist/plain-rows.wasm');
    expect(files).toContain('dist/cluster-draws.wasm');
    expect(files).toContain('dist/qr-columns.wasm');
    expect(outside).toEqual([]);
    expect(files).toContain('data/steplaw/dense_lr_bs_loss.csv');
    expect(files.filter((f) => /bench|scripts\//.test(f))).toEqual([]);
  });

  it('pins exactly the vega and vega-lite the SVG snapshots were made with', () => {
    for (const name of ['vega', 'vega-lite']) {
      expect(pkg.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[`node_modules/${name}`].version, name).toBe(pkg.dependencies[name]);
    }
  });

  it('keeps libraries used only by tests out of the runtime dependencies', () => {
    expect(pkg.dependencies['ml-levenberg-marquardt']).toBeUndefined();
    expect(pkg.devDependencies['ml-levenberg-marquardt']).toBeDefined();
  });

  it('publishes a package.json without `prepare`, and restores the repository one after packing', () => {
    copyFileSync(join(repoRoot, 'package.json'), join(work, 'package.json'));
    const script = join(repoRoot, 'scripts', 'pack-manifest.mjs');
    expect(spawnSync(process.execPath, [script, 'strip'], { cwd: work }).status).toBe(0);
    const packed = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'));
    expect(packed.scripts.prepare).toBeUndefined();
    expect(packed.bin).toEqual(pkg.bin);
    expect(spawnSync(process.execPath, [script, 'restore'], { cwd: work }).status).toBe(0);
    expect(readFileSync(join(work, 'package.json'), 'utf8')).toBe(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepack).toContain('pack-manifest.mjs strip');
    expect(pkg.scripts.postpack).toContain('pack-manifest.mjs restore');
  });
});
