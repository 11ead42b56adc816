import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesPrompt } from '../../src/core/promptSearch';

test('matchesPrompt: an empty or blank query matches everything', () => {
  assert.ok(matchesPrompt('a robot', ''));
  assert.ok(matchesPrompt('a robot', '   '));
  assert.ok(matchesPrompt('', ''));
});

test('matchesPrompt: every word must occur, in any order and case', () => {
  assert.ok(matchesPrompt('A blue robot mascot', 'robot blue'));
  assert.ok(matchesPrompt('A blue robot mascot', 'MASC'));
  assert.ok(!matchesPrompt('A blue robot mascot', 'robot red'));
  assert.ok(!matchesPrompt('A blue robot mascot', 'banana'));
});

test('matchesPrompt: the query is text, not a pattern', () => {
  assert.ok(!matchesPrompt('a robot', '.*'));
  assert.ok(matchesPrompt('price: $5 (approx.)', '$5 (approx.)'));
  assert.ok(matchesPrompt('<b>bold</b> banana', '<b>'));
});

test('matchesPrompt: words across lines of a multi-line prompt', () => {
  assert.ok(matchesPrompt('first line\nsecond line', 'first second'));
});
