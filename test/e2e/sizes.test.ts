// Issue 14: exact sizes. Generate Icon Set writes the five files at their exact sizes; a missing
// <img width height> is saved at exactly that size; a 6000×4000 photo of about 12 MB is edited by
// sending a smaller copy of the same aspect. Sizes are read from the files' headers, as a browser would.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { imageSize, sniffImageType } from '../../src/core/imageType';
import { readProvenance } from '../../src/core/provenance';
import { codecsFromNodeModules, grainyPhoto, parseIco } from '../unit/helpers/images';
import { useSession } from './harness/node-test';
import { VSIX_PATH } from './harness/vsix';
import { waitUntil } from './harness/wait';

const PHOTO = 'photos/holiday.jpg';
const BROKEN = 'photos/broken.jpg';
const QUICK_FIX = 'Generate Missing Image with Nano Banana';

const session = useSession(async () => ({
  fixture: null,
  settings: { 'nanoBanana.askForOptions': true },
  files: {
    'public/index.html': '<!doctype html><title>Shop</title>\n',
    'docs/badges.md': '# Badges\n\n![a banana badge](img/badge.png){width=120 height=40}\n',
    'site/page.html': '<!doctype html>\n<html><body>\n<img src="banner.png" alt="a banana banner" width="300" height="200">\n</body></html>\n',
    [PHOTO]: await grainyPhoto(await codecsFromNodeModules(), 6000, 4000),
    // Starts like a JPEG (so it is not refused as "not an image"), then 11 MB of nothing a decoder can read.
    [BROKEN]: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Uint8Array(11 * 1024 * 1024).fill(0x5a)]),
  },
}));

const read = (relativePath: string) => readFileSync(session().path(relativePath));
const sizeOf = (relativePath: string) => imageSize(read(relativePath));

test('Generate Icon Set on a folder writes the five files at their exact sizes, each PNG with its prompt record', async () => {
  const { vscode, listFiles } = session();
  await vscode.explorerContextMenu('public', 'Generate Icon Set');
  await vscode.typeInInput('a bold banana logo');
  const options = await vscode.waitForQuickInput();
  assert.match(options.items[0]?.description ?? '', / · 1:1 · 1K · 1 image/, 'one square image');
  await vscode.acceptQuickPick();
  await vscode.waitForNotification(/saved favicon\.ico, favicon-32x32\.png, apple-touch-icon\.png, icon-192\.png, icon-512\.png in public/, 60_000);

  const entries = parseIco(read('public/favicon.ico'));
  assert.deepEqual(entries.map((entry) => [entry.width, entry.height]), [[16, 16], [32, 32], [48, 48]]);
  assert.deepEqual(entries.map((entry) => imageSize(entry.data)), [16, 32, 48].map((side) => ({ width: side, height: side })), 'each entry is a PNG of its size');
  const pngs: Array<[string, number]> = [['public/favicon-32x32.png', 32], ['public/apple-touch-icon.png', 180], ['public/icon-192.png', 192], ['public/icon-512.png', 512]];
  for (const [file, side] of pngs) {
    assert.equal(sniffImageType(read(file))?.extension, 'png', file);
    assert.deepEqual(sizeOf(file), { width: side, height: side }, file);
    assert.equal(readProvenance(read(file))?.prompt, 'a bold banana logo', `${file} carries the prompt record`);
  }
  assert.equal(readProvenance(entries[2].data)?.prompt, 'a bold banana logo', 'the .ico\'s PNGs are stamped too');
  // The square it was cut from is kept beside them: it was paid for.
  assert.deepEqual(listFiles('public').filter((file) => !/index\.html|favicon|icon-|apple/.test(file)), ['public/a-bold-banana-logo-icon.png']);
});

test('the missing <img src="banner.png" width="300" height="200"> of an HTML file is saved at exactly 300×200', async () => {
  const { vscode, api } = session();
  await vscode.openFile('site/page.html');
  await vscode.clickOnText('banner');
  await vscode.pickCodeAction(QUICK_FIX);
  await vscode.acceptQuickPick();
  const options = await vscode.waitForQuickInput();
  assert.match(options.items[0]?.description ?? '', /nano-banana · 300×200 \(3:2\) · 1K · 1 image/);
  await vscode.acceptQuickPick();
  await session().waitForFile('site/banner.png');
  assert.deepEqual(sizeOf('site/banner.png'), { width: 300, height: 200 });
  const submitted = api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images')).at(-1)?.body as Record<string, unknown>;
  assert.equal(submitted.aspect_ratio, '3:2', 'generated at the nearest ratio, then cut');
  assert.equal(readProvenance(read('site/banner.png'))?.prompt, 'a banana banner');
});

