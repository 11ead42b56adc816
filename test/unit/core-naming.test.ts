import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimFirstFreeName, editedBaseName, numberedFileName, slugFromPrompt } from '../../src/core/naming';

test('a prompt becomes a short lowercase dash-separated slug', () => {
  assert.equal(slugFromPrompt('A cute banana, wearing sunglasses!'), 'a-cute-banana-wearing-sunglasses');
  assert.equal(slugFromPrompt('Crème brûlée on a café table'), 'creme-brulee-on-a-cafe-table');
});

test('slugs stop at a word boundary within 40 characters', () => {
  const slug = slugFromPrompt('one two three four five six seven eight nine ten eleven twelve');
  assert.ok(slug.length <= 40, slug);
  assert.ok(!slug.endsWith('-'));
  assert.equal(slug, 'one-two-three-four-five-six-seven-eight');
  assert.equal(slugFromPrompt('x'.repeat(100)).length, 40);
});

test('[security:prompt-file-names] prompts cannot traverse folders or carry separators', () => {
  for (const prompt of ['../../etc/passwd', '..\\..\\windows\\system32', '/absolute/path', 'a/b\\c:d*e?f"g<h>i|j', '\u0000nul\u0007']) {
    const slug = slugFromPrompt(prompt);
    assert.match(slug, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${prompt} → ${slug}`);
  }
});

test('prompts with no usable characters fall back to "image"', () => {
  assert.equal(slugFromPrompt('一只可爱的猫'), 'image');
  assert.equal(slugFromPrompt('!!!'), 'image');
  assert.equal(slugFromPrompt(''), 'image');
});

test('[security:prompt-file-names] reserved device names are never used as file names', () => {
  for (const name of ['CON', 'nul', 'com1', 'LPT9', 'aux', 'prn']) {
    assert.notEqual(slugFromPrompt(name).toLowerCase(), name.toLowerCase());
    assert.equal(slugFromPrompt(name), `${name.toLowerCase()}-image`);
  }
  assert.equal(slugFromPrompt('console'), 'console');
});

test('numbered file names start counting at 2', () => {
  assert.equal(numberedFileName('cat', 'png', 1), 'cat.png');
  assert.equal(numberedFileName('cat', 'jpg', 2), 'cat-2.jpg');
});

test('the first free name is the first one the claim takes, tried in order', async () => {
  const taken = new Set(['cat.png', 'cat-2.png']);
  const tried: string[] = [];
  const name = await claimFirstFreeName('/ws/img', 'cat', 'png', async (fileName) => (tried.push(fileName), !taken.has(fileName)));
  assert.equal(name, 'cat-3.png');
  assert.deepEqual(tried, ['cat.png', 'cat-2.png', 'cat-3.png']);
});

test('a folder without a free name says which name and where', async () => {
  await assert.rejects(claimFirstFreeName('/ws/img', 'cat', 'png', async () => false), /^Error: No free file name for cat\.png in \/ws\/img\.$/);
});

test('a claim that fails for another reason than a taken name stops the search', async () => {
  const denied = new Error('EACCES');
  let calls = 0;
  await assert.rejects(claimFirstFreeName('/ws/img', 'cat', 'png', async () => { calls++; throw denied; }), denied);
  assert.equal(calls, 1);
});

test('edited images are named after their source', () => {
  assert.equal(editedBaseName('My Photo.PNG'), 'my-photo-edited');
  assert.equal(editedBaseName('archive.tar.jpg'), 'archive-tar-edited');
});
