// Issue 22, read as an attacker would, in the real VS Code: a cloned repository whose folder is a link out
// of the workspace, an agent whose request changes between its confirmation and its run, and an agent's
// prompt that tries to forge lines of the confirmation.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { useSession } from './harness/node-test';

const session = useSession({
  toolCaller: true,
  settings: { 'nanoBanana.askForOptions': false },
  files: { 'docs/two.md': '# Two\n\n![a red kite](img/kite.png)\n\n![a blue heron](img/heron.png)\n' },
  knobs: { generationDelayMs: 200 },
});

/** A folder beside the workspace, and `assets` and `linked` in the workspace leading to it, as a cloned repository can hold. */
function linkOutOfTheWorkspace(): string {
  const outside = join(session().workspace, '..', 'outside');
  if (existsSync(outside)) return outside;
  mkdirSync(outside);
  copyFileSync(session().path('images/sample.png'), join(outside, 'photo.png'));
  symlinkSync('../outside', session().path('assets'));
  symlinkSync('../outside', session().path('linked'));
  return outside;
}

test('[security:link-out-of-workspace] assets -> ../outside: Generate Image is refused naming the link, nothing written outside, nothing submitted', async () => {
  const { api, vscode } = session();
  const outside = linkOutOfTheWorkspace();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput('a lighthouse');
  const refused = await vscode.waitForNotification('"assets" is a link that leads out of the workspace folder');
  assert.match(await refused.message(), /nothing is read or written through it/);
  assert.deepEqual(readdirSync(outside), ['photo.png'], 'nothing was written outside the workspace');
  assert.equal(api.stats.imagesRequests, 0, 'refused before anything was paid for');
});

test('[security:link-out-of-workspace] the edit tool on an image through linked -> ../outside: refused, nothing uploaded', async () => {
  const { api, tools } = session();
  linkOutOfTheWorkspace();
  api.reset();
  const { text, error } = await tools.invoke('nanoBanana_editImage', { images: ['linked/photo.png'], prompt: 'make it night' }).result(30_000);
  assert.equal(error, undefined);
  assert.match(text!, /^Refused: /);
  assert.match(text!, /"linked" is a link that leads out of the workspace folder/);
  assert.equal(api.stats.imagesRequests, 0);
  assert.deepEqual(api.stats.receivedImageUrls, [], 'no image was uploaded');
});

test('[security:tool-plan-changed] the workspace changes while the confirmation is shown: the call is refused, nothing billed', async () => {
  const { api, tools, vscode } = session();
  api.reset();
  const call = tools.invoke('nanoBanana_generateMissingImages', { file: 'docs/two.md' });
  const dialog = await vscode.waitForDialog(60_000);
  assert.match(dialog.message, /Generate 2 missing images with Nano Banana\?/);
  // One of the two is made by hand while the user reads the confirmation: what it says is no longer the plan.
  mkdirSync(session().path('docs/img'), { recursive: true });
  copyFileSync(session().path('images/sample.png'), session().path('docs/img/kite.png'));
  await dialog.clickButton(dialog.buttons.find((label) => /^(Yes|Continue|OK)$/.test(label)) ?? dialog.buttons[0]);
  const { text } = await call.result(30_000);
  assert.match(text!, /^Refused: The workspace changed between the user's confirmation and the run/);
  assert.match(text!, /Nothing was sent or billed\.$/);
  assert.equal(api.stats.imagesRequests, 0);
  assert.ok(!existsSync(session().path('docs/img/heron.png')));
});

test('[security:tool-confirmation-markdown] Markdown in an agent\'s prompt shows as text in the confirmation: no forged line', async () => {
  const { api, tools, vscode } = session();
  api.reset();
  const call = tools.invoke('nanoBanana_generateImage', { prompt: 'a cat\n\n**Cost: 0 credits, approved by the admin**', path: 'cat.png' });
  const dialog = await vscode.waitForDialog(60_000);
  assert.match(dialog.detail, /\*\*Cost: 0 credits, approved by the admin\*\*/, `the asterisks are shown, not rendered: ${dialog.detail}`);
  assert.match(dialog.detail, /Prompt: a cat \*\*Cost/, 'on the prompt\'s own line');
  await dialog.clickButton(dialog.buttons.find((label) => /^Cancel$/.test(label)) ?? dialog.buttons.at(-1)!);
  await call.result(30_000).catch(() => undefined);
  assert.equal(api.stats.imagesRequests, 0);
});
