// The project style: how it changes the prompt sent, how it is summed up for lists and confirmations,
// which style image paths are accepted, and that the history and the image's own record keep it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJobHistory } from '../../src/core/historyRules';
import { embedProvenance, readProvenance } from '../../src/core/provenance';
import { styledPrompt, styleImageEntries, styleImagePath, styleSummary } from '../../src/core/style';
import type { JobRecord } from '../../src/model/job';
import { makePng } from '../integration/helpers/images';

test('the style text follows the prompt, and the style images are named as references for style only', () => {
  assert.equal(styledPrompt('a robot mascot', { text: 'flat vector, pastel palette, no text', images: 0 }, 0), 'a robot mascot\n\nStyle: flat vector, pastel palette, no text');
  assert.equal(
    styledPrompt('a robot mascot', { images: 1 }, 0),
    'a robot mascot\n\nThe attached image is a style reference only: follow its style (palette, technique, line, mood), not its content.',
  );
  assert.match(styledPrompt('make it night', { text: 'ink', images: 2 }, 1), /^make it night\n\nStyle: ink\n\nThe last 2 attached images are style references only: follow their style/);
});

test('the summary is short: the text cut with an ellipsis, and the number of style images', () => {
  assert.equal(styleSummary('flat vector, pastel palette, no text', ['design/a.png']), 'flat vector, pastel palette, no text · 1 style image');
  assert.equal(styleSummary('', ['a.png', 'b.png']), '2 style images');
  assert.equal(styleSummary('x'.repeat(60), []), `${'x'.repeat(47)}…`);
  assert.equal(styleSummary(undefined, []), undefined);
});

test('[security:style-images-refused] a style image path must stay inside the workspace folder', () => {
  assert.deepEqual(styleImagePath('/ws', 'design/style.png'), { path: '/ws/design/style.png' });
  assert.deepEqual(styleImagePath('/ws', '/ws/design/style.png'), { path: '/ws/design/style.png' });
  assert.deepEqual(styleImagePath('/c:/ws', 'c:\\ws\\a.png'), { path: '/c:/ws/a.png' }, 'a Windows path inside it is accepted');
  for (const outside of ['../secret.png', '/etc/passwd', 'design/../../x.png', '/home/me/.ssh/id_rsa', '.', 'C:\\Windows\\win.ini']) {
    assert.ok('error' in styleImagePath('/ws', outside), outside);
  }
  assert.match((styleImagePath('/ws', '../secret.png') as { error: string }).error, /"\.\.\/secret\.png" is outside the workspace folder/);
  assert.ok('error' in styleImagePath('/ws', 42));
  assert.deepEqual(styleImageEntries('design/one.png'), ['design/one.png'], 'a single path typed without brackets');
  assert.deepEqual(styleImageEntries(undefined), []);
});

test('the history and the image file keep the style a job was made with', () => {
  const job: JobRecord = {
    id: 'j1', action: 'generate', prompt: 'a robot', options: { model: 'nano-banana', aspectRatio: '1:1', resolution: '1K', count: 1, noStyle: true },
    sourceImages: [], targetFolder: 'file:///ws/out', stage: 'saved', images: [], createdAt: 1, style: { text: 'ink', images: ['design/a.png'] },
  };
  assert.deepEqual(parseJobHistory([job]), [job]);
  const record = { prompt: 'a robot', model: 'nano-banana', taskId: 't1', action: 'generate' as const, createdAt: '2026-05-01T00:00:00.000Z', style: 'ink', styleImages: ['design/a.png'] };
  const stamped = Buffer.concat(embedProvenance(makePng(4, 4), record) ?? []);
  assert.deepEqual(readProvenance(stamped), record);
});
