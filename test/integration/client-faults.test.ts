// The real client against the stand-in's injected faults: what is retried, what is not (a resent
// submit that reached the service is a second paid task), and that every fault ends as an ApiError.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ApiError } from '../../src/api/errors';
import { createAgent, neverReachedServer } from '../../src/api/http';
import { TaskPoller } from '../../src/api/poller';
import { openClientEnv, until, type ClientEnv } from './helpers/clientEnv';

let env: ClientEnv;

before(async () => {
  env = await openClientEnv();
});
beforeEach(() => {
  env.mock.reset();
  env.log.length = 0;
});
after(async () => env?.close());

const generate = { action: 'generate', prompt: 'a red bicycle' } as const;

function apiError(check: (error: ApiError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof ApiError, `not an ApiError: ${String(error)}`);
    check(error);
    return true;
  };
}

describe('submit faults', () => {
  test('[fault:submit-429] 429 with Retry-After: retried after the pause, exactly one task created', async () => {
    env.mock.rateLimitNext(1, 1, 'images');
    const submitted = await env.client.submit(generate);
    assert.equal(env.mock.stats.imagesRequests, 2);
    assert.equal(env.mock.stats.submits, 1);
    assert.equal(env.log.filter((line) => /submit not accepted \(too_many_requests\); retrying in 1000 ms/.test(line)).length, 1);
    const finished = await env.poller.wait(submitted.taskId);
    assert.equal(finished.state.state, 'succeeded');
  });

  test('[fault:submit-429] 429 with a Retry-After longer than the client waits: not retried, the error says wait', async () => {
    env.mock.rateLimitNext(1, 3_600, 'images');
    await assert.rejects(
      env.client.submit(generate),
      apiError((error) => {
        assert.equal(error.status, 429);
        assert.equal(error.code, 'too_many_requests');
        assert.equal(error.retryAfterMs, 3_600_000);
        assert.match(error.message, /[Ww]ait/);
      }),
    );
    assert.equal(env.mock.stats.imagesRequests, 1);
    assert.equal(env.mock.stats.submits, 0);
  });

  for (const status of [500, 502]) {
    test(`[fault:submit-${status}-html] ${status} with an HTML page: an ApiError with the status, not retried`, async () => {
      env.mock.htmlErrorNext(1, status, 'images');
      await assert.rejects(
        env.client.submit(generate),
        apiError((error) => {
          assert.equal(error.status, status);
          assert.equal(error.code, 'service_unavailable');
          assert.match(error.message, new RegExp(`HTTP ${status}`));
          assert.equal(error.action, 'openOutput');
        }),
      );
      assert.equal(env.mock.stats.imagesRequests, 1);
      assert.equal(env.mock.stats.submits, 0);
    });
  }

  test('500 api_error envelope: the service code and message are kept, not retried', async () => {
    env.mock.knobs.failNext = [
      { count: 1, status: 500, path: 'images', body: { success: false, error: { code: 'api_error', message: 'Internal server error.' }, trace_id: 'trace-500' } },
    ];
    await assert.rejects(
      env.client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'api_error');
        assert.equal(error.status, 500);
        assert.equal(error.serverMessage, 'Internal server error.');
        assert.equal(error.traceId, 'trace-500');
        assert.match(error.detailedMessage, /trace trace-500/);
      }),
    );
    assert.equal(env.mock.stats.imagesRequests, 1);
  });

  test('[fault:submit-reset-after-accept] a reset after the service accepted the submit: an error that says how to fetch the task, never a second (paid) task', async () => {
    env.mock.knobs.resetNextRequests = 1;
    await assert.rejects(
      env.client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'network');
        assert.equal(neverReachedServer(error), false);
        assert.match(error.message, /may have accepted the request.*Check Pending Tasks/);
      }),
    );
    assert.equal(env.mock.stats.submits, 1, 'the service did create the task');
    assert.equal(env.mock.stats.imagesRequests, 1, 'and it was not sent again');
  });

  test('connection refused: retried (the request never left), then an error', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const client = env.clientWith({ baseUrl: `http://127.0.0.1:${closedPort}`, submitRetries: 2 });
    await assert.rejects(
      client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'network');
        assert.equal(neverReachedServer(error), true);
        assert.match(error.message, /apiBaseUrl/);
        assert.doesNotMatch(error.message, /may have accepted/, 'a refused connection sent nothing');
      }),
    );
    assert.equal(env.log.filter((line) => line.startsWith('submit not accepted (network)')).length, 2);
    // Lookups are retried too, with their own backoff.
    env.log.length = 0;
    await assert.rejects(client.retrieve('any'), apiError((error) => assert.equal(error.code, 'network')));
    assert.equal(env.log.filter((line) => line.startsWith('lookup failed (network)')).length, 3);
  });

  test('[fault:slow-service] a submit answered too slowly: timeout, not resent (the service may have the task)', async () => {
    // undici checks its timeouts about once a second, so the stand-in answers well after that.
    const slowAgent = createAgent({ connectMs: 2_000, headersMs: 150, bodyMs: 150 });
    try {
      env.mock.knobs.responseDelayMs = 2_500;
      await assert.rejects(
        env.clientWith({ dispatcher: slowAgent }).submit(generate),
        apiError((error) => {
          assert.equal(error.code, 'timeout');
          assert.match(error.message, /requestTimeoutSeconds/);
          assert.match(error.message, /may have accepted the request.*Check Pending Tasks/);
        }),
      );
      assert.equal(env.mock.stats.imagesRequests, 1);
      assert.equal(env.mock.stats.submits, 1, 'the service had created the task the client gave up on');
    } finally {
      await slowAgent.close();
    }
  });

  test('[fault:invalid-json] invalid JSON on submit: invalid_response, never a crash, not resent', async () => {
    env.mock.knobs.invalidJsonNext = 1;
    await assert.rejects(
      env.client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'invalid_response');
        assert.equal(error.status, 200);
      }),
    );
    assert.equal(env.mock.stats.imagesRequests, 1);
  });

  test('an answer far larger than any API answer: invalid_response, not a crash', async () => {
    env.mock.knobs.failNext = [{ count: 1, status: 200, path: 'images', body: `{"task_id": "${'a'.repeat(5 * 1024 * 1024)}"}` }];
    await assert.rejects(env.client.submit(generate), apiError((error) => assert.equal(error.code, 'invalid_response')));
    assert.equal(env.mock.stats.imagesRequests, 1);
  });

  test('[fault:wrong-shape] a 200 acknowledgement without a task id: invalid_response that warns about billing', async () => {
    env.mock.knobs.wrongShapeNext = 1;
    await assert.rejects(
      env.client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'invalid_response');
        assert.match(error.message, /no task id/);
        assert.match(error.message, /billed/);
      }),
    );
    assert.equal(env.mock.stats.imagesRequests, 1);
  });

  test('a wrong token: 401 invalid_token, suggesting to set the token', async () => {
    const client = env.clientWith({ token: 'not-the-token' });
    await assert.rejects(
      client.submit(generate),
      apiError((error) => {
        assert.equal(error.status, 401);
        assert.equal(error.code, 'invalid_token');
        assert.equal(error.serverMessage, 'The specified token is invalid or wrong.');
        assert.equal(error.action, 'setToken');
        assert.match(error.message, /Set API Token/);
      }),
    );
    assert.equal(env.mock.stats.submits, 0);
    assert.equal(env.mock.stats.imagesRequests, 1);
  });

  test('no token at all: no_token, suggesting to set one', async () => {
    const client = env.clientWith({ token: '' });
    await assert.rejects(
      client.submit(generate),
      apiError((error) => {
        assert.equal(error.code, 'no_token');
        assert.equal(error.action, 'setToken');
      }),
    );
  });

  test('an invalid request is refused locally, before anything is sent', async () => {
    await assert.rejects(
      env.client.submit({ action: 'generate', prompt: 'x', count: 5 }),
      apiError((error) => assert.equal(error.code, 'bad_request')),
    );
    assert.equal(env.mock.stats.imagesRequests, 0);
  });

  test('cancelled during the Retry-After pause: cancelled, and nothing resent', async () => {
    env.mock.rateLimitNext(1, 20, 'images');
    const controller = new AbortController();
    const pending = env.client.submit(generate, controller.signal);
    assert.ok(await until(() => env.log.length > 0), 'the 429 was logged');
    controller.abort();
    await assert.rejects(pending, apiError((error) => assert.equal(error.code, 'cancelled')));
    assert.equal(env.mock.stats.imagesRequests, 1);
    assert.equal(env.mock.stats.submits, 0);
  });
});

