// What the stand-in draws for an ordinary prompt: a small landscape (sky, sun, three ranges of hills),
// its colours and shapes taken from the prompt's digest, so the demo and the README's screenshots show
// pictures, and each prompt its own.
import type { RgbImage } from './pixels';

type Colour = [number, number, number];

const mix = (a: Colour, b: Colour, t: number): Colour => [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * t)) as Colour;

/** A colour of the seed's hue family: `at` picks three bytes, `light` (0..1) lifts it toward white. */
function colourOf(seed: Buffer, at: number, light: number): Colour {
  const base: Colour = [seed[at], seed[at + 1], seed[at + 2]];
  return mix(base, [255, 255, 255], light);
}

export function pictureImage(seed: Buffer, width: number, height: number): RgbImage {
  const side = Math.min(width, height);
  const skyTop = colourOf(seed, 0, 0.15);
  const skyHorizon = colourOf(seed, 0, 0.75);
  const sun = mix(colourOf(seed, 3, 0.5), [255, 220, 120], 0.6);
  const sunX = width * (0.15 + (seed[6] / 255) * 0.7);
  const sunY = height * (0.12 + (seed[7] / 255) * 0.2);
  const sunRadius = side * (0.07 + (seed[8] / 255) * 0.05);
  const ground = colourOf(seed, 9, 0);
  // Three ranges, the farthest palest, each a sum of two waves of its own.
  const ranges = [0, 1, 2].map((k) => {
    const colour = mix(mix(ground, skyHorizon, 0.55 - k * 0.25), [0, 0, 0], k * 0.12);
    const base = height * (0.5 + k * 0.12);
    const amplitude = height * (0.06 - k * 0.01);
    const [f1, f2, p1, p2] = [1 + (seed[12 + k] % 4), 3 + (seed[15 + k] % 5), seed[18 + k] / 40, seed[21 + k] / 40];
    const top = Int32Array.from({ length: width }, (_, x) => {
      const t = (x / width) * Math.PI * 2;
      return Math.round(base - amplitude * (Math.sin(t * f1 + p1) + 0.5 * Math.sin(t * f2 + p2)));
    });
    return { colour, top };
  });
  const rgb = Buffer.allocUnsafe(width * height * 3);
  const [near, middle, far] = [ranges[2], ranges[1], ranges[0]];
  for (let y = 0; y < height; y++) {
    const sky = mix(skyTop, skyHorizon, Math.min(1, y / (height * 0.6)));
    const dy = y + 0.5 - sunY;
    const sunHalf = Math.abs(dy) < sunRadius ? Math.sqrt(sunRadius * sunRadius - dy * dy) : -1;
    for (let x = 0, at = y * width * 3; x < width; x++, at += 3) {
      // The nearest range this pixel is below, else the sun, else the sky.
      const colour = y >= near.top[x] ? near.colour
        : y >= middle.top[x] ? middle.colour
        : y >= far.top[x] ? far.colour
        : sunHalf >= 0 && Math.abs(x + 0.5 - sunX) <= sunHalf ? sun
        : sky;
      rgb[at] = colour[0];
      rgb[at + 1] = colour[1];
      rgb[at + 2] = colour[2];
    }
  }
  return { width, height, rgb };
}
