// The real client's submit against the stand-in's injected faults: what is retried and what is not (a
// resent submit that reached the service is a second paid task), and that every fault ends as an ApiError.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createAgent, neverReachedServer } from '../../src/api/http';
import { apiError, until, useClientEnv } from './helpers/clientEnv';

const env = useClientEnv();

const generate = { action: 'generate', prompt: 'a red bicycle' } as const;

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
