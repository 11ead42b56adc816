// Which redirects of an image download are followed (issue 22, point 5), decided without connecting
// anywhere: the addresses a name resolves to are given, as the download's resolver would find them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressesOf, isInternalAddress, redirectRefusal } from '../../src/api/redirects';

test('[security:download-redirects] loopback, private, link-local, shared and unspecified addresses are internal, in every spelling', () => {
  const internal = [
    '127.0.0.1', '127.0.0.2', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '::1', '[::1]', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '[::ffff:10.1.2.3]', 'localhost', 'LOCALHOST', 'db.localhost', 'localhost.',
  ];
  const external = ['8.8.8.8', '172.15.0.1', '172.32.0.1', '100.128.0.1', '169.253.1.1', '2001:db8::1', '::ffff:8.8.8.8', 'cdn.acedata.cloud', 'localhost.example.com', 'fe.example'];
  assert.deepEqual(internal.filter((host) => !isInternalAddress(host)), []);
  assert.deepEqual(external.filter((host) => isInternalAddress(host)), []);
});

test('[security:download-redirects] never from https to http, whatever the API address', () => {
  for (const apiIsInternal of [false, true]) {
    const refusal = redirectRefusal({ from: 'https://cdn.acedata.cloud/a.png?X-Amz-Signature=abc', to: 'http://cdn.acedata.cloud/a.png', targetAddresses: ['203.0.113.7'], apiIsInternal });
    assert.equal(refusal, 'The image address https://cdn.acedata.cloud/a.png redirected from https to http://cdn.acedata.cloud/a.png; a download never gives up https.');
  }
  assert.equal(redirectRefusal({ from: 'http://cdn.acedata.cloud/a', to: 'https://cdn2.acedata.cloud/a', targetAddresses: ['203.0.113.7'], apiIsInternal: false }), undefined);
  assert.equal(redirectRefusal({ from: 'https://cdn.acedata.cloud/a', to: 'https://cdn2.acedata.cloud/a', targetAddresses: ['203.0.113.7'], apiIsInternal: false }), undefined);
});

test('[security:download-redirects] to an internal address, by its literal form or by what its name resolves to: refused unless the API address is internal itself', () => {
  const cases = [
    { to: 'http://127.0.0.1:8080/x.png', targetAddresses: ['127.0.0.1'] },
    { to: 'http://[::1]/x.png', targetAddresses: ['::1'] },
    { to: 'http://localhost/x.png', targetAddresses: [] },
    { to: 'http://metadata.internal/latest', targetAddresses: ['169.254.169.254'] },
    { to: 'http://router.example/admin', targetAddresses: ['203.0.113.7', '192.168.0.1'] },
  ];
  for (const { to, targetAddresses } of cases) {
    const from = 'http://cdn.acedata.cloud/a.png';
    assert.match(redirectRefusal({ from, to, targetAddresses, apiIsInternal: false }) ?? '', /redirected to .*, a loopback, private or link-local address; downloads go to such addresses only when the API address is one\.$/, to);
    assert.equal(redirectRefusal({ from, to, targetAddresses, apiIsInternal: true }), undefined, `${to} with the API on loopback`);
  }
  assert.equal(redirectRefusal({ from: 'http://cdn.acedata.cloud/a', to: 'http://cdn2.acedata.cloud/a', targetAddresses: ['203.0.113.7'], apiIsInternal: false }), undefined);
});

test('a host is judged by itself when it is an address, by what it resolves to when reached directly, and by its name alone through a proxy', async () => {
  const resolved: string[] = [];
  const resolve = async (host: string) => (resolved.push(host), ['10.1.2.3']);
  assert.deepEqual(await addressesOf('[::1]', true, resolve), ['::1']);
  assert.deepEqual(await addressesOf('192.168.0.1', true, resolve), ['192.168.0.1']);
  assert.deepEqual(await addressesOf('cdn.example', true, resolve), ['10.1.2.3']);
  assert.deepEqual(await addressesOf('cdn.example', false, resolve), []);
  assert.deepEqual(resolved, ['cdn.example'], 'names are resolved only for direct requests');
  assert.deepEqual(await addressesOf('nowhere.example', true, async () => Promise.reject(new Error('ENOTFOUND'))), []);
});
