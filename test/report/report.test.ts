/**
 * The assembled report: every figure kind present, ids unique, a single
 * self-contained page (no script, no remote resource, CSP), deterministic
 * bytes, standalone SVG files identical to the inline ones, CSV text escaped;
 * and the `steplaw report` command end to end on a CSV with hostile run names.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, writeReport } from '../../src/report/write.js';
import { CSP } from '../../src/report/html.js';
import { runCli } from '../helpers/cli.js';
import { runReport } from '../../src/cli/commands/report.js';
import { FIXTURE_FIGURES, fullReportInput } from './fixture.js';
import { EVIL_NAME, writeEvilCsv } from './evil.js';

describe('buildReport / writeReport', async () => {
  const input = fullReportInput();
  const built = await buildReport(input);
  const again = await buildReport(fullReportInput());

  it('renders every figure kind the issue lists, with no plotting warnings', () => {
    const counts: Record<string, number> = {};
    for (const f of built.figures) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
    expect(counts).toEqual(FIXTURE_FIGURES);
    expect(built.warnings).toEqual([]);
    for (const f of built.figures) {
      expect(f.svg.startsWith('<svg')).toBe(true);
      expect(f.svg.length).toBeGreaterThan(2000);
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.caption.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic: same input, same bytes', () => {
    expect(again.html).toBe(built.html);
  });

  it('is self-contained: no script, no external resource, a CSP that forbids both', () => {
    expect(built.html).not.toMatch(/<script/i);
    expect(built.html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(built.html).not.toMatch(/<link\s/i);
    expect(built.html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  });

  it('gives every element id once (figure ids and the SVG-internal ids they prefix)', () => {
    const ids = [...built.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of built.figures) expect(ids).toContain(f.id);
    // every url(#…) reference points at an id of the page
    for (const m of built.html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  it('has the three tables and escapes table and section text', () => {
    for (const id of ['validation', 'compare', 'reproduction']) expect(built.html).toContain(`id="${id}" data-kind="table"`);
    expect(built.html).toContain('OUTSIDE the interval');
  });

  it('writes index.html and one SVG file per figure, identical to the inline SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steplaw-report-'));
    const path = await writeReport(input, dir);
    expect(path).toBe(join(dir, 'index.html'));
    expect(readFileSync(path, 'utf8')).toBe(built.html);
    const files = readdirSync(dir).filter((f) => f.endsWith('.svg')).sort();
    expect(files).toEqual(built.figures.map((f) => `${f.id}.svg`).sort());
    for (const f of built.figures) expect(readFileSync(join(dir, `${f.id}.svg`), 'utf8')).toBe(`${f.svg}\n`);
  });

  it('escapes text in titles, captions, intro and sections', async () => {
    const evil = await buildReport({
      title: EVIL_NAME,
      intro: [EVIL_NAME],
      sections: [
        {
          id: EVIL_NAME,
          title: EVIL_NAME,
          intro: [EVIL_NAME],
          items: [
            { kind: 'text', id: 'note', paragraphs: [EVIL_NAME] },
            {
              kind: 'forest',
              figure: { id: EVIL_NAME, title: EVIL_NAME, caption: EVIL_NAME, rows: [{ slice: EVIL_NAME, exponent: EVIL_NAME, estimate: 1, lo: 0.5, hi: 1.5 }], pooled: [] },
            },
          ],
        },
      ],
    });
    expect(evil.html).not.toMatch(/<script|<img/i);
    expect(evil.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &#39;single&#39; &amp; &lt;img src=x onerror=alert(2)&gt;');
    // vega escapes SVG text content itself (it uses double quotes for attributes, so ' may stay)
    expect(evil.figures[0].svg).not.toMatch(/<script|<img/i);
    expect(evil.figures[0].svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('runReport (in-process)', () => {
  it('writes the report in-process and returns its path and figure count', async () => {
    const { dir, file } = writeEvilCsv();
    const r = await runReport([file], { out: join(dir, 'in-process'), law: ['steplaw-rounded'] });
    expect(r).toEqual({ path: join(dir, 'in-process', 'index.html'), figures: 1 });
    expect(readFileSync(r.path, 'utf8')).toContain('Validation — evil.csv');
  });
});

describe('steplaw report (CLI)', () => {
  it('builds the report from a CSV with hostile run names; they appear only escaped', () => {
    const { dir, file } = writeEvilCsv();
    const out = join(dir, 'out');
    const r = runCli(['report', file, '--out', out, '--law', 'steplaw-rounded']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`report written: ${join(out, 'index.html')} (1 figure, each also a .svg file beside it)`);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;double&quot; &#39;single&#39; &amp; &lt;img src=x onerror=alert(2)&gt;');
    const svgs = readdirSync(out).filter((f) => f.endsWith('.svg'));
    expect(svgs).toHaveLength(1);
    expect(readFileSync(join(out, svgs[0]), 'utf8')).not.toMatch(/<script|<img/i);
  });

  it('gives the same bytes from two separate processes', () => {
    const { dir, file } = writeEvilCsv();
    const outs = ['a', 'b'].map((k) => join(dir, k));
    for (const out of outs) expect(runCli(['report', file, '--out', out]).status).toBe(0);
    const files = readdirSync(outs[0]).sort();
    expect(readdirSync(outs[1]).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(outs[1], f), 'utf8'), f).toBe(readFileSync(join(outs[0], f), 'utf8'));
  });

  it('rejects an unknown law with exit status 2', () => {
    const { dir, file } = writeEvilCsv();
    const r = runCli(['report', file, '--out', join(dir, 'o'), '--law', 'no-such-law']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown law/);
  });
});
