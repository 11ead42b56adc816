// The preview's webview script in a real browser: the page from previewHtml with its CSP, the script
// bundled from src/webview/main.ts, and a stand-in for VS Code's acquireVsCodeApi.
// Skipped where no Chromium is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobView, openPreview, ORIGIN, page, postMessage, postState, posted, skip, usePreviewPage, type PreviewWindow } from '../support/previewPage';

usePreviewPage();

// What the gallery shows: a card the search filters out stays in the page, hidden.
const galleryPrompts = () => page.locator('.gallery .job-earlier:visible .job-prompt').allTextContents();

test('posts ready on load and shows the empty state', { skip }, async () => {
  await openPreview();
  assert.deepEqual(await posted(), [{ type: 'ready' }]);
  await postState([]);
  assert.equal(await page.textContent('.empty-state'), 'No results yet. Run Nano Banana: Generate Image.');
});

test('renders the latest job large and earlier jobs below', { skip }, async () => {
  await openPreview();
  await postState([
    jobView({ id: 'new', prompt: 'the newest' }),
    jobView({ id: 'old', prompt: 'an older one', action: 'edit', stage: 'failed', error: 'The service refused the prompt.', images: [] }),
  ]);
  assert.equal(await page.textContent('.job-latest .job-prompt'), 'the newest');
  assert.equal(await page.getAttribute('.job-latest img.result-image', 'alt'), 'the newest');
  assert.ok((await page.textContent('.job-latest .job-meta'))?.includes('task-1'));
  assert.equal(await page.textContent('.job-latest .result-size'), '1024×1024');
  assert.equal(await page.textContent('.earlier-heading'), 'Earlier results');
  assert.equal(await page.textContent('.job-earlier .job-error'), 'The service refused the prompt.');
  assert.equal(await page.locator('.job-earlier').getAttribute('data-job-id'), 'old');
  await page.waitForFunction(() => (document.querySelector('img.result-image') as HTMLImageElement).naturalWidth === 1);
});

test('prompts and file names are shown as text, never as markup', { skip }, async () => {
  await openPreview();
  const prompt = '<img src=x onerror="window.injected=1"><b>bold</b>';
  const label = '<script>window.injected=1</script>.png';
  await postState([jobView({ prompt, images: [{ src: `${ORIGIN}/a.png`, label, mime: 'image/png' }] })]);
  assert.equal(await page.textContent('.job-prompt'), prompt);
  assert.equal(await page.textContent('.result-label'), label);
  assert.equal(await page.locator('b, script:not([nonce]), img:not(.result-image)').count(), 0);
  assert.equal(await page.evaluate(() => 'injected' in window), false);
});

test('[security:svg-not-rendered] an SVG result is not rendered as an image or a document', { skip }, async () => {
  await openPreview();
  await postState([jobView({ images: [{ src: `${ORIGIN}/a.svg`, label: 'a.svg', mime: 'image/svg+xml' }] })]);
  assert.equal(await page.locator('img, iframe, object, embed, svg').count(), 0);
  assert.match((await page.textContent('.result-unsupported')) ?? '', /image\/svg\+xml/);
  assert.equal(await page.locator('[data-action="editAgain"]').count(), 0);
});

test('buttons post typed actions for their job and image', { skip }, async () => {
  await openPreview();
  const images = [0, 1].map((i) => ({ src: `${ORIGIN}/a.png`, label: `a${i}.png`, mime: 'image/png' }));
  // The second of two variations, kept: it has every action (test/unit/previewVariations.test.ts has the others).
  await postState([jobView({ id: 'j-9', images, kept: 1 })]);
  for (const action of ['open', 'reveal', 'copyLink', 'insertLink', 'editAgain']) {
    await page.click(`.result[data-image-index="1"] [data-action="${action}"]`);
  }
  await page.click('[data-action="generateAgain"]');
  assert.deepEqual((await posted()).slice(1), [
    ...['open', 'reveal', 'copyLink', 'insertLink', 'editAgain'].map((type) => ({ type, jobId: 'j-9', imageIndex: 1 })),
    { type: 'generateAgain', jobId: 'j-9' },
  ]);
});

test('a result whose file is gone says so', { skip }, async () => {
  await openPreview();
  await postState([jobView({ images: [{ src: `${ORIGIN}/deleted.png`, label: 'deleted.png', mime: 'image/png' }] })]);
  await page.waitForSelector('.result-missing');
});

test('a past result the host found missing says the file no longer exists, without an image or file actions', { skip }, async () => {
  await openPreview();
  await postMessage({
    type: 'state',
    earlier: [jobView({ id: 'past', images: [{ label: 'assets/generated/gone.png', mime: 'image/png', missing: true }] })],
  });
  assert.match((await page.textContent('.job-earlier .result-missing')) ?? '', /no longer exists/);
  assert.equal(await page.textContent('.job-earlier .result-label'), 'assets/generated/gone.png');
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('.result [data-action]').count(), 0);
  assert.equal(await page.locator('.job-earlier [data-action="generateAgain"]').count(), 1);
});

