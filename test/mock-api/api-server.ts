// The API host: /nano-banana/images and /nano-banana/tasks as the contract describes them, the
// injected faults in front of them, and the /__mock/ control surface for other processes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorReply, readBody, send, takeFailRule, type Reply } from './http';
import type { Task, TaskStore } from './tasks';
import type { Timers } from './timers';
import { consume, type ApiPath, type MockKnobs, type MockStats } from './types';
import { validateSubmit } from './validate';

/** Whole-body cap, applied while reading: ten-megabyte images grow by a third as base64. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface ApiContext {
  token: string;
  knobs: MockKnobs;
  stats: MockStats;
  tasks: TaskStore;
  timers: Timers;
  reset(): void;
}

type Parsed = { ok: true; value: unknown } | { ok: false; text: string };

function parseJson(bytes: Buffer): Parsed {
  const text = bytes.toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, text };
  }
}

function authProblem(header: string | undefined, token: string): Reply | undefined {
  const value = (header ?? '').trim();
  if (value === '' || /^Bearer$/i.test(value)) return errorReply(400, 'no_token', 'No token specified for the request.');
  if (/^Bearer\s+(\S+)$/i.exec(value)?.[1] !== token) return errorReply(401, 'invalid_token', 'The specified token is invalid or wrong.');
  return undefined;
}

type Sabotage = 'reset' | 'invalidJson' | 'wrongShape' | undefined;

function takeSabotage(knobs: MockKnobs): Sabotage {
  if (consume(knobs, 'resetNextRequests')) return 'reset';
  if (consume(knobs, 'invalidJsonNext')) return 'invalidJson';
  return consume(knobs, 'wrongShapeNext') ? 'wrongShape' : undefined;
}

export class ApiServer {
  readonly server: Server;
  private acks = 0;

  constructor(private readonly ctx: ApiContext) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => send(res, errorReply(500, 'api_error', 'Internal server error.')));
    });
  }

  resetCounters(): void {
    this.acks = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { knobs, stats, timers } = this.ctx;
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    if (path.startsWith('/__mock/')) return this.control(req, res, path);
    const apiPath: ApiPath | undefined =
      req.method !== 'POST' ? undefined : path === '/nano-banana/images' ? 'images' : path === '/nano-banana/tasks' ? 'tasks' : undefined;
    if (!apiPath) return send(res, errorReply(404, 'no_api', 'API does not exist, please make sure url is correct.'));
    if (apiPath === 'images') stats.imagesRequests++;
    else stats.lookupTimes.push(Date.now());

    const read = await readBody(req, MAX_BODY_BYTES);
    const record = { method: req.method!, path, headers: { ...req.headers }, at: Date.now() };
    if (read.kind === 'aborted') return;
    if (read.kind === 'too_large') {
      stats.requests.push({ ...record, body: undefined });
      // The rest of the upload is never read, so the connection cannot be reused.
      return send(res, { ...errorReply(413, 'request_too_large', 'Request body is too large.'), headers: { connection: 'close' } });
    }
    const parsed = parseJson(read.bytes);
    stats.requests.push({ ...record, body: parsed.ok ? parsed.value : parsed.text || undefined });

    // Everything is decided on arrival, so an answer held back by responseDelayMs cannot consume
    // knobs or create tasks after a test has reset the stand-in for its next case.
    const injected = takeFailRule(knobs.failNext, apiPath);
    const sabotage = injected ? undefined : takeSabotage(knobs);
    // Runs even when sabotaged: the server has the request, so a valid submit becomes a (billed) task.
    const outcome = injected ?? this.dispatch(apiPath, req.headers.authorization, parsed);
    if (knobs.responseDelayMs) await timers.sleep(knobs.responseDelayMs);
    if (sabotage === 'reset') return void req.socket.resetAndDestroy();
    if (sabotage === 'invalidJson') return send(res, { status: 200, body: '{"task_id": ', headers: { 'content-type': 'application/json' } });
    if (sabotage === 'wrongShape') return send(res, { status: 200, body: { data: 'nope' } });
    if ('status' in outcome) return send(res, outcome);
    send(res, await this.blockingAnswer(outcome));
  }

  /** A Reply to send now, or a Task whose completion the client is waiting for (blocking mode). */
  private dispatch(apiPath: ApiPath, authorization: string | undefined, parsed: Parsed): Reply | Task {
    const denied = authProblem(authorization, this.ctx.token);
    if (denied) return denied;
    if (!parsed.ok) return errorReply(400, 'bad_request', 'Request body is not valid JSON.');
    return apiPath === 'images' ? this.submit(parsed.value) : this.lookup(parsed.value);
  }

  private submit(body: unknown): Reply | Task {
    const checked = validateSubmit(body);
    if ('problem' in checked) return errorReply(400, 'bad_request', checked.problem);
    const task = this.ctx.tasks.submit(checked.request);
    if (checked.request.async !== true && !checked.request.callback_url) return task;
    const configured = this.ctx.knobs.ackShape ?? 'alternate';
    const shape = configured === 'alternate' ? (this.acks++ % 2 === 0 ? 'trace' : 'success') : configured;
    return { status: 200, body: shape === 'trace' ? { task_id: task.id, trace_id: task.traceId } : { success: true, task_id: task.id } };
  }

  private async blockingAnswer(task: Task): Promise<Reply> {
    await task.done;
    if (!task.outcome) return errorReply(500, 'api_error', 'Internal server error.');
    // The contract does not give the status of a failed blocking call; 400 with the failed body
    // (an error envelope plus task_id) is what the service's other refusals look like.
    return { status: task.outcome.kind === 'succeeded' ? 200 : 400, body: task.outcome.body };
  }

  private lookup(body: unknown): Reply {
    const { stats, tasks } = this.ctx;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (b.action === 'retrieve') {
      if (b.id === undefined) return errorReply(400, 'bad_request', 'id is required.');
      stats.retrieve++;
      return { status: 200, body: tasks.record(b.id) ?? {} };
    }
    if (b.action === 'retrieve_batch') {
      if (!Array.isArray(b.ids)) return errorReply(400, 'bad_request', 'ids must be an array of task ids.');
      stats.retrieveBatch++;
      stats.retrieveBatchIds.push(b.ids.length);
      const items = b.ids.map((id) => tasks.record(id)).filter((item) => item !== undefined);
      return { status: 200, body: { items, count: items.length } };
    }
    return errorReply(400, 'bad_request', 'action is invalid, it must be retrieve or retrieve_batch.');
  }

  /** Test-only surface; needs no token because the extension never calls it. */
  private async control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const { knobs, stats } = this.ctx;
    if (req.method === 'GET' && path === '/__mock/stats') return send(res, { status: 200, body: stats });
    if (req.method === 'POST' && path === '/__mock/reset') {
      this.ctx.reset();
      return send(res, { status: 200, body: { ok: true } });
    }
    if (req.method === 'POST' && path === '/__mock/knobs') {
      const read = await readBody(req, 1024 * 1024);
      const parsed = read.kind === 'body' ? parseJson(read.bytes) : undefined;
      if (!parsed?.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
        return send(res, errorReply(400, 'bad_request', 'knobs must be a JSON object.'));
      }
      Object.assign(knobs, parsed.value);
      return send(res, { status: 200, body: knobs });
    }
    send(res, errorReply(404, 'no_api', 'API does not exist, please make sure url is correct.'));
  }
}
