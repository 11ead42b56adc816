import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchorAt, findAnchor, shiftOffset, type TextChange } from '../../src/core/insertionPoint';

/** Applies changes (in the coordinates of `text`) as VS Code does, to check shiftOffset against the real text. */
function apply(text: string, changes: TextChange[]): string {
  return [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset).reduce((out, c) => out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength), text);
}

const insert = (rangeOffset: number, text: string): TextChange => ({ rangeOffset, rangeLength: 0, text });
const MARK = '|';

/** The point marked by `|` in `before` follows `changes` to where `|` stands in the result. */
function follows(before: string, changes: TextChange[]): string {
  const point = before.indexOf(MARK);
  const text = before.replace(MARK, '');
  const after = apply(text, changes);
  const moved = shiftOffset(point, changes);
  return after.slice(0, moved) + MARK + after.slice(moved);
}

test('typing above the point moves it down by what was typed; typing below leaves it', () => {
  assert.equal(follows('# Title\nIntro.\n|\nEnd.', [insert(0, 'New line one\nNew line two\n')]), 'New line one\nNew line two\n# Title\nIntro.\n|\nEnd.');
  assert.equal(follows('# Title\n|\nEnd.', [insert(13, ' More.')]), '# Title\n|\nEnd. More.');
});

test('text typed at the point stays after it: the link never splits it', () => {
  assert.equal(follows('Intro.|', [insert(6, ' And more')]), 'Intro.| And more');
});

test('deleting before the point moves it back; an edit replacing the point puts it before the replacement', () => {
  assert.equal(follows('abcdef|ghi', [{ rangeOffset: 1, rangeLength: 3, text: '' }]), 'aef|ghi');
  assert.equal(follows('abc|def', [{ rangeOffset: 1, rangeLength: 4, text: 'XY' }]), 'a|XYf');
});

test('several changes of one event (multi-cursor), in any order, are applied in the text before it', () => {
  const changes = [insert(9, 'C'), insert(0, 'AA'), { rangeOffset: 3, rangeLength: 2, text: 'B' }];
  assert.equal(follows('0123456|789', changes), follows('0123456|789', [...changes].reverse()));
  assert.equal(follows('0123456|789', changes), 'AA012B56|78C9');
});

test('after a reload the anchored point is the same offset when the text is unchanged', () => {
  const text = 'a\na\na\n';
  assert.equal(findAnchor(text, anchorAt(text, 2)), 2);
});

test('after a reload with edits, the point is found by the text around it', () => {
  const text = '# Guide\n\nFirst paragraph about maps.\n\nSecond paragraph about ships.\n';
  const point = text.indexOf('\nSecond');
  const anchor = anchorAt(text, point);
  const edited = `A new introduction.\n\n${text}Appendix.\n`;
  assert.equal(findAnchor(edited, anchor), edited.indexOf('\nSecond'));
  // The text right after the point was rewritten: the text before it still tells.
  const rewritten = edited.replace('Second paragraph about ships.', 'Something else entirely');
  assert.equal(findAnchor(rewritten, anchor), rewritten.indexOf('maps.\n') + 'maps.\n'.length);
});

test('when the surrounding text is gone or ambiguous, the point is not guessed', () => {
  const anchor = anchorAt('Intro paragraph here.\n\nOutro paragraph there.', 22);
  assert.equal(findAnchor('Completely different text now.', anchor), undefined);
  const twice = 'Intro paragraph here.\n\nOutro paragraph there.\n';
  assert.equal(findAnchor(twice + twice, anchor), undefined);
});
