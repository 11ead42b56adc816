// Provenance inside the files: an image generated through the real UI carries its prompt, model and task
// id in its own bytes (PNG iTXt, JPEG COM), still decodes to the stand-in's picture at its size, and
// "Show Prompt" in the Explorer (or the palette) reads them back and can generate the image again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decode as decodeJpeg } from 'jpeg-js';
import { readProvenance } from '../../src/core/provenance';
import { decodePng } from '../mock-api/png';
import { pictureImage } from '../mock-api/picture';
import { digest, imageSizeFor } from '../mock-api/pixels';
import { useSession } from './harness/node-test';
import { waitUntil } from './harness/wait';

const PNG_PROMPT = 'a banana astronaut 宇航员香蕉';
const JPEG_PROMPT = 'a robot painting 机器人画家';
const PNG_FILE = 'renders/a-banana-astronaut.png';
const JPEG_FILE = 'renders/a-robot-painting.jpg';
const SIZE = imageSizeFor('16:9', '1K');

const session = useSession({
  settings: {
    'nanoBanana.askForOptions': false,
    'nanoBanana.model': 'nano-banana-2',
    'nanoBanana.aspectRatio': '16:9',
    'nanoBanana.resolution': '1K',
    'nanoBanana.outputDirectory': 'renders',
  },
  knobs: { generationDelayMs: 200 },
});

/** The one task the stand-in finished since its last reset. */
function onlyTaskId(): string {
  const ids = Object.keys(session().api.stats.taskFinishedAt);
  assert.equal(ids.length, 1, `tasks finished: ${JSON.stringify(ids)}`);
  return ids[0];
}

async function generate(prompt: string, file: string): Promise<string> {
  const { vscode } = session();
  await vscode.runCommand('Nano Banana: Generate Image');
  await vscode.typeInInput(prompt);
  await session().waitForFile(file);
  return onlyTaskId();
}

/** The browser (Chromium, as VS Code's own) decodes the stamped file too: the results panel shows it at its size. */
async function waitUntilShownInPanel(prompt: string): Promise<void> {
  const panel = await session().vscode.webviewFrame('.job-latest img.result-image', 60_000);
  await panel.waitForFunction(
    ({ alt, width, height }) =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.job-latest img.result-image')).some(
        (image) => image.alt === alt && image.complete && image.naturalWidth === width && image.naturalHeight === height,
      ),
    { alt: prompt, ...SIZE },
    { timeout: 30_000 },
  );
}

function assertRecordOnDisk(file: string, prompt: string, taskId: string): void {
  const bytes = readFileSync(session().path(file));
  const record = readProvenance(bytes);
  assert.ok(record, `${file} carries a record`);
  assert.deepEqual(
    { prompt: record.prompt, model: record.model, taskId: record.taskId, action: record.action, aspectRatio: record.aspectRatio, resolution: record.resolution },
    { prompt, model: 'nano-banana-2', taskId, action: 'generate', aspectRatio: '16:9', resolution: '1K' },
  );
  assert.ok(Math.abs(Date.parse(record.createdAt) - Date.now()) < 10 * 60_000, `created ${record.createdAt}`);
}

test('a generated PNG carries its prompt, model and task id, and still decodes to the same picture', async () => {
  session().api.reset();
  const taskId = await generate(PNG_PROMPT, PNG_FILE);
  assertRecordOnDisk(PNG_FILE, PNG_PROMPT, taskId);
  const decoded = decodePng(readFileSync(session().path(PNG_FILE)));
  assert.ok(decoded, 'an independent PNG decoder reads it');
  assert.deepEqual({ width: decoded.width, height: decoded.height }, SIZE);
  // Lossless: exactly the picture the stand-in drew for this prompt.
  assert.ok(decoded.rgb.equals(pictureImage(digest(PNG_PROMPT, '0'), SIZE.width, SIZE.height).rgb), 'pixels unchanged');
  await waitUntilShownInPanel(PNG_PROMPT);
});