test('an image saved outside the panel\'s folders is named with a note instead of a broken picture, and can still be opened', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'outside', images: [{ label: '/elsewhere/photo-edited.png', mime: 'image/png', outsideFolders: true }] })]);
  assert.match((await page.textContent('.job-latest .result-outside')) ?? '', /outside the workspace folders.*Use Open/);
  assert.equal(await page.locator('img, .result-missing').count(), 0);
  assert.deepEqual(
    await page.locator('.result [data-action]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-action'))),
    ['open', 'reveal', 'copyLink', 'insertLink', 'editAgain'],
  );
});

test('after a reload (no job in this window yet) the gallery shows the earlier jobs, with their images', { skip }, async () => {
  await openPreview();
  await postMessage({ type: 'state', earlier: [jobView({ id: 'past-1', prompt: 'a past robot', cost: '2 credit' })] });
  assert.equal(await page.locator('.job-latest').count(), 0);
  assert.equal(await page.locator('.empty-state').count(), 0);
  assert.ok(await page.isVisible('.gallery .gallery-search'));
  assert.deepEqual(await galleryPrompts(), ['a past robot']);
  assert.ok((await page.textContent('.job-earlier .job-meta'))?.includes('2 credit'));
  await page.waitForFunction(() => (document.querySelector('.job-earlier img.result-image') as HTMLImageElement | null)?.naturalWidth === 1);
  await page.click('.job-earlier [data-action="generateAgain"]');
  assert.deepEqual((await posted()).at(-1), { type: 'generateAgain', jobId: 'past-1' });
});

test('no gallery and no search box while there are no earlier jobs', { skip }, async () => {
  await openPreview();
  await postState([jobView({})]);
  assert.equal(await page.isVisible('.gallery'), false);
  assert.equal(await page.isVisible('.gallery-search'), false);
});

test('the search box filters the gallery by prompt and says how many match', { skip }, async () => {
  await openPreview();
  const jobs = [
    jobView({ id: 'latest', prompt: 'a blue robot, the latest' }),
    jobView({ id: 'g1', prompt: 'A blue robot mascot' }),
    jobView({ id: 'g2', prompt: 'a banana astronaut' }),
    jobView({ id: 'g3', prompt: 'a red robot' }),
  ];
  await postState(jobs);
  assert.deepEqual(await galleryPrompts(), ['A blue robot mascot', 'a banana astronaut', 'a red robot']);
  assert.equal(await page.isVisible('.gallery-summary'), false);

  await page.fill('.gallery-search', 'robot');
  assert.deepEqual(await galleryPrompts(), ['A blue robot mascot', 'a red robot']);
  assert.equal(await page.textContent('.gallery-summary'), '2 of 3 results match “robot”.');
  // The latest job stays on top whatever the search.
  assert.equal(await page.textContent('.job-latest .job-prompt'), 'a blue robot, the latest');

  await page.fill('.gallery-search', 'ROBOT blue');
  assert.deepEqual(await galleryPrompts(), ['A blue robot mascot']);

  await page.fill('.gallery-search', '<b>x</b>');
  assert.deepEqual(await galleryPrompts(), []);
  assert.equal(await page.textContent('.gallery-summary'), 'No earlier result matches “<b>x</b>”.');
  assert.equal(await page.locator('b').count(), 0);

  await page.fill('.gallery-search', '');
  assert.equal((await galleryPrompts()).length, 3);
});

test('new state keeps the search, its focus and its filter while typing', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'l', prompt: 'latest' }), jobView({ id: 'g1', prompt: 'a robot' }), jobView({ id: 'g2', prompt: 'a cat' })]);
  await page.click('.gallery-search');
  await page.keyboard.type('rob');
  await postState([
    jobView({ id: 'n', prompt: 'newer, running', stage: 'waiting', images: [] }),
    jobView({ id: 'l', prompt: 'latest robot' }),
    jobView({ id: 'g1', prompt: 'a robot' }),
    jobView({ id: 'g2', prompt: 'a cat' }),
  ]);
  await page.keyboard.type('ot');
  assert.equal(await page.inputValue('.gallery-search'), 'robot');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'gallery-search');
  assert.deepEqual(await galleryPrompts(), ['latest robot', 'a robot']);
});

test('the search survives the page being rebuilt (the panel hidden and shown again)', { skip }, async () => {
  await openPreview();
  await postState([jobView({ id: 'l' }), jobView({ id: 'g1', prompt: 'a robot' }), jobView({ id: 'g2', prompt: 'a cat' })]);
  await page.fill('.gallery-search', 'cat');
  await page.reload();
  await postState([jobView({ id: 'l' }), jobView({ id: 'g1', prompt: 'a robot' }), jobView({ id: 'g2', prompt: 'a cat' })]);
  assert.equal(await page.inputValue('.gallery-search'), 'cat');
  assert.deepEqual(await galleryPrompts(), ['a cat']);
});

