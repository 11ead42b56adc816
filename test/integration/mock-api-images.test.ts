// The stand-in's result files: real, deterministic PNG/JPEG bytes, and edits that really use the input.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { imageSizeFor, startMockApi, type MockApi } from '../mock-api/index';
import { call, download, pngSize } from '../mock-api/testing';

let mock: MockApi;
before(async () => {
  mock = await startMockApi({ knobs: { generationDelayMs: 20 } });
});
after(() => mock.close());
beforeEach(() => mock.reset());

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An input PNG written independently of the stand-in, cycling rows through all five filter types. */
function inputPng(width: number, height: number, colourType: number, channels: number, samples: Buffer, palette?: Buffer): Buffer {
  const stride = width * channels;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    const row = Buffer.alloc(stride + 1);
    row[0] = filter;
    for (let x = 0; x < stride; x++) {
      const at = y * stride + x;
      const a = x >= channels ? samples[at - channels] : 0;
      const b = y > 0 ? samples[at - stride] : 0;
      const c = x >= channels && y > 0 ? samples[at - stride - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      row[x + 1] = (samples[at] - predictor) & 0xff;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(palette ? [chunk('PLTE', palette)] : []),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads an RGB result; the stand-in writes filter 0 on every row, so no unfiltering is needed. */
function resultPixel(png: Buffer, x: number, y: number): number[] {
  const { width } = pngSize(png);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at)) {
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + png.readUInt32BE(at)));
  }
  const raw = inflateSync(Buffer.concat(idat));
  const at = y * (width * 3 + 1) + 1 + x * 3;
  return [raw[at], raw[at + 1], raw[at + 2]];
}

const dataUri = (bytes: Buffer, type = 'png'): string => `data:image/${type};base64,${bytes.toString('base64')}`;

async function edit(body: object): Promise<Buffer> {
  const { status, json } = await call(mock, 'images', { action: 'edit', prompt: 'invert', ...body });
  assert.equal(status, 200, JSON.stringify(json));
  return (await download(json.data[0].image_url)).bytes;
}

test('edit inverts the first input: RGB, palette and grey+alpha PNGs with every filter type', async () => {
  const rgb = Buffer.from(Array.from({ length: 7 * 6 * 3 }, (_, i) => (i * 37) % 256));
  const palette = Buffer.from([10, 20, 30, 200, 100, 50, 0, 255, 128]);
  const indexed = Buffer.from(Array.from({ length: 7 * 6 }, (_, i) => i % 3));
  const greyAlpha = Buffer.from(Array.from({ length: 7 * 6 * 2 }, (_, i) => (i * 53) % 256));
  const inputs: Array<[Buffer, (p: number) => number[]]> = [
    [inputPng(7, 6, 2, 3, rgb), (p) => [...rgb.subarray(p * 3, p * 3 + 3)]],
    [inputPng(7, 6, 3, 1, indexed, palette), (p) => [...palette.subarray(indexed[p] * 3, indexed[p] * 3 + 3)]],
    [inputPng(7, 6, 4, 2, greyAlpha), (p) => [greyAlpha[p * 2], greyAlpha[p * 2], greyAlpha[p * 2]]],
  ];
  for (const [png, colourAt] of inputs) {
    const second = inputPng(3, 3, 2, 3, Buffer.alloc(27, 99));
    const out = await edit({ image_urls: [dataUri(png), dataUri(second)] });
    assert.deepEqual(pngSize(out), { width: 7, height: 6 });
    for (const [x, y] of [[0, 0], [6, 5], [3, 4]]) {
      assert.deepEqual(resultPixel(out, x, y), colourAt(y * 7 + x).map((v) => 255 - v));
    }
  }
  assert.equal(mock.stats.edit, 3);
  assert.equal(mock.stats.receivedImageUrls[0][0], dataUri(inputs[0][0]));
});

