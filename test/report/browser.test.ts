/**
 * Browser test (issue 6 acceptance): headless Chromium (Debian's `chromium`,
 * installed by .ci/run) opens the report from disk; the page logs no console
 * error, makes no network request, every figure is present and non-empty, the
 * tables are there, and a screenshot is written. A second page, built from a
 * CSV whose run names are script/markup, shows them as text and runs nothing.
 *
 * Chromium missing is a FAILURE with a clear message, never a silent skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadSweep } from '../../src/ingest/sweep.js';
import { groupSweep } from '../../src/sweep/grid.js';
import { writeReport } from '../../src/report/write.js';
import { standaloneReport } from '../../src/report/standalone.js';
import { resolveLaw } from '../../src/laws/catalog.js';
import { FIXTURE_FIGURES, fullReportInput } from './fixture.js';
import { EVIL_NAME, writeEvilCsv } from './evil.js';
import { cliPath } from '../helpers/paths.js';

export const CHROMIUM = process.env.STEPLAW_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PageLog {
  errors: string[];
  requests: string[];
  dialogs: string[];
}

let context: BrowserContext;
const work = mkdtempSync(join(tmpdir(), 'steplaw-browser-'));

async function open(path: string): Promise<{ page: Page; log: PageLog }> {
  const page = await context.newPage();
  const log: PageLog = { errors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) log.requests.push(r.url());
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, log };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The report's browser test needs Debian's chromium: apt-get install -y chromium (.ci/run installs it), or set STEPLAW_CHROMIUM to a Chromium binary.`,
    );
  }
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1320, height: 1000 },
  });
});

afterAll(async () => {
  await context?.close();
});

describe('report in headless Chromium', () => {
  it('opens from disk with no console error or network request; every figure and table is present and non-empty; screenshot written', async () => {
    const path = await writeReport(fullReportInput(), join(work, 'full'));
    const { page, log } = await open(path);

    const figures = await page.$$eval('figure.figure', (els) =>
      els.map((el) => {
        const svg = el.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: el.id,
          kind: el.getAttribute('data-kind'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          // data marks (inside vega's mark groups) and texts (title, axes, legend)
          marks: svg ? svg.querySelectorAll('g[class*="role-mark"] > path, g[class*="role-mark"] > line, g[class*="role-mark"] > text').length : 0,
          texts: svg ? svg.querySelectorAll('text').length : 0,
          title: svg?.querySelector('.role-title-text text')?.textContent ?? '',
        };
      }),
    );
    const counts: Record<string, number> = {};
    for (const f of figures) counts[f.kind ?? ''] = (counts[f.kind ?? ''] ?? 0) + 1;
    expect(counts).toEqual(FIXTURE_FIGURES);
    for (const f of figures) {
      expect(f.width, f.id).toBeGreaterThan(200);
      expect(f.height, f.id).toBeGreaterThan(150);
      expect(f.marks, f.id).toBeGreaterThan(3);
      expect(f.texts, f.id).toBeGreaterThan(4);
      expect(f.title, f.id).not.toBe('');
    }
    const tables = await page.$$eval('figure.table', (els) => els.map((el) => ({ id: el.id, rows: el.querySelectorAll('tbody tr').length })));
    expect(tables.map((t) => t.id)).toEqual(['validation', 'compare', 'reproduction']);
    for (const t of tables) expect(t.rows).toBeGreaterThan(0);

    const shot = join(work, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');

    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    expect(log.dialogs).toEqual([]);
    await page.close();
  });

  it('the report `npm start` writes (steplaw reproduce): ≤ 1.2 MB, every figure an accessible image, no console error; the decision on the first screen at 1440 px; no sideways scroll at 390 px', async () => {
    const dir = join(work, 'main');
    const r = spawnSync(process.execPath, [cliPath, 'reproduce', '--out-dir', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const html = join(dir, 'report', 'index.html');
    expect(statSync(html).size).toBeLessThanOrEqual(1_200_000);
    const { page, log } = await open(html);
    const figures = await page.$$eval('figure.figure', (els) =>
      els.map((el) => {
        const svg = el.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const named = (svg?.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
        return {
          id: el.id,
          kind: el.getAttribute('data-kind') ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          role: svg?.getAttribute('role') ?? '',
          name: named[0] ?? '',
          desc: named[1] ?? '',
          markAria: svg ? svg.querySelectorAll('[aria-label], [aria-roledescription]').length : -1,
        };
      }),
    );
    const kinds = new Set(figures.map((f) => f.kind));
    for (const k of ['landscape', 'fit', 'forest', 'loss-observed', 'loss-frontier', 'convexity', 'dots']) expect(kinds.has(k), k).toBe(true);
    // 17 dense + 16 MoE landscapes (the released groups).
    expect(figures.filter((f) => f.kind === 'landscape')).toHaveLength(33);
    for (const f of figures) {
      expect(f.width, f.id).toBeGreaterThan(200);
      expect(f.height, f.id).toBeGreaterThan(120);
      expect(f.role, f.id).toBe('img');
      expect(f.name.length, f.id).toBeGreaterThan(0);
      expect(f.desc.length, f.id).toBeGreaterThan(0);
      expect(f.markAria, f.id).toBe(0);
    }
    // the accessibility tree sees each figure as one named image
    const images = await page.getByRole('img').count();
    expect(images).toBe(figures.length);

    // First screen at 1440 × 900: the verdict, the comparison table and the prediction panel.
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const id of ['verdict', 'comparison', 'prediction']) {
      const box = await page.locator(`#${id}`).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.y, id).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, id).toBeLessThanOrEqual(900);
      expect(box!.x + box!.width, id).toBeLessThanOrEqual(1440);
    }
    await page.screenshot({ path: join(work, 'report-1440.png') });

    // A 390 px phone: nothing scrolls sideways (the page, not inner table scrollers).
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: join(work, 'report-390.png') });

    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    await page.close();
  });

  it('shows hostile run names from a CSV as text and runs nothing', async () => {
    const { file } = writeEvilCsv();
    const { grids } = groupSweep(loadSweep([file]));
    const input = standaloneReport([{ label: 'evil sweep', source: 'evil.csv', grids }], {
      laws: [resolveLaw('steplaw-rounded')],
      context: (g) => ({ N: g.N, D: g.D }),
    });
    const path = await writeReport(input, join(work, 'evil'));
    const { page, log } = await open(path);
    const counts = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script').length,
      imgs: document.querySelectorAll('img').length,
      text: document.body.innerText,
      figures: document.querySelectorAll('figure.figure svg').length,
    }));
    expect(counts.scripts).toBe(0);
    expect(counts.imgs).toBe(0);
    expect(counts.figures).toBe(1);
    // the run name appears verbatim as text (in the optima table)
    expect(counts.text).toContain(EVIL_NAME);
    // and in the figure's caption and the grid minimum's hover title, as text
    const figText = await page.$eval('figure.figure figcaption', (el) => el.textContent ?? '');
    expect(figText).toContain('<script>alert(1)</script>');
    const svgText = await page.$eval('figure.figure svg', (el) => el.textContent ?? '');
    expect(svgText).toContain('<script>alert(1)</script>');
    expect(log.dialogs).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(log.requests).toEqual([]);
    await page.close();
  });
});
