// Issue 21: one owner for a job's life. The real engine, API session, client and poller against the
// stand-in on loopback, with real worker threads for the image work; only the VS Code surface they touch
// is in memory (test/support/vscodeInMemory.ts). Cancel ends as a cancellation whatever step it
// interrupts, and a job that runs is followed, never fetched a second time.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { startMockApi, type MockApi } from '../mock-api';
import { logged, Uri, userSettings, useInMemoryVscode } from '../support/vscodeInMemory';
import { until } from './helpers/clientEnv';
import { loadEngineParts, memento, type EngineParts } from './helpers/engineParts';

useInMemoryVscode();

let mock: MockApi;
let modules: EngineParts;
const dir = mkdtempSync(join(tmpdir(), 'engine-lifecycle-'));

before(async () => {
  mock = await startMockApi({ port: 0, token: 'engine-test-token' });
  userSettings.nanoBanana = { apiBaseUrl: mock.url };
  modules = await loadEngineParts();
});
beforeEach(() => mock.reset());
after(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A worker thread that announces it started work (a file the test waits for) and never answers. */
function stallingWorker(name: string): { file: string; started: string } {
  const started = join(dir, `${name}.started`);
  const file = join(dir, `${name}.js`);
  writeFileSync(file, `require('node:worker_threads').parentPort.once('message', () => { require('node:fs').writeFileSync(${JSON.stringify(started)}, ''); setInterval(() => {}, 1000); });\n`);
  return { file, started };
}

function engineWith(workerFile: string) {
  const { engine: { JobEngine }, session: { ApiSession }, store: { JobStore }, pending: { PendingJobs }, log: { Log }, workers: { ImageWorkers } } = modules;
  const log = new Log();
  const store = new JobStore({ load: () => [], record: async () => undefined } as never);
  const pending = new PendingJobs(memento() as never);
  const session = new ApiSession(log);
  const images = new ImageWorkers(workerFile);
  const engine = new JobEngine({ store, session, pending, log, prices: { record: async () => undefined } as never, images, completions: {} as never, reveal: () => undefined });
  return { engine, pending, images, dispose: () => (engine.dispose(), session.dispose()) };
}

/** A presenter whose Cancel the test presses. */
function cancellable() {
  const controller = new AbortController();
  const ended: unknown[] = [];
  return {
    cancel: () => controller.abort(),
    ended,
    presenter: {
      show: <T>(_title: string, work: (progress: { signal: AbortSignal; report(message: string): void }) => Promise<T>) => work({ signal: controller.signal, report: () => undefined }),
      ended: (outcome: unknown) => void ended.push(outcome),
    },
  };
}

const spec = (extra: object = {}) => ({ action: 'generate' as const, prompt: 'a lamp left burning', options: { model: 'nano-banana', resolution: '1K', count: 1 }, sourceImages: [], targetFolder: Uri.parse('file:///ws/out') as never, baseName: 'a-lamp', ...extra });

test('[durable:cancel-while-shrinking] Cancel while an input is made smaller ends as cancelled before anything is sent, not as a failure', async () => {
  const worker = stallingWorker('shrink');
  const { engine, images, dispose } = engineWith(worker.file);
  const user = cancellable();
  const outcome = engine.run(
    spec({ action: 'edit', inputs: async ({ signal }: { signal: AbortSignal }) => {
      const copy = await images.run({ op: 'prepareForUpload', bytes: new Uint8Array(16) }, signal);
      return { urls: [String(copy.bytes.length)], notes: [] };
    } }),
    mock.token,
    user.presenter,
  );
  assert.ok(await until(() => existsSync(worker.started)), 'the worker started shrinking the input');
  user.cancel();
  const ended = await outcome;
  dispose();
  assert.equal(ended.status, 'cancelled', JSON.stringify(ended));
  assert.equal(ended.status === 'cancelled' && ended.unanswered, false, 'nothing was sent, so nothing may be billed');
  assert.equal(mock.stats.imagesRequests, 0);
  assert.deepEqual(user.ended.map((one) => (one as { status: string }).status), ['cancelled']);
});

test('[durable:cancel-while-shrinking] Cancel while a result is cut to its exact size ends as cancelled, the task kept to fetch later', async () => {
  const worker = stallingWorker('cut');
  const { engine, pending, dispose } = engineWith(worker.file);
  const user = cancellable();
  mock.knobs.generationDelayMs = 50;
  const outcome = engine.run(spec({ options: { model: 'nano-banana', resolution: '1K', count: 1, aspectRatio: '16:9', exactSize: { width: 300, height: 200 } } }), mock.token, user.presenter);
  assert.ok(await until(() => existsSync(worker.started), 15_000), 'the worker started cutting the result');
  user.cancel();
  const ended = await outcome;
  dispose();
  assert.equal(ended.status, 'cancelled', JSON.stringify(ended));
  assert.ok(!logged.some((line) => /This operation was aborted/.test(line)), 'not reported as a failure');
  assert.equal(pending.all()[0]?.job.taskId, ended.job.taskId, 'the paid task stays pending: Check Pending Tasks fetches it');
  assert.equal(mock.stats.submits, 1);
});

test('[durable:fetched-twice] resuming a job this window runs follows it: the same outcome, no second fetch, and Cancel reaches the job', async () => {
  const { engine, pending, dispose } = engineWith(stallingWorker('unused').file);
  mock.knobs.generationDelayMs = 60_000;
  const starter = cancellable();
  const outcome = engine.run(spec(), mock.token, starter.presenter);
  assert.ok(await until(() => pending.all()[0]?.job.stage === 'waiting'), 'the job waits for its task');
  const [entry] = pending.all();
  assert.ok(engine.isRunning(entry.job.id) && engine.isRunning('another id', entry.job.taskId), 'known by its job id and by its task id');

  const follower = cancellable();
  const followed = engine.resume(entry, mock.token, follower.presenter);
  assert.ok(logged.some((line) => line.includes(`job ${entry.job.id} is already running in this window`)), logged.join('\n'));
  follower.cancel();
  const [first, second] = await Promise.all([outcome, followed]);
  dispose();
  assert.equal(first.status, 'cancelled');
  assert.deepEqual(second, first, 'the follower gets the outcome of the one run');
  assert.equal(starter.ended.length, 1, 'the front door that started the job tells its outcome');
  assert.equal(follower.ended.length, 0, 'the follower does not tell it a second time');
  assert.equal(mock.stats.submits, 1);
  assert.ok(!engine.isRunning(entry.job.id), 'the registry forgets the job once it ended');
});

test('a workspace state that stops accepting writes: the job still ends with an outcome, the failure is logged, no promise rejects unheard', async () => {
  const { engine: { JobEngine }, session: { ApiSession }, store: { JobStore }, pending: { PendingJobs }, log: { Log }, workers: { ImageWorkers } } = modules;
  const state = memento();
  let writes = 0;
  // The first write (the accepted task) lands; every later one fails, as a full disk or a closing window makes it.
  const failing = { ...state, update: async (key: string, value: unknown) => (++writes === 1 ? state.update(key, value) : Promise.reject(new Error('the disk is full'))) };
  const log = new Log();
  const session = new ApiSession(log);
  const engine = new JobEngine({ store: new JobStore({ load: () => [], record: async () => undefined } as never), session, pending: new PendingJobs(failing as never), log, prices: { record: async () => undefined } as never, images: new ImageWorkers(stallingWorker('unused-2').file), completions: {} as never, reveal: () => undefined });
  mock.knobs.generationDelayMs = 60_000;
  const user = cancellable();
  const outcome = engine.run(spec(), mock.token, user.presenter);
  assert.ok(await until(() => writes >= 2), 'the waiting stage was written, and refused');
  user.cancel();
  const ended = await outcome;
  engine.dispose();
  session.dispose();
  assert.equal(ended.status, 'cancelled');
  assert.ok(logged.some((line) => /could not be persisted/.test(line) && /the disk is full/.test(line)), logged.join('\n'));
});
