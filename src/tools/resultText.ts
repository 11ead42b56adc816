// What a language-model tool answers, as text an agent can act on: every saved file by its
// workspace-relative path with its pixel size, the task id and the cost, why a name differs from the one
// asked for, and for a job that saved nothing, what happened and what the user can do. No `vscode`
// import, so the wording is tested in Node. English on purpose: the model reads it (see toolInput.ts).
import { posix } from 'node:path';
import { ApiError } from '../api/errors';
import type { JobCost, JobRecord, SavedImage } from '../model/job';

const TYPE_NAMES: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/gif': 'GIF' };

function costText(cost: JobCost | undefined): string {
  if (cost?.amount === undefined) return 'cost not reported';
  return `cost ${cost.amount} ${cost.currency ?? 'credits'}`;
}

function imageLine(image: SavedImage): string {
  const size = image.width && image.height ? `${image.width}×${image.height} px` : 'size unknown';
  return `- ${image.label} (${size}, ${TYPE_NAMES[image.mime] ?? image.mime})`;
}

/**
 * Why `saved` is not the `asked` workspace-relative path: the type that arrived decides the extension, and
 * an existing file is never overwritten. Undefined when it is the asked name.
 */
export function renameReason(asked: string, saved: string): string | undefined {
  if (asked === saved) return undefined;
  const stem = (path: string) => path.replace(/\.[^./]+$/, '');
  const reasons: string[] = [];
  if (posix.extname(asked).toLowerCase() !== posix.extname(saved).toLowerCase()) {
    reasons.push(`the service returned a ${posix.extname(saved).slice(1).toUpperCase()} image, so the extension follows its type`);
  }
  if (stem(asked) !== stem(saved)) reasons.push(`${asked.replace(/^.*\//, '')} already existed and files are never overwritten`);
  return `Saved as ${saved} instead of ${asked}: ${reasons.join('; ')}. Link to ${saved}.`;
}

/** The answer for a saved job; `asked` is the workspace-relative path the agent asked for, if any. */
export function savedText(job: JobRecord, asked?: string): string {
  const count = job.images.length;
  const lines = [
    `${job.action === 'edit' ? 'Edited' : 'Generated'} and saved ${count} image${count === 1 ? '' : 's'} (task ${job.taskId ?? 'unknown'}, ${costText(job.cost)}, model ${job.options.model}, ${job.options.resolution}):`,
    ...job.images.map(imageLine),
  ];
  const first = job.images[0];
  const reason = asked && first ? renameReason(asked, first.label) : undefined;
  if (reason) lines.push(reason);
  for (const warning of job.warnings ?? []) lines.push(`Warning: ${warning}`);
  lines.push('Paths are relative to the workspace folder; a Markdown or HTML link should be relative to the document that contains it.');
  return lines.join('\n');
}

/** What an agent can tell the user about a failure, by the action the error suggests. */
function failureHint(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.action === 'setToken') return 'The API token was not accepted: ask the user to run "Nano Banana: Set API Token" with a token from the Ace Data Cloud console.';
  if (error.action === 'openBilling') return 'The Ace Data Cloud balance is used up: ask the user to top it up in the console. Do not retry until then.';
  if (error.code === 'content_moderation' || error.code === 'rejected') return 'Rephrase the prompt or use other images; rejected requests are not billed.';
  return undefined;
}

export type UnsavedJob =
  | { status: 'failed'; job: JobRecord; error: unknown; resumable: boolean; failedWhile?: string }
  | { status: 'cancelled'; job: JobRecord; unanswered?: boolean }
  | { status: 'interrupted'; job: JobRecord }
  | { status: 'busy'; job: JobRecord };

export function unsavedText(outcome: UnsavedJob): string {
  const { job } = outcome;
  const pendingNote = job.taskId
    ? `The service accepted task ${job.taskId} and may still finish and bill it; the user can run "Nano Banana: Check Pending Tasks" to fetch and save its images without a new request.`
    : undefined;
  switch (outcome.status) {
    case 'busy':
      return `Not submitted, nothing billed: another job in this window ("${job.prompt}") is already making that file. Wait for it instead of calling again.`;
    case 'interrupted':
      return `The VS Code window closed before the image was saved. The job stays pending${job.taskId ? ` (task ${job.taskId})` : ''} and is fetched when the workspace opens again.`;
    case 'cancelled':
      if (pendingNote) return `Cancelled; no image was saved. ${pendingNote}`;
      if (outcome.unanswered) {
        return 'Cancelled after the request was sent, before the service answered; no image was saved. The service may have accepted it and may bill it; no task id is known, so the user can look for it in the task list of the Ace Data Cloud console.';
      }
      return 'Cancelled before the request was sent: nothing was billed.';
    case 'failed': {
      const { error } = outcome;
      const message = error instanceof ApiError ? error.detailedMessage : error instanceof Error ? error.message : String(error);
      const saveNote = outcome.failedWhile === 'saving' && outcome.resumable
        ? 'The image is paid for and still at the service: once the folder can be written, the user can run "Nano Banana: Check Pending Tasks" to save it without a new request.'
        : outcome.resumable ? pendingNote : undefined;
      return [`Failed; no image was saved. ${message}`, failureHint(error), saveNote].filter(Boolean).join(' ');
    }
  }
}

export const NO_TOKEN_TEXT =
  'No Nano Banana API token is set, and the user dismissed the prompt for one. Nothing was sent or billed. Ask the user to run "Nano Banana: Set API Token" (an Ace Data Cloud token), then call the tool again.';

export function refusedText(reason: string): string {
  return `Refused: ${reason} Nothing was sent or billed.`;
}
