// The rules of the stored job history, free of vscode: what is read back from workspace state is
// validated (state written by another release, or edited by hand, must not break the panel), and the
// list is bounded so it cannot grow without limit. src/jobs/jobHistory.ts applies them to the state.
//
// The job types stay in src/model/job.ts (the webview imports them and must not load zod); the schema
// below follows them field by field, which test/unit/core-historyRules.test.ts checks at compile time
// and with a job that carries every field. Adding an optional field to JobRecord: declare it here too.
import * as z from 'zod/mini';
import { FINISHED_STAGES, type JobRecord } from '../model/job';

/** Newest jobs kept per workspace; older ones are dropped when a new one is recorded. */
export const HISTORY_LIMIT = 500;

/**
 * The version of what is stored. 1: the bare list of jobs that release 0.1.0 wrote. 2: `{ version, jobs }`.
 * A new optional field needs no new version: every object is read loosely, so a release that does not
 * know a field keeps it. A change an older release would misread or refuse (a field renamed or retyped,
 * a new value of a field it checks, such as a new stage) needs the next version and a migration here.
 */
export const HISTORY_VERSION = 2;

const text = z.string().check(z.minLength(1));
/** `Uri.toString()` of a file or folder: has a scheme, never a bare path. */
const uri = z.string().check(z.regex(/^[a-z][a-z0-9+.-]*:/i));
const count = z.number().check(z.minimum(0), z.refine(Number.isFinite));
const index = z.int().check(z.minimum(0));
const pixels = z.int().check(z.minimum(1));

// Loose at every level: fields written by a newer release come back with the job and are stored again.
const SavedImageSchema = z.looseObject({
  uri,
  label: z.string(),
  mime: z.string(),
  width: z.optional(count),
  height: z.optional(count),
  bytes: count,
});

const JobOptionsSchema = z.looseObject({
  model: text,
  aspectRatio: z.optional(text),
  resolution: text,
  count: z.int().check(z.minimum(1)),
  noStyle: z.optional(z.boolean()),
  exactSize: z.optional(z.looseObject({ width: pixels, height: pixels })),
});

export const JobRecordSchema = z.looseObject({
  id: text,
  action: z.enum(['generate', 'edit']),
  prompt: z.string(),
  options: JobOptionsSchema,
  sourceImages: z.array(uri),
  targetFolder: uri,
  taskId: z.optional(text),
  traceId: z.optional(text),
  // A running stage would show a job as running forever: only finished jobs are history.
  stage: z.enum(FINISHED_STAGES),
  images: z.array(SavedImageSchema),
  error: z.optional(z.string()),
  warnings: z.optional(z.array(z.string())),
  createdAt: count,
  finishedAt: z.optional(count),
  cost: z.optional(
    z.looseObject({
      amount: z.optional(z.number()),
      listAmount: z.optional(z.number()),
      currency: z.optional(z.string()),
    }),
  ),
  style: z.optional(z.looseObject({ text: z.optional(z.string()), images: z.optional(z.array(z.string())) })),
  linkedFrom: z.optional(z.looseObject({ document: uri, kind: z.enum(['inserted', 'reference']) })),
  kept: z.optional(index),
});

/** What workspace state holds from version 2 on; fields beside these, from a newer release, are kept. */
export interface StoredHistory {
  [field: string]: unknown;
  version: number;
  jobs: unknown[];
}

const VersionSchema = z.looseObject({ version: z.int().check(z.minimum(1)) });

interface ReadHistory {
  /** The version the state was written with; a fresh or unreadable state counts as this release's. */
  version: number;
  jobs: JobRecord[];
  /** The stored object's other fields, to be written back as they were. */
  others: Record<string, unknown>;
}

function readStored(raw: unknown, limit: number): ReadHistory {
  // Migration from version 1: release 0.1.0 stored the bare list, of records already in today's shape
  // (it dropped exactSize and warnings, which are optional); from here on they go into `{ version, jobs }`.
  if (Array.isArray(raw)) return { version: 1, jobs: parseJobs(raw, limit), others: {} };
  const stored = VersionSchema.safeParse(raw);
  if (!stored.success) return { version: HISTORY_VERSION, jobs: [], others: {} };
  const { version, jobs, ...others } = stored.data;
  // A newer release's jobs are read as far as they parse as this release's; its list may not be one.
  return { version, jobs: Array.isArray(jobs) ? parseJobs(jobs, limit) : [], others };
}

function parseJobs(entries: readonly unknown[], limit: number): JobRecord[] {
  const jobs = entries.flatMap((entry) => {
    const parsed = JobRecordSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
  return bounded(jobs, limit);
}

/**
 * The valid jobs of a stored history of any version, newest first, without duplicates and within the
 * limit. Entries that do not parse are dropped one by one; anything unreadable yields an empty history.
 */
export function parseJobHistory(raw: unknown, limit = HISTORY_LIMIT): JobRecord[] {
  return readStored(raw, limit).jobs;
}

/**
 * What to store once `job` is recorded in the stored history `raw`, in this release's version. A history
 * written by a newer release is not written over: this release would drop its jobs that it cannot read
 * and label the rest with its own, older version, and the newer release would then misread them.
 */
export function recordInHistory(raw: unknown, job: JobRecord, limit = HISTORY_LIMIT): { store: StoredHistory } | { newerVersion: number } {
  const stored = readStored(raw, limit);
  if (stored.version > HISTORY_VERSION) return { newerVersion: stored.version };
  return { store: { ...stored.others, version: HISTORY_VERSION, jobs: withJobRecorded(stored.jobs, job, limit) } };
}

/** The history with `job` added, or replacing the entry with its id (a resumed job finishing later). */
export function withJobRecorded(history: readonly JobRecord[], job: JobRecord, limit = HISTORY_LIMIT): JobRecord[] {
  return bounded([job, ...history.filter((entry) => entry.id !== job.id)], limit);
}

function bounded(jobs: JobRecord[], limit: number): JobRecord[] {
  const seen = new Set<string>();
  const unique = jobs.filter((job) => !seen.has(job.id) && seen.add(job.id));
  return unique.sort((a, b) => b.createdAt - a.createdAt).slice(0, limit);
}