test('Show Prompt on the PNG in the Explorer shows its prompt, model and task id', async () => {
  const { vscode } = session();
  const taskId = onlyTaskId();
  await vscode.explorerContextMenu(PNG_FILE, 'Show Prompt');
  const shown = await vscode.waitForNotification('was generated from the prompt');
  const message = await shown.message();
  assert.ok(message.includes(`“${PNG_PROMPT}”`), message);
  assert.ok(message.includes('nano-banana-2'), message);
  assert.ok(message.includes(taskId), message);
  assert.deepEqual(await shown.buttons(), ['Copy Prompt', 'Generate Again', 'Copy Task Id']);
  await vscode.screenshot('provenance-show-prompt-png');

  // Generate Again repeats the prompt and the image's model into the image's folder.
  session().api.reset();
  await shown.clickButton('Generate Again');
  const input = await vscode.waitForQuickInput();
  assert.equal(input.value, PNG_PROMPT);
  await vscode.acceptQuickPick();
  await session().waitForFile('renders/a-banana-astronaut-2.png');
  const again = session().api.stats.requests.find((request) => request.method === 'POST' && request.path.startsWith('/nano-banana/images'));
  const { action, prompt, model, aspect_ratio: ratio, resolution, count } = again?.body as Record<string, unknown>;
  assert.deepEqual({ action, prompt, model, ratio, resolution, count }, { action: 'generate', prompt: PNG_PROMPT, model: 'nano-banana-2', ratio: '16:9', resolution: '1K', count: 1 });
});

test('a generated JPEG carries the record too, and jpeg-js still decodes it at its size', async () => {
  session().api.reset();
  session().api.knobs.format = 'jpeg';
  const taskId = await generate(JPEG_PROMPT, JPEG_FILE);
  assertRecordOnDisk(JPEG_FILE, JPEG_PROMPT, taskId);
  const decoded = decodeJpeg(readFileSync(session().path(JPEG_FILE)), { useTArray: true });
  assert.deepEqual({ width: decoded.width, height: decoded.height }, SIZE);
  await waitUntilShownInPanel(JPEG_PROMPT);
});

test('Show Prompt on the JPEG in the Explorer shows its prompt', async () => {
  const { vscode } = session();
  const taskId = onlyTaskId();
  await vscode.explorerContextMenu(JPEG_FILE, 'Show Prompt');
  const shown = await vscode.waitForNotification(`“${JPEG_PROMPT}”`);
  const message = await shown.message();
  assert.ok(message.includes('a-robot-painting.jpg was generated from the prompt'), message);
  assert.ok(message.includes(taskId), message);
  await vscode.screenshot('provenance-show-prompt-jpeg');
  await shown.dismiss();
});

test('from the palette, Show Prompt asks which image (none is previewed); one without a record says so', async () => {
  const { vscode } = session();
  // The Explorer clicks above left an image preview active, which the command would take as the image.
  await vscode.openFile('README.md');
  await vscode.runCommand('Nano Banana: Show Prompt');
  const picker = await vscode.waitForQuickInput();
  assert.equal(picker.title, 'Nano Banana: Show Prompt');
  const labels = picker.items.map((item) => item.label);
  for (const name of ['a-banana-astronaut.png', 'a-robot-painting.jpg', 'sample.png']) assert.ok(labels.includes(name), `${name} in ${JSON.stringify(labels)}`);
  await vscode.pickQuickPickItem('a-robot-painting.jpg');
  const shown = await vscode.waitForNotification(`“${JPEG_PROMPT}”`);
  await shown.dismiss();

  await vscode.explorerContextMenu('images/sample.png', 'Show Prompt');
  const none = await vscode.waitForNotification('carries no prompt');
  assert.match(await none.message(), /"images\/sample\.png" carries no prompt/);
});

test('an image whose record cannot be written is saved as delivered, and the log says why', async () => {
  const { vscode, api } = session();
  api.reset();
  // Bytes after a JPEG's end marker: the reader could not tell such a file from a damaged one, so it is not stamped.
  Object.assign(api.knobs, { format: 'jpeg', trailingBytes: 64 });
  const taskId = await generate('a motion photo 动态照片', 'renders/a-motion-photo.jpg');
  const bytes = readFileSync(session().path('renders/a-motion-photo.jpg'));
  assert.equal(readProvenance(bytes), undefined);
  assert.ok(bytes.subarray(-64).equals(Buffer.alloc(64, 0x20)), 'the file is exactly as delivered, trailer included');
  assert.deepEqual({ width: decodeJpeg(bytes).width, height: decodeJpeg(bytes).height }, SIZE);
  const warning = `task ${taskId}: saving the image without its prompt record, which could not be written: not a complete JPEG file`;
  await waitUntil(() => session().outputLog().includes(warning), () => `the log never said "${warning}"; it holds:\n${session().outputLog()}`);

  await vscode.explorerContextMenu('renders/a-motion-photo.jpg', 'Show Prompt');
  await vscode.waitForNotification('"renders/a-motion-photo.jpg" carries no prompt');
});
