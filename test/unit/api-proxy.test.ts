// Which requests go through which proxy (VS Code's http.proxy and http.noProxy, or the proxy
// variables when http.proxy is empty), how a proxy is shown in messages, and which failures are
// blamed on it. Nothing here connects anywhere; the real proxy is in test/integration/client-proxy.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { ApiError } from '../../src/api/errors';
import { createDispatcher, DEFAULT_TIMEOUTS, neverReachedServer, transportError } from '../../src/api/http';
import { proxyFailure, proxyRouteFor, type ProxyOptions } from '../../src/api/proxy';

const opened: Dispatcher[] = [];
after(async () => void (await Promise.all(opened.map((dispatcher) => dispatcher.close()))));

/** `url` → how each request would leave: the proxy as messages show it, or 'direct'. */
function routes(options: ProxyOptions, urls: string[]): Record<string, string> {
  const dispatcher = createDispatcher(DEFAULT_TIMEOUTS, { environment: {}, ...options });
  opened.push(dispatcher);
  return Object.fromEntries(urls.map((url) => {
    const route = proxyRouteFor(dispatcher, url);
    return [url, route ? `${route.shown} (${route.source})` : 'direct'];
  }));
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3128'), { code: 'ECONNREFUSED' });
const PROXY = { shown: 'http://127.0.0.1:3128', source: 'http.proxy' };

test('http.proxy takes every request, https and http alike, shown without its credentials', () => {
  assert.deepEqual(routes({ url: 'http://alice:s3cret@proxy.corp:3128' }, ['https://api.acedata.cloud/x', 'http://cdn.acedata.cloud/a.png']), {
    'https://api.acedata.cloud/x': 'http://proxy.corp:3128 (http.proxy)',
    'http://cdn.acedata.cloud/a.png': 'http://proxy.corp:3128 (http.proxy)',
  });
});

test('http.noProxy: a host with its subdomains, a leading dot or *., a host with a port, IPv6, and * for all', () => {
  const noProxy = ['acedata.cloud', '.acedata2.cloud', '*.example.org', '127.0.0.1:8080', '[::1]'];
  assert.deepEqual(
    routes({ url: 'http://proxy:3128', noProxy }, [
      'https://acedata.cloud/', 'https://api.acedata.cloud/', 'https://cdn.acedata2.cloud/a.jpg', 'https://a.example.org/',
      'http://127.0.0.1:8080/', 'http://127.0.0.1:8081/', 'http://[::1]:9000/', 'https://notacedata.cloud/',
    ]),
    {
      'https://acedata.cloud/': 'direct',
      'https://api.acedata.cloud/': 'direct',
      'https://cdn.acedata2.cloud/a.jpg': 'direct',
      'https://a.example.org/': 'direct',
      'http://127.0.0.1:8080/': 'direct',
      'http://127.0.0.1:8081/': 'http://proxy:3128 (http.proxy)',
      'http://[::1]:9000/': 'direct',
      'https://notacedata.cloud/': 'http://proxy:3128 (http.proxy)',
    },
  );
  assert.deepEqual(routes({ url: 'http://proxy:3128', noProxy: ['*'] }, ['https://api.acedata.cloud/']), { 'https://api.acedata.cloud/': 'direct' });
});

test('http.proxy empty: HTTPS_PROXY for https, HTTP_PROXY for http (and for https when alone), lower case first, NO_PROXY added to http.noProxy', () => {
  const urls = ['https://api.acedata.cloud/', 'http://cdn.acedata.cloud/', 'https://skip.me/', 'https://also.skip/'];
  assert.deepEqual(
    routes({ noProxy: ['also.skip'], environment: { HTTPS_PROXY: 'https://secure:443', http_proxy: 'plain:3128', HTTP_PROXY: 'http://ignored:1', NO_PROXY: 'skip.me' } }, urls),
    {
      'https://api.acedata.cloud/': 'https://secure (HTTPS_PROXY)',
      'http://cdn.acedata.cloud/': 'http://plain:3128 (http_proxy)',
      'https://skip.me/': 'direct',
      'https://also.skip/': 'direct',
    },
  );
  assert.deepEqual(routes({ environment: { HTTP_PROXY: 'http://plain:3128' } }, urls.slice(0, 1)), { 'https://api.acedata.cloud/': 'http://plain:3128 (HTTP_PROXY)' });
});

test('no proxy anywhere: a plain agent, every request direct', () => {
  assert.deepEqual(routes({ url: '  ', noProxy: ['x'] }, ['https://api.acedata.cloud/']), { 'https://api.acedata.cloud/': 'direct' });
  const plain = createDispatcher(DEFAULT_TIMEOUTS);
  opened.push(plain);
  assert.equal(proxyRouteFor(plain, 'https://api.acedata.cloud/'), undefined);
});

test('a proxy address that is not http, https or socks5 is refused at once, without its credentials in the message', () => {
  assert.throws(
    () => createDispatcher(DEFAULT_TIMEOUTS, { url: 'ftp://bob:hunter22@proxy:21', environment: {} }),
    (error: unknown) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'proxy');
      assert.equal(error.message, 'The proxy ftp://proxy:21 (http.proxy) is not an http://, https:// or socks5:// address.');
      return true;
    },
  );
});

test('a refused, unresolvable or timed-out connection to the proxy names the proxy; the request never left', () => {
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT']) {
    const error = proxyFailure(Object.assign(new Error(`${code} detail`), { code }), PROXY);
    assert.equal(error?.code, 'proxy');
    assert.equal(error?.message, `Could not connect to the proxy http://127.0.0.1:3128 (http.proxy): ${code} detail. Nothing was sent to the service; start the proxy or correct http.proxy.`);
  }
});

test('a proxy that wants credentials or will not tunnel is named; a reset may lie beyond the proxy and is not', () => {
  assert.match(proxyFailure(new Error('Proxy Authentication Required (407)'), PROXY)?.message ?? '', /asks for credentials \(HTTP 407\).*http\.proxyAuthorization/);
  assert.match(proxyFailure(new Error('Proxy response (502) !== 200 when HTTP Tunneling'), PROXY)?.message ?? '', /did not forward the request: Proxy response \(502\)/);
  assert.equal(proxyFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), PROXY), undefined);
});

test('transportError blames the proxy only for a request that went through one, and never as a reason to resend', () => {
  const viaProxy = transportError(refused, undefined, PROXY);
  assert.equal(viaProxy.code, 'proxy');
  assert.equal(neverReachedServer(viaProxy), false);
  const direct = transportError(refused, undefined);
  assert.equal(direct.code, 'network');
  assert.equal(neverReachedServer(direct), true);
  const controller = new AbortController();
  controller.abort();
  assert.equal(transportError(refused, controller.signal, PROXY).code, 'cancelled');
});
