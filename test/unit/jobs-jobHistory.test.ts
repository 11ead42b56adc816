// The workspace's job history as the extension keeps it: JobHistory over a workspace state that holds
// JSON, as VS Code's does. A reload is a new JobHistory over the same state. The rules themselves are
// tested in core-historyRules.test.ts; here, what one window records and the next one reads.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type * as vscode from 'vscode';
import { HISTORY_VERSION, JobRecordSchema } from '../../src/core/historyRules';
import type { JobRecord } from '../../src/model/job';
import { logged, useInMemoryVscode } from '../support/vscodeInMemory';
import { jobWithEveryField, undeclaredFields } from './helpers/jobWithEveryField';

useInMemoryVscode();

const KEY = 'nanoBanana.jobHistory';
let modules: { history: typeof import('../../src/jobs/jobHistory'); log: typeof import('../../src/services/log') };
before(async () => {
  modules = { history: await import('../../src/jobs/jobHistory'), log: await import('../../src/services/log') };
});

/** Workspace state as VS Code keeps it: JSON text, so what comes back is a copy without undefined fields. */
class JsonState implements vscode.Memento {
  readonly texts = new Map<string, string>();
  keys(): readonly string[] {
    return [...this.texts.keys()];
  }
  get<T>(key: string): T | undefined;
  get<T>(key: string, fallback: T): T;
  get<T>(key: string, fallback?: T): T | undefined {
    const text = this.texts.get(key);
    return text === undefined ? fallback : (JSON.parse(text) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.texts.set(key, JSON.stringify(value));
  }
}

/** A window's history over `state`; a second call over the same state is the window after a reload. */
const windowOver = (state: JsonState) => new modules.history.JobHistory(state, new modules.log.Log());

const finished = (id: string, createdAt: number): JobRecord => ({
  id,
  action: 'generate',
  prompt: `a banana ${id}`,
  options: { model: 'nano-banana', aspectRatio: '1:1', resolution: '1K', count: 1 },
  sourceImages: [],
  targetFolder: 'file:///ws/assets/generated',
  stage: 'saved',
  images: [{ uri: `file:///ws/assets/generated/${id}.png`, label: `assets/generated/${id}.png`, mime: 'image/png', width: 1024, height: 1024, bytes: 99 }],
  createdAt,
});

test('[durable:history-round-trip] a job with every field recorded in one window reads back unchanged after a reload', async () => {
  const state = new JsonState();
  await windowOver(state).record(jobWithEveryField);
  assert.deepEqual(windowOver(state).load(), [jobWithEveryField]);
  // Loose objects keep any field, declared or not: this is what shows the schema checks each one.
  assert.deepEqual(undeclaredFields(JobRecordSchema, jobWithEveryField), []);
  assert.equal((JSON.parse(state.texts.get(KEY) ?? '') as { version: unknown }).version, HISTORY_VERSION);
});

test('[durable:history-round-trip] the bare list the current release stores is migrated: read back, then kept as { version, jobs }', async () => {
  const state = new JsonState();
  // As release 0.1.0 wrote it: a bare list, its jobs without exactSize and warnings (its schema dropped them).
  const earlier = finished('earlier', 1);
  await state.update(KEY, [earlier]);
  assert.deepEqual(windowOver(state).load(), [earlier]);

  await windowOver(state).record(jobWithEveryField);
  assert.deepEqual(JSON.parse(state.texts.get(KEY) ?? ''), { version: HISTORY_VERSION, jobs: [jobWithEveryField, earlier] });
  assert.deepEqual(windowOver(state).load(), [jobWithEveryField, earlier]);
});

test('[durable:history-round-trip] fields a newer release wrote are kept through a reload and the next record', async () => {
  const state = new JsonState();
  const newer = {
    ...jobWithEveryField,
    completion: { kind: 'insertLink', insertion: { line: 3, character: 0 } },
    options: { ...jobWithEveryField.options, seed: 7, exactSize: { ...jobWithEveryField.options.exactSize, fit: 'cover' } },
    images: jobWithEveryField.images.map((image) => ({ ...image, blurhash: 'LEHV6nWB' })),
    cost: { ...jobWithEveryField.cost, tax: 0 },
    style: { ...jobWithEveryField.style, strength: 0.5 },
    linkedFrom: { ...jobWithEveryField.linkedFrom, line: 3 },
  };
  await state.update(KEY, { version: HISTORY_VERSION, jobs: [newer], pinned: [newer.id] });
  const [read] = windowOver(state).load();
  assert.deepEqual(read, newer);

  // The job comes back from the panel (a variation kept) and is recorded again, beside a new one.
  await windowOver(state).record({ ...read!, kept: 0 });
  await windowOver(state).record(finished('later', jobWithEveryField.createdAt + 1));
  assert.deepEqual(JSON.parse(state.texts.get(KEY) ?? ''), {
    version: HISTORY_VERSION,
    pinned: [newer.id],
    jobs: [finished('later', jobWithEveryField.createdAt + 1), { ...newer, kept: 0 }],
  });
});

test('a history a newer version wrote is read as far as this release can, and left as it was: said once in the log', async () => {
  const state = new JsonState();
  const written = { version: HISTORY_VERSION + 1, jobs: [jobWithEveryField, { ...jobWithEveryField, id: 'queued', stage: 'queued' }] };
  await state.update(KEY, written);
  const window = windowOver(state);
  assert.deepEqual(window.load(), [jobWithEveryField]);

  logged.length = 0;
  await window.record(finished('mine', 1));
  await window.record(finished('mine-too', 2));
  assert.deepEqual(JSON.parse(state.texts.get(KEY) ?? ''), written, 'not one byte of it changed');
  const told = logged.filter((line) => line.includes('newer release'));
  assert.equal(told.length, 1, logged.join('\n'));
  assert.match(told[0]!, new RegExp(`^warn .*history version ${HISTORY_VERSION + 1}\\b.*update the extension`));
});
