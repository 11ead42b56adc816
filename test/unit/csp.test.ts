import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce } from '../../src/preview/csp';

const cspSource = 'https://*.vscode-cdn.net';

test('[security:csp-nonce] makeNonce: at least 128 random bits in base64', () => {
  const nonce = makeNonce();
  assert.match(nonce, /^[A-Za-z0-9+/]+$/);
  assert.ok(Buffer.from(nonce, 'base64').length >= 16);
});

test('[security:csp-nonce] makeNonce: differs on every call', () => {
  const nonces = new Set(Array.from({ length: 100 }, makeNonce));
  assert.equal(nonces.size, 100);
});

test('contentSecurityPolicy: denies everything not allowed explicitly', () => {
  assert.equal(
    contentSecurityPolicy(cspSource, 'abc'),
    `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource}; script-src 'nonce-abc'; font-src ${cspSource}`,
  );
});

test('[security:csp-nonce] contentSecurityPolicy: never allows inline code or eval', () => {
  const policy = contentSecurityPolicy(cspSource, makeNonce());
  assert.ok(!policy.includes('unsafe-inline'));
  assert.ok(!policy.includes('unsafe-eval'));
});
