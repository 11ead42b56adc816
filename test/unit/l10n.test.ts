// Every message the extension shows goes through `t()` (src/core/l10n.ts) or `vscode.l10n.t()`, keyed by
// its English text. These tests read the sources the way a translator's tool would and hold the
// Simplified Chinese bundle to them, so a new or reworded message cannot ship untranslated.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { t, useL10nBundle } from '../../src/core/l10n';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');
const L10N_MODULE = join(SRC, 'core', 'l10n.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** `t('…')` and `l10n.t('…')` calls: their first argument, unescaped, per file. */
function messages(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    if (file === L10N_MODULE) continue; // its doc comment shows an example call
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'((?:[^'\\\n]|\\.)*)'/g)) {
      const message = match[1].replace(/\\(.)/g, '$1');
      found.set(message, [...(found.get(message) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every localized call takes its English message as a single-quoted literal', () => {
  const offenders: string[] = [];
  for (const file of sourceFiles(SRC)) {
    if (file === L10N_MODULE) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      // A template literal or a variable cannot be found by a translator's tool.
      if (/(?:\bl10n\.t|(?<![\w.])t)\(\s*[^'\s)]/.test(line) && !/function t\(/.test(line)) offenders.push(`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offenders, []);
});

test('the Simplified Chinese bundle translates every message, with the same placeholders, and nothing stale', () => {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const used = messages();
  assert.ok(used.size > 50, `found only ${used.size} messages: is the scan broken?`);
  const missing = [...used.keys()].filter((message) => !(message in bundle));
  assert.deepEqual(missing, [], 'messages without a translation');
  const stale = Object.keys(bundle).filter((message) => !used.has(message));
  assert.deepEqual(stale, [], 'translations of messages no longer in the code');
  for (const [message, translation] of Object.entries(bundle)) {
    assert.deepEqual(placeholders(translation), placeholders(message), `placeholders of "${message}"`);
    assert.notEqual(translation.trim(), '', `"${message}" has an empty translation`);
  }
});

test('t() uses the bundle when one is loaded, fills placeholders, and falls back to English', () => {
  try {
    assert.equal(t('Saved {0} of {1}', 1, 2), 'Saved 1 of 2');
    useL10nBundle({ 'Saved {0} of {1}': '已保存 {0}/{1}' });
    assert.equal(t('Saved {0} of {1}', 1, 2), '已保存 1/2');
    assert.equal(t('Not in the bundle {0}', 'x'), 'Not in the bundle x');
    assert.equal(t('Missing argument {0} {1}', 'a'), 'Missing argument a {1}');
  } finally {
    useL10nBundle(undefined);
  }
});
