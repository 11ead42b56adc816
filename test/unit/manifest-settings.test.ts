// What the Settings editor and the Marketplace show comes from the manifest and its string tables; a
// key missing from one table shows the raw `%key%`, and a setting link that is not a code span or
// names no setting renders as plain text, so neither is caught by looking at the English page alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { toolModels } from '../../src/tools/toolInput';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (name: string) => readFileSync(join(ROOT, name), 'utf8');
const manifestText = read('package.json');
const manifest = JSON.parse(manifestText);
const properties = manifest.contributes.configuration.properties as Record<string, Record<string, unknown>>;
const tables = { 'package.nls.json': JSON.parse(read('package.nls.json')), 'package.nls.zh-cn.json': JSON.parse(read('package.nls.zh-cn.json')) } as Record<string, Record<string, string>>;

test('every %key% of the manifest is in both string tables, and neither keeps a key nothing uses', () => {
  const used = new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]));
  for (const [name, table] of Object.entries(tables)) {
    assert.deepEqual([...used].filter((key) => !(key in table)), [], `keys missing from ${name}`);
    assert.deepEqual(Object.keys(table).filter((key) => !used.has(key)), [], `keys of ${name} the manifest no longer uses`);
  }
});

test('setting links in the descriptions are written `#id#` and name settings that exist', () => {
  const vscodeSettings = new Set(['http.proxy']);
  for (const [name, table] of Object.entries(tables)) {
    for (const [key, text] of Object.entries(table)) {
      // The Settings editor turns only a code span `#id#` into a link; a bare #id# shows as it is.
      for (const [link, setting] of text.matchAll(/`?#([\w.]+)#`?/g)) {
        assert.ok(link.startsWith('`') && link.endsWith('`'), `${name} ${key}: ${link} must be written \`#${setting}#\` to become a link`);
        assert.ok(setting in properties || vscodeSettings.has(setting), `${name} ${key} links #${setting}#, which is no setting`);
      }
    }
  }
});

test('nanoBanana.model suggests the known models but accepts a newer name without a warning', () => {
  const model = properties['nanoBanana.model'];
  assert.equal(model.type, 'string');
  assert.equal(model.enum, undefined, 'an enum would flag every model name the service adds later');
  assert.deepEqual([...(model.examples as string[])].sort(), toolModels().sort());
});

test('the settings have an order that starts with what to make, and each one a place in it', () => {
  const ordered = Object.entries(properties).sort(([, a], [, b]) => Number(a.order) - Number(b.order)).map(([key]) => key);
  assert.ok(Object.values(properties).every((setting) => Number.isInteger(setting.order)), 'every setting has an order');
  assert.equal(new Set(Object.values(properties).map((setting) => setting.order)).size, ordered.length, 'no two share a place');
  assert.deepEqual(ordered.slice(0, 4), ['nanoBanana.model', 'nanoBanana.aspectRatio', 'nanoBanana.resolution', 'nanoBanana.count']);
  assert.equal(ordered.at(-1), 'nanoBanana.apiBaseUrl');
});
