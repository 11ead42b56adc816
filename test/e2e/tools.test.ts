// Issue 11: the language-model tools, called as an agent calls them, through `vscode.lm.invokeTool` in the
// real extension host (by the test-only Tool Caller extension). Outside a chat VS Code asks for the
// tools' confirmation in a dialog, which these tests read and answer as the user would.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { imageSize, sniffImageType } from '../../src/core/imageType';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const session = useSession({ toolCaller: true, settings: { 'nanoBanana.askForOptions': true }, knobs: { generationDelayMs: 300 } });

const TOOLS = ['nanoBanana_generateImage', 'nanoBanana_editImage', 'nanoBanana_generateMissingImages'];

/** Reads the confirmation VS Code shows for a tool call outside chat, and continues. */
async function confirm(): Promise<{ message: string; detail: string }> {
  const dialog = await session().vscode.waitForDialog(60_000);
  const seen = { message: dialog.message, detail: dialog.detail };
  await dialog.clickButton(dialog.buttons.find((label) => /^(Yes|Continue|OK)$/.test(label)) ?? dialog.buttons[0]);
  return seen;
}

function imageFile(relativePath: string): { mime: string; width: number; height: number } {
  const bytes = readFileSync(session().path(relativePath));
  const type = sniffImageType(bytes);
  const size = imageSize(bytes);
  assert.ok(type && size, `${relativePath} is not an image`);
  return { mime: type.mime, width: size.width, height: size.height };
}

test('the three tools are listed in vscode.lm.tools with their input schemas', async () => {
  const tools = await waitUntil(
    async () => {
      const listed = await session().tools.listTools();
      return TOOLS.every((name) => listed.some((tool) => tool.name === name)) && listed;
    },
    () => 'the tools never appeared in vscode.lm.tools',
    60_000,
  );
  const generate = tools.find((tool) => tool.name === 'nanoBanana_generateImage')!;
  assert.deepEqual(generate.inputSchema?.required, ['prompt']);
  assert.deepEqual(generate.inputSchema?.properties?.aspectRatio?.enum, ['1:1', '3:2', '2:3', '16:9', '9:16', '4:3', '3:4']);
  assert.match(generate.description, /billed/);
  assert.deepEqual(tools.find((tool) => tool.name === 'nanoBanana_editImage')?.inputSchema?.required, ['images', 'prompt']);
  assert.deepEqual(tools.find((tool) => tool.name === 'nanoBanana_generateMissingImages')?.inputSchema?.required, ['file']);
});

test('generateImage into site/img/hero.png: confirmed with what is billed, one submit with the asked ratio, saved with its real type and named in the result', async () => {
  const { api, tools } = session();
  api.reset();
  api.knobs.format = 'jpeg';
  const call = tools.invoke('nanoBanana_generateImage', { prompt: 'a hero image of a banana rocket', path: 'site/img/hero.png', aspectRatio: '16:9', model: 'nano-banana-2', resolution: '2K' });
  const confirmation = await confirm();
  assert.match(confirmation.message, /Generate an image with Nano Banana\?/);
  assert.match(confirmation.detail, /nano-banana-2 · 16:9 · 2K · 1 image/);
  assert.match(confirmation.detail, /billed/);
  assert.match(confirmation.detail, /Saved to site\/img\/hero\.png/);
  const { text, error } = await call.result();
  assert.equal(error, undefined);

  assert.equal(api.stats.submits, 1);
  const submit = api.stats.requests.find((request) => request.path.endsWith('/images'))?.body as Record<string, unknown>;
  assert.equal(submit.aspect_ratio, '16:9');
  assert.equal(submit.resolution, '2K');
  // The service sent a JPEG: the file is named for what it is, and the result says so.
  assert.deepEqual(imageFile('site/img/hero.jpg'), { mime: 'image/jpeg', width: 2048, height: 1152 });
  assert.ok(!existsSync(session().path('site/img/hero.png')));
  assert.match(text!, /^- site\/img\/hero\.jpg \(2048×1152 px, JPEG\)$/m);
  assert.match(text!, /Saved as site\/img\/hero\.jpg instead of site\/img\/hero\.png: the service returned a JPG image/);
  assert.match(text!, /task [\w-]{8,}/);
});

