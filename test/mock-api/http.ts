// Small HTTP plumbing shared by the API server: bounded body reading and the answer shapes.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ApiPath, FailRule } from './types';

export interface Reply {
  status: number;
  /** A string is sent as-is (text/html when it looks like markup, else text/plain); anything else as JSON. */
  body: string | object;
  headers?: Record<string, string>;
}

export function errorReply(status: number, code: string, message: string): Reply {
  return { status, body: { success: false, error: { code, message }, trace_id: randomUUID() } };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const isText = typeof reply.body === 'string';
  const payload = isText ? (reply.body as string) : JSON.stringify(reply.body);
  const contentType = !isText ? 'application/json' : payload.trimStart().startsWith('<') ? 'text/html' : 'text/plain';
  res.writeHead(reply.status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

export type BodyResult = { kind: 'body'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Stops reading as soon as the limit is passed, like a front proxy would, instead of buffering a
 * huge upload only to refuse it.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return resolve({ kind: 'too_large' });
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData).pause();
        return resolve({ kind: 'too_large' });
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ kind: 'body', bytes: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => resolve({ kind: 'aborted' }));
  });
}

/** The page an nginx front answers with when the service behind it is down. */
export function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export function rateLimitRule(count: number, retryAfterSeconds: number, path?: ApiPath): FailRule {
  const { body } = errorReply(429, 'too_many_requests', 'You have exceeded the rate limit.');
  return { count, status: 429, body, headers: { 'retry-after': String(retryAfterSeconds) }, path };
}

export function htmlErrorRule(count: number, status: number, path?: ApiPath): FailRule {
  return { count, status, body: htmlErrorPage(status), path };
}

/** Consumes one use of the first armed rule that matches `path`. */
export function takeFailRule(rules: FailRule[] | undefined, path: ApiPath): Reply | undefined {
  const index = rules?.findIndex((rule) => rule.count > 0 && (rule.path === undefined || rule.path === path)) ?? -1;
  if (!rules || index < 0) return undefined;
  const rule = rules[index];
  if (--rule.count <= 0) rules.splice(index, 1);
  return { status: rule.status, body: rule.body, headers: rule.headers };
}
