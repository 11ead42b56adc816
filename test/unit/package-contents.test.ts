// What the .vsix would ship, as `vsce ls` lists it from .vscodeignore: the listing's icon and the built
// code, never sources, tests or source maps (a map would hand out the sources and grow the download).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');

test('the package holds the icon, manifest, README and translations, and no source, test or map', () => {
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  // The built files (dist/, the image worker and its .wasm) exist only after a build; the e2e suite runs
  // them from the installed .vsix (test/e2e/sizes.test.ts), which fails if one is left out.
  for (const needed of ['package.json', 'README.md', 'images/icon.png', 'l10n/bundle.l10n.zh-cn.json', 'media/preview.css']) {
    assert.ok(files.includes(needed), `${needed} is packaged (listed: ${files.join(', ')})`);
  }
  const unwanted = files.filter((file) => /\.map$|\.ts$|^src\/|^test\/|^bench\/|^scripts\/|^\.github\//.test(file));
  assert.deepEqual(unwanted, []);
});