describe('lookup faults', () => {
  test('HTML 502 and 429 on lookups are ridden out: the wait still succeeds', async () => {
    const { taskId } = await env.client.submit(generate);
    env.mock.htmlErrorNext(2, 502, 'tasks');
    env.mock.rateLimitNext(1, 0, 'tasks');
    const finished = await env.poller.wait(taskId);
    assert.equal(finished.state.state, 'succeeded');
    assert.ok(env.log.some((line) => line.startsWith('lookup failed (service_unavailable)')));
    assert.ok(env.log.some((line) => line.startsWith('lookup failed (too_many_requests)')));
  });

  test('[fault:lookup-429] 429 with Retry-After on a lookup: the next lookup waits for it, the wait succeeds, one submit', async () => {
    const { taskId } = await env.client.submit(generate);
    env.mock.rateLimitNext(1, 1, 'tasks');
    const finished = await env.poller.wait(taskId);
    assert.equal(finished.state.state, 'succeeded');
    const [limited, next] = env.mock.stats.lookupTimes;
    assert.ok(next! - limited! >= 950, `the lookup after the 429 came ${next! - limited!} ms later`);
    assert.ok(env.log.some((line) => line.startsWith('lookup failed (too_many_requests)')));
    assert.equal(env.mock.stats.submits, 1);
  });

  test('[fault:invalid-json] invalid JSON on a lookup is retried', async () => {
    const { taskId } = await env.client.submit(generate);
    env.mock.knobs.invalidJsonNext = 1;
    const record = await env.client.retrieve(taskId);
    assert.equal(record?.id, taskId);
    assert.ok(env.log.some((line) => line.startsWith('lookup failed (invalid_response)')));
  });

  test('[fault:invalid-json] invalid JSON on every attempt: invalid_response after the configured attempts', async () => {
    env.mock.knobs.invalidJsonNext = 10;
    await assert.rejects(env.client.retrieveBatch(['a']), apiError((error) => assert.equal(error.code, 'invalid_response')));
    assert.equal(env.mock.stats.requests.filter((r) => r.path === '/nano-banana/tasks').length, 4);
  });

  test('[fault:wrong-shape] a wrong shape on retrieve and retrieve_batch: invalid_response, never a crash', async () => {
    env.mock.knobs.wrongShapeNext = 2;
    await assert.rejects(env.client.retrieve('x'), apiError((error) => assert.equal(error.code, 'invalid_response')));
    await assert.rejects(env.client.retrieveBatch(['x']), apiError((error) => assert.equal(error.code, 'invalid_response')));
  });

  test('[fault:wrong-shape] the poller rides out a wrong-shaped lookup', async () => {
    const { taskId } = await env.client.submit(generate);
    env.mock.knobs.wrongShapeNext = 1;
    const finished = await env.poller.wait(taskId);
    assert.equal(finished.state.state, 'succeeded');
  });

  test('a wrong token on lookups ends every wait with the 401', async () => {
    const { taskId } = await env.client.submit(generate);
    const wrong = env.clientWith({ token: 'expired-token' });
    const poller = new TaskPoller(() => wrong, { intervalMs: 100 });
    try {
      await assert.rejects(
        poller.wait(taskId),
        apiError((error) => {
          assert.equal(error.status, 401);
          assert.equal(error.action, 'setToken');
        }),
      );
    } finally {
      poller.dispose();
    }
  });
});

