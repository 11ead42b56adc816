// Which connection jobs share, and when a replaced one is closed: never while a job still uses it,
// at once when none does, and all of them when the window goes away.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../src/api/errors';
import { ConnectionCache } from '../../src/services/connectionCache';

class FakeConnection {
  closed = 0;
  constructor(readonly key: string) {}
  async close(): Promise<void> {
    this.closed++;
  }
}

/** A cache whose `open` records every connection it makes, opening asynchronously as the real one does. */
function cache() {
  const opened: FakeConnection[] = [];
  const closeErrors: unknown[] = [];
  const connections = new ConnectionCache<FakeConnection>((error) => closeErrors.push(error));
  const open = (key: string) => async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const connection = new FakeConnection(key);
    opened.push(connection);
    return connection;
  };
  return { connections, opened, closeErrors, acquire: (key: string) => connections.acquire(key, open(key)) };
}

const closedError = (error: unknown) => error instanceof ApiError && error.code === 'closed';

describe('ConnectionCache', () => {
  test('jobs starting together with the same settings share one connection', async () => {
    const { opened, acquire } = cache();
    const leases = await Promise.all([acquire('a'), acquire('a'), acquire('a')]);
    assert.equal(opened.length, 1);
    for (const lease of leases) assert.equal(lease.connection, opened[0]);
  });

  test('a later job with the same settings reuses the connection', async () => {
    const { opened, acquire } = cache();
    (await acquire('a')).release();
    const again = await acquire('a');
    assert.equal(opened.length, 1);
    assert.equal(again.connection.closed, 0);
  });

  test('changed settings open a new connection; the old one closes when its last job releases it', async () => {
    const { opened, acquire } = cache();
    const first = await acquire('a');
    const second = await acquire('a');
    const replacement = await acquire('b');
    assert.equal(replacement.connection.key, 'b');
    assert.equal(opened[0]!.closed, 0, 'still used by two jobs');
    first.release();
    assert.equal(opened[0]!.closed, 0, 'still used by one job');
    second.release();
    assert.equal(opened[0]!.closed, 1);
    replacement.release();
    assert.equal(replacement.connection.closed, 0, 'the current connection stays open for the next job');
  });

  test('a replaced connection nobody uses is closed at once', async () => {
    const { opened, acquire } = cache();
    (await acquire('a')).release();
    await acquire('b');
    assert.equal(opened[0]!.closed, 1);
  });

  test('a lease released twice counts once', async () => {
    const { opened, acquire } = cache();
    const first = await acquire('a');
    const second = await acquire('a');
    await acquire('b');
    first.release();
    first.release();
    assert.equal(opened[0]!.closed, 0, 'the second job still uses it');
    second.release();
    assert.equal(opened[0]!.closed, 1);
  });

  test('when the new connection cannot be opened, the current one stays in use', async () => {
    const { connections, opened, acquire } = cache();
    const first = await acquire('a');
    const refused = new Error('the proxy URL is not a URL');
    await assert.rejects(connections.acquire('bad', async () => { throw refused; }), refused);
    assert.equal(opened[0]!.closed, 0);
    first.release();
    assert.equal(opened[0]!.closed, 0);
    assert.equal((await acquire('a')).connection, opened[0]);
    assert.equal(opened.length, 1);
  });

  test('dispose closes every connection, also those jobs still hold, and refuses new jobs as closed', async () => {
    const { connections, opened, acquire } = cache();
    const old = await acquire('a');
    const current = await acquire('b');
    await connections.dispose();
    assert.deepEqual(opened.map((connection) => connection.closed), [1, 1]);
    old.release();
    current.release();
    assert.deepEqual(opened.map((connection) => connection.closed), [1, 1], 'closed once only');
    await assert.rejects(acquire('b'), closedError);
  });

  test('a connection that finishes opening after dispose is closed, not handed out', async () => {
    const { connections } = cache();
    const connection = new FakeConnection('a');
    let opening!: () => void;
    const started = new Promise<void>((resolve) => (opening = resolve));
    let finishOpening!: () => void;
    const gate = new Promise<void>((resolve) => (finishOpening = resolve));
    const late = connections.acquire('a', async () => {
      opening();
      await gate;
      return connection;
    });
    await started;
    await connections.dispose();
    finishOpening();
    await assert.rejects(late, closedError);
    assert.equal(connection.closed, 1);
  });

  test('a connection that fails to close is reported, not thrown', async () => {
    const { connections, closeErrors } = cache();
    const broken = new Error('socket already gone');
    const lease = await connections.acquire('a', async () => ({ close: () => Promise.reject(broken) }) as unknown as FakeConnection);
    lease.release();
    await connections.dispose();
    assert.deepEqual(closeErrors, [broken]);
  });
});
