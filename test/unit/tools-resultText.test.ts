import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../../src/api/errors';
import type { JobRecord } from '../../src/model/job';
import { renameReason, savedText, unsavedText } from '../../src/tools/resultText';

function job(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: 'local-1',
    action: 'generate',
    prompt: 'a hero image',
    options: { model: 'nano-banana-pro', aspectRatio: '16:9', resolution: '2K', count: 1 },
    sourceImages: [],
    targetFolder: 'file:///ws/site/img',
    taskId: 'task-123',
    stage: 'saved',
    images: [{ uri: 'file:///ws/site/img/hero.png', label: 'site/img/hero.png', mime: 'image/png', width: 2048, height: 1152, bytes: 1000 }],
    createdAt: 1,
    cost: { amount: 0.134, currency: 'credits' },
    ...overrides,
  };
}

test('a saved job names each file by its workspace path with its pixel size and type, the task id and the cost', () => {
  const text = savedText(job(), 'site/img/hero.png');
  assert.match(text, /^Generated and saved 1 image \(task task-123, cost 0\.134 credits, model nano-banana-pro, 2K\):/);
  assert.match(text, /^- site\/img\/hero\.png \(2048×1152 px, PNG\)$/m);
  assert.doesNotMatch(text, /instead of/);
});

test('several images are all listed; a missing cost is said, not invented', () => {
  const images = [1, 2].map((n) => ({ uri: `file:///ws/a${n}.png`, label: `a${n}.png`, mime: 'image/jpeg', width: 10, height: 20, bytes: 5 }));
  const text = savedText(job({ images, cost: undefined, action: 'edit' }));
  assert.match(text, /^Edited and saved 2 images \(task task-123, cost not reported,/);
  assert.match(text, /^- a1\.png \(10×20 px, JPEG\)$/m);
  assert.match(text, /^- a2\.png \(10×20 px, JPEG\)$/m);
});

test('a name that differs from the asked one is explained: the type that arrived, a name already taken, or both', () => {
  assert.equal(renameReason('site/hero.png', 'site/hero.png'), undefined);
  assert.match(renameReason('site/hero.png', 'site/hero.jpg')!, /Saved as site\/hero\.jpg instead of site\/hero\.png: the service returned a JPG image, so the extension follows its type\. Link to site\/hero\.jpg\./);
  assert.match(renameReason('site/hero.png', 'site/hero-2.png')!, /hero\.png already existed and files are never overwritten/);
  const both = renameReason('site/hero.png', 'site/hero-2.jpg')!;
  assert.match(both, /returned a JPG image/);
  assert.match(both, /already existed/);
  const jpeg = job({ images: [{ ...job().images[0], uri: 'file:///ws/site/img/hero.jpg', label: 'site/img/hero.jpg', mime: 'image/jpeg' }] });
  assert.match(savedText(jpeg, 'site/img/hero.png'), /Saved as site\/img\/hero\.jpg instead of site\/img\/hero\.png/);
});

test('a cancelled job with a task id says the service may still finish and bill it, and how to fetch it', () => {
  const text = unsavedText({ status: 'cancelled', job: job({ stage: 'cancelled', images: [] }) });
  assert.match(text, /Cancelled; no image was saved\./);
  assert.match(text, /accepted task task-123 and may still finish and bill it/);
  assert.match(text, /Check Pending Tasks/);
});

test('a job cancelled before it was sent says nothing was billed', () => {
  assert.match(unsavedText({ status: 'cancelled', job: job({ taskId: undefined, stage: 'cancelled', images: [] }) }), /before the request was sent: nothing was billed/);
});

test('a failure carries the service message and what the user can do about it', () => {
  const unauthorized = unsavedText({ status: 'failed', job: job({ taskId: undefined }), error: new ApiError({ code: 'invalid_token', status: 401 }), resumable: false });
  assert.match(unauthorized, /^Failed; no image was saved\./);
  assert.match(unauthorized, /Set API Token/);
  const usedUp = unsavedText({ status: 'failed', job: job({ taskId: undefined }), error: new ApiError({ code: 'used_up', status: 403 }), resumable: false });
  assert.match(usedUp, /balance is used up/);
  const moderated = unsavedText({ status: 'failed', job: job(), error: new ApiError({ code: 'content_moderation', status: 400 }), resumable: false });
  assert.match(moderated, /Rephrase the prompt/);
  assert.doesNotMatch(moderated, /Check Pending Tasks/);
});

test('a failure after the service accepted the task says it can still be fetched', () => {
  const text = unsavedText({ status: 'failed', job: job(), error: new ApiError({ code: 'download_failed' }), resumable: true });
  assert.match(text, /task task-123/);
  assert.match(text, /Check Pending Tasks/);
});

test('[durable:cancel-after-send] a job cancelled after its submit was sent never claims nothing was billed', () => {
  const text = unsavedText({ status: 'cancelled', job: job({ taskId: undefined, stage: 'cancelled', images: [] }), unanswered: true });
  assert.doesNotMatch(text, /nothing was billed/);
  assert.match(text, /may have accepted it and may bill it; no task id is known/);
  assert.match(text, /task list of the Ace Data Cloud console/);
});

test('a job the closing window interrupted is said to stay pending, not to be cancelled or failed', () => {
  const text = unsavedText({ status: 'interrupted', job: job({ stage: 'waiting', images: [] }) });
  assert.match(text, /stays pending \(task task-123\) and is fetched when the workspace opens again/);
  assert.doesNotMatch(text, /Cancelled|Failed/);
});

test('an image that arrived but could not be written is said to be kept for Check Pending Tasks', () => {
  const text = unsavedText({ status: 'failed', job: job({ images: [] }), error: new Error('The image could not be saved in site/img: EEXIST'), resumable: true, failedWhile: 'saving' });
  assert.match(text, /could not be saved in site\/img/);
  assert.match(text, /once the folder can be written, the user can run "Nano Banana: Check Pending Tasks" to save it without a new request/);
});

test('a warning about a saved image (an upscale to its exact size) reaches the agent', () => {
  const text = savedText(job({ warnings: ['The image was enlarged to 1920×1080 from a 1024×576 crop.'] }));
  assert.match(text, /^Warning: The image was enlarged to 1920×1080 from a 1024×576 crop\.$/m);
  assert.doesNotMatch(savedText(job()), /Warning/);
});
