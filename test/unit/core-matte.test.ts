// Difference matting against a subject of known alpha (the stand-in's: soft edges, glass, a hole, white and
// black parts, a shadow) composited over white and over black, as exact PNGs, as JPEGs, at two sizes,
// and with the subject moved between the two renders.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { imageSize, sniffImageType } from '../../src/core/imageType';
import type { Codecs } from '../../src/core/imaging/codecs';
import { differenceMatte, MOVED_SHARE } from '../../src/core/imaging/matte';
import { matte } from '../../src/core/imaging/operations';
import { scoreMatte, subjectOver, subjectTruth, type MatteScore } from '../mock-api/subject';
import { codecsFromNodeModules, opaqueRaster } from './helpers/images';

const SIZE = 512;
const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;
let codecs: Codecs;
before(async () => {
  codecs = await codecsFromNodeModules();
});

const render = (background: readonly [number, number, number], size = SIZE, shift = 0) => opaqueRaster(subjectOver(background, size, size, shift));
const asPng = (raster: ReturnType<typeof render>) => codecs.encodePng(raster);

function assertFaithful(score: MatteScore, alphaLevels: number): void {
  assert.ok(score.alphaError <= alphaLevels / 255, `mean alpha error ${(score.alphaError * 255).toFixed(2)}/255`);
  assert.ok(Math.abs(score.parts.glass.mean - 0.5) <= 0.02, `glass ${score.parts.glass.mean}`);
  assert.ok(score.parts.white.min >= 0.95 && score.parts.black.min >= 0.95, `white ${score.parts.white.min}, black ${score.parts.black.min}`);
  assert.ok(score.parts.hole.max <= alphaLevels / 255, `the hole is clear: up to ${score.parts.hole.max * 255}/255`);
}

test('each pixel: α = 1 − mean(W − B)/255 and the colour is B/α; near 0 or 1 it is snapped, and a clear pixel is 0, 0, 0, 0', () => {
  const pixels = (values: number[][]) => ({ data: Uint8Array.from(values.flat()), width: values.length, height: 1 });
  const white = pixels([[200, 200, 200, 255], [255, 255, 255, 255], [250, 180, 10, 255], [120, 60, 30, 255], [254, 255, 255, 255]]);
  const black = pixels([[72, 72, 72, 255], [0, 0, 0, 255], [249, 179, 9, 255], [119, 60, 30, 255], [2, 2, 1, 255]]);
  const { raster } = differenceMatte(white, black);
  assert.deepEqual([...raster.data], [
    145, 145, 145, 127, // 255 − 128 = 127; 72 · 255/127 = 144.6
    0, 0, 0, 0, // the background
    249, 179, 9, 255, // 1 level off opaque: snapped to opaque
    119, 60, 30, 255, // differences of 1, 0, 0: opaque
    0, 0, 0, 0, // 2 levels off clear: snapped to clear
  ]);
});

test('the subject over white and over black, as PNGs: its true alpha and colour, no white fringe', async () => {
  const result = await matte(codecs, asPng(render(WHITE)), asPng(render(BLACK)));
  assert.equal(sniffImageType(result.png)?.extension, 'png');
  assert.deepEqual([result.width, result.height], [SIZE, SIZE]);
  const decoded = await codecs.decode(result.png);
  const score = scoreMatte(decoded.data, subjectTruth(SIZE, SIZE));
  assertFaithful(score, 0.5);
  // A fringe is colour from the white render at the edges: the colour would be lighter than the truth there.
  assert.ok(score.colourError <= 1, `mean colour error ${score.colourError.toFixed(2)} levels`);
  assert.deepEqual([...decoded.data.subarray(0, 4)], [0, 0, 0, 0], 'the corner is background');
  assert.equal(result.moved, false);
  assert.equal(result.disagreement, 0);
});

test('JPEG renders (quality 85, both): within 4/255 of the true alpha, glass still half, white and black parts opaque', async () => {
  const result = await matte(codecs, await codecs.encodeJpeg(render(WHITE), 85), await codecs.encodeJpeg(render(BLACK), 85));
  const score = scoreMatte((await codecs.decode(result.png)).data, subjectTruth(SIZE, SIZE));
  assertFaithful(score, 4);
  assert.equal(result.moved, false, `disagreement ${result.disagreement}`);
});

test('a black render of another size is resized to the white one\'s first, larger or smaller', async () => {
  for (const blackSize of [SIZE * 2, 768, 480]) {
    const result = await matte(codecs, asPng(render(WHITE)), asPng(render(BLACK, blackSize)));
    assert.deepEqual([result.width, result.height], [SIZE, SIZE]);
    assert.deepEqual(imageSize(result.png), { width: SIZE, height: SIZE });
    const score = scoreMatte((await codecs.decode(result.png)).data, subjectTruth(SIZE, SIZE));
    assertFaithful(score, 4);
    assert.equal(result.moved, false, `black render ${blackSize}²: disagreement ${result.disagreement}`);
  }
});

test('a subject that moved between the two renders is told apart from JPEG noise', async () => {
  for (const shift of [2, 6]) {
    const moved = await matte(codecs, asPng(render(WHITE)), asPng(render(BLACK, SIZE, shift)));
    assert.ok(moved.disagreement > MOVED_SHARE, `shifted ${shift} px: disagreement ${moved.disagreement}`);
    assert.equal(moved.moved, true);
    const movedJpeg = await matte(codecs, await codecs.encodeJpeg(render(WHITE), 85), await codecs.encodeJpeg(render(BLACK, SIZE, shift), 85));
    assert.equal(movedJpeg.moved, true, `shifted ${shift} px, JPEG: disagreement ${movedJpeg.disagreement}`);
  }
  const still = await matte(codecs, await codecs.encodeJpeg(render(WHITE), 60), await codecs.encodeJpeg(render(BLACK), 60));
  assert.ok(still.disagreement < MOVED_SHARE / 4, `unmoved at quality 60: disagreement ${still.disagreement}`);
});

test('renders of different sizes are refused by the pure matte, not misread', () => {
  assert.throws(() => differenceMatte(render(WHITE, 8), render(BLACK, 16)), /8×8 and 16×16/);
});