test('edit of a JPEG input inverts it; a chosen ratio or resolution rescales it', async () => {
  const rgba = Buffer.alloc(40 * 20 * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([200, 40, 90, 255], i);
  const photo = jpeg.encode({ width: 40, height: 20, data: rgba }, 95).data;
  const out = await edit({ image_urls: [dataUri(photo, 'jpeg')] });
  assert.deepEqual(pngSize(out), { width: 40, height: 20 });
  resultPixel(out, 20, 10).forEach((v, i) => assert.ok(Math.abs(v - (255 - [200, 40, 90][i])) <= 6, `channel ${i}: ${v}`));
  assert.deepEqual(pngSize(await edit({ image_urls: [dataUri(photo, 'jpeg')], aspect_ratio: '16:9' })), imageSizeFor('16:9', '1K'));
  const wide = await edit({ image_urls: [dataUri(photo, 'jpeg')], model: 'nano-banana-2', resolution: '2K' });
  assert.deepEqual(pngSize(wide), { width: 2048, height: 1024 });
});

test('edit fetches loopback URLs (its own results too); an unreachable input still gives an image', async () => {
  const original = await call(mock, 'images', { action: 'generate', prompt: 'source' });
  const sourceUrl: string = original.json.data[0].image_url;
  const source = (await download(sourceUrl)).bytes;
  const inverted = await edit({ image_urls: [sourceUrl] });
  assert.deepEqual(resultPixel(inverted, 5, 5), resultPixel(source, 5, 5).map((v) => 255 - v));

  const served = inputPng(4, 4, 2, 3, Buffer.alloc(48, 30));
  const host = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(served));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const hostedUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/input.png`;
  try {
    assert.deepEqual(resultPixel(await edit({ image_urls: [hostedUrl] }), 1, 1), [225, 225, 225]);
  } finally {
    host.close();
  }

  const fallback = await edit({ image_urls: ['https://cdn.example.invalid/photo.png'] });
  assert.deepEqual(pngSize(fallback), { width: 1024, height: 1024 });
  assert.deepEqual(mock.stats.receivedImageUrls, [[sourceUrl], [hostedUrl], ['https://cdn.example.invalid/photo.png']]);
});

test('generate is deterministic per prompt, and each of count images differs', async () => {
  const bytesOf = async (body: object): Promise<Buffer[]> => {
    const { json } = await call(mock, 'images', { action: 'generate', ...body });
    return Promise.all(json.data.map(async (item: any) => (await download(item.image_url)).bytes));
  };
  const [first, second] = await bytesOf({ prompt: 'a red fox', count: 2 });
  const [again] = await bytesOf({ prompt: 'a red fox' });
  const [other] = await bytesOf({ prompt: 'a blue fox' });
  assert.ok(first.equals(again));
  assert.ok(!first.equals(second));
  assert.ok(!first.equals(other));
});

test('format jpeg serves JPEG bytes; misnamedExtension serves PNG bytes under .jpg', async () => {
  mock.knobs.format = 'jpeg';
  const jpegResult = await call(mock, 'images', { action: 'generate', prompt: 'x', aspect_ratio: '3:4' });
  assert.match(jpegResult.json.data[0].image_url, /\.jpg$/);
  const jpegFile = await download(jpegResult.json.data[0].image_url);
  assert.deepEqual([...jpegFile.bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.equal(jpegFile.headers.get('content-type'), 'image/jpeg');
  const decoded = jpeg.decode(jpegFile.bytes);
  assert.deepEqual({ width: decoded.width, height: decoded.height }, imageSizeFor('3:4', '1K'));

  mock.knobs.format = 'png';
  mock.knobs.misnamedExtension = true;
  const misnamed = await call(mock, 'images', { action: 'generate', prompt: 'x' });
  assert.match(misnamed.json.data[0].image_url, /\.jpg$/);
  const pngFile = await download(misnamed.json.data[0].image_url);
  assert.equal(pngFile.bytes.toString('latin1', 1, 4), 'PNG');
  assert.equal(pngFile.headers.get('content-type'), 'image/png');
});

test('noise makes a 4K PNG of over 20 MB', async () => {
  mock.knobs.noise = true;
  const { json } = await call(mock, 'images', { action: 'generate', prompt: 'static', model: 'nano-banana-pro', resolution: '4K' });
  const file = await download(json.data[0].image_url);
  assert.ok(file.bytes.length >= 20 * 1024 * 1024, `${file.bytes.length} bytes`);
  assert.deepEqual(pngSize(file.bytes), { width: 4096, height: 4096 });
});

test('[security:token-not-to-image-host] the image host records download headers, never receives the token, and 404s unknown files', async () => {
  const { json } = await call(mock, 'images', { action: 'generate', prompt: 'x' });
  await download(json.data[0].image_url);
  assert.equal(mock.stats.downloads, 1);
  assert.equal(mock.stats.downloadHeaders[0].authorization, undefined);
  assert.equal(mock.stats.requests[0].headers.authorization, `Bearer ${mock.token}`);
  assert.equal((await download(`${mock.imageHostUrl}/nanobanana/${'0'.repeat(64)}.png`)).status, 404);
  assert.notEqual(new URL(mock.imageHostUrl).port, new URL(mock.url).port);
});
