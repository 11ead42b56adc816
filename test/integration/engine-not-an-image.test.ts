// Issue 22, point 8: the stand-in answers a finished task with an SVG (or an HTML page) under a .png
// name. The real engine, session, client, poller and downloader run against it on loopback; only the
// VS Code surface they touch is in memory. Whatever the job asked for (an exact size included, which
// goes through the image worker), nothing is saved, nothing reaches the image worker, and no record the
// results panel is given ever lists an image.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startMockApi, type MockApi } from '../mock-api';
import { Uri, userSettings, useInMemoryVscode } from '../support/vscodeInMemory';
import { loadEngineParts, memento, type EngineParts } from './helpers/engineParts';

useInMemoryVscode();

let mock: MockApi;
let folder: string;
let modules: EngineParts & { errors: typeof import('../../src/api/errors') };

before(async () => {
  mock = await startMockApi({ port: 0, token: 'not-an-image-token', knobs: { generationDelayMs: 20 } });
  folder = await mkdtemp(join(tmpdir(), 'nano-banana-not-an-image-'));
  userSettings.nanoBanana = { apiBaseUrl: mock.url };
  modules = { ...(await loadEngineParts()), errors: await import('../../src/api/errors') };
});
after(async () => {
  await mock?.close();
  await rm(folder, { recursive: true, force: true });
});

const presenter = { show: <T>(_title: string, work: (progress: { signal: AbortSignal; report(): void }) => Promise<T>) => work({ signal: new AbortController().signal, report: () => undefined }) };

for (const document of ['svg', 'html'] as const) {
  for (const exactSize of [undefined, { width: 1200, height: 630 }]) {
    test(`[security:not-an-image-result] a result that is ${document.toUpperCase()}${exactSize ? ', for a job with an exact size,' : ''} is not saved, not cut, not shown`, async () => {
      const { engine: { JobEngine }, session: { ApiSession }, store: { JobStore }, pending: { PendingJobs }, log: { Log }, errors: { ApiError } } = modules;
      mock.reset();
      mock.knobs.resultDocument = document;
      const store = new JobStore({ load: () => [], record: async () => undefined } as never);
      const announced: Array<{ images: unknown[] }> = [];
      store.onDidChange((job) => announced.push(job));
      const workerRequests: unknown[] = [];
      const images = { run: async (request: unknown) => void workerRequests.push(request) };
      const session = new ApiSession(new Log());
      const engine = new JobEngine({ store, session, pending: new PendingJobs(memento() as never), log: new Log(), prices: { record: async () => undefined } as never, images: images as never, completions: {} as never, reveal: () => undefined });

      const options = { model: 'nano-banana', resolution: '1K', count: 1, ...(exactSize && { exactSize }) };
      const spec = { action: 'generate' as const, prompt: 'a drawing that is not a picture', options, sourceImages: [], targetFolder: Uri.file(folder) as never, baseName: 'drawing' };
      const outcome = await engine.run(spec, mock.token, presenter);
      session.dispose();

      assert.equal(outcome.status, 'failed');
      const error = outcome.status === 'failed' ? outcome.error : undefined;
      assert.ok(error instanceof ApiError && error.code === 'not_an_image', String(error));
      assert.match(error.message, /is not a PNG, JPEG, WebP or GIF image; it was not saved/);
      assert.equal(mock.stats.downloads, 1, 'the result was fetched, and refused on its bytes');
      assert.deepEqual(workerRequests, [], 'nothing reached the image worker');
      assert.ok(announced.length > 0 && announced.every((job) => job.images.length === 0), 'the panel was never given an image');
      assert.deepEqual(await readdir(folder), []);
    });
  }
}
