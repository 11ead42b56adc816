// Every error code of the contract's table gives the user a sentence to act on, and the right button.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, isCancellation } from '../../src/api/errors';

interface Row {
  status: number;
  code: string;
  serverMessage: string;
  /** What the sentence must tell the user, beyond restating the code. */
  mustSay: RegExp;
  action?: string;
}

const table: Row[] = [
  { status: 400, code: 'token_mismatched', serverMessage: 'The specified token is not matched with API.', mustSay: /Set API Token/, action: 'setToken' },
  { status: 400, code: 'api_not_implemented', serverMessage: 'The API is not implemented.', mustSay: /nanoBanana\.apiBaseUrl/ },
  { status: 400, code: 'disabled', serverMessage: 'Your application has been disabled, please contact our support.', mustSay: /disabled.*contact.*support/i },
  { status: 400, code: 'bad_request', serverMessage: 'model is invalid.', mustSay: /model is invalid\./ },
  { status: 400, code: 'no_token', serverMessage: 'No token specified for the request.', mustSay: /Set API Token/, action: 'setToken' },
  { status: 401, code: 'invalid_token', serverMessage: 'The specified token is invalid or wrong.', mustSay: /Set API Token/, action: 'setToken' },
  { status: 401, code: 'token_expired', serverMessage: 'token expired.', mustSay: /Set API Token/, action: 'setToken' },
  { status: 403, code: 'used_up', serverMessage: 'Your balance is not sufficient for current request, please buy more.', mustSay: /[Tt]op up/, action: 'openBilling' },
  { status: 403, code: 'forbidden', serverMessage: 'Blocked by the safety policy.', mustSay: /safety policy.*not billed/s },
  { status: 404, code: 'no_api', serverMessage: 'API does not exist, please make sure url is correct.', mustSay: /nanoBanana\.apiBaseUrl/ },
  { status: 413, code: 'request_too_large', serverMessage: 'Request body is too large.', mustSay: /smaller input images|fewer/ },
  { status: 429, code: 'too_many_requests', serverMessage: 'You have exceeded the rate limit.', mustSay: /[Ww]ait.*try again/ },
  { status: 500, code: 'api_error', serverMessage: 'Internal server error.', mustSay: /unavailable.*HTTP 500.*[Tt]ry again later/s, action: 'openOutput' },
];

describe('the contract error table', () => {
  for (const row of table) {
    test(`${row.status} ${row.code}`, () => {
      const error = new ApiError({ code: row.code, status: row.status, serverMessage: row.serverMessage, traceId: 'tr-1' });
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'ApiError');
      assert.equal(error.code, row.code);
      assert.equal(error.status, row.status);
      assert.equal(error.serverMessage, row.serverMessage);
      assert.match(error.message, row.mustSay);
      // A sentence, not a bare code: it starts with a capital and ends with punctuation.
      assert.match(error.message, /^[A-Z].*[.!"]$/s);
      assert.notEqual(error.message.trim(), row.code);
      assert.equal(error.action, row.action);
    });
  }

  test('any 401, whatever its code, suggests setting the token', () => {
    assert.equal(new ApiError({ code: 'something_new', status: 401 }).action, 'setToken');
  });

  test('used_up tells the user to top up, and a forbidden result was not billed', () => {
    const usedUp = new ApiError({ code: 'used_up', status: 403 });
    assert.match(usedUp.message, /balance/);
    assert.equal(usedUp.action, 'openBilling');
    const forbidden = new ApiError({ code: 'forbidden', status: 403 });
    assert.match(forbidden.message, /not billed/);
    assert.equal(forbidden.action, undefined);
  });

  test('an unknown code keeps the status, the code and the server message', () => {
    const error = new ApiError({ code: 'quota_frozen', status: 409, serverMessage: 'Quota frozen.' });
    assert.match(error.message, /409/);
    assert.match(error.message, /quota_frozen/);
    assert.match(error.message, /Quota frozen\./);
  });

  test('an unknown code without message still names status and code', () => {
    assert.match(new ApiError({ code: 'odd', status: 418 }).message, /HTTP 418, odd/);
  });
});

describe('failed tasks', () => {
  test('content_moderation quotes the service', () => {
    const error = new ApiError({ code: 'content_moderation', serverMessage: 'Image contains disallowed content.' });
    assert.match(error.message, /content policy/);
    assert.match(error.message, /Image contains disallowed content\./);
  });
});

describe('local failures', () => {
  const local: Array<[string, RegExp]> = [
    ['network', /network connection.*nanoBanana\.apiBaseUrl/s],
    ['timeout', /requestTimeoutSeconds/],
    ['task_not_found', /task id/],
    ['wait_timeout', /fetched later/],
    ['invalid_response', /cannot read/],
    ['service_unavailable', /unavailable/],
  ];
  for (const [code, mustSay] of local) {
    test(code, () => assert.match(new ApiError({ code }).message, mustSay));
  }

  test('an explicit message wins over the generated one', () => {
    assert.equal(new ApiError({ code: 'too_large' }, 'Too big.').message, 'Too big.');
  });

  test('isCancellation recognises only the cancelled code', () => {
    assert.equal(isCancellation(new ApiError({ code: 'cancelled' })), true);
    assert.equal(isCancellation(new ApiError({ code: 'timeout' })), false);
    assert.equal(isCancellation(new Error('cancelled')), false);
  });

  test('the cause is kept for the log', () => {
    const cause = new Error('ECONNRESET');
    assert.equal(new ApiError({ code: 'network', cause }).cause, cause);
  });
});

describe('detailedMessage', () => {
  test('includes task and trace ids', () => {
    const error = new ApiError({ code: 'api_error', status: 500, taskId: 'task-123', traceId: 'trace-456' });
    assert.ok(error.detailedMessage.startsWith(error.message));
    assert.match(error.detailedMessage, /task task-123/);
    assert.match(error.detailedMessage, /trace trace-456/);
  });

  test('with only a trace id', () => {
    const error = new ApiError({ code: 'used_up', status: 403, traceId: 'trace-789' });
    assert.match(error.detailedMessage, /\(trace trace-789\)$/);
    assert.doesNotMatch(error.detailedMessage, /task/);
  });

  test('without ids it is the message', () => {
    const error = new ApiError({ code: 'network' });
    assert.equal(error.detailedMessage, error.message);
  });
});
