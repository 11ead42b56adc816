// One error type for everything that can go wrong between the user and the service, carrying what
// support needs (status, code, server message, trace id) and a sentence the user can act on.
import { t } from '../core/l10n';

/** Codes the service sends, plus the client's own for failures that never reached it. */
export type ErrorCode =
  | 'token_mismatched' | 'api_not_implemented' | 'disabled' | 'bad_request' | 'no_token'
  | 'invalid_token' | 'token_expired' | 'used_up' | 'forbidden' | 'no_api' | 'request_too_large'
  | 'too_many_requests' | 'api_error' | 'content_moderation' | 'rejected'
  // local
  | 'service_unavailable' | 'invalid_response' | 'network' | 'timeout' | 'cancelled' | 'closed'
  | 'task_not_found' | 'wait_timeout' | 'unsupported_url' | 'too_large' | 'not_an_image' | 'truncated'
  | 'download_failed' | 'proxy' | 'certificate';

/** What the user can do about it; the UI turns it into a button. */
export type SuggestedAction = 'setToken' | 'openBilling' | 'openOutput' | 'retry';

export interface ApiErrorDetails {
  code: ErrorCode | (string & {});
  status?: number;
  serverMessage?: string;
  traceId?: string;
  taskId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly traceId?: string;
  readonly taskId?: string;
  readonly retryAfterMs?: number;
  readonly action?: SuggestedAction;

  constructor(details: ApiErrorDetails, message = describe(details)) {
    super(message, { cause: details.cause });
    this.name = 'ApiError';
    this.code = details.code;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.traceId = details.traceId;
    this.taskId = details.taskId;
    this.retryAfterMs = details.retryAfterMs;
    this.action = suggestedAction(details);
  }

  /** The message with the ids a support request needs, e.g. for a notification. */
  get detailedMessage(): string {
    const ids = [this.taskId && t('task {0}', this.taskId), this.traceId && t('trace {0}', this.traceId)].filter(Boolean);
    return ids.length ? `${this.message} (${ids.join(', ')})` : this.message;
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'cancelled';
}

function suggestedAction({ code, status }: ApiErrorDetails): SuggestedAction | undefined {
  if (code === 'invalid_token' || code === 'token_expired' || code === 'no_token' || code === 'token_mismatched') {
    return 'setToken';
  }
  if (status === 401) return 'setToken';
  if (code === 'used_up') return 'openBilling';
  if (code === 'service_unavailable' || code === 'invalid_response' || code === 'api_error') return 'openOutput';
  return undefined;
}

function describe({ code, status, serverMessage }: ApiErrorDetails): string {
  const server = serverMessage ? ` ${t('The service said: "{0}"', serverMessage.trim())}` : '';
  const httpStatus = String(status ?? '?');
  switch (code) {
    case 'invalid_token':
    case 'token_expired':
    case 'token_mismatched':
      return t('The API token was not accepted ({0}). Set a new token with "Nano Banana: Set API Token".', code);
    case 'no_token':
      return t('No API token was sent. Set one with "Nano Banana: Set API Token".');
    case 'used_up':
      return t('Your Ace Data Cloud balance is not sufficient for this request. Top up your balance in the Ace Data Cloud console, then try again.');
    case 'forbidden':
      return t('The request was rejected by the provider\'s safety policy and was not billed. Rephrase the prompt or use other images.') + server;
    case 'content_moderation':
    case 'rejected':
      return t('The service refused this image under its content policy.') + server;
    case 'too_many_requests':
      return t('The service is rate limiting requests. Wait a moment and try again.');
    case 'disabled':
      return t('Your Ace Data Cloud application is disabled; contact Ace Data Cloud support.') + server;
    case 'bad_request':
      return t('The service rejected the request as invalid.') + server;
    case 'request_too_large':
      return t('The request is too large for the service. Use fewer or smaller input images (at most 10 MB each).');
    case 'no_api':
    case 'api_not_implemented':
      return t('The service does not offer this API at the configured address. Check the "nanoBanana.apiBaseUrl" setting.') + server;
    case 'api_error':
    case 'service_unavailable':
      return t('The Nano Banana service is unavailable right now (HTTP {0}). Try again later.', httpStatus) + server;
    case 'invalid_response':
      return t('The service sent a response this extension cannot read (HTTP {0}). Try again later; if it persists, check "nanoBanana.apiBaseUrl".', httpStatus);
    case 'network':
      return t('Could not reach the Nano Banana service. Check your network connection and the "nanoBanana.apiBaseUrl" setting.');
    case 'timeout':
      return t('The service did not answer in time. Try again, or raise "nanoBanana.requestTimeoutSeconds".');
    case 'cancelled':
      return t('Cancelled.');
    case 'closed':
      return t('The connection was closed while the task was pending; it is fetched when the workspace opens again.');
    case 'task_not_found':
      return t('The service does not know this task id. Check that it was copied completely.');
    case 'wait_timeout':
      return t('The task is still running after the wait limit. Its images can be fetched later with its task id.');
    default:
      return serverMessage
        ? t('The service refused the request (HTTP {0}, {1}): {2}', httpStatus, code, serverMessage)
        : t('The request failed (HTTP {0}, {1}).', httpStatus, code);
  }
}
