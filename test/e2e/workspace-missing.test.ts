// Issue 15, points 3 and 4: "Generate Missing Images in Workspace" fills the missing images of every
// Markdown and HTML file (not those excluded, not node_modules) after one confirmation that lists them
// per file and says the expected price, learned from an earlier job; Cancel stops submitting.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const COMMAND = 'Nano Banana: Generate Missing Images in Workspace';

const session = useSession({
  fixture: null,
  settings: {
    'nanoBanana.askForOptions': false,
    'files.exclude': { '**/hidden': true },
    'search.exclude': { '**/drafts': true },
  },
  files: {
    'docs/guide.md': '# Guide\n\n![a lighthouse at dawn](../img/lighthouse.png)\n\n![the shared logo](../img/logo.png)\n',
    'docs/faq.md': '# FAQ\n\n![the shared logo](/img/logo.png)\n\n![a question mark made of bananas](faq/question.png)\n',
    'site/index.html': '<!doctype html><body><img src="hero.png" alt="a banana hero" width="1600" height="900"><img src="logo-small.png" alt="a small logo"></body>\n',
    'hidden/secret.md': '![never generated](never.png)\n',
    'drafts/draft.md': '![never generated either](never.png)\n',
    'node_modules/pkg/README.md': '![not ours](badge.png)\n',
  },
  knobs: { generationDelayMs: 300 },
});

/** The submits the stand-in received, in order. */
function submits(): Array<{ prompt: string; at: number }> {
  return session()
    .api.stats.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images'))
    .map((request) => ({ prompt: (request.body as { prompt: string }).prompt, at: request.at }));
}

test('the price of an earlier job is the expected price of the confirmation, which lists each file; every missing image is saved and renamed references follow', async () => {
  const { vscode, api, listFiles } = session();
  // An earlier job teaches the price: the stand-in charges 2 credits per image.
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a teaching banana');
  await session().waitForFile('assets/generated/a-teaching-banana.png');

  api.knobs.format = 'jpeg';
  const before = submits().length;
  await vscode.runCommand(COMMAND);
  const dialog = await vscode.waitForDialog();
  assert.equal(dialog.message, 'Generate 5 missing images in 3 files? Each is billed.');
  assert.match(dialog.detail, /Billed: 1 per reference, 5 in all; model nano-banana, resolution 1K\./);
  assert.match(dialog.detail, /Expected price: about 2 credits per image, 5 images \(about 10 credits in all\)\./);
  assert.match(dialog.detail, /docs\/faq\.md: 2 images/);
  assert.match(dialog.detail, /docs\/guide\.md: 1 image/, 'the logo both guides name is counted once, for the first of them');
  assert.match(dialog.detail, /site\/index\.html: 2 images/);
  assert.doesNotMatch(dialog.detail, /hidden|drafts|node_modules/);
  await vscode.screenshot('workspace-missing-confirmation');
  await dialog.clickButton('Generate');

  await vscode.waitForNotification('5 of 5 missing images generated', 60_000);
  for (const file of ['img/lighthouse.jpg', 'img/logo.jpg', 'docs/faq/question.jpg', 'site/hero.jpg', 'site/logo-small.jpg']) {
    assert.ok(existsSync(session().path(file)), `${file} was saved; the workspace holds ${JSON.stringify(listFiles())}`);
  }
  // The service sent JPEGs for .png references: every reference to each file now names the .jpg, in both guides.
  assert.equal(readFileSync(session().path('docs/guide.md'), 'utf8'), '# Guide\n\n![a lighthouse at dawn](../img/lighthouse.jpg)\n\n![the shared logo](../img/logo.jpg)\n');
  assert.equal(readFileSync(session().path('docs/faq.md'), 'utf8'), '# FAQ\n\n![the shared logo](/img/logo.jpg)\n\n![a question mark made of bananas](faq/question.jpg)\n');
  assert.match(readFileSync(session().path('site/index.html'), 'utf8'), /src="hero\.jpg".*src="logo-small\.jpg"/);
  assert.ok(!existsSync(session().path('hidden/never.png')) && !existsSync(session().path('drafts/never.png')) && !existsSync(session().path('node_modules/pkg/badge.png')));

  const batch = submits().slice(before);
  assert.equal(batch.length, 5, 'one request per missing file');
  assert.equal(new Set(batch.map((submit) => submit.prompt)).size, 5);
  // At most four at once: the fifth submit comes only after one of the first four tasks has finished.
  const finished = Object.values(api.stats.taskFinishedAt).filter((at) => at >= batch[0].at);
  batch.forEach((submit, index) => {
    const running = index - finished.filter((at) => at < submit.at).length;
    assert.ok(running <= 3, `submit ${index + 1} arrived while ${running} others ran`);
  });
  api.reset();
});

test('with nothing missing it says so and bills nothing', async () => {
  const { vscode, api } = session();
  await vscode.runCommand(COMMAND);
  await vscode.waitForNotification('no missing images in the workspace');
  assert.equal(api.stats.imagesRequests, 0);
});

test('Cancel stops submitting, says what was submitted, and the summary offers to run the rest again', async () => {
  const { vscode, api, listFiles } = session();
  api.reset();
  const pages = Array.from({ length: 6 }, (_, i) => `![picture number ${i}](pictures/p${i}.png)`).join('\n\n');
  writeFileSync(session().path('docs/gallery.md'), `# Gallery\n\n${pages}\n`);
  // The stand-in holds the tasks until told: the first four are certainly still running when Cancel
  // is pressed, and no fifth was sent, however slow the machine (with tasks of a fixed duration, a
  // slow step before Cancel let all six finish first).
  api.knobs.holdTasks = true;
  await vscode.runCommand(COMMAND);
  await (await vscode.waitForDialog()).clickButton('Generate');
  await waitUntil(() => api.stats.submits === 4, () => `${api.stats.submits} submits reached the stand-in, not the four allowed at once`);
  // The earlier tests' notifications and this command's scan came less than a second before the
  // batch's progress, which VS Code's spam protection then shows without a toast: the notification
  // center lists it in any case.
  await vscode.showNotificationCenter();
  const progress = await vscode.waitForNotification('generating missing images');
  await progress.clickButton('Cancel');
  await vscode.waitForNotification('no more images are submitted. 4 of 6 were submitted already');
  api.releaseTasks();

  const summary = await vscode.waitForNotification('4 of 6 missing images generated', 60_000);
  assert.match(await summary.message(), /2 were not submitted: Cancelled\./);
  assert.equal(api.stats.submits, 4, 'nothing was sent after Cancel');
  // The four submitted are the four saved.
  const submitted = submits().map((submit) => Number(/picture number (\d)/.exec(submit.prompt)?.[1]));
  assert.deepEqual(listFiles('docs/pictures'), submitted.sort().map((i) => `docs/pictures/p${i}.png`));

  await summary.clickButton('Run Again');
  const dialog = await vscode.waitForDialog();
  assert.equal(dialog.message, 'Generate 2 missing images in 1 file? Each is billed.');
  await dialog.clickButton('Generate');
  await vscode.waitForNotification('2 of 2 missing images generated', 60_000);
  assert.equal(api.stats.submits, 6);
  assert.deepEqual(listFiles('docs/pictures'), [0, 1, 2, 3, 4, 5].map((i) => `docs/pictures/p${i}.png`));
});
