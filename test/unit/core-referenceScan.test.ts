// Missing images across many documents: each missing file once, with the documents that also name it;
// references leaving the workspace set apart; an unreadable document skipped, not fatal. And the exclude
// glob a whole-workspace search uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excludeGlob, expandBraces } from '../../src/core/excludeGlob';
import { scanForMissing, type ScanDocument } from '../../src/core/referenceScan';

const ROOT = '/ws';
const doc = (path: string): ScanDocument => ({ path: `${ROOT}/${path}`, language: path.endsWith('.html') ? 'html' : 'markdown', root: ROOT });

function io(texts: Record<string, string>, existing: string[]) {
  const lookups: string[] = [];
  return {
    lookups,
    read: async (path: string) => {
      const text = texts[path.slice(ROOT.length + 1)];
      if (text === undefined) throw new Error('permission denied');
      return text;
    },
    exists: async (file: string) => {
      lookups.push(file);
      return existing.includes(file.slice(ROOT.length + 1));
    },
  };
}

test('every missing file once, from the first document by path; later documents naming it are listed to follow a rename', async () => {
  const files = io(
    {
      'b/page.md': '![logo](../img/logo.png)\n![hero](../img/hero.png)\n![here](../img/here.png)',
      'a.md': '![the logo](img/logo.png) and again ![logo](./img/logo.png)',
      'site/index.html': '<img src="/img/logo.png" alt="logo"><img src="../../etc/x.png" alt="x">',
    },
    ['img/here.png'],
  );
  const result = await scanForMissing([doc('site/index.html'), doc('b/page.md'), doc('a.md')], files);
  assert.deepEqual(result.missing.map((found) => [found.document, found.file, found.reference.alt]), [
    ['/ws/a.md', '/ws/img/logo.png', 'the logo'],
    ['/ws/b/page.md', '/ws/img/hero.png', 'hero'],
  ]);
  assert.deepEqual(result.alsoReferenced.map((found) => [found.document, found.file]), [
    ['/ws/b/page.md', '/ws/img/logo.png'],
    ['/ws/site/index.html', '/ws/img/logo.png'],
  ]);
  assert.deepEqual(result.outside.map((found) => found.reference.path), ['../../etc/x.png']);
  assert.deepEqual([...files.lookups].sort(), ['/ws/img/here.png', '/ws/img/hero.png', '/ws/img/logo.png'], 'each file looked up once');
});

test('a document that cannot be read is reported and the others are still scanned', async () => {
  const result = await scanForMissing([doc('locked.md'), doc('open.md')], io({ 'open.md': '![a](a.png)' }, []));
  assert.deepEqual(result.unreadable, [{ path: '/ws/locked.md', reason: 'permission denied' }]);
  assert.deepEqual(result.missing.map((found) => found.file), ['/ws/a.png']);
});

test('nothing missing: an empty result', async () => {
  const result = await scanForMissing([doc('a.md')], io({ 'a.md': '![a](a.png) ![remote](https://x/y.png)' }, ['a.png']));
  assert.deepEqual(result, { missing: [], alsoReferenced: [], outside: [], unreadable: [] });
});

test('the exclude glob holds node_modules and every pattern set to true, braces expanded', () => {
  assert.equal(excludeGlob(undefined, undefined), '**/node_modules/**');
  assert.equal(
    excludeGlob({ '**/.git': true, '**/drafts': false, '**/*.js': { when: '$(basename).ts' } }, { '**/dist': true, '**/*.{md,html}.bak': true, 'odd,name': true }),
    '{**/node_modules/**,**/.git,**/dist,**/*.md.bak,**/*.html.bak,odd?name}',
  );
  assert.deepEqual(expandBraces('a/{b,c{d,e}}/f'), ['a/b/f', 'a/cd/f', 'a/ce/f']);
  assert.deepEqual(expandBraces('a/{b'), ['a/{b']);
});
