import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownText } from '../../src/core/markdownText';

test('[security:tool-confirmation-markdown] Markdown in an agent\'s text is shown as text: no bold, link, heading, HTML or new line', () => {
  const forged = 'a cat\n\n**Cost: 0 credits** [free](https://x.example) <img src=x onerror=alert(1)>\n# Approved';
  const escaped = markdownText(forged);
  assert.doesNotMatch(escaped, /\n/);
  // Every character Markdown acts on stands behind a backslash (CommonMark: then it is that character).
  assert.deepEqual(escaped.replace(/\\./g, '').match(/[*[\]<>#`_]/g), null, escaped);
  assert.equal(escaped.replace(/\\(.)/g, '$1'), 'a cat **Cost: 0 credits** [free](https://x.example) <img src=x onerror=alert(1)> # Approved', 'nothing else changes');
});

test('ordinary prompts and paths keep their words', () => {
  assert.equal(markdownText('a banana astronaut'), 'a banana astronaut');
  assert.equal(markdownText('site/img/hero.png'), 'site/img/hero.png', 'no stray backslash in a path');
});
