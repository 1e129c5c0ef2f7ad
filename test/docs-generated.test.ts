/**
 * Numbers quoted in generated sections of README.md and docs/*.md (`<!-- generated:NAME -->` blocks) are
 * re-rendered from the committed fits/ records — which test/jobs/reproduce.test.ts checks are exactly what
 * the code writes with default options — and must equal the documents' text. A quoted number that differs
 * from the code's output fails here; `npx tsx scripts/docs-generated.ts --write` re-renders them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, RENDERERS, renderDocument } from '../scripts/docs-generated.js';
import { repoRoot } from './helpers/paths.js';

describe('generated sections of the docs', () => {
  const texts = Object.fromEntries(DOCUMENTS.map((d) => [d, readFileSync(join(repoRoot, d), 'utf8')]));
  for (const doc of DOCUMENTS) {
    it(`${doc} quotes what the code produces`, () => {
      expect(renderDocument(texts[doc])).toBe(texts[doc]);
    });
  }
  it('every renderer is used by some document', () => {
    const used = new Set(Object.values(texts).flatMap((t) => [...t.matchAll(/<!-- generated:([\w-]+) -->/g)].map((m) => m[1])));
    expect([...used].sort()).toEqual(Object.keys(RENDERERS).sort());
  });
  it('a changed number is caught', () => {
    const doc = texts['docs/loss-laws.md'];
    const tampered = doc.replace(/(<!-- generated:porian-exponents -->[\s\S]*?)0\.4969/, '$10.4970');
    expect(tampered).not.toBe(doc);
    expect(renderDocument(tampered)).not.toBe(tampered);
  });
});
