// The real client's lookups and the poller against the stand-in's injected faults: transient ones are
// ridden out, refusals end the wait at once, and a task's own failure or a cancel ends it cleanly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors';
import { TaskPoller } from '../../src/api/poller';
import { apiError, until, useClientEnv } from './helpers/clientEnv';

const env = useClientEnv();

const generate = { action: 'generate', prompt: 'a red bicycle' } as const;

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
