// How the stand-in answers the two steps of a transparent image, as the model is asked to: a prompt that
// wants a flat white (or black) background gets the cut-out subject drawn over it; an edit that wants the
// background changed to black, of an image showing that subject, keeps the subject and changes only the
// background (or, with the `subjectMovesOnRecolour` knob, shifts the subject a little, as a model that
// redrew it would).
import type { RgbImage } from './pixels';
import { subjectOver } from './subject';

export type Background = 'white' | 'black';

const COLOURS: Record<Background, readonly [number, number, number]> = { white: [255, 255, 255], black: [0, 0, 0] };
/** "pure white", "flat, pure black", "solid white"…: the last such phrase names the background asked for. */
const FLAT_COLOUR = /\b(?:pure|flat|solid|plain)[\s,]+(?:(?:pure|flat|solid|plain)[\s,]+)?(white|black)\b/gi;
/** Mean difference per channel, in levels, under which an input is taken to show the subject (JPEG and resizing stay well below). */
const RECOGNISED_LEVELS = 6;

/** The flat background the prompt asks for, if it asks for one. */
export function askedBackground(prompt: string): Background | undefined {
  if (!/\bbackground\b/i.test(prompt)) return undefined;
  const colours = [...prompt.matchAll(FLAT_COLOUR)];
  return colours.at(-1)?.[1].toLowerCase() as Background | undefined;
}

/** How far the subject moves when the knob asks for it: a few pixels, more on larger images. */
export function recolourShift(width: number, height: number): number {
  return Math.max(3, Math.round(Math.min(width, height) / 128));
}

export function subjectOn(background: Background, width: number, height: number, shift = 0): RgbImage {
  return subjectOver(COLOURS[background], width, height, shift);
}

/** Whether `image` is the stand-in's subject over a flat white or black background (however re-encoded). */
export function showsSubject(image: RgbImage): boolean {
  return (Object.keys(COLOURS) as Background[]).some((background) => meanDifference(image, subjectOn(background, image.width, image.height)) < RECOGNISED_LEVELS);
}

/** Over every fourth pixel of every fourth row: enough to tell, at a sixteenth of the cost. */
function meanDifference(a: RgbImage, b: RgbImage): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < a.height; y += 4) {
    for (let x = 0, at = y * a.width * 3; x < a.width; x += 4, at += 12) {
      sum += Math.abs(a.rgb[at] - b.rgb[at]) + Math.abs(a.rgb[at + 1] - b.rgb[at + 1]) + Math.abs(a.rgb[at + 2] - b.rgb[at + 2]);
      count += 3;
    }
  }
  return sum / count;
}
