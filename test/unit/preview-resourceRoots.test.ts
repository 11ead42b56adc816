import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBelowRoots } from '../../src/preview/resourceRoots';

const roots = ['file:///ext/media', 'file:///work/site', 'vscode-remote://ssh-remote%2Bbox/home/me/app'];

test('a file anywhere below a root, however deep, may be loaded', () => {
  assert.ok(isBelowRoots('file:///work/site/assets/generated/a.png', roots));
  assert.ok(isBelowRoots('file:///work/site/a.png', roots));
  assert.ok(isBelowRoots('vscode-remote://ssh-remote%2Bbox/home/me/app/img/b.png', roots));
});

test('a sibling folder sharing a root\'s name as a prefix, another scheme or host, or the root itself is not below it', () => {
  assert.ok(!isBelowRoots('file:///work/site-old/a.png', roots));
  assert.ok(!isBelowRoots('file:///work/a.png', roots));
  assert.ok(!isBelowRoots('vscode-remote://ssh-remote%2Bother/home/me/app/img/b.png', roots));
  assert.ok(!isBelowRoots('vscode-remote://ssh-remote%2Bbox/work/site/a.png', roots));
  assert.ok(!isBelowRoots('file:///work/site', roots));
});

test('a root ending in a slash (a drive or the file system root) is not doubled', () => {
  assert.ok(isBelowRoots('file:///c%3A/pictures/a.png', ['file:///c%3A/']));
  assert.ok(!isBelowRoots('file:///d%3A/pictures/a.png', ['file:///c%3A/']));
});

test('no roots, nothing below them', () => {
  assert.ok(!isBelowRoots('file:///work/site/a.png', []));
});
