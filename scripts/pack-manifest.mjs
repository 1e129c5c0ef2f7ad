#!/usr/bin/env node
/**
 * `npm pack` / `npm publish` helper: the published package.json carries no `prepare` script.
 *
 * In the repository `prepare` builds dist/ after `npm ci`. In the tarball dist/ is already built, and npm
 * (11+) warns about every dependency with an install-time script, `prepare` included. So `prepack` saves
 * package.json and writes it without `prepare`; `postpack` puts the saved one back. A pack that failed in
 * between leaves the saved copy, which the next `strip` restores first.
 *
 * Run: node scripts/pack-manifest.mjs strip | restore   (from the repository root; npm does this)
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const saved = 'package.json.prepack';
const mode = process.argv[2];
if (mode === 'strip') {
  if (existsSync(saved)) renameSync(saved, 'package.json');
  const text = readFileSync('package.json', 'utf8');
  writeFileSync(saved, text);
  const manifest = JSON.parse(text);
  delete manifest.scripts.prepare;
  writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
} else if (mode === 'restore') {
  if (existsSync(saved)) renameSync(saved, 'package.json');
} else {
  console.error('usage: node scripts/pack-manifest.mjs strip|restore');
  process.exit(2);
}