test('a Markdown image with a size in its attribute block, {width=120 height=40}, is saved at exactly 120×40', async () => {
  const { vscode } = session();
  await vscode.openFile('docs/badges.md');
  await vscode.clickOnText('banana badge');
  await vscode.pickCodeAction(QUICK_FIX);
  await vscode.acceptQuickPick();
  const options = await vscode.waitForQuickInput();
  assert.match(options.items[0]?.description ?? '', / · 120×40 \(16:9\) · /);
  await vscode.acceptQuickPick();
  await session().waitForFile('docs/img/badge.png');
  assert.deepEqual(sizeOf('docs/img/badge.png'), { width: 120, height: 40 });
});

test('an edit of a 6000×4000, 12 MB photo sends a copy of the same aspect under 10 MB and leaves the photo alone', async () => {
  const { vscode, api } = session();
  const original = read(PHOTO);
  assert.ok(original.length > 10 * 1024 * 1024, `the photo is over the service's 10 MB (${original.length} bytes)`);
  const before = createHash('sha256').update(original).digest('hex');

  await vscode.explorerContextMenu(PHOTO, 'Edit Image');
  await vscode.typeInInput('make it a night scene');
  await vscode.acceptQuickPick();
  await session().waitForFile('photos/holiday-edited.png', 90_000);

  const url = api.stats.receivedImageUrls.at(-1)?.[0] ?? '';
  assert.match(url, /^data:image\/jpeg;base64,/);
  const sent = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  assert.ok(sent.length < 10 * 1024 * 1024, `sent ${sent.length} bytes`);
  assert.deepEqual(imageSize(sent), { width: 2508, height: 1672 }, 'the same 3:2 aspect, about 4 megapixels');
  assert.equal(createHash('sha256').update(read(PHOTO)).digest('hex'), before, 'the original is unchanged');
  await waitUntil(() => /sending a 2508×1672 copy of photos\/holiday\.jpg/.test(session().outputLog()), () => `the log never named the copy:\n${session().outputLog()}`);
});

test('Exact size typed into the options list: 1200×630 is generated at 16:9, cut to exactly that, and the upscale is said', async () => {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a social card with a banana');
  await vscode.pickQuickPickItem('Exact size');
  await vscode.pickQuickPickItem('Type a size…');
  await vscode.typeInInput('1200×630');
  const summary = await vscode.waitForQuickInput();
  assert.match(summary.items[0]?.description ?? '', /^nano-banana · 1200×630 \(16:9\) · 1K · 1 image$/);
  await vscode.acceptQuickPick();

  const file = 'assets/generated/a-social-card-with-a-banana.png';
  await session().waitForFile(file);
  assert.deepEqual(sizeOf(file), { width: 1200, height: 630 });
  // nano-banana makes 1K only: 1024×576, whose 16:9 crop is smaller than 1200×630.
  await vscode.waitForNotification(/enlarged to 1200×630 from a 1024×538 crop: the service returned 1024×576/);
  const panel = await vscode.webviewFrame('.job-latest.stage-saved', 60_000);
  assert.match((await panel.locator('.job-latest .job-meta').textContent()) ?? '', /1200×630 \(16:9\)/, 'the panel shows the exact size');
  await vscode.screenshot('sizes-exact-size-in-panel');
});

test('[fault:edit-input-undecodable] an edit of a damaged 11 MB JPEG is refused with the reason, and nothing is sent', async () => {
  const { vscode, api } = session();
  const submitsBefore = api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images')).length;
  await vscode.explorerContextMenu(BROKEN, 'Edit Image');
  await vscode.typeInInput('make it a night scene');
  await vscode.acceptQuickPick();
  await vscode.waitForNotification(/"photos\/broken\.jpg" could not be decoded \(the file is damaged, or a CMYK JPEG\).*Nothing was sent/, 30_000);
  const submitsAfter = api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images')).length;
  assert.equal(submitsAfter, submitsBefore, 'no request reached the service');
});

test('the .vsix these tests installed, image worker and WebAssembly included, stays under 1.5 MB', () => {
  const size = statSync(VSIX_PATH).size;
  assert.ok(size < 1.5 * 1024 * 1024, `the .vsix is ${(size / 1024).toFixed(0)} KB`);
});
