import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOutputPath } from '../../src/core/outputPath';

test('a relative folder resolves inside the workspace', () => {
  assert.deepEqual(resolveOutputPath('/home/me/site', 'assets/generated'), { path: '/home/me/site/assets/generated' });
  assert.deepEqual(resolveOutputPath('/home/me/site', 'assets\\img'), { path: '/home/me/site/assets/img' });
  assert.deepEqual(resolveOutputPath('/home/me/site', ''), { path: '/home/me/site' });
  assert.deepEqual(resolveOutputPath('/home/me/site', 'a/../b'), { path: '/home/me/site/b' });
});

test('an absolute folder inside the workspace is accepted', () => {
  assert.deepEqual(resolveOutputPath('/home/me/site', '/home/me/site/img'), { path: '/home/me/site/img' });
});

test('[security:output-outside-workspace] folders that leave the workspace are refused', () => {
  for (const setting of ['../..', '../site-other', '/etc', '/home/me/site-evil', 'C:\\Windows', 'a/../../x']) {
    const result = resolveOutputPath('/home/me/site', setting);
    assert.ok('error' in result, `${setting} was accepted`);
    assert.match(result.error, /outside the workspace/);
  }
});