test('[security:csp-nonce] the page runs under its CSP without violations', { skip }, async () => {
  await openPreview();
  await postState([jobView({}), jobView({ id: 'b', stage: 'waiting', images: [] })]);
  await page.fill('.gallery-search', 'banana');
  assert.equal(await page.locator('.job').count(), 2);
  assert.deepEqual(await page.evaluate(() => (window as unknown as PreviewWindow).cspViolations), []);
});

const minute = 60_000;
const at = (minutes: number) => Date.UTC(2025, 0, 1, 12, 0) + minutes * minute;

test('a job update renders only that job\'s card: the other cards of the gallery stay the same elements', { skip }, async () => {
  await openPreview();
  const earlier = Array.from({ length: 20 }, (_, i) => jobView({ id: `old-${i}`, prompt: `old job ${i}`, createdAt: at(-i) }));
  await postState([jobView({ id: 'now', prompt: 'running now', stage: 'waiting', images: [], createdAt: at(10) }), ...earlier]);
  // Marks every card, so a card built again would come without the mark.
  await page.evaluate(() => document.querySelectorAll('.job').forEach((card) => card.setAttribute('data-mark', 'first')));

  await postMessage({ type: 'job', latest: false, job: { ...earlier[5], stage: 'saved', prompt: 'old job 5, renamed' } });
  await postMessage({ type: 'job', latest: true, job: jobView({ id: 'now', prompt: 'running now', stage: 'saved', createdAt: at(10) }) });
  await page.waitForSelector('.job-latest.stage-saved');
  const unmarked = await page.locator('.job:not([data-mark])').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-job-id')));
  assert.deepEqual(unmarked.sort(), ['now', 'old-5']);
  assert.equal(await page.locator('.job-earlier').count(), 20);
  assert.equal((await galleryPrompts())[5], 'old job 5, renamed');
});

test('a new latest job takes the top; the previous one moves into the gallery in date order, under the current search', { skip }, async () => {
  await openPreview();
  await postState([
    jobView({ id: 'b', prompt: 'a robot at noon', createdAt: at(5) }),
    jobView({ id: 'c', prompt: 'a robot at dawn', createdAt: at(10) }),
    jobView({ id: 'a', prompt: 'a cat', createdAt: at(0) }),
  ]);
  await page.fill('.gallery-search', 'robot');
  await postMessage({ type: 'job', latest: true, job: jobView({ id: 'd', prompt: 'a robot at dusk', stage: 'submitting', images: [], createdAt: at(20) }) });
  await page.waitForSelector('.job-latest[data-job-id="d"]');
  assert.deepEqual(await page.locator('.job-earlier').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-job-id'))), ['c', 'b', 'a']);
  assert.deepEqual(await galleryPrompts(), ['a robot at dawn', 'a robot at noon']);
  assert.equal(await page.textContent('.gallery-summary'), '2 of 3 results match “robot”.');
});

test('an update before the first state has nothing to update and is ignored', { skip }, async () => {
  await openPreview();
  await postMessage({ type: 'job', latest: true, job: jobView({ id: 'x' }) });
  await postState([]);
  assert.equal(await page.textContent('.empty-state'), 'No results yet. Run Nano Banana: Generate Image.');
});

test('with a history, this session\'s earlier jobs stand newest first above it: the second job above the first', { skip }, async () => {
  await openPreview();
  // After a reload: no latest job yet, the history in the gallery.
  await postMessage({ type: 'state', earlier: [jobView({ id: 'past-2', createdAt: at(-10) }), jobView({ id: 'past-1', createdAt: at(-20) })] });
  for (const [id, minutes] of [['first', 0], ['second', 5], ['third', 10]] as const) {
    await postMessage({ type: 'job', latest: true, job: jobView({ id, createdAt: at(minutes) }) });
  }
  await page.waitForSelector('.job-latest[data-job-id="third"]');
  const gallery = () => page.locator('.job-earlier').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-job-id')));
  assert.deepEqual(await gallery(), ['second', 'first', 'past-2', 'past-1']);

  // An update of a job already in the gallery keeps its place.
  await postMessage({ type: 'job', latest: false, job: jobView({ id: 'first', prompt: 'renamed', createdAt: at(0) }) });
  await page.waitForSelector('.job-earlier[data-job-id="first"] >> text=renamed');
  assert.deepEqual(await gallery(), ['second', 'first', 'past-2', 'past-1']);
});

test('the gallery is ordered by time whatever order the state lists it in', { skip }, async () => {
  await openPreview();
  await postMessage({ type: 'state', earlier: [jobView({ id: 'middle', createdAt: at(-10) }), jobView({ id: 'oldest', createdAt: at(-20) }), jobView({ id: 'newest', createdAt: at(-5) })] });
  await page.waitForSelector('.job-earlier');
  assert.deepEqual(await page.locator('.job-earlier').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-job-id'))), ['newest', 'middle', 'oldest']);
});
