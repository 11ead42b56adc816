// Memory while saving large images, and the cost of sending a local image for an edit. Every
// measurement runs in its own child process (bench/memory-child.ts) so each starts with a fresh heap;
// the two saving variants alternate, three runs each.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NanoBananaClient } from '../src/api/client';
import { createAgent } from '../src/api/http';
import { TaskPoller } from '../src/api/poller';
import type { ImagesRequest } from '../src/api/schemas';
import { startMockApi, type MockApi } from '../test/mock-api';
import { encodePng } from '../test/mock-api/png';
import { noiseImage } from '../test/mock-api/pixels';
import type { PeakMeasurement } from './peakMemory';

const run = promisify(execFile);
const CHILD = join(__dirname, 'memory-child.ts');
/** `saveOne` is the extension's path with the first image only: it shows whether growth is per image. */
const RUNS = [
  { name: 'save', mode: 'save', images: 4 },
  { name: 'fetch', mode: 'fetch', images: 4 },
  { name: 'saveOne', mode: 'save', images: 1 },
] as const;
export type SaveVariant = (typeof RUNS)[number]['name'];

export interface MemoryResult {
  imageBytes: number[];
  runs: Record<SaveVariant, Array<PeakMeasurement<number[]>>>;
}

export interface UploadResult {
  imageBytes: number;
  runs: Array<PeakMeasurement<{ encodeMs: number; submitMs: number; dataUriChars: number }>>;
}

async function child<T>(mode: string, args: object): Promise<T> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, mode, JSON.stringify(args)], {
    maxBuffer: 1024 * 1024,
    timeout: 180_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

async function resultUrls(mock: MockApi, request: ImagesRequest): Promise<string[]> {
  const dispatcher = createAgent({ connectMs: 15_000, headersMs: 120_000, bodyMs: 120_000 });
  const client = new NanoBananaClient({ baseUrl: mock.url, token: mock.token, dispatcher });
  const poller = new TaskPoller(() => client, { intervalMs: 100 });
  try {
    const { state } = await poller.wait((await client.submit(request)).taskId);
    if (state.state !== 'succeeded') throw new Error(`the stand-in failed to render: ${state.code}`);
    return state.imageUrls;
  } finally {
    poller.dispose();
    await dispatcher.close();
  }
}

async function sizeOf(url: string): Promise<number> {
  const response = await fetch(url, { method: 'HEAD' });
  return Number(response.headers.get('content-length'));
}

/** Four 4K noise PNGs (incompressible, so about 50 MB each), saved by each variant. */
export async function measureSaveMemory(workDir: string, runsPerVariant = 3): Promise<MemoryResult> {
  const mock = await startMockApi({ token: 'bench-token', knobs: { noise: true, generationDelayMs: 0 } });
  try {
    const urls = await resultUrls(mock, { action: 'generate', prompt: 'memory', model: 'nano-banana-pro', resolution: '4K', count: 4 });
    const [warmUpUrl] = await resultUrls(mock, { action: 'generate', prompt: 'warm up', model: 'nano-banana' });
    const imageBytes = await Promise.all(urls.map(sizeOf));
    const runs: MemoryResult['runs'] = { save: [], fetch: [], saveOne: [] };
    for (let attempt = 0; attempt < runsPerVariant; attempt++) {
      for (const { name, mode, images } of RUNS) {
        const folder = join(workDir, 'memory', `${name}-${attempt}`);
        const measured = await child<PeakMeasurement<number[]>>(mode, { urls: urls.slice(0, images), warmUpUrl, folder });
        // The extension's files also carry the prompt record, the same few hundred bytes in each;
        // fetch() writes the bytes as served.
        const record = mode === 'save' ? measured.result[0] - imageBytes[0] : 0;
        const expected = imageBytes.slice(0, images).map((bytes) => bytes + record);
        if (record < 0 || record > 4096 || measured.result.join() !== expected.join()) {
          throw new Error(`${name} saved files of ${measured.result.join(', ')} bytes; the stand-in served ${expected.join(', ')}`);
        }
        runs[name].push(measured);
      }
    }
    return { imageBytes, runs };
  } finally {
    await mock.close();
  }
}

/** A noise PNG just under the service's 10 MB input limit, read and sent as a data URI by the real client. */
export async function measureUpload(workDir: string, runs = 3): Promise<UploadResult> {
  await mkdir(workDir, { recursive: true });
  const imagePath = join(workDir, 'upload-10mb.png');
  const smallImagePath = join(workDir, 'upload-small.png');
  const seed = Buffer.alloc(32, 7);
  const image = await encodePng(noiseImage(seed, 1868, 1868), true);
  await writeFile(imagePath, image);
  await writeFile(smallImagePath, await encodePng(noiseImage(seed, 64, 64), true));
  // The tasks never render: only the upload is measured, and the stand-in stays idle meanwhile.
  const mock = await startMockApi({ token: 'bench-token', knobs: { neverFinishNext: 2 * runs } });
  try {
    const measured: UploadResult['runs'] = [];
    for (let attempt = 0; attempt < runs; attempt++) {
      measured.push(await child('upload', { imagePath, smallImagePath, baseUrl: mock.url, token: mock.token }));
    }
    return { imageBytes: image.length, runs: measured };
  } finally {
    await mock.close();
  }
}
