// One memory measurement in a fresh process (fresh heap), started by bench/memory.ts:
//   save   <json {urls, warmUpUrl, folder}>   the extension's downloader and save step
//   fetch  <json {urls, warmUpUrl, folder}>   fetch() + arrayBuffer() + writeFile, the common way
//   upload <json {imagePath, baseUrl, token}> reading a local image and sending it for an edit
// Each first runs its code path once on a small input, so module loading is not counted as growth.
// Prints one JSON line with the measurement.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { NanoBananaClient } from '../src/api/client';
import { createAgent } from '../src/api/http';
import { imageDataUri } from '../src/core/dataUri';
import { downloadAndSave, downloadVia } from './deliver';
import { measurePeak } from './peakMemory';

interface SaveArgs {
  urls: string[];
  warmUpUrl: string;
  folder: string;
}

interface UploadArgs {
  imagePath: string;
  smallImagePath: string;
  baseUrl: string;
  token: string;
}

const TIMEOUTS = { connectMs: 15_000, headersMs: 120_000, bodyMs: 120_000 };

async function saveWithExtension({ urls, warmUpUrl, folder }: SaveArgs) {
  const dispatcher = createAgent(TIMEOUTS);
  const scratch = join(folder, '..', `${basename(folder)}-scratch`);
  await mkdir(scratch, { recursive: true });
  // The stand-in's image host shares the loopback address of its API.
  const download = downloadVia(dispatcher, new URL(warmUpUrl).origin);
  await downloadAndSave([warmUpUrl], download, scratch, join(folder, 'warm-up'), 'warm-up');
  try {
    return await measurePeak(async () => (await downloadAndSave(urls, download, scratch, folder, 'image')).files);
  } finally {
    await dispatcher.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function saveWithFetch({ urls, warmUpUrl, folder }: SaveArgs) {
  const save = async (url: string, path: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    await writeFile(path, Buffer.from(await response.arrayBuffer()));
    return path;
  };
  await mkdir(folder, { recursive: true });
  await save(warmUpUrl, join(folder, 'warm-up.png'));
  return measurePeak(async () => {
    const files: string[] = [];
    for (const [index, url] of urls.entries()) files.push(await save(url, join(folder, `image-${index}.png`)));
    return files;
  });
}

async function uploadForEdit({ imagePath, smallImagePath, baseUrl, token }: UploadArgs) {
  const client = new NanoBananaClient({ baseUrl, token, dispatcher: createAgent(TIMEOUTS) });
  const send = async (path: string) => {
    const started = performance.now();
    const uri = imageDataUri(await readFile(path), basename(path));
    const encodedMs = performance.now() - started;
    await client.submit({ action: 'edit', prompt: 'bench edit', model: 'nano-banana', image_urls: [uri] });
    return { encodeMs: encodedMs, submitMs: performance.now() - started, dataUriChars: uri.length };
  };
  await send(smallImagePath);
  return measurePeak(() => send(imagePath));
}

async function main(): Promise<void> {
  const [mode, json] = process.argv.slice(2);
  const args = JSON.parse(json);
  if (mode === 'upload') {
    process.stdout.write(`${JSON.stringify(await uploadForEdit(args))}\n`);
    return;
  }
  const measured = mode === 'save' ? await saveWithExtension(args) : await saveWithFetch(args);
  const sizes = await Promise.all(measured.result.map(async (file) => (await stat(file)).size));
  process.stdout.write(`${JSON.stringify({ ...measured, result: sizes })}\n`);
  await rm(args.folder, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
