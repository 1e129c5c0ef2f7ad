/**
 * Every command the README shows runs as written on a fresh clone. The shell blocks are taken from
 * README.md itself: each `npx steplaw …` is run with the built CLI (what `npx steplaw` runs in the
 * repository), in a scratch folder that sees the repository's examples/, data/ and test/ folders, so
 * relative paths resolve as they do for a user in the repository and outputs land in the scratch folder.
 * The quick-start block (npm ci / npm start / npm test) is what CI itself runs (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './helpers/paths.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** Logical lines of the README's ```sh blocks (backslash continuations joined, comments dropped). */
function shellLines(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter(Boolean),
  );
}

/** A shell word list, for the simple quoting the README uses ('…' and bare words). */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

const work = mkdtempSync(join(tmpdir(), 'steplaw-readme-'));
for (const d of ['examples', 'data', 'test']) symlinkSync(join(repoRoot, d), join(work, d));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runSteplaw(command: string) {
  const w = words(command);
  expect(w.slice(0, 2), command).toEqual(['npx', 'steplaw']);
  return spawnSync(process.execPath, [cliPath, ...w.slice(2)], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

const lines = shellLines(readme);
const quickStart = lines.filter((l) => /^npm /.test(l));
const steplawLines = lines.filter((l) => !/^npm /.test(l));

describe('README commands run as written', () => {
  it('finds the quick start and the example commands', () => {
    expect(quickStart).toEqual(['npm ci && npm start', 'npm test']);
    expect(steplawLines.length).toBeGreaterThanOrEqual(4);
  });

  it('every shell command is `npx steplaw …` (a bare `steplaw` is not on PATH after npm ci)', () => {
    for (const line of steplawLines) for (const part of line.split('&&')) expect(part.trim(), line).toMatch(/^npx steplaw /);
  });

  for (const line of steplawLines) {
    it(line.slice(0, 90), () => {
      for (const part of line.split('&&')) {
        const r = runSteplaw(part.trim());
        expect(r.status, `${part}\n${r.stderr}`).toBe(0);
      }
    });
  }

  it('the complete examples of the commands table run too (reproduce is npm start, run by CI and test/jobs)', () => {
    const section = readme.slice(readme.indexOf('\n## Commands'), readme.indexOf('\n## ', readme.indexOf('\n## Commands') + 1));
    const table = section.split('\n').filter((l) => l.startsWith('| `steplaw '));
    const complete = table.map((l) => l.match(/^\| `(steplaw [^`]*)`/)![1]).filter((c) => !/[<>…|\[]/.test(c) && c !== 'steplaw reproduce');
    expect(complete).toEqual(['steplaw predict --N 7e9 --D 1.4e12', 'steplaw laws']);
    for (const c of complete) expect(runSteplaw(`npx ${c}`).status, c).toBe(0);
  });

  it('the script commands name scripts that exist', () => {
    for (const [, path] of readme.matchAll(/`npx tsx (scripts\/[\w-]+\.ts)/g)) expect(existsSync(join(repoRoot, path)), path).toBe(true);
    for (const [, path] of readme.matchAll(/`node (dist\/scripts\/[\w-]+\.js)/g)) expect(existsSync(join(repoRoot, path)), path).toBe(true);
  });

  it('the example fit recovers the published lr exponents within its 95% interval, as the README says', () => {
    expect(readme).toContain('the fit recovers the lr exponents −0.713 and 0.307 within its interval');
    const r = runSteplaw(
      'npx steplaw fit examples/my_sweep.csv --map N=params,D=tokens,lr=peak_lr,batch=bs,loss=final_loss --batch-unit sequences --seq-len 4096 --json',
    );
    const fit = JSON.parse(r.stdout);
    const ci = (term: string) => fit.lr.terms.find((t: { term: string }) => t.term === term).ci95 as [number, number];
    expect(ci('lnN')[0]).toBeLessThan(-0.713);
    expect(ci('lnN')[1]).toBeGreaterThan(-0.713);
    expect(ci('lnD')[0]).toBeLessThan(0.307);
    expect(ci('lnD')[1]).toBeGreaterThan(0.307);
  });
});