test('editImage on one image: the stand-in receives its bytes, the result names the new file next to it', async () => {
  const { api, tools } = session();
  api.reset();
  const call = tools.invoke('nanoBanana_editImage', { images: ['images/sample.png'], prompt: 'make it a night scene' });
  const confirmation = await confirm();
  assert.match(confirmation.message, /Edit an image with Nano Banana\?/);
  assert.match(confirmation.detail, /Images sent: images\/sample\.png/);
  const { text } = await call.result();

  assert.equal(api.stats.edit, 1);
  const [sent] = api.stats.receivedImageUrls.at(-1) ?? [];
  assert.equal(Buffer.from(sent.slice(sent.indexOf(',') + 1), 'base64').toString('hex'), readFileSync(session().path('images/sample.png')).toString('hex'));
  const saved = imageFile('images/sample-edited.png');
  assert.equal(saved.mime, 'image/png');
  assert.match(text!, new RegExp(`^- images/sample-edited\\.png \\(${saved.width}×${saved.height} px, PNG\\)$`, 'm'));
});

test('generateMissingImages on README.md: the referenced image is generated at its path, after one confirmation listing it', async () => {
  const { api, tools } = session();
  api.reset();
  const call = tools.invoke('nanoBanana_generateMissingImages', { file: 'README.md' });
  const confirmation = await confirm();
  assert.match(confirmation.message, /Generate 1 missing images with Nano Banana\?/);
  assert.match(confirmation.detail, /images\/robot\.png/);
  const { text } = await call.result();
  assert.equal(api.stats.generate, 1);
  assert.equal(imageFile('images/robot.png').mime, 'image/png');
  assert.match(text!, /^1 of 1 missing images of README\.md generated\./);
  assert.match(text!, /^- images\/robot\.png \(\d+×\d+ px, PNG\)$/m);
  const again = await tools.invoke('nanoBanana_generateMissingImages', { file: 'README.md' }).result();
  assert.match(again.text!, /references no missing local image; nothing was generated or billed/);
  assert.equal(api.stats.imagesRequests, 1);
});

test('[security:tool-bad-input] a path outside the workspace and other bad input are refused with a reason, before anything is confirmed, sent or written', async () => {
  const { api, tools, listFiles } = session();
  api.reset();
  const before = listFiles();
  const cases: Array<[string, object, RegExp]> = [
    ['nanoBanana_generateImage', { prompt: 'x', path: '../escape.png' }, /"\.\.\/escape\.png" is outside the workspace folder/],
    ['nanoBanana_generateImage', { prompt: 'x', path: '/etc/cron.d/x.png' }, /outside the workspace folder/],
    ['nanoBanana_generateImage', { prompt: '   ' }, /prompt is required/],
    ['nanoBanana_generateImage', { prompt: 'x', model: 'gpt-image-1' }, /Unknown model "gpt-image-1"/],
    ['nanoBanana_editImage', { images: ['images/missing.png'], prompt: 'x' }, /"images\/missing\.png" does not exist/],
    ['nanoBanana_editImage', { images: ['README.md'], prompt: 'x' }, /"README\.md" is not a PNG, JPEG, WebP or GIF image/],
    ['nanoBanana_generateMissingImages', { file: 'images/sample.png' }, /not a Markdown or HTML file/],
  ];
  for (const [name, input, reason] of cases) {
    const { text, error } = await tools.invoke(name, input).result(30_000);
    assert.equal(error, undefined, `${name} ${JSON.stringify(input)}`);
    assert.match(text!, /^Refused: /, `${name} ${JSON.stringify(input)}`);
    assert.match(text!, reason);
    assert.match(text!, /Nothing was sent or billed\.$/);
  }
  assert.equal(api.stats.imagesRequests, 0);
  assert.deepEqual(listFiles(), before);
  assert.ok(!existsSync(session().path('../escape.png')));
});

test('[durable:tool-cancel] cancelling a tool call while it waits stops waiting; the user is told the task id, and Check Pending Tasks still saves the image', async () => {
  const { api, tools, vscode } = session();
  api.reset();
  // Held at the stand-in until the cancel was answered; then it still finishes, as the service's would.
  api.knobs.holdTasks = true;
  const call = tools.invoke('nanoBanana_generateImage', { prompt: 'a slow sunrise', path: 'site/img/sunrise.png' });
  await confirm();
  await waitUntil(() => api.stats.submits === 1, () => `submits: ${api.stats.submits}`);
  call.cancel();
  // VS Code itself rejects a cancelled invokeTool and drops the tool's text, so the task id goes to the user.
  const { error } = await call.result();
  assert.match(error ?? '', /Canceled/);
  const note = await vscode.waitForNotification(/cancelled\. The service may still finish task/);
  const taskId = /task ([\w-]+);/.exec(await note.message())?.[1];
  assert.ok(taskId, await note.message());
  assert.ok(!existsSync(session().path('site/img/sunrise.png')));

  api.releaseTasks();
  await vscode.runCommand('Nano Banana: Check Pending Tasks');
  await vscode.pickQuickPickItem('a slow sunrise');
  await session().waitForFile('site/img/sunrise.png');
  assert.equal(api.stats.submits, 1, 'fetched without a new submit');
});
