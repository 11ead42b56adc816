// The stored job history: what is read back is validated entry by entry, and the list stays bounded. Its
// schema follows JobRecord field by field (checked by the compiler here), keeps what a newer release
// added, and reads the bare list release 0.1.0 stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { output } from 'zod/mini';
import { HISTORY_LIMIT, HISTORY_VERSION, JobRecordSchema, parseJobHistory, recordInHistory, withJobRecorded } from '../../src/core/historyRules';
import type { FinishedStage, JobRecord } from '../../src/model/job';
import { jobWithEveryField, undeclaredFields } from './helpers/jobWithEveryField';

/** The fields a loose object's type declares, without the `[field: string]: unknown` that keeps the others. */
type Declared<T> = T extends readonly (infer Element)[]
  ? Declared<Element>[]
  : T extends object
    ? { [Key in keyof T as string extends Key ? never : Key]: Declared<T[Key]> }
    : T;
/** Every field's dotted path, at every depth: two types with the same paths have the same fields. */
type FieldPaths<T> = T extends readonly (infer Element)[]
  ? FieldPaths<Element>
  : T extends object
    ? { [Key in keyof T & string]-?: Key | `${Key}.${FieldPaths<NonNullable<T[Key]>>}` }[keyof T & string]
    : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Only finished jobs are history. */
type HistoryJob = Omit<JobRecord, 'stage'> & { stage: FinishedStage };
type SchemaJob = Declared<output<typeof JobRecordSchema>>;

// Compile-time: `tsc` fails here when the schema and JobRecord part ways, a field missing on either side
// (optional ones too, which assignability alone would let pass) or a field of another type.
true satisfies Same<FieldPaths<SchemaJob>, FieldPaths<JobRecord>>;
true satisfies Same<SchemaJob, HistoryJob>;

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

test('parseJobHistory: anything that is neither a list nor a versioned history is an empty history', () => {
  for (const raw of [undefined, null, 'jobs', 42, { id: 'job-1' }, { version: 0, jobs: [job()] }, { version: '2', jobs: [job()] }]) {
    assert.deepEqual(parseJobHistory(raw), [], JSON.stringify(raw));
  }
  assert.deepEqual(parseJobHistory({ version: HISTORY_VERSION, jobs: 'job-1' }), []);
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
    { ...good, id: 'bad-exact-size', options: { ...good.options, exactSize: { width: 0, height: 630 } } },
    { ...good, id: 'bad-warnings', warnings: 'enlarged' },
  ];
  assert.deepEqual(parseJobHistory(stored([...broken, good])), stored([good]));
});

test('parseJobHistory: a job stored while still running is not history (it would spin forever)', () => {
  for (const stage of ['submitting', 'waiting', 'downloading', 'saving', 'unknown']) {
    assert.deepEqual(parseJobHistory([job({ stage: stage as JobRecord['stage'] })]), [], stage);
  }
  for (const stage of ['saved', 'failed', 'cancelled'] as const) assert.equal(parseJobHistory([job({ stage })]).length, 1, stage);
});

test('the schema declares every field of a job with every field, at every depth', () => {
  assert.deepEqual(undeclaredFields(JobRecordSchema, jobWithEveryField), []);
  // The check sees a field the schema would only carry along.
  assert.deepEqual(undeclaredFields(JobRecordSchema, { ...jobWithEveryField, options: { ...jobWithEveryField.options, seed: 7 } }), ['$.options.seed']);
});

test('recordInHistory: stores { version, jobs }, the new job first', () => {
  const first = recordInHistory(undefined, job({ id: 'a', createdAt: 1 }));
  assert.ok('store' in first);
  assert.equal(first.store.version, HISTORY_VERSION);
  const second = recordInHistory(stored(first.store), job({ id: 'b', createdAt: 2 }));
  assert.ok('store' in second);
  assert.deepEqual(stored(second.store), { version: HISTORY_VERSION, jobs: stored([job({ id: 'b', createdAt: 2 }), job({ id: 'a', createdAt: 1 })]) });
});

test('version 1, the bare list release 0.1.0 stored, is read and becomes { version, jobs } at the next record', () => {
  // As 0.1.0 wrote it: today's fields, without exactSize and warnings, which its schema dropped.
  const written = stored([job({ id: 'old', createdAt: 1, style: { text: 'ink' }, linkedFrom: { document: 'file:///ws/a.md', kind: 'inserted' }, kept: 0 })]);
  assert.deepEqual(parseJobHistory(written), written);
  const recorded = recordInHistory(written, job({ id: 'new', createdAt: 2 }));
  assert.ok('store' in recorded);
  assert.deepEqual(stored(recorded.store), { version: HISTORY_VERSION, jobs: [stored(job({ id: 'new', createdAt: 2 })), ...(written as unknown[])] });
});

/** A job as a newer release might write it: a field of its own at every level. */
const newerJob = (overrides: Partial<JobRecord> = {}) => ({
  ...job({ linkedFrom: { document: 'file:///ws/a.md', kind: 'reference' }, style: { text: 'ink' }, ...overrides }),
  completion: { kind: 'relinkReference', reference: 'images/robot.png' },
  options: { ...job().options, exactSize: { width: 640, height: 480, fit: 'cover' }, seed: 7 },
  images: [{ ...job().images[0], blurhash: 'LEHV6nWB' }],
  cost: { amount: 2, currency: 'credit', tax: 0 },
  style: { text: 'ink', strength: 0.5 },
  linkedFrom: { document: 'file:///ws/a.md', kind: 'reference', line: 3 },
});

test('fields a newer release added are kept at every level, and written back with the job', () => {
  const newer = stored(newerJob());
  assert.deepEqual(parseJobHistory([newer]), [newer]);
  const envelope = { version: HISTORY_VERSION, jobs: [newer], pinned: ['job-1'] };
  const mine = job({ id: 'mine', createdAt: 1_800_000_000_000 });
  const recorded = recordInHistory(stored(envelope), mine);
  assert.ok('store' in recorded);
  assert.deepEqual(stored(recorded.store), { version: HISTORY_VERSION, pinned: ['job-1'], jobs: [stored(mine), newer] });
});

test('a history of a newer version is read as far as this release can, and never written over', () => {
  const readable = stored(newerJob({ id: 'readable' }));
  const unreadable = { ...stored(newerJob({ id: 'queued' })) as object, stage: 'queued' };
  const written = { version: HISTORY_VERSION + 1, jobs: [readable, unreadable] };
  assert.deepEqual(parseJobHistory(written), [readable]);
  assert.deepEqual(recordInHistory(written, job({ id: 'mine' })), { newerVersion: HISTORY_VERSION + 1 });
  // Whatever shape its list took, it is not replaced by this release's.
  assert.deepEqual(parseJobHistory({ version: HISTORY_VERSION + 1, jobs: { byId: {} } }), []);
  assert.deepEqual(recordInHistory({ version: HISTORY_VERSION + 1, jobs: { byId: {} } }, job()), { newerVersion: HISTORY_VERSION + 1 });
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
