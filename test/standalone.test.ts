/**
 * The repository stands alone: nothing it ships, runs or tests names a file
 * outside it, and every citation of the project's method notes points at a
 * section that exists.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/paths.js';

/** Text files under the given repository paths (fixtures' data files excluded: they are third-party bytes). */
function textFiles(...roots: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else if (/\.(ts|md|json|sh|py)$/.test(p) || p.endsWith('/run')) {
      out.push(p);
    }
  };
  for (const r of roots) walk(join(repoRoot, r));
  return out;
}

const scanned = textFiles('src', 'test', 'scripts', 'docs', 'fits', 'README.md', '.ci', 'package.json');
// Built from parts so that this file does not match itself.
const outside = new RegExp(['\\.\\./', 'shared'].join('') + '|' + ['REFERENCE', '\\.md'].join(''));

describe('the repository stands alone', () => {
  it('no file names the workplace folder beside the repository or its reference notes', () => {
    const hits = scanned.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.test(line) ? [`${relative(repoRoot, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('every citation of a docs/method.md section names one of its headings', () => {
    const method = readFileSync(join(repoRoot, 'docs', 'method.md'), 'utf8');
    const anchors = new Set(
      [...method.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    const cited = new Set(scanned.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/method\.md#([a-z0-9-]+)/g)].map((m) => m[1])));
    expect(cited.size).toBeGreaterThan(3);
    for (const a of cited) expect(anchors, `docs/method.md has no section #${a}`).toContain(a);
  });
});
