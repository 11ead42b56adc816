// The Nano Banana Images API client: submit a job, look tasks up, nothing more. Waiting is the
// poller's job and saving the downloader's, so each can be tested and tuned on its own.
import type { Dispatcher } from 'undici';
import { t } from '../core/l10n';
import { ApiError } from './errors';
import { neverReachedServer, postJson } from './http';
import { backoffDelay, isTransient, LOOKUP_BACKOFF, sleep, throwIfCancelled, type BackoffPolicy } from './retry';
import {
  Acknowledgement, ErrorEnvelope, ImagesRequest, RetrieveBatchResponse, RetrieveResponse, TaskRecord,
} from './schemas';

export interface ClientOptions {
  baseUrl: string;
  token: string;
  dispatcher: Dispatcher;
  /** How often a submit answered 429 is sent again, and the longest Retry-After honoured. */
  submitRetries?: number;
  maxRetryAfterMs?: number;
  lookupBackoff?: BackoffPolicy;
  log?: (message: string) => void;
}

export interface SubmittedTask {
  taskId: string;
  traceId?: string;
}

export const MAX_BATCH_IDS = 50;

export class NanoBananaClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /**
   * Sends a generate or edit request with `async: true` and returns its task id at once.
   * Retried only when the service certainly did not accept it (429, or a refused connection):
   * a resent submit that had reached the service is a second paid task.
   */
  async submit(request: ImagesRequest, signal?: AbortSignal): Promise<SubmittedTask> {
    const parsed = ImagesRequest.safeParse({ ...request, async: true });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
      throw new ApiError({ code: 'bad_request' }, t('The request was not sent because it is invalid ({0}).', problems));
    }
    const body = parsed.data;
    const retries = this.options.submitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      throwIfCancelled(signal);
      try {
        const started = Date.now();
        const response = await postJson(this.options.dispatcher, `${this.baseUrl}/nano-banana/images`, body, this.options.token, signal);
        const ack = parseAcknowledgement(response.body, response.status);
        this.log(`submit ${body.action} accepted: task ${ack.taskId}, trace ${ack.traceId ?? '-'}, ${Date.now() - started} ms`);
        return ack;
      } catch (error) {
        const delay = attempt < retries ? this.submitRetryDelay(error, attempt + 1) : undefined;
        if (delay === undefined) throw withUnseenTaskAdvice(error);
        this.log(`submit not accepted (${(error as ApiError).code}); retrying in ${delay} ms`);
        await sleep(delay, signal);
      }
    }
  }

  /** One task record, or undefined when the service does not know the id (it answers `{}`). */
  async retrieve(taskId: string, signal?: AbortSignal): Promise<TaskRecord | undefined> {
    const body = await this.lookup({ action: 'retrieve', id: taskId }, signal);
    const parsed = RetrieveResponse.safeParse(body);
    if (!parsed.success) throw new ApiError({ code: 'invalid_response', status: 200 });
    return 'id' in parsed.data ? (parsed.data as TaskRecord) : undefined;
  }

  /** Records of the known ids among at most 50; unknown ids are simply absent. */
  async retrieveBatch(taskIds: readonly string[], signal?: AbortSignal): Promise<TaskRecord[]> {
    if (taskIds.length > MAX_BATCH_IDS) throw new RangeError(`At most ${MAX_BATCH_IDS} ids per lookup`);
    const body = await this.lookup({ action: 'retrieve_batch', ids: taskIds }, signal);
    const parsed = RetrieveBatchResponse.safeParse(body);
    if (!parsed.success) throw new ApiError({ code: 'invalid_response', status: 200 });
    return parsed.data.items;
  }

  /** Lookups are free and idempotent, so they are retried with backoff on anything transient. */
  private async lookup(body: object, signal: AbortSignal | undefined): Promise<unknown> {
    const policy = this.options.lookupBackoff ?? LOOKUP_BACKOFF;
    for (let attempt = 1; ; attempt++) {
      throwIfCancelled(signal);
      try {
        const response = await postJson(this.options.dispatcher, `${this.baseUrl}/nano-banana/tasks`, body, this.options.token, signal);
        throwIfErrorEnvelope(response.body, response.status);
        return response.body;
      } catch (error) {
        if (attempt >= policy.attempts || !isTransient(error)) throw error;
        const wait = Math.max((error as ApiError).retryAfterMs ?? 0, backoffDelay(policy, attempt));
        this.log(`lookup failed (${(error as ApiError).code}); retrying in ${wait} ms`);
        await sleep(wait, signal);
      }
    }
  }

  private submitRetryDelay(error: unknown, attempt: number): number | undefined {
    if (!(error instanceof ApiError)) return undefined;
    if (error.status === 429) {
      const maxWait = this.options.maxRetryAfterMs ?? 30_000;
      const wait = error.retryAfterMs ?? backoffDelay({ attempts: 0, baseMs: 1_000, maxMs: 8_000 }, attempt);
      return wait <= maxWait ? wait : undefined;
    }
    if (neverReachedServer(error)) return backoffDelay({ attempts: 0, baseMs: 500, maxMs: 4_000 }, attempt);
    return undefined;
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

/**
 * A submit that broke after it was sent (a reset, a timeout) may have created a billed task whose id
 * never arrived; "try again" alone would pay twice, so the message says how to find and fetch it.
 */
function withUnseenTaskAdvice(error: unknown): unknown {
  if (!(error instanceof ApiError) || !['network', 'timeout'].includes(error.code) || neverReachedServer(error)) return error;
  if ((error.cause as { code?: unknown } | undefined)?.code === 'UND_ERR_CONNECT_TIMEOUT') return error;
  const advice = t('The service may have accepted the request and may bill it: before trying again, look for its task id in the Ace Data Cloud console and fetch its images with "Nano Banana: Check Pending Tasks".');
  return new ApiError({ code: error.code, status: error.status, cause: error.cause }, `${error.message} ${advice}`);
}

function parseAcknowledgement(body: unknown, status: number): SubmittedTask {
  throwIfErrorEnvelope(body, status);
  const ack = Acknowledgement.safeParse(body);
  if (!ack.success || !ack.data.task_id) {
    throw new ApiError(
      { code: 'invalid_response', status, traceId: ack.success ? ack.data.trace_id : undefined },
      t('The service accepted the request but returned no task id, so its result cannot be fetched. Check the Nano Banana output for the trace id before trying again: the request may have been billed.'),
    );
  }
  return { taskId: ack.data.task_id, traceId: ack.data.trace_id };
}

/** Some gateways answer 200 with an error envelope; that is still an error. */
function throwIfErrorEnvelope(body: unknown, status: number): void {
  const envelope = ErrorEnvelope.safeParse(body);
  if (envelope.success && envelope.data.success !== true) {
    throw new ApiError({
      code: envelope.data.error.code || 'bad_request',
      status,
      serverMessage: envelope.data.error.message,
      traceId: envelope.data.trace_id,
    });
  }
}
