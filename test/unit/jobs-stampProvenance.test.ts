// Stamping a downloaded image in the scratch folder: the file is replaced whole or not at all, so a
// failure leaves the paid image exactly as it was downloaded, with nothing left beside it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { encode as encodeJpeg } from 'jpeg-js';
import { embedProvenance, readProvenance } from '../../src/core/provenance';
import type { JobRecord } from '../../src/model/job';
import { provenanceOf, stampImageFile } from '../../src/jobs/stampProvenance';
import { makeJpeg, makePng, makeWebpVp8l } from '../integration/helpers/images';

const JOB: JobRecord = {
  id: 'local-1',
  action: 'generate',
  prompt: '雨中的霓虹灯街道',
  options: { model: 'nano-banana-pro', aspectRatio: '3:2', resolution: '4K', count: 2 },
  sourceImages: [],
  targetFolder: 'file:///w/assets',
  taskId: 'task-9',
  stage: 'downloading',
  images: [],
  createdAt: Date.UTC(2026, 11, 2, 6, 30),
};

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'stamp-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

test('the image says which prompt, model and task made it; an edit without a ratio has none', () => {
  assert.deepEqual(provenanceOf(JOB, 'task-9'), {
    prompt: '雨中的霓虹灯街道',
    model: 'nano-banana-pro',
    taskId: 'task-9',
    action: 'generate',
    aspectRatio: '3:2',
    resolution: '4K',
    createdAt: '2026-12-02T06:30:00.000Z',
  });
  const edit = provenanceOf({ ...JOB, action: 'edit', options: { model: 'nano-banana', resolution: '1K', count: 1 } }, 'task-10');
  assert.equal('aspectRatio' in edit, false);
  assert.equal(edit.action, 'edit');
});

for (const [name, bytes] of [['png', makePng(30, 20)], ['jpg', makeJpeg(30, 20)]] as const) {
  test(`a ${name} is rewritten in place with the record, and its new size is returned`, async () => {
    const path = join(scratch, `0.${name}`);
    writeFileSync(path, bytes);
    const size = await stampImageFile(path, provenanceOf(JOB, 'task-9'));
    assert.equal(size, statSync(path).size);
    assert.ok(size! > bytes.length);
    assert.deepEqual(readProvenance(readFileSync(path)), provenanceOf(JOB, 'task-9'));
    assert.deepEqual(readdirSync(scratch), [`0.${name}`]);
  });
}

test('a file that cannot be stamped is left exactly as it was, with nothing beside it', async () => {
  const truncated = makePng(30, 20).subarray(0, 60);
  const path = join(scratch, '0.png');
  writeFileSync(path, truncated);
  await assert.rejects(stampImageFile(path, provenanceOf(JOB, 'task-9')), /not a complete PNG file/);
  assert.ok(readFileSync(path).equals(truncated));
  assert.deepEqual(readdirSync(scratch), ['0.png']);
});

test('a WebP is not touched and reports no new size', async () => {
  const webp = makeWebpVp8l(8, 8);
  const path = join(scratch, '0.webp');
  writeFileSync(path, webp);
  assert.equal(await stampImageFile(path, provenanceOf(JOB, 'task-9')), undefined);
  assert.ok(readFileSync(path).equals(webp));
});

/** Pixels that do not compress, so the files are larger than the head that is read of them. */
const noise = (x: number, y: number) => {
  const h = Math.imul(x * 73856093 ^ y * 19349663, 0x9e3779b1) >>> 0;
  return [h & 0xff, (h >>> 8) & 0xff, (h >>> 16) & 0xff];
};
const bigPng = () => makePng(1000, 900, noise);
const bigJpeg = () => {
  const width = 1400;
  const height = 1000;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...noise(i % width, Math.floor(i / width)), 255], i * 4);
  return Buffer.from(encodeJpeg({ width, height, data }, 95).data);
};

for (const [name, make] of [['png', bigPng], ['jpg', bigJpeg]] as const) {
  test(`a ${name} larger than the head read of it is streamed, and comes out byte for byte as if stamped whole`, async () => {
    const bytes = make();
    assert.ok(bytes.length > 2 * 1024 * 1024, `${bytes.length} bytes is large enough to be streamed`);
    const path = join(scratch, `0.${name}`);
    writeFileSync(path, bytes);
    const record = provenanceOf(JOB, 'task-9');
    const size = await stampImageFile(path, record);
    const expected = Buffer.concat(embedProvenance(bytes, record)!);
    assert.ok(readFileSync(path).equals(expected));
    assert.equal(size, expected.length);
    assert.deepEqual(readdirSync(scratch), [`0.${name}`]);
  });
}

test('a large JPEG with bytes after its end is still refused, as a small one is', async () => {
  const bytes = Buffer.concat([bigJpeg(), Buffer.alloc(64, 0x20)]);
  const path = join(scratch, '0.jpg');
  writeFileSync(path, bytes);
  await assert.rejects(stampImageFile(path, provenanceOf(JOB, 'task-9')), /not a complete JPEG file/);
  assert.ok(readFileSync(path).equals(bytes));
  assert.deepEqual(readdirSync(scratch), ['0.jpg']);
});
