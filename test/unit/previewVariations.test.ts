// The results panel's page for variations (several images of one request), the month's spend and the
// style: in a real browser, as test/support/previewPage.ts sets it up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageView } from '../../src/preview/protocol';
import { jobView, openPreview, ORIGIN, page, postMessage, postState, posted, skip, usePreviewPage } from '../support/previewPage';

usePreviewPage();

const variations = (count: number): ImageView[] =>
  Array.from({ length: count }, (_, i) => ({ src: `${ORIGIN}/a.png`, label: `assets/generated/choir${i ? `-${i + 1}` : ''}.png`, mime: 'image/png', width: 1024, height: 1024 }));

const keepLabels = () => page.locator('.job-latest [data-action="keep"]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label')));

test('three saved variations stand side by side, each offering to be kept or opened', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'v', images: variations(3) })]);
  assert.equal(await page.locator('.job-latest .job-images.variations-3[role="group"]').getAttribute('aria-label'), '3 variations of this prompt');
  assert.deepEqual(await page.locator('.job-latest .result').evaluateAll((figures) => figures.map((figure) => figure.getAttribute('aria-label'))), ['Variation 1 of 3', 'Variation 2 of 3', 'Variation 3 of 3']);
  assert.deepEqual(await keepLabels(), ['Keep variation 1 of 3, discard the others', 'Keep variation 2 of 3, discard the others', 'Keep variation 3 of 3, discard the others']);
  assert.deepEqual(await page.locator('.job-latest .result').first().locator('button').allTextContents(), ['Keep this one', 'Open']);
  const widths = await page.locator('.job-latest .result-image').evaluateAll((images) => images.map((image) => Math.round(image.getBoundingClientRect().width)));
  assert.equal(new Set(widths).size, 1, `one size for all: ${JSON.stringify(widths)}`);
});

test('the variations are chosen by keyboard: arrows move between the Keep buttons, Enter keeps one', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'v', images: variations(3) })]);
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  await page.focus('.job-latest [data-action="keep"]');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'Keep variation 2 of 3, discard the others');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(), 'Keep variation 3 of 3, discard the others', 'left of the first is the last');
  await page.keyboard.press('Enter');
  assert.deepEqual((await posted()).at(-1), { type: 'keep', jobId: 'v', imageIndex: 2 });
});

test('no Keep while the job runs, nor for a variation whose file is gone', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'v', stage: 'downloading', images: variations(2) })]);
  assert.equal(await page.locator('[data-action="keep"]').count(), 0);
  const [first, second] = variations(2);
  await postMessage({ type: 'job', latest: true, job: jobView({ id: 'v', images: [first, { ...second, src: undefined, missing: true }] }) });
  await page.waitForSelector('.job-latest.stage-saved');
  assert.deepEqual(await keepLabels(), ['Keep variation 1 of 2, discard the others']);
});

test('once one is kept, only it is shown, with every action, and the card says which it was', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'v', images: variations(3), kept: 1 })]);
  assert.equal(await page.textContent('.job-latest .job-kept'), 'Kept variation 2 of 3; the others were discarded.');
  assert.deepEqual(await page.locator('.job-latest .result').evaluateAll((figures) => figures.map((figure) => figure.getAttribute('data-image-index'))), ['1']);
  assert.equal(await page.locator('[data-action="keep"]').count(), 0);
  assert.equal(await page.locator('.job-latest [data-action="insertLink"]').count(), 1);
});

test('the month\'s spend is shown above the results and follows each job update; the style is in the job\'s details', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'a', style: 'flat vector · 1 style image' })]);
  assert.equal(await page.isVisible('.spent'), false, 'nothing reported yet: no line');
  assert.match((await page.textContent('.job-latest .job-meta')) ?? '', /Styleflat vector · 1 style image/);
  await postMessage({ type: 'job', latest: true, job: jobView({ id: 'a', cost: '2 credit' }), spent: '12 credits' });
  await page.waitForSelector('.spent:not([hidden])');
  assert.equal(await page.textContent('.spent'), 'Spent in this workspace this month: 12 credits');
  await postMessage({ type: 'state', earlier: [jobView({ id: 'a' })], spent: '14 credits' });
  await page.waitForFunction(() => document.querySelector('.spent')?.textContent?.endsWith('14 credits'));
});
