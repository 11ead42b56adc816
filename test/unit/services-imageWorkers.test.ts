// The host side of the image worker, with stand-in worker scripts: the answer comes back, a refusal
// keeps its reason, a crash or a cancel ends the request, and the thread never outlives it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ImageWorkers } from '../../src/services/imageWorkers';

const dir = mkdtempSync(join(tmpdir(), 'image-workers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function workerScript(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `const { parentPort } = require('node:worker_threads');\nparentPort.once('message', (request) => {\n${body}\n});\n`);
  return file;
}

const request = { op: 'cutToSize' as const, bytes: new Uint8Array([1, 2, 3]), size: { width: 2, height: 1 } };

test('the worker\'s result is the answer, and the request reaches it whole', async () => {
  const file = workerScript('echo.js', 'parentPort.postMessage({ ok: true, result: { bytes: request.bytes, width: request.size.width, height: request.size.height } });');
  assert.deepEqual(await new ImageWorkers(file).run(request), { bytes: new Uint8Array([1, 2, 3]), width: 2, height: 1 });
});

test('a refusal keeps whether the image itself was undecodable', async () => {
  const file = workerScript('refuse.js', "parentPort.postMessage({ ok: false, undecodable: 'damaged', message: 'damaged' });");
  await assert.rejects(new ImageWorkers(file).run(request), { name: 'ImageWorkError', undecodable: 'damaged' });
});

test('a worker that dies without answering fails the request instead of leaving it waiting', async () => {
  const file = workerScript('crash.js', 'process.exit(3);');
  await assert.rejects(new ImageWorkers(file).run(request), /stopped before answering \(exit code 3\)/);
  const thrower = workerScript('throw.js', "throw new Error('out of memory');");
  await assert.rejects(new ImageWorkers(thrower).run(request), { name: 'ImageWorkError', message: 'out of memory' });
});

test('cancelling ends the request at once with the signal\'s reason', async () => {
  const file = workerScript('slow.js', 'setTimeout(() => {}, 60_000);');
  const controller = new AbortController();
  const started = Date.now();
  const running = new ImageWorkers(file).run(request, controller.signal);
  setTimeout(() => controller.abort(new Error('cancelled by the user')), 50);
  await assert.rejects(running, /cancelled by the user/);
  assert.ok(Date.now() - started < 5_000, 'the 60 s worker was ended, not waited for');
});
