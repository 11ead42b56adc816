import { test } from 'node:test';
import assert from 'node:assert/strict';
import { altTextFromPrompt, markdownImageLink, relativeLinkPath } from '../../src/core/markdownLink';

test('relativeLinkPath: file in the same folder', () => {
  assert.equal(relativeLinkPath('/ws/docs', '/ws/docs/a.png'), 'a.png');
});

test('relativeLinkPath: file in a subfolder', () => {
  assert.equal(relativeLinkPath('/ws/docs', '/ws/docs/sub/a.png'), 'sub/a.png');
});

test('relativeLinkPath: file in a sibling folder goes up with ..', () => {
  assert.equal(relativeLinkPath('/ws/docs/guide', '/ws/assets/generated/a.png'), '../../assets/generated/a.png');
});

test('relativeLinkPath: a trailing slash on the folder changes nothing', () => {
  assert.equal(relativeLinkPath('/ws/docs/', '/ws/assets/a.png'), '../assets/a.png');
});

test('relativeLinkPath: .. segments in the inputs are resolved', () => {
  assert.equal(relativeLinkPath('/ws/docs/../notes', '/ws/assets/./a.png'), '../assets/a.png');
});

test('relativeLinkPath: Windows paths as Uri.path gives them use forward slashes', () => {
  const result = relativeLinkPath('/c:/Users/me/docs', '/c:/Users/me/assets/a.png');
  assert.equal(result, '../assets/a.png');
  assert.ok(!result.includes('\\'));
});

test('relativeLinkPath: drive letters compare case-insensitively', () => {
  assert.equal(relativeLinkPath('/C:/ws/docs', '/c:/ws/a.png'), '../a.png');
});

test('relativeLinkPath: another Windows drive keeps the absolute path', () => {
  assert.equal(relativeLinkPath('/c:/docs', '/d:/images/a.png'), '/d:/images/a.png');
});

test('relativeLinkPath: unicode names pass through unchanged', () => {
  assert.equal(relativeLinkPath('/ws/文档', '/ws/图片/香蕉 🍌.png'), '../图片/香蕉 🍌.png');
});

test('markdownImageLink: plain path', () => {
  assert.equal(markdownImageLink('a cat', 'assets/cat.png'), '![a cat](assets/cat.png)');
});

test('markdownImageLink: spaces put the target in angle brackets', () => {
  assert.equal(markdownImageLink('a cat', '../my images/cat 1.png'), '![a cat](<../my images/cat 1.png>)');
});

test('markdownImageLink: parentheses put the target in angle brackets', () => {
  assert.equal(markdownImageLink('x', 'cat(1).png'), '![x](<cat(1).png>)');
  assert.equal(markdownImageLink('x', 'cat).png'), '![x](<cat).png>)');
});

test('markdownImageLink: angle brackets in the target are escaped inside the brackets', () => {
  assert.equal(markdownImageLink('x', 'a<b>.png'), '![x](<a\\<b\\>.png>)');
});

test('markdownImageLink: backslashes in the target are escaped', () => {
  assert.equal(markdownImageLink('x', 'a\\b.png'), '![x](a\\\\b.png)');
  assert.equal(markdownImageLink('x', 'a b\\c.png'), '![x](<a b\\\\c.png>)');
});

test('markdownImageLink: percent signs and control characters are percent-encoded', () => {
  assert.equal(markdownImageLink('x', '100%.png'), '![x](100%25.png)');
  assert.equal(markdownImageLink('x', 'a\nb.png'), '![x](a%0Ab.png)');
  assert.equal(markdownImageLink('x', 'a\tb.png'), '![x](a%09b.png)');
});

test('markdownImageLink: unicode file names stay readable', () => {
  assert.equal(markdownImageLink('香蕉', 'images/香蕉-🍌.png'), '![香蕉](images/香蕉-🍌.png)');
  assert.equal(markdownImageLink('x', 'images/café au lait.webp'), '![x](<images/café au lait.webp>)');
});

test('markdownImageLink: a workspace-relative path with .. stays as given', () => {
  assert.equal(markdownImageLink('x', '../../assets/a.png'), '![x](../../assets/a.png)');
});

test('markdownImageLink: brackets and backslashes in the alt text are escaped', () => {
  assert.equal(markdownImageLink('a [red] cat \\ dog', 'a.png'), '![a \\[red\\] cat \\\\ dog](a.png)');
});

test('markdownImageLink: backticks and angle brackets in the alt text are escaped', () => {
  assert.equal(markdownImageLink('the `code` <b>', 'a.png'), '![the \\`code\\` \\<b\\>](a.png)');
});

test('markdownImageLink: a multi-line prompt becomes one line', () => {
  assert.equal(markdownImageLink('a cat\non a\r\n\tmat  ', 'a.png'), '![a cat on a mat](a.png)');
});

test('markdownImageLink: a long prompt is shortened', () => {
  const prompt = 'A watercolor painting of a ripe banana wearing sunglasses on a beach at sunset, with palm trees';
  const link = markdownImageLink(prompt, 'a.png');
  assert.match(link, /^!\[A watercolor painting of a ripe banana wearing sunglasses on a beach…\]\(a\.png\)$/);
});

test('altTextFromPrompt: short prompts are kept', () => {
  assert.equal(altTextFromPrompt('a banana'), 'a banana');
});

test('altTextFromPrompt: an empty prompt gets a neutral alt text', () => {
  assert.equal(altTextFromPrompt(''), 'image');
  assert.equal(altTextFromPrompt(' \n\t '), 'image');
});

test('altTextFromPrompt: cuts at a word boundary within the limit and adds an ellipsis', () => {
  const alt = altTextFromPrompt('word '.repeat(40));
  assert.ok(Array.from(alt).length <= 70);
  assert.ok(alt.endsWith('word…'), alt);
});

test('altTextFromPrompt: trailing punctuation before the ellipsis is dropped', () => {
  const alt = altTextFromPrompt(`${'x'.repeat(50)} yyyyyyyyyyyy, ${'z'.repeat(30)}`);
  assert.equal(alt, `${'x'.repeat(50)} yyyyyyyyyyyy…`);
});

test('altTextFromPrompt: a single long word is cut mid-word', () => {
  const alt = altTextFromPrompt('a'.repeat(200));
  assert.equal(alt, `${'a'.repeat(69)}…`);
});

test('altTextFromPrompt: never splits a surrogate pair', () => {
  const alt = altTextFromPrompt('🍌'.repeat(100));
  assert.equal(alt, `${'🍌'.repeat(69)}…`);
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(alt));
});

test('altTextFromPrompt: is idempotent', () => {
  const prompt = 'A watercolor painting of a ripe banana wearing sunglasses on a beach at sunset';
  const once = altTextFromPrompt(prompt);
  assert.equal(altTextFromPrompt(once), once);
});
