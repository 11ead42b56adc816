// The host side of the image worker, with stand-in worker scripts: the answer comes back, a refusal
// keeps its reason, a crash or a cancel ends the request, and the thread never outlives it. A hostile
// image is refused from its header before any thread starts, a thread that runs out of memory fails
// only its request, and an answer that is not the image it claims to be is not used.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ImageWorkRequest } from '../../src/core/imageWork';
import { ImageWorkers } from '../../src/services/imageWorkers';
import { jpegClaiming, pngClaiming } from './helpers/images';

const dir = mkdtempSync(join(tmpdir(), 'image-workers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function workerScript(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `const { parentPort } = require('node:worker_threads');\nparentPort.once('message', (request) => {\n${body}\n});\n`);
  return file;
}

/** A real 2×1 PNG, small enough to be any image the worker is given. */
const png = pngClaiming(2, 1, 1);
const request = { op: 'cutToSize' as const, bytes: png, size: { width: 2, height: 1 } };

test('the worker\'s result is the answer, and the request reaches it whole', async () => {
  const file = workerScript('echo.js', 'parentPort.postMessage({ ok: true, result: { bytes: request.bytes, width: request.size.width, height: request.size.height } });');
  assert.deepEqual(await new ImageWorkers(file).run(request), { bytes: png, width: 2, height: 1 });
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

/** A stand-in worker that leaves `marker` behind as soon as it starts, and would answer with the image. */
function startedMarker(name: string): { file: string; marker: string } {
  const marker = join(dir, `${name}.started`);
  const file = join(dir, `${name}.js`);
  writeFileSync(file, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'started');\n` +
    "require('node:worker_threads').parentPort.once('message', (request) => require('node:worker_threads').parentPort.postMessage({ ok: true, result: { bytes: request.bytes, width: 1, height: 1 } }));\n");
  return { file, marker };
}

test('[security:decompression-bomb] a PNG or JPEG claiming 30000×30000 pixels is refused from its header by each operation, before any worker starts', async () => {
  for (const [kind, bomb] of [['PNG', pngClaiming(30_000, 30_000)], ['JPEG', jpegClaiming(30_000, 30_000)]] as const) {
    assert.ok(bomb.length < 2_000, `the ${kind} is ${bomb.length} bytes`);
    const requests: ImageWorkRequest[] = [
      { op: 'prepareForUpload', bytes: bomb },
      { op: 'cutToSize', bytes: bomb, size: { width: 1200, height: 630 } },
      { op: 'cutIcons', bytes: bomb, sizes: [16, 32, 180] },
    ];
    for (const bombRequest of requests) {
      const { file, marker } = startedMarker(`${kind}-${bombRequest.op}`);
      await assert.rejects(new ImageWorkers(file).run(bombRequest), {
        name: 'ImageWorkError',
        message: 'it is 30000×30000 pixels (900 megapixels), more than the 100 megapixels an image may have to be decoded; it was not decoded',
      });
      assert.equal(existsSync(marker), false, `${kind} ${bombRequest.op}: no worker was started`);
    }
  }
  // Just under the limit (10000×10000 is 100 megapixels) is not refused: the worker gets it.
  const { file, marker } = startedMarker('at-limit');
  await new ImageWorkers(file).run({ op: 'cutToSize', bytes: pngClaiming(10_000, 10_000, 1), size: { width: 1, height: 1 } });
  assert.ok(existsSync(marker));
});

test('[security:decompression-bomb] a PNG or JPEG whose size cannot be read from its header is refused as damaged, unstarted', async () => {
  const { file, marker } = startedMarker('headless');
  const truncated = jpegClaiming(100, 100).subarray(0, 8);
  await assert.rejects(new ImageWorkers(file).run({ op: 'prepareForUpload', bytes: truncated }), { name: 'ImageWorkError', undecodable: 'damaged' });
  assert.equal(existsSync(marker), false);
});

test('[security:worker-memory-limit] the worker runs under resourceLimits; one that exhausts them fails its own request with a clear reason, and the next request runs', async () => {
  const limits = workerScript('limits.js', "parentPort.postMessage({ ok: false, message: JSON.stringify(require('node:worker_threads').resourceLimits) });");
  const applied: unknown = await new ImageWorkers(limits).run(request).catch((error: Error) => JSON.parse(error.message));
  const heapMb = (applied as { maxOldGenerationSizeMb?: number }).maxOldGenerationSizeMb ?? 0;
  assert.ok(heapMb > 0 && heapMb <= 1024, `limits in the worker: ${JSON.stringify(applied)}`);

  const hungry = workerScript('hungry.js', 'const kept = []; for (;;) kept.push(Array.from({ length: 10_000 }, (_, i) => ({ i })));');
  await assert.rejects(new ImageWorkers(hungry, { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 }).run(request), {
    name: 'ImageWorkError',
    message: 'processing it needed more memory than the image worker may use (16 MB), so the worker was stopped',
  });
  const echo = workerScript('echo-after.js', 'parentPort.postMessage({ ok: true, result: { bytes: request.bytes, width: 2, height: 1 } });');
  assert.deepEqual(await new ImageWorkers(echo).run(request), { bytes: png, width: 2, height: 1 });
});

test('[security:not-an-image-result] an answer whose bytes are not the image type it must be (SVG for a cut PNG, a JPEG among icons) is refused, not used', async () => {
  const svg = workerScript('svg.js', "parentPort.postMessage({ ok: true, result: { bytes: new TextEncoder().encode('<svg><script>alert(1)</script></svg>'), width: 2, height: 1 } });");
  await assert.rejects(new ImageWorkers(svg).run(request), { name: 'ImageWorkError', message: 'the image worker returned bytes that are not an image where image/png was expected' });
  const jpegIcon = workerScript('jpeg-icon.js', 'parentPort.postMessage({ ok: true, result: [{ size: 16, png: request.bytes }, { size: 32, png: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) }] });');
  await assert.rejects(new ImageWorkers(jpegIcon).run({ op: 'cutIcons', bytes: png, sizes: [16, 32] }), { message: 'the image worker returned image/jpeg where image/png was expected' });
  const mislabelled = workerScript('mislabelled.js', "parentPort.postMessage({ ok: true, result: { bytes: request.bytes, mime: 'image/jpeg', width: 2, height: 1 } });");
  await assert.rejects(new ImageWorkers(mislabelled).run({ op: 'prepareForUpload', bytes: png }), { message: 'the image worker returned image/png where image/jpeg was expected' });
});
