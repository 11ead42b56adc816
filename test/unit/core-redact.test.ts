import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proxySecrets, redact, shownUrl } from '../../src/core/redact';

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

test('[security:secrets-redacted] URL credentials go whoever they belong to, a password holding @ included, and so do those of a proxy without a scheme', () => {
  assert.equal(redact('via http://alice:s3cret@proxy.corp:3128/ now', []), 'via http://[redacted]@proxy.corp:3128/ now');
  assert.equal(redact('via http://bob:p@ss@word@proxy.corp:3128 now', []), 'via http://[redacted]@proxy.corp:3128 now');
  assert.equal(redact('HTTP_PROXY=carol:n0pe@proxy.corp:8080 set', []), 'HTTP_PROXY=[redacted]@proxy.corp:8080 set');
  assert.equal(redact('proxy "dave:x@y@proxy.corp" refused', []), 'proxy "[redacted]@proxy.corp" refused');
  assert.equal(redact('{"proxy-authorization":"Basic ZnJhbms6cGFzcw=="}', []), '{"proxy-authorization":"Basic [redacted]"}');
});

test('[security:secrets-redacted] every URL loses its query string and keeps its host and path', () => {
  assert.equal(
    redact('GET https://cdn.acedata.cloud/nanobanana/a.png?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc failed', []),
    'GET https://cdn.acedata.cloud/nanobanana/a.png?[redacted] failed',
  );
  assert.equal(redact('"url":"http://127.0.0.1:9/x.jpg?token=abc"', []), '"url":"http://127.0.0.1:9/x.jpg?[redacted]"');
});

test('lines that only look like credentials stay as they are', () => {
  for (const line of ['saved file:///ws/assets/logo@2x.png (12 bytes)', 'mail support@acedata.cloud at 12:30', 'task 1a2b: succeeded after 4.2 s', 'https://cdn.acedata.cloud/a@2x.png', 'ratio 16:9 at 1K']) {
    assert.equal(redact(line, []), line);
  }
});

test('[security:secrets-redacted] the secrets of a proxy setting, a proxy variable or http.proxyAuthorization come in every form they can be written', () => {
  const secrets = proxySecrets({
    proxyUrls: ['http://alice:Pr0xy%40pass@proxy.corp:3128', 'bob:raw@pass@proxy.corp:8080', undefined, 'http://proxy.corp:3128'],
    authorization: `Basic ${Buffer.from('frank:auth-pass').toString('base64')}`,
  });
  for (const secret of ['Pr0xy%40pass', 'Pr0xy@pass', Buffer.from('alice:Pr0xy@pass').toString('base64'), 'raw@pass', 'bob:raw@pass', 'auth-pass', 'frank:auth-pass', Buffer.from('frank:auth-pass').toString('base64')]) {
    assert.ok(secrets.includes(secret), `${secret} missing from ${JSON.stringify(secrets)}`);
  }
  assert.ok(!secrets.some((secret) => secret.includes('proxy.corp')), 'the proxy host is no secret');
});

test('a URL as messages show it has neither credentials nor query', () => {
  assert.equal(shownUrl('https://u:p@cdn.acedata.cloud/a.png?sig=1'), 'https://cdn.acedata.cloud/a.png');
  assert.equal(shownUrl('ftp://bob:hunter@22@proxy:21'), 'ftp://proxy:21');
});
