// The stored job history: what is read back is validated entry by entry, and the list stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HISTORY_LIMIT, parseJobHistory, withJobRecorded } from '../../src/core/historyRules';
import type { JobRecord } from '../../src/model/job';

function job(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: 'job-1',
    action: 'generate',
    prompt: 'a banana',
    options: { model: 'nano-banana', aspectRatio: '1:1', resolution: '1K', count: 1 },
    sourceImages: [],
    targetFolder: 'file:///ws/assets/generated',
    taskId: 'task-1',
    traceId: 'trace-1',
    stage: 'saved',
    images: [{ uri: 'file:///ws/assets/generated/a-banana.png', label: 'assets/generated/a-banana.png', mime: 'image/png', width: 1024, height: 1024, bytes: 99 }],
    createdAt: 1_700_000_000_000,
    finishedAt: 1_700_000_012_000,
    cost: { amount: 2, listAmount: 2.5, currency: 'credit' },
    ...overrides,
  };
}

/** What workspace state gives back: JSON, so undefined fields are gone. */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

test('parseJobHistory: a stored job reads back unchanged', () => {
  const edit = job({ id: 'e', action: 'edit', sourceImages: ['file:///ws/in.png'], stage: 'failed', error: 'Refused.', images: [], cost: undefined });
  assert.deepEqual(parseJobHistory(stored([job(), edit])), stored([job(), edit]));
});

test('parseJobHistory: which variation was kept, and where the job linked its images, read back', () => {
  const kept = job({ kept: 1, linkedFrom: { document: 'file:///ws/docs/guide.md', kind: 'inserted' } });
  assert.deepEqual(parseJobHistory(stored([kept])), stored([kept]));
  assert.deepEqual(parseJobHistory(stored([job({ kept: -1 as number })])), [], 'a negative index is not one');
});

test('parseJobHistory: anything that is not a list is an empty history', () => {
  for (const raw of [undefined, null, 'jobs', 42, { id: 'job-1' }]) assert.deepEqual(parseJobHistory(raw), [], String(raw));
});

test('parseJobHistory: malformed entries are dropped, the others kept', () => {
  const good = job({ id: 'good' });
  const broken: unknown[] = [
    null,
    'job',
    { ...good, id: '' },
    { ...good, id: 'no-prompt', prompt: undefined },
    { ...good, id: 'bad-action', action: 'delete' },
    { ...good, id: 'bad-images', images: [{ uri: 'file:///x.png' }] },
    { ...good, id: 'bare-path', images: [{ ...good.images[0], uri: '/etc/passwd' }] },
    { ...good, id: 'bad-folder', targetFolder: 'assets' },
    { ...good, id: 'bad-count', options: { ...good.options, count: 0 } },
    { ...good, id: 'bad-time', createdAt: 'yesterday' },
    { ...good, id: 'infinite', createdAt: Infinity },
    { ...good, id: 'bad-cost', cost: { amount: '2' } },
  ];
  assert.deepEqual(parseJobHistory(stored([...broken, good])), stored([good]));
});

test('parseJobHistory: a job stored while still running is not history (it would spin forever)', () => {
  for (const stage of ['submitting', 'waiting', 'downloading', 'saving', 'unknown']) {
    assert.deepEqual(parseJobHistory([job({ stage: stage as JobRecord['stage'] })]), [], stage);
  }
  for (const stage of ['saved', 'failed', 'cancelled'] as const) assert.equal(parseJobHistory([job({ stage })]).length, 1, stage);
});

test('parseJobHistory: unknown fields are not carried along', () => {
  const [read] = parseJobHistory([{ ...job(), html: '<script>', options: { ...job().options, extra: 1 } }]);
  assert.ok(read && !('html' in read) && !('extra' in read.options));
});

test('parseJobHistory: newest first, one entry per id, at most the limit', () => {
  const jobs = [job({ id: 'a', createdAt: 1 }), job({ id: 'b', createdAt: 3 }), job({ id: 'c', createdAt: 2 }), job({ id: 'b', createdAt: 0 })];
  assert.deepEqual(parseJobHistory(jobs).map((entry) => entry.id), ['b', 'c', 'a']);
  assert.deepEqual(parseJobHistory(jobs, 2).map((entry) => entry.id), ['b', 'c']);
});

test('withJobRecorded: adds a job at the front', () => {
  const older = job({ id: 'old', createdAt: 1 });
  const newer = job({ id: 'new', createdAt: 2 });
  assert.deepEqual(withJobRecorded([older], newer).map((entry) => entry.id), ['new', 'old']);
});

test('withJobRecorded: a job recorded again replaces its entry (a cancelled job fetched later)', () => {
  const cancelled = job({ stage: 'cancelled', images: [] });
  const saved = job();
  const history = withJobRecorded(withJobRecorded([], cancelled), saved);
  assert.equal(history.length, 1);
  assert.equal(history[0]?.stage, 'saved');
  assert.equal(history[0]?.images.length, 1);
});

test('withJobRecorded: keeps only the newest jobs once the limit is reached', () => {
  let history: JobRecord[] = [];
  for (let index = 0; index < HISTORY_LIMIT + 20; index++) history = withJobRecorded(history, job({ id: `job-${index}`, createdAt: index }));
  assert.equal(history.length, HISTORY_LIMIT);
  assert.equal(history[0]?.id, `job-${HISTORY_LIMIT + 19}`);
  assert.equal(history.at(-1)?.id, 'job-20');
});
