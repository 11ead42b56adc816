import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentPath, imagePaths, outputTarget, requiredPrompt, toolModels, toolOptions, ToolInputError, workspacePath } from '../../src/tools/toolInput';

const settings = { model: 'nano-banana', aspectRatio: '16:9', resolution: '1K', count: 2 };
const refused = (pattern: RegExp) => (error: unknown) => error instanceof ToolInputError && pattern.test(error.message);

test('without options a generation takes every option from the settings', () => {
  assert.deepEqual(toolOptions('generate', {}, settings), { model: 'nano-banana', aspectRatio: '16:9', resolution: '1K', count: 2 });
});

test('an edit keeps the input ratio and makes one image unless told otherwise', () => {
  assert.deepEqual(toolOptions('edit', {}, settings), { model: 'nano-banana', aspectRatio: undefined, resolution: '1K', count: 1 });
  assert.equal(toolOptions('edit', { aspectRatio: '1:1' }, settings).aspectRatio, '1:1');
});

test('given options win, and a model that makes 4K keeps a 4K resolution', () => {
  assert.deepEqual(toolOptions('generate', { model: 'nano-banana-pro', resolution: '4K', aspectRatio: '3:2', count: 4 }, settings), {
    model: 'nano-banana-pro',
    aspectRatio: '3:2',
    resolution: '4K',
    count: 4,
  });
  assert.equal(toolOptions('generate', { model: 'nano-banana-2:official' }, { ...settings, resolution: '2K' }).resolution, '2K');
});

test('an unknown model, ratio or resolution is refused with the allowed values', () => {
  assert.throws(() => toolOptions('generate', { model: 'dall-e-3' }, settings), refused(/Unknown model "dall-e-3".*nano-banana-pro:official/));
  assert.throws(() => toolOptions('generate', { aspectRatio: '21:9' }, settings), refused(/Unknown aspectRatio "21:9".*16:9/));
  assert.throws(() => toolOptions('generate', { resolution: '8K' }, settings), refused(/Unknown resolution "8K"/));
  assert.throws(() => toolOptions('generate', { aspectRatio: 16 }, settings), refused(/aspectRatio must be a string/));
});

test('a resolution the model cannot make is refused, not silently lowered', () => {
  assert.throws(() => toolOptions('generate', { model: 'nano-banana', resolution: '4K' }, settings), refused(/nano-banana makes 1K images only/));
});

test('count must be a whole number from 1 to 4', () => {
  for (const count of [0, 5, 1.5, '2', -1]) {
    assert.throws(() => toolOptions('generate', { count }, settings), refused(/count must be a whole number from 1 to 4/), String(count));
  }
});

test('the accepted models are the known four and their official variants', () => {
  assert.deepEqual(toolModels().sort(), [
    'nano-banana', 'nano-banana-2', 'nano-banana-2-lite', 'nano-banana-2-lite:official', 'nano-banana-2:official',
    'nano-banana-pro', 'nano-banana-pro:official', 'nano-banana:official',
  ]);
});

test('an empty or missing prompt is refused; a prompt is trimmed', () => {
  assert.equal(requiredPrompt('  a hero image  '), 'a hero image');
  for (const prompt of [undefined, '', '   ', 42]) assert.throws(() => requiredPrompt(prompt), refused(/prompt is required/));
});

test('workspace paths resolve below the folder; leaving it is refused, also by .. and absolute paths', () => {
  assert.equal(workspacePath('/ws', 'site/img/hero.png', 'path'), '/ws/site/img/hero.png');
  assert.equal(workspacePath('/ws', 'site\\img\\hero.png', 'path'), '/ws/site/img/hero.png');
  assert.equal(workspacePath('/ws', '/ws/img/a.png', 'path'), '/ws/img/a.png');
  for (const path of ['../outside.png', '/etc/passwd', 'site/../../x.png', '/ws-other/a.png', 'c:/Windows/x.png', '.', '']) {
    assert.throws(() => workspacePath('/ws', path, 'path'), ToolInputError, path);
  }
  assert.throws(() => workspacePath('/ws', '../x.png', 'path'), refused(/"\.\.\/x\.png" is outside the workspace folder/));
});

test('an output path names a file when it has an image extension, else a folder', () => {
  assert.deepEqual(outputTarget('/ws', 'site/img/hero.png'), { folder: '/ws/site/img', fileName: 'hero.png' });
  assert.deepEqual(outputTarget('/ws', 'site/img/hero.JPG'), { folder: '/ws/site/img', fileName: 'hero.JPG' });
  assert.deepEqual(outputTarget('/ws', 'site/img/'), { folder: '/ws/site/img' });
  assert.deepEqual(outputTarget('/ws', 'site/img'), { folder: '/ws/site/img' });
  assert.throws(() => outputTarget('/ws', 'site/logo.svg'), refused(/must end in \.png, \.jpg, \.jpeg or \.webp/));
});

test('edit images are a non-empty list of paths (a single string is one image)', () => {
  assert.deepEqual(imagePaths('a.png'), ['a.png']);
  assert.deepEqual(imagePaths(['a.png', 'b.jpg']), ['a.png', 'b.jpg']);
  for (const images of [undefined, [], [''], [3], 'x'.replace('x', '')]) assert.throws(() => imagePaths(images), refused(/images is required/));
});

test('the missing-images file must be Markdown or HTML inside the workspace', () => {
  assert.equal(documentPath('/ws', 'docs/guide.md'), '/ws/docs/guide.md');
  assert.equal(documentPath('/ws', 'index.HTML'), '/ws/index.HTML');
  assert.throws(() => documentPath('/ws', 'src/app.ts'), refused(/not a Markdown or HTML file/));
  assert.throws(() => documentPath('/ws', '../README.md'), refused(/outside the workspace folder/));
});