describe('lookups refused for good', () => {
  test('no token (400 no_token) on lookups ends the wait at once rather than polling to the wait limit', async () => {
    const { taskId } = await env.client.submit(generate);
    const poller = new TaskPoller(() => env.clientWith({ token: '' }), { intervalMs: 100 });
    let outcome: unknown = 'still waiting';
    poller.wait(taskId).then(() => (outcome = 'resolved'), (error: unknown) => (outcome = error));
    await until(() => outcome !== 'still waiting' || env.mock.stats.lookupTimes.length >= 3);
    const lookups = env.mock.stats.lookupTimes.length;
    poller.dispose();
    assert.ok(outcome instanceof ApiError, `the wait is ${String(outcome)}`);
    assert.equal(outcome.code, 'no_token');
    assert.equal(outcome.action, 'setToken');
    assert.equal(lookups, 1);
  });
});

describe('task outcomes', () => {
  test('[fault:content-moderation] content_moderation: a failed state with the service message, no image', async () => {
    env.mock.knobs.moderateNext = 1;
    const { taskId } = await env.client.submit({ action: 'generate', prompt: 'something disallowed' });
    const finished = await env.poller.wait(taskId);
    assert.deepEqual(finished.state, {
      state: 'failed',
      code: 'content_moderation',
      message: 'The prompt or image was rejected by the content safety policy.',
    });
    if (finished.state.state === 'failed') {
      const error = new ApiError({ code: finished.state.code, serverMessage: finished.state.message, taskId });
      assert.match(error.message, /content policy.*rejected by the content safety policy/s);
    }
    assert.equal(env.mock.stats.downloads, 0);
  });

  test('cancellation while waiting: cancelled, and the task leaves the poller', async () => {
    env.mock.knobs.neverFinishNext = 1;
    const { taskId } = await env.client.submit(generate);
    const controller = new AbortController();
    const waiting = env.poller.wait(taskId, controller.signal);
    assert.ok(await until(() => env.mock.stats.retrieveBatch >= 2), 'the task was looked up');
    controller.abort();
    await assert.rejects(
      waiting,
      apiError((error) => {
        assert.equal(error.code, 'cancelled');
        assert.equal(error.taskId, taskId);
      }),
    );
    assert.equal(env.poller.pendingCount, 0);
  });
});
