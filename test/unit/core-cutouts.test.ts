// Cut-outs through the worker's operations: resized in premultiplied alpha (no halo), with no faint alpha
// left around the subject by the resampler's ringing, trimmed to the subject on request, and an input
// with transparency flattened onto white.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Codecs } from '../../src/core/imaging/codecs';
import { cutIcons, cutToSize, flattenOnWhite } from '../../src/core/imaging/operations';
import { alphaBounds, type Raster } from '../../src/core/raster';
import { codecsFromNodeModules, gradient } from './helpers/images';

const GREEN = [40, 200, 90];
let codecs: Codecs;
before(async () => {
  codecs = await codecsFromNodeModules();
});

/**
 * A 200×200 sprite on transparency, all one colour: a disc with soft edges (radius 50 at 70, 100) and a
 * hard-edged square (130..170 on both axes). `inside(x, y, reach)`: within `reach` source pixels of it.
 */
function sprite(): { raster: Raster; inside: (x: number, y: number, reach: number) => boolean } {
  const size = 200;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const disc = Math.min(1, Math.max(0, 50.5 - Math.hypot(x + 0.5 - 70, y + 0.5 - 100)));
      const alpha = x >= 130 && x < 170 && y >= 130 && y < 170 ? 255 : Math.round(disc * 255);
      if (alpha > 0) data.set([...GREEN, alpha], (y * size + x) * 4);
    }
  }
  const inside = (x: number, y: number, reach: number) =>
    Math.hypot(x - 70, y - 100) <= 51 + reach || (x >= 130 - reach && x <= 170 + reach && y >= 130 - reach && y <= 170 + reach);
  return { raster: { data, width: size, height: size }, inside };
}

/**
 * Every pixel with any alpha has the subject's colour (as seen over any background: off by at most one
 * level once weighted by its alpha), and every pixel beyond `reach` output pixels of it is 0, 0, 0, 0.
 */
function assertCleanCutOut(result: Raster, source: ReturnType<typeof sprite>, reach: number, what: string): void {
  const scale = source.raster.width / result.width;
  let edgePixels = 0;
  for (let y = 0; y < result.height; y++) {
    for (let x = 0; x < result.width; x++) {
      const pixel = [...result.data.subarray((y * result.width + x) * 4, (y * result.width + x) * 4 + 4)];
      if (!source.inside((x + 0.5) * scale, (y + 0.5) * scale, (reach + 0.5) * scale)) {
        assert.deepEqual(pixel, [0, 0, 0, 0], `${what}: nothing at ${x}, ${y}, beyond the subject`);
      } else if (pixel[3] > 0) {
        if (pixel[3] < 255) edgePixels++;
        GREEN.forEach((value, c) => assert.ok((Math.abs(pixel[c] - value) * pixel[3]) / 255 <= 1, `${what}: ${x}, ${y} is ${pixel}, not the subject's colour: a halo`));
      }
    }
  }
  assert.ok(edgePixels > 0, `${what}: the soft edge was checked`);
}

test('a sprite cut larger, smaller and into icons: its colour to the very edge (no halo), nothing around it (no faint box)', async () => {
  const source = sprite();
  const png = codecs.encodePng(source.raster);
  for (const side of [512, 310, 64]) {
    const cut = await cutToSize(codecs, png, { width: side, height: side });
    assertCleanCutOut(await codecs.decode(cut.bytes), source, 2, `${side}²`);
  }
  for (const icon of await cutIcons(codecs, png, [180, 48, 16])) assertCleanCutOut(await codecs.decode(icon.png), source, 2, `icon ${icon.size}`);
});

/** A small subject (80×40, all opaque) off-centre in a 400×400 transparent image. */
function smallSubject(): Uint8Array {
  const data = new Uint8Array(400 * 400 * 4);
  for (let y = 300; y < 340; y++) for (let x = 50; x < 130; x++) data.set([200, 30, 30, 255], (y * 400 + x) * 4);
  return codecs.encodePng({ data, width: 400, height: 400 });
}

test('trim: an icon is the subject filling its square, centred, not the subject floating in padding', async () => {
  const [icon] = await cutIcons(codecs, smallSubject(), [64], true);
  const bounds = alphaBounds(await codecs.decode(icon.png), 128)!;
  assert.ok(bounds.width >= 56, `the subject spans ${bounds.width} of 64 px`);
  assert.ok(Math.abs(bounds.x - (64 - bounds.x - bounds.width)) <= 2, `centred across: ${JSON.stringify(bounds)}`);
  assert.ok(Math.abs(bounds.y - (64 - bounds.y - bounds.height)) <= 2, `centred down: ${JSON.stringify(bounds)}`);
  const [untrimmed] = await cutIcons(codecs, smallSubject(), [64]);
  assert.ok(alphaBounds(await codecs.decode(untrimmed.png), 128)!.width <= 14, 'without trim it stays small');
});

test('trim to an exact size of another ratio: the subject fills the side that binds, nothing of it cut off', async () => {
  const cut = await cutToSize(codecs, smallSubject(), { width: 300, height: 100 }, true);
  const result = await codecs.decode(cut.bytes);
  const bounds = alphaBounds(result, 128)!;
  assert.ok(bounds.height >= 85, `the subject is ${bounds.height} of 100 px high`);
  assert.ok(bounds.y > 0 && bounds.y + bounds.height < 100 && bounds.x > 0 && bounds.x + bounds.width < 300, `a margin all round: ${JSON.stringify(bounds)}`);
  assert.deepEqual(cut.upscaledFrom !== undefined, true, 'a 138×46 frame enlarged to 300×100 is reported');
});

test('trim leaves an image without transparency to the centred crop', async () => {
  const opaque = codecs.encodePng(gradient(300, 200));
  const trimmed = await cutToSize(codecs, opaque, { width: 90, height: 90 }, true);
  const centred = await cutToSize(codecs, opaque, { width: 90, height: 90 });
  assert.deepEqual(trimmed.bytes, centred.bytes);
});

test('flattenOnWhite: transparency composited onto white as a PNG; an opaque PNG or a JPEG comes back as it was', async () => {
  const data = new Uint8Array([255, 0, 0, 128, 0, 0, 255, 255, 9, 9, 9, 0]);
  const flattened = await flattenOnWhite(codecs, codecs.encodePng({ data, width: 3, height: 1 }));
  assert.equal(flattened.flattened, true);
  assert.deepEqual([flattened.width, flattened.height], [3, 1]);
  assert.deepEqual([...(await codecs.decode(flattened.bytes)).data], [255, 127, 127, 255, 0, 0, 255, 255, 255, 255, 255, 255]);

  const opaque = codecs.encodePng(gradient(20, 10));
  assert.deepEqual(await flattenOnWhite(codecs, opaque), { bytes: opaque, width: 20, height: 10, flattened: false });
  const jpeg = await codecs.encodeJpeg(gradient(20, 10), 90);
  assert.deepEqual(await flattenOnWhite(codecs, jpeg), { bytes: jpeg, width: 20, height: 10, flattened: false });
});
