/**
 * Regenerate the report pictures the README and docs/report.md show:
 *   docs/report-1440.png — the first screen of `npm start`'s report at 1440 × 900 (verdict, comparison, prediction);
 *   docs/report-390.png  — the first screen on a 390 × 844 phone;
 *   docs/landscape-example.svg — one dense landscape (N = 2.147e8, D = 1e11) as written by the report.
 *
 * Run after a build: npm run build && npx tsx scripts/report-docs.ts
 * Needs Debian's chromium at /usr/bin/chromium (or STEPLAW_CHROMIUM).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { cliPath, packageRoot } from '../src/util/paths.js';

const root = packageRoot();
const work = mkdtempSync(join(tmpdir(), 'steplaw-docs-'));
const out = join(work, 'report');
// reproduce writes fits/ and report/ under --out-dir (one rule for every command).
const r = spawnSync(process.execPath, [cliPath(), 'reproduce', '--out-dir', work], {
  encoding: 'utf8',
});
if (r.status !== 0) throw new Error(`steplaw reproduce failed: ${r.stderr}`);
process.stdout.write(r.stdout);

mkdirSync(join(root, 'docs'), { recursive: true });
copyFileSync(join(out, 'landscape-dense-models-n-2-147e-8-d-1e-11.svg'), join(root, 'docs', 'landscape-example.svg'));

const context = await chromium.launchPersistentContext(join(work, 'profile'), {
  executablePath: process.env.STEPLAW_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
});
const page = await context.newPage();
await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
await page.screenshot({ path: join(root, 'docs', 'report-1440.png') });
await page.setViewportSize({ width: 390, height: 844 });
await page.screenshot({ path: join(root, 'docs', 'report-390.png') });
await context.close();
process.stdout.write('wrote docs/report-1440.png, docs/report-390.png and docs/landscape-example.svg\n');
