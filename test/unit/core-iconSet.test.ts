// The icon set's files from its setting, and the lines a site needs to use them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allIconSizes, DEFAULT_ICON_SET, iconFilesFrom, iconMarkup } from '../../src/core/iconSet';

test('the default names the five files, the .ico holding 16, 32 and 48', () => {
  const plan = iconFilesFrom(DEFAULT_ICON_SET);
  assert.ok('files' in plan);
  assert.deepEqual(plan.files, [
    { fileName: 'favicon.ico', sizes: [16, 32, 48] },
    { fileName: 'favicon-32x32.png', sizes: [32] },
    { fileName: 'apple-touch-icon.png', sizes: [180] },
    { fileName: 'icon-192.png', sizes: [192] },
    { fileName: 'icon-512.png', sizes: [512] },
  ]);
  assert.deepEqual(allIconSizes(plan.files), [512, 192, 180, 48, 32, 16]);
});

test('a setting that cannot be used is refused, naming the file and the rule', () => {
  const cases: Array<[unknown, RegExp]> = [
    [{}, /at least one file/],
    [[16], /at least one file/],
    [{ '../favicon.ico': [16] }, /plain file name/],
    [{ 'icon.svg': 16 }, /plain file name/],
    [{ 'favicon.ico': [16, 300] }, /"favicon.ico" needs sizes from 1 to 256 px/],
    [{ 'icon.png': [16, 32] }, /"icon.png" needs one size from 1 to 1024 px/],
    [{ 'icon.png': 0 }, /needs one size/],
    [{ 'icon.png': '512' }, /needs one size/],
  ];
  for (const [setting, message] of cases) {
    const plan = iconFilesFrom(setting);
    assert.ok('error' in plan, JSON.stringify(setting));
    assert.match(plan.error, message, JSON.stringify(setting));
  }
});

test('the markup links the favicons and the touch icon, and lists the large PNGs as manifest icons, by their saved names', () => {
  const markup = iconMarkup([
    { savedName: 'favicon-2.ico', sizes: [16, 32, 48] },
    { savedName: 'favicon-32x32.png', sizes: [32] },
    { savedName: 'apple-touch-icon.png', sizes: [180] },
    { savedName: 'icon-192.png', sizes: [192] },
    { savedName: 'icon-512.png', sizes: [512] },
  ]);
  assert.equal(markup, [
    '<link rel="icon" href="/favicon-2.ico" sizes="16x16 32x32 48x48">',
    '<link rel="icon" type="image/png" sizes="32x32" href="/favicon-32x32.png">',
    '<link rel="apple-touch-icon" sizes="180x180" href="/apple-touch-icon.png">',
    '',
    '"icons": [',
    '  { "src": "/icon-192.png", "sizes": "192x192", "type": "image/png" },',
    '  { "src": "/icon-512.png", "sizes": "512x512", "type": "image/png" }',
    ']',
  ].join('\n'));
});
