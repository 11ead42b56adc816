import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../src/core/redact';

test('[security:token-redacted] the token is removed wherever it appears', () => {
  const token = 'sk-abc123secret';
  const out = redact(`token=${token} again ${token}`, [token]);
  assert.ok(!out.includes(token));
  assert.equal(out, 'token=[redacted] again [redacted]');
});

test('[security:token-redacted] bearer credentials are removed even when the token is unknown', () => {
  const out = redact('{"authorization":"Bearer zzz-unknown"}', []);
  assert.ok(!out.includes('zzz-unknown'));
  assert.match(out, /Bearer \[redacted\]/);
});

test('text without secrets is unchanged', () => {
  assert.equal(redact('task 123 finished in 4 s', ['sk-abc123secret', undefined]), 'task 123 finished in 4 s');
});
