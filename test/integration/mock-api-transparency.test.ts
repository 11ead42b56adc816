// The stand-in's two steps of a transparent image, over HTTP as a client meets them: a prompt asking for a
// flat white background gets the cut-out subject over white; an edit of that image asking to change only
// the background to black keeps the subject (or moves it, when told to); and the matte of the two results
// comes back to the subject's true alpha. Ordinary prompts get a picture of their own.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import jpeg from 'jpeg-js';
import { codecsFromNodeModules } from '../unit/helpers/images';
import { matte } from '../../src/core/imaging/operations';
import type { Codecs } from '../../src/core/imaging/codecs';
import { startMockApi, type MockApi } from '../mock-api/index';
import { recolourShift } from '../mock-api/backgrounds';
import { pictureImage } from '../mock-api/picture';
import { digest, invert } from '../mock-api/pixels';
import { decodePng } from '../mock-api/png';
import { scoreMatte, subjectOver, subjectTruth } from '../mock-api/subject';
import { call, download } from '../mock-api/testing';

const WHITE_STEP = 'A round badge logo, centred, on a flat, pure white background. No shadow on the floor, no frame or border.';
const BLACK_STEP = 'Change only the background to flat pure black. Keep everything else exactly unchanged.';
const WHITE = [255, 255, 255] as const;
const BLACK = [0, 0, 0] as const;

let mock: MockApi;
let codecs: Codecs;
before(async () => {
  mock = await startMockApi({ knobs: { generationDelayMs: 20 } });
  codecs = await codecsFromNodeModules();
});
after(() => mock.close());
beforeEach(() => mock.reset());

async function result(body: object): Promise<{ url: string; bytes: Buffer }> {
  const { status, json } = await call(mock, 'images', body);
  assert.equal(status, 200, JSON.stringify(json));
  const url: string = json.data[0].image_url;
  return { url, bytes: (await download(url)).bytes };
}

function pixelsOf(png: Buffer) {
  const decoded = decodePng(png);
  assert.ok(decoded, 'a PNG');
  return decoded;
}

test('an ordinary prompt gets a picture of its own: sky, sun and hills from the prompt\'s digest', async () => {
  const { bytes } = await result({ action: 'generate', prompt: 'a lighthouse at dusk', aspect_ratio: '16:9' });
  const decoded = pixelsOf(bytes);
  assert.ok(decoded.rgb.equals(pictureImage(digest('a lighthouse at dusk', '0'), 1024, 576).rgb));
  // Not stripes: the top row is sky of one colour, the bottom row hills of another.
  const pixel = (x: number, y: number) => [...decoded.rgb.subarray((y * 1024 + x) * 3, (y * 1024 + x) * 3 + 3)];
  assert.deepEqual(pixel(0, 0), pixel(1023, 0));
  assert.notDeepEqual(pixel(0, 0), pixel(0, 575));
});

test('a prompt asking for a flat white background gets the subject over white, exactly as its truth composites it', async () => {
  for (const aspect_ratio of ['1:1', '3:2']) {
    const { bytes } = await result({ action: 'generate', prompt: WHITE_STEP, aspect_ratio });
    const decoded = pixelsOf(bytes);
    assert.ok(decoded.rgb.equals(subjectOver(WHITE, decoded.width, decoded.height).rgb), aspect_ratio);
  }
});

test('an edit changing only the background to black, of the white result by URL or re-encoded as an upload would be, keeps the subject', async () => {
  const white = await result({ action: 'generate', prompt: WHITE_STEP });
  const byUrl = await result({ action: 'edit', prompt: BLACK_STEP, image_urls: [white.url] });
  assert.ok(pixelsOf(byUrl.bytes).rgb.equals(subjectOver(BLACK, 1024, 1024).rgb));

  const decoded = pixelsOf(white.bytes);
  const rgba = Buffer.alloc(1024 * 1024 * 4, 255);
  for (let p = 0; p < 1024 * 1024; p++) decoded.rgb.copy(rgba, p * 4, p * 3, p * 3 + 3);
  const uploaded = jpeg.encode({ width: 1024, height: 1024, data: rgba }, 85).data;
  const byBytes = await result({ action: 'edit', prompt: BLACK_STEP, image_urls: [`data:image/jpeg;base64,${uploaded.toString('base64')}`] });
  assert.ok(pixelsOf(byBytes.bytes).rgb.equals(subjectOver(BLACK, 1024, 1024).rgb));
});

test('with subjectMovesOnRecolour the black step shifts the subject a few pixels', async () => {
  mock.knobs.subjectMovesOnRecolour = true;
  const white = await result({ action: 'generate', prompt: WHITE_STEP });
  const black = await result({ action: 'edit', prompt: BLACK_STEP, image_urls: [white.url] });
  const shift = recolourShift(1024, 1024);
  assert.ok(shift >= 3 && shift <= 10, `${shift} px`);
  assert.ok(pixelsOf(black.bytes).rgb.equals(subjectOver(BLACK, 1024, 1024, shift).rgb));
});

test('other edits keep their behaviour: the black step of an image that is not the subject is its negative; a picture put on white becomes the subject on white', async () => {
  const picture = await result({ action: 'generate', prompt: 'a red fox' });
  const black = await result({ action: 'edit', prompt: BLACK_STEP, image_urls: [picture.url] });
  assert.ok(pixelsOf(black.bytes).rgb.equals(invert(pixelsOf(picture.bytes)).rgb));
  const onWhite = await result({ action: 'edit', prompt: 'Put the subject on a pure white background.', image_urls: [picture.url], aspect_ratio: '2:3' });
  const decoded = pixelsOf(onWhite.bytes);
  assert.ok(decoded.rgb.equals(subjectOver(WHITE, decoded.width, decoded.height).rgb));
});

test('the matte of the stand-in\'s two results is the subject\'s true alpha; moved, it says so', async () => {
  mock.knobs.format = 'jpeg';
  const white = await result({ action: 'generate', prompt: WHITE_STEP });
  const black = await result({ action: 'edit', prompt: BLACK_STEP, image_urls: [white.url] });
  const cutOut = await matte(codecs, white.bytes, black.bytes);
  const score = scoreMatte((await codecs.decode(cutOut.png)).data, subjectTruth(1024, 1024));
  assert.ok(score.alphaError <= 4 / 255, `mean alpha error ${(score.alphaError * 255).toFixed(2)}/255`);
  assert.equal(cutOut.moved, false, `disagreement ${cutOut.disagreement}`);

  mock.knobs.subjectMovesOnRecolour = true;
  const moved = await result({ action: 'edit', prompt: BLACK_STEP, image_urls: [white.url] });
  assert.equal((await matte(codecs, white.bytes, moved.bytes)).moved, true);
});
