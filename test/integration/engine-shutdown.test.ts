// Issue 12, point 3: a window that closes while a job waits does not cancel the job. The real engine,
// API session, client and poller run against the stand-in on loopback; only the VS Code surface they
// touch is in memory (test/support/vscodeInMemory.ts). Deactivation is what VS Code does to the
// extension's subscriptions: the API session and the engine are disposed while the job waits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMockApi, type MockApi } from '../mock-api';
import { logged, Uri, userSettings, useInMemoryVscode } from '../support/vscodeInMemory';
import { until } from './helpers/clientEnv';
import { loadEngineParts, memento, type EngineParts } from './helpers/engineParts';

useInMemoryVscode();

let mock: MockApi;
let modules: EngineParts;

before(async () => {
  mock = await startMockApi({ port: 0, token: 'engine-test-token', knobs: { generationDelayMs: 60_000 } });
  userSettings.nanoBanana = { apiBaseUrl: mock.url };
  modules = await loadEngineParts();
});
after(async () => mock?.close());

const presenter = { show: <T>(_title: string, work: (progress: { signal: AbortSignal; report(): void }) => Promise<T>) => work({ signal: new AbortController().signal, report: () => undefined }) };

test('[durable:shutdown-not-cancel] deactivation while a job waits leaves it pending in its waiting stage: not cancelled, not in the history', async () => {
  const { engine: { JobEngine }, session: { ApiSession }, store: { JobStore }, pending: { PendingJobs }, log: { Log } } = modules;
  const state = memento();
  const log = new Log();
  const history = { load: () => [], record: async (job: unknown) => void recorded.push(job) };
  const recorded: unknown[] = [];
  const store = new JobStore(history as never);
  const pending = new PendingJobs(state as never);
  const session = new ApiSession(log);
  const engine = new JobEngine({ store, session, pending, log, prices: { record: async () => undefined } as never, images: {} as never, completions: {} as never, reveal: () => undefined });

  const spec = { action: 'generate' as const, prompt: 'a lamp left burning', options: { model: 'nano-banana', resolution: '1K', count: 1 }, sourceImages: [], targetFolder: Uri.parse('file:///ws/out') as never, baseName: 'a-lamp' };
  const outcome = engine.run(spec, mock.token, presenter);
  assert.ok(await until(() => pending.all()[0]?.job.stage === 'waiting'), 'the job reached its waiting stage');

  // What VS Code does on deactivation: every subscription disposed in the order activate() pushed them,
  // the engine before the session it uses.
  engine.dispose();
  session.dispose();

  const ended = await outcome;
  assert.equal(ended.status, 'interrupted');
  const [kept] = pending.all();
  assert.equal(kept?.job.stage, 'waiting', 'the persisted job is still waiting, so the next window resumes it');
  assert.match(kept.job.taskId ?? '', /^[\w-]{8,}$/, 'with the task id it resumes by');
  assert.deepEqual(recorded, [], 'nothing finished went into the history');
  assert.ok(!logged.some((line) => /job cancelled/.test(line)), logged.join('\n'));
  assert.equal(mock.stats.submits, 1);
});
