// Stamping a downloaded image in the scratch folder: the file is replaced whole or not at all, so a
// failure leaves the paid image exactly as it was downloaded, with nothing left beside it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { readProvenance } from '../../src/core/provenance';
import type { JobRecord } from '../../src/jobs/job';
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
