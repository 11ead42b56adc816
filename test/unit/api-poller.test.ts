// The poller against a scripted client: one batched lookup per tick, never two at once, and every way a
// wait ends (success, failure, unknown id, rejected token, cancellation).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NanoBananaClient } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { TaskPoller } from '../../src/api/poller';
import type { TaskRecord } from '../../src/api/schemas';

type Answer = (ids: string[], call: number) => TaskRecord[] | Promise<TaskRecord[]>;

/** A client whose retrieveBatch answers through `answer`, recording every call and how many overlap. */
function scriptedClient(answer: Answer) {
  const calls: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const client = {
    async retrieveBatch(ids: readonly string[]): Promise<TaskRecord[]> {
      calls.push([...ids]);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await answer([...ids], calls.length);
      } finally {
        inFlight--;
      }
    },
  } as unknown as NanoBananaClient;
  return { client, calls, get maxInFlight() { return maxInFlight; } };
}

const done = (id: string): TaskRecord => ({
  id,
  response: { success: true, task_id: id, data: [{ image_url: `https://cdn.acedata.cloud/${id}.png` }] },
});
const running = (id: string): TaskRecord => ({ id, response: { task_id: id } });

/**
 * Lets everything a fired timer started run to its end (the lookup, its answer, the waiters settling).
 * The tests that prove nothing more happens mock setTimeout, so no lookup can come from real time passing.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('TaskPoller', () => {
  test('[poller:batch-50] ten concurrent waits share one lookup per tick', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `task-${i}`);
    // Pending for two ticks, then all done.
    const script = scriptedClient((batch, call) => batch.map((id) => (call < 3 ? running(id) : done(id))));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const results = await Promise.all(ids.map((id) => poller.wait(id)));
    assert.equal(script.calls.length, 3);
    for (const call of script.calls) assert.deepEqual([...call].sort(), [...ids].sort());
    assert.deepEqual(results.map((r) => r.state), ids.map((id) => ({ state: 'succeeded', imageUrls: [`https://cdn.acedata.cloud/${id}.png`] })));
    assert.equal(poller.pendingCount, 0);
  });

  test('two waits on one id: the id is asked once, both resolve', async () => {
    const script = scriptedClient((batch) => batch.map(done));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const [a, b] = await Promise.all([poller.wait('same'), poller.wait('same')]);
    assert.deepEqual(script.calls, [['same']]);
    assert.equal(a.record.id, 'same');
    assert.equal(b.record.id, 'same');
  });

  test('a failed task ends the wait at once with the service reason', async () => {
    const script = scriptedClient((batch) =>
      batch.map((id) => ({ id, response: { success: false, error: { code: 'content_moderation', message: 'Not allowed.' } } })),
    );
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const result = await poller.wait('bad');
    assert.deepEqual(result.state, { state: 'failed', code: 'content_moderation', message: 'Not allowed.' });
    assert.equal(script.calls.length, 1);
  });

  test('every pending snapshot keeps the wait going; the first finished one ends it', async () => {
    const script = scriptedClient((batch, call) => batch.map((id) => (call < 4 ? running(id) : done(id))));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const result = await poller.wait('t');
    assert.equal(script.calls.length, 4);
    assert.equal(result.state.state, 'succeeded');
  });

  test('an id the service keeps not knowing ends as task_not_found after unknownAfter lookups', async () => {
    const script = scriptedClient(() => []);
    const poller = new TaskPoller(() => script.client, { intervalMs: 5, unknownAfter: 3 });
    await assert.rejects(poller.wait('ghost'), (error: unknown) => error instanceof ApiError && error.code === 'task_not_found' && error.taskId === 'ghost');
    assert.equal(script.calls.length, 3);
  });

  test('an id that appears late is not given up', async () => {
    const script = scriptedClient((batch, call) => (call < 3 ? [] : batch.map(done)));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5, unknownAfter: 3 });
    const result = await poller.wait('late');
    assert.equal(result.state.state, 'succeeded');
  });

  test('a rejected token rejects every waiter with that error and stops polling', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const unauthorized = new ApiError({ code: 'invalid_token', status: 401 });
    const script = scriptedClient(() => Promise.reject(unauthorized));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const waits = Promise.allSettled([poller.wait('a'), poller.wait('b')]);
    t.mock.timers.tick(0);
    const results = await waits;
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    for (const r of results) assert.equal((r as PromiseRejectedResult).reason, unauthorized);
    assert.equal((results[0] as PromiseRejectedResult).reason.action, 'setToken');
    const calls = script.calls.length;
    t.mock.timers.tick(60_000);
    await settle();
    assert.equal(script.calls.length, calls, 'no lookups once nobody waits');
    assert.equal(poller.pendingCount, 0);
  });

  for (const [status, code] of [[400, 'token_mismatched'], [400, 'no_token'], [400, 'disabled'], [404, 'no_api']] as const) {
    test(`a lookup refused for good (${status} ${code}) ends the waits instead of polling on`, async (t) => {
      t.mock.timers.enable({ apis: ['setTimeout'] });
      const refused = new ApiError({ code, status });
      const script = scriptedClient(() => Promise.reject(refused));
      const poller = new TaskPoller(() => script.client, { intervalMs: 5, maxBackoffMs: 20 });
      let outcome: unknown = 'still waiting';
      poller.wait('t').then(() => (outcome = 'resolved'), (error: unknown) => (outcome = error));
      t.mock.timers.tick(0);
      await settle();
      // Far past the longest backoff: a poller that took the refusal as transient would have asked again.
      t.mock.timers.tick(60_000);
      await settle();
      const calls = script.calls.length;
      poller.dispose();
      assert.equal(outcome, refused);
      assert.equal(calls, 1);
    });
  }

  test('a transient lookup failure is ridden out', async () => {
    const script = scriptedClient((batch, call) => {
      if (call === 1) throw new ApiError({ code: 'service_unavailable', status: 502 });
      return batch.map(done);
    });
    const poller = new TaskPoller(() => script.client, { intervalMs: 5, maxBackoffMs: 20 });
    const result = await poller.wait('t');
    assert.equal(result.state.state, 'succeeded');
    assert.equal(script.calls.length, 2);
  });

  test('[poller:backoff] 5xx answers double the pause up to the cap; a 429 waits at least its Retry-After', async () => {
    const script = scriptedClient((batch, call) => {
      if (call <= 3) throw new ApiError({ code: 'service_unavailable', status: 502 });
      if (call === 4) throw new ApiError({ code: 'too_many_requests', status: 429, retryAfterMs: 300 });
      return batch.map(done);
    });
    const log: string[] = [];
    const poller = new TaskPoller(() => script.client, { intervalMs: 5, maxBackoffMs: 40, log: (line) => log.push(line) });
    const result = await poller.wait('t');
    assert.equal(result.state.state, 'succeeded');
    assert.deepEqual(log.map((line) => /next in (\d+) ms/.exec(line)?.[1]), ['10', '20', '40', '300']);
    assert.match(log[3]!, /too_many_requests/);
    assert.equal(script.calls.length, 5);
  });

  test('[poller:interval] by default one lookup a second while a task is pending', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const script = scriptedClient((batch) => batch.map(running));
    const poller = new TaskPoller(() => script.client);
    const waiting = poller.wait('slow').catch(() => undefined);
    t.mock.timers.tick(0);
    await settle();
    assert.equal(script.calls.length, 1);
    for (const expected of [2, 3, 4]) {
      t.mock.timers.tick(999);
      await settle();
      assert.equal(script.calls.length, expected - 1, 'not before a second has passed');
      t.mock.timers.tick(1);
      await settle();
      assert.equal(script.calls.length, expected);
    }
    poller.dispose();
    await waiting;
  });

  test('[poller:idle] no lookup while nothing is pending; a new wait starts polling again', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const script = scriptedClient((batch) => batch.map(done));
    const poller = new TaskPoller(() => script.client);
    const first = poller.wait('a');
    t.mock.timers.tick(0);
    await settle();
    assert.equal((await first).state.state, 'succeeded');
    t.mock.timers.tick(10 * 60_000);
    await settle();
    assert.equal(script.calls.length, 1, 'idle: no lookup in ten minutes without a pending task');
    assert.equal(poller.pendingCount, 0);
    const second = poller.wait('b');
    t.mock.timers.tick(0);
    await settle();
    assert.equal((await second).record.id, 'b');
    assert.deepEqual(script.calls, [['a'], ['b']]);
  });

  test('cancellation rejects with cancelled and drops the id from later lookups', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const script = scriptedClient((batch) => batch.map(running));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const controller = new AbortController();
    const cancelled = poller.wait('c', controller.signal);
    const other = poller.wait('keep');
    for (const ms of [0, 5]) {
      t.mock.timers.tick(ms);
      await settle();
    }
    assert.equal(script.calls.length, 2);
    controller.abort();
    await assert.rejects(cancelled, (error: unknown) => error instanceof ApiError && error.code === 'cancelled' && error.taskId === 'c');
    const before = script.calls.length;
    for (let i = 0; i < 2; i++) {
      t.mock.timers.tick(5);
      await settle();
    }
    assert.ok(script.calls.length >= before + 2);
    for (const call of script.calls.slice(before)) assert.deepEqual(call, ['keep']);
    poller.dispose();
    // Disposing is the window going away, not the user cancelling: the job must stay pending.
    await assert.rejects(other, (error: unknown) => error instanceof ApiError && error.code === 'closed' && error.taskId === 'keep');
  });

  test('an already aborted signal rejects without a lookup', async () => {
    const script = scriptedClient((batch) => batch.map(done));
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    await assert.rejects(poller.wait('x', AbortSignal.abort()), (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
    assert.equal(script.calls.length, 0);
  });

  test('[poller:batch-50] more than 50 waits: batches of at most 50, and every id is asked', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const ids = Array.from({ length: 120 }, (_, i) => `t${i}`);
    const asked = new Set<string>();
    const script = scriptedClient((batch) => {
      batch.forEach((id) => asked.add(id));
      return batch.map(running);
    });
    const poller = new TaskPoller(() => script.client, { intervalMs: 2 });
    const waits = ids.map((id) => poller.wait(id).catch(() => undefined));
    // Three ticks are enough for 120 ids in batches of 50.
    for (const ms of [0, 2, 2]) {
      t.mock.timers.tick(ms);
      await settle();
    }
    assert.equal(asked.size, ids.length);
    assert.ok(script.calls.every((call) => call.length <= 50 && new Set(call).size === call.length));
    poller.dispose();
    await Promise.all(waits);
  });

  test('a wait started while a lookup is still in flight never starts a second, overlapping lookup', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const script = scriptedClient(async (batch, call) => {
      if (call === 1) {
        await gate;
        return [];
      }
      return batch.map(done);
    });
    const poller = new TaskPoller(() => script.client, { intervalMs: 5 });
    const controller = new AbortController();
    const first = poller.wait('first', controller.signal);
    t.mock.timers.tick(0);
    await settle();
    assert.equal(script.calls.length, 1);
    // The only waiter leaves while its lookup hangs; a new one arrives before that lookup returns.
    controller.abort();
    await assert.rejects(first, (error: unknown) => error instanceof ApiError && error.code === 'cancelled');
    const second = poller.wait('second');
    // Ten intervals while the first lookup hangs: time enough for a second polling loop to show itself.
    t.mock.timers.tick(50);
    await settle();
    openGate();
    await settle();
    t.mock.timers.tick(5);
    await settle();
    const result = await second;
    assert.equal(result.record.id, 'second');
    assert.equal(script.maxInFlight, 1, 'lookups overlapped: two polling loops were running');
  });
});
