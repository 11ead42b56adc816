// Work for one key runs one at a time, in order, and a failure does not stop what comes after it; work
// for other keys is not held up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedQueue } from '../../src/core/keyedQueue';

test('one key: in order, never overlapping, past a failure; another key: not held up', async () => {
  const queue = new KeyedQueue();
  const events: string[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const first = queue.run('doc', async () => {
    events.push('a start');
    await held;
    events.push('a end');
    throw new Error('a failed');
  });
  const second = queue.run('doc', async () => void events.push('b'));
  const other = queue.run('other', async () => void events.push('other'));
  await other;
  assert.deepEqual(events, ['a start', 'other'], 'b waits for a; the other key does not');
  release();
  await assert.rejects(first, /a failed/);
  await second;
  assert.deepEqual(events, ['a start', 'other', 'a end', 'b']);
});
