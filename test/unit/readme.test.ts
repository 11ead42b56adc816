// README.md is the Marketplace page. vsce would turn its relative links into repository URLs, but it
// also rewrites the `![alt](path)` examples inside code spans, so `npm run package` keeps the text as
// written: every link outside code must then work from anywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** The text outside fenced code blocks and code spans. */
const prose = readme.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

test('the package keeps README.md as written, so its code examples reach the Marketplace unchanged', () => {
  assert.match(manifest.scripts.package, /--no-rewrite-relative-links/);
});

test('every link and image of README.md outside code is absolute or an anchor', () => {
  const targets = [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)/g), ...prose.matchAll(/<img[^>]*\ssrc=["']([^"']+)/g)].map((match) => match[1]);
  assert.ok(targets.length > 3, `found only ${targets.length} links: is the scan broken?`);
  assert.deepEqual(targets.filter((target) => !/^(https:\/\/|mailto:|#)/.test(target)), []);
});

test('the user\'s sections come before the development notes', () => {
  const headings = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
  assert.equal(headings[0], 'Quick start');
  assert.equal(headings.at(-1), 'Development');
  assert.ok(headings.includes('Use it from an agent'));
});
