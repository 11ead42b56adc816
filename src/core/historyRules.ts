// The rules of the stored job history, free of vscode: what is read back from workspace state is
// validated (state written by an older version, or edited by hand, must not break the panel), and the
// list is bounded so it cannot grow without limit. src/jobs/jobHistory.ts applies them to the state.
import * as z from 'zod/mini';
import { FINISHED_STAGES, type JobRecord } from '../model/job';

/** Newest jobs kept per workspace; older ones are dropped when a new one is recorded. */
export const HISTORY_LIMIT = 500;

const text = z.string().check(z.minLength(1));
/** `Uri.toString()` of a file or folder: has a scheme, never a bare path. */
const uri = z.string().check(z.regex(/^[a-z][a-z0-9+.-]*:/i));
const count = z.number().check(z.minimum(0), z.refine(Number.isFinite));

const SavedImageSchema = z.object({
  uri,
  label: z.string(),
  mime: z.string(),
  width: z.optional(count),
  height: z.optional(count),
  bytes: count,
});

const JobRecordSchema = z.object({
  id: text,
  action: z.enum(['generate', 'edit']),
  prompt: z.string(),
  options: z.object({
    model: text,
    aspectRatio: z.optional(text),
    resolution: text,
    count: z.int().check(z.minimum(1)),
    noStyle: z.optional(z.boolean()),
  }),
  sourceImages: z.array(uri),
  targetFolder: uri,
  taskId: z.optional(text),
  traceId: z.optional(text),
  // A running stage would show a job as running forever: only finished jobs are history.
  stage: z.enum(FINISHED_STAGES),
  images: z.array(SavedImageSchema),
  error: z.optional(z.string()),
  createdAt: count,
  finishedAt: z.optional(count),
  cost: z.optional(
    z.object({
      amount: z.optional(z.number()),
      listAmount: z.optional(z.number()),
      currency: z.optional(z.string()),
    }),
  ),
  style: z.optional(z.object({ text: z.optional(z.string()), images: z.optional(z.array(z.string())) })),
  linkedFrom: z.optional(z.object({ document: uri, kind: z.enum(['inserted', 'reference']) })),
  kept: z.optional(z.int().check(z.minimum(0))),
});

/**
 * The valid jobs of a stored history, newest first, without duplicates and within the limit.
 * Entries that do not parse are dropped one by one; anything that is not a list yields an empty history.
 */
export function parseJobHistory(raw: unknown, limit = HISTORY_LIMIT): JobRecord[] {
  if (!Array.isArray(raw)) return [];
  const jobs = raw.flatMap((entry) => {
    const parsed = JobRecordSchema.safeParse(entry);
    return parsed.success ? [parsed.data as JobRecord] : [];
  });
  return bounded(jobs, limit);
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
