import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aspectRatioFor } from '../../src/core/imageGeometry';
import { fileNameForType, optionsForReference, promptForReference, renamedTarget, resolveReferencePath } from '../../src/core/missingImage';

const SETTINGS = { model: 'nano-banana-2', aspectRatio: '4:3', resolution: '2K', count: 3 };

test('aspectRatioFor: exact ratios map to themselves', () => {
  const cases: Array<[number, number, string]> = [[512, 512, '1:1'], [1500, 1000, '3:2'], [1000, 1500, '2:3'], [1920, 1080, '16:9'], [1080, 1920, '9:16'], [800, 600, '4:3'], [600, 800, '3:4']];
  for (const [width, height, ratio] of cases) assert.equal(aspectRatioFor(width, height), ratio, `${width}x${height}`);
});

test('aspectRatioFor: other shapes get the nearest supported ratio', () => {
  assert.equal(aspectRatioFor(3000, 1000), '16:9', 'wider than anything supported');
  assert.equal(aspectRatioFor(1000, 3000), '9:16');
  assert.equal(aspectRatioFor(1000, 950), '1:1');
  assert.equal(aspectRatioFor(1400, 1000), '4:3', '1.4 is nearer 4:3 (1.33) than 3:2 (1.5) on a log scale');
  assert.equal(aspectRatioFor(1700, 1000), '16:9');
  assert.equal(aspectRatioFor(1450, 1000), '3:2');
});

test('aspectRatioFor: nothing to go by without both sides', () => {
  assert.equal(aspectRatioFor(undefined, 300), undefined);
  assert.equal(aspectRatioFor(300, undefined), undefined);
  assert.equal(aspectRatioFor(0, 300), undefined);
  assert.equal(aspectRatioFor(undefined, undefined), undefined);
});

test('resolveReferencePath: relative to the document, or to the workspace folder for a leading slash', () => {
  assert.deepEqual(resolveReferencePath('/ws/docs', '/ws', '../images/a.png'), { path: '/ws/images/a.png' });
  assert.deepEqual(resolveReferencePath('/ws/docs', '/ws', 'a b/c.png'), { path: '/ws/docs/a b/c.png' });
  assert.deepEqual(resolveReferencePath('/ws/docs', '/ws', '/images/a.png'), { path: '/ws/images/a.png' });
  assert.deepEqual(resolveReferencePath('/ws/docs', '/ws', 'sub\\win.png'), { path: '/ws/docs/sub/win.png' });
  assert.deepEqual(resolveReferencePath('/c:/ws/docs', '/c:/ws', '../a.png'), { path: '/c:/ws/a.png' });
});

test('resolveReferencePath: a path that leaves the workspace folder is refused with the path in the message', () => {
  for (const path of ['../../outside.png', '/../etc/x.png', '../../ws-evil/a.png']) {
    const result = resolveReferencePath('/ws/docs', '/ws', path);
    assert.match(result.error ?? '', /outside the workspace folder/, `${path} was accepted`);
    assert.ok(result.error?.includes(path));
  }
});

test('fileNameForType: the referenced name is kept when its extension fits, in its own spelling', () => {
  assert.equal(fileNameForType('astronaut.png', 'png'), 'astronaut.png');
  assert.equal(fileNameForType('Astronaut.PNG', 'png'), 'Astronaut.PNG');
  assert.equal(fileNameForType('photo.jpeg', 'jpg'), 'photo.jpeg');
  assert.equal(fileNameForType('photo.JPG', 'jpg'), 'photo.JPG');
});

test('fileNameForType: a wrong image extension is replaced, a missing one added', () => {
  assert.equal(fileNameForType('astronaut.png', 'jpg'), 'astronaut.jpg');
  assert.equal(fileNameForType('logo.svg', 'png'), 'logo.png');
  assert.equal(fileNameForType('my.pic.webp', 'png'), 'my.pic.png');
  assert.equal(fileNameForType('diagram', 'png'), 'diagram.png');
  assert.equal(fileNameForType('release.v2', 'png'), 'release.v2.png', 'not an image extension: kept as part of the name');
});

test('renamedTarget: only the changed end of the name is rewritten, the user\'s spelling stays', () => {
  assert.equal(renamedTarget('../images/astronaut.png', 'astronaut.png', 'astronaut.jpg'), '../images/astronaut.jpg');
  assert.equal(renamedTarget('./my%20pic.png', 'my pic.png', 'my pic.jpg'), './my%20pic.jpg');
  assert.equal(renamedTarget('my pic.png', 'my pic.png', 'my pic-2.png'), 'my pic-2.png');
  assert.equal(renamedTarget('img/a.PNG?v=3#x', 'a.PNG', 'a.jpg'), 'img/a.jpg?v=3#x');
  assert.equal(renamedTarget('img\\a.png', 'a.png', 'a.jpg'), 'img\\a.jpg');
  assert.equal(renamedTarget('tom&amp;jerry.png', 'tom&jerry.png', 'tom&jerry.jpg'), 'tom&amp;jerry.jpg');
  assert.equal(renamedTarget('/diagrams/flow', 'flow', 'flow.png'), '/diagrams/flow.png');
});

test('renamedTarget: a name written in a way that cannot be edited in place is written out encoded', () => {
  assert.equal(renamedTarget('a%2Epng', 'a.png', 'a.jpg'), 'a.jpg');
  assert.equal(renamedTarget('dir/caf%C3%A9%2Epng', 'café.png', 'café.jpg'), 'dir/caf%C3%A9.jpg');
});

test('promptForReference: the alt text, else words from the file name', () => {
  assert.equal(promptForReference('  a banana astronaut ', 'x.png'), 'a banana astronaut');
  assert.equal(promptForReference('', '../img/banana_astronaut-floating.png'), 'banana astronaut floating');
  assert.equal(promptForReference(' ', 'dir\\hero.jpg'), 'hero');
});

test('optionsForReference: one image, in the reference\'s shape when it has one, else as the settings or last choice say', () => {
  assert.deepEqual(optionsForReference(SETTINGS, undefined, 1920, 1080), { model: 'nano-banana-2', aspectRatio: '16:9', resolution: '2K', count: 1, exactSize: { width: 1920, height: 1080 } });
  assert.deepEqual(optionsForReference(SETTINGS, undefined, 300, 200), { model: 'nano-banana-2', aspectRatio: '3:2', resolution: '2K', count: 1, exactSize: { width: 300, height: 200 } }, 'the chosen 2K is kept');
  assert.equal(optionsForReference(SETTINGS, { ...SETTINGS, exactSize: { width: 5, height: 5 } }, 300).exactSize, undefined, 'a last exact size is not a reference\'s');
  assert.deepEqual(optionsForReference(SETTINGS, undefined), { model: 'nano-banana-2', aspectRatio: '4:3', resolution: '2K', count: 1 });
  const last = { model: 'nano-banana', aspectRatio: '9:16', resolution: '1K', count: 2 };
  assert.deepEqual(optionsForReference(SETTINGS, last, 300), { model: 'nano-banana', aspectRatio: '9:16', resolution: '1K', count: 1 });
  assert.equal(optionsForReference(SETTINGS, last, 300, 300).aspectRatio, '1:1');
  assert.equal(optionsForReference(SETTINGS, last, 20000, 10000).exactSize, undefined, 'too large for an exact size: only its ratio');
  assert.equal(optionsForReference(SETTINGS, last, 20000, 10000).aspectRatio, '16:9');
});
