// The HTTP layer under the client: one keep-alive undici Agent (behind the proxy, when there is one),
// timeouts on every phase, and the translation of whatever comes back (JSON, an HTML page from a
// proxy, nothing at all) into data or an ApiError.
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { certificateFailure } from './certificates';
import { ApiError } from './errors';
import { proxyFailure, proxyRouteFor, routeThroughProxy, type DispatcherSettings, type ProxyOptions, type ProxyRoute } from './proxy';
import { parseRetryAfter } from './retry';
import { ErrorEnvelope } from './schemas';

export interface HttpTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = { connectMs: 10_000, headersMs: 60_000, bodyMs: 60_000 };

/** API answers are small JSON; anything larger is not one. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

export function createAgent(timeouts: HttpTimeouts = DEFAULT_TIMEOUTS): Agent {
  return new Agent(dispatcherSettings(timeouts).agent);
}

/** The agent, or with proxy options a dispatcher that sends each request through its proxy. */
export function createDispatcher(timeouts: HttpTimeouts, proxy?: ProxyOptions): Dispatcher {
  return (proxy && routeThroughProxy(dispatcherSettings(timeouts), proxy)) ?? createAgent(timeouts);
}

function dispatcherSettings(timeouts: HttpTimeouts): DispatcherSettings {
  const pool = { keepAliveTimeout: 30_000, headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs };
  return { agent: { ...pool, connect: { timeout: timeouts.connectMs } }, pool, connectMs: timeouts.connectMs };
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

/**
 * True when the request certainly never reached the server, so even a billed call may be sent again.
 * Only a refused connection qualifies: a reset or a timeout may come after the server read the request.
 * A proxy that refused is a 'proxy' error instead and is not resent: it is a setting to fix, not a blip.
 */
export function neverReachedServer(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'network' && errorCode(error.cause) === 'ECONNREFUSED';
}

export async function postJson(
  dispatcher: Dispatcher,
  url: string,
  body: unknown,
  token: string,
  signal: AbortSignal | undefined,
): Promise<JsonResponse> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'POST',
      dispatcher,
      signal,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw requestFailure(error, signal, dispatcher, url);
  }
  const text = await readText(response, signal);
  return { status: response.statusCode, body: interpret(response, text) };
}

async function readText(response: Dispatcher.ResponseData, signal: AbortSignal | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > MAX_JSON_BYTES) {
        response.body.destroy();
        throw new ApiError({ code: 'invalid_response', status: response.statusCode });
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw transportError(error, signal);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a body; a non-2xx answer becomes an ApiError whatever its body looks like. */
function interpret(response: Dispatcher.ResponseData, text: string): unknown {
  const status = response.statusCode;
  let json: unknown;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    if (json === undefined) throw new ApiError({ code: 'invalid_response', status });
    return json;
  }
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  const envelope = ErrorEnvelope.safeParse(json);
  if (envelope.success) {
    const { error, trace_id } = envelope.data;
    return throwApiError({
      code: error.code || codeForStatus(status),
      status,
      serverMessage: error.message,
      traceId: trace_id,
      retryAfterMs,
    });
  }
  // An HTML page from a proxy, or JSON we do not recognise: the status is all there is.
  return throwApiError({ code: codeForStatus(status), status, retryAfterMs });
}

function throwApiError(details: ConstructorParameters<typeof ApiError>[0]): never {
  throw new ApiError(details);
}

function codeForStatus(status: number): string {
  if (status === 401) return 'invalid_token';
  if (status === 429) return 'too_many_requests';
  if (status === 413) return 'request_too_large';
  if (status === 404) return 'no_api';
  if (status >= 500) return 'service_unavailable';
  return 'bad_request';
}

/** The failure of a request to `url` sent on `dispatcher`: a refused certificate, or what transportError makes of it. */
export function requestFailure(error: unknown, signal: AbortSignal | undefined, dispatcher: Dispatcher, url: string): ApiError {
  const proxy = proxyRouteFor(dispatcher, url);
  const certificate = error instanceof ApiError || signal?.aborted ? undefined : certificateFailure(error, url, proxy);
  return certificate ?? transportError(error, signal, proxy);
}

/** `proxy`: the proxy the request went through, so that a failure to reach it is reported as such. */
export function transportError(error: unknown, signal: AbortSignal | undefined, proxy?: ProxyRoute): ApiError {
  if (error instanceof ApiError) return error;
  if (signal?.aborted) return new ApiError({ code: 'cancelled', cause: error });
  const atProxy = proxy && proxyFailure(error, proxy);
  if (atProxy) return atProxy;
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError
  ) {
    return new ApiError({ code: 'timeout', cause: error });
  }
  return new ApiError({ code: 'network', cause: error });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
