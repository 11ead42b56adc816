// The scanner behind findImageReferences (src/core/imageReferences.ts): every image a Markdown or
// HTML document shows, with its offsets, found in time linear in the document's length. Bundled apart
// as dist/scanner.js and required on first use.

import { attributeBlockSize } from './attributeBlock';
import { parseBlocks } from './blocks';
import type { Content } from './content';
import { decodeAttribute, unescapeMarkdown } from './entities';
import { htmlImages, pixels, type ImageAttributes } from './htmlTags';
import { InlineParser } from './inlines';
import type { Definitions } from './linkSyntax';

/** The two kinds of document whose images are found. */
export type ReferenceLanguage = 'markdown' | 'html';

export interface FoundImage {
  start: number;
  end: number;
  targetStart: number;
  targetEnd: number;
  /** The destination or `src`, escapes and character references resolved; remote and empty ones too. */
  destination: string;
  alt: string;
  width?: number;
  height?: number;
}

/** Where an image can start; a block holding none is not read further. */
const CANDIDATE = /!\[|<img/gi;

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

function fromTag(attributes: ImageAttributes, start: number, end: number, offset: (index: number) => number): FoundImage {
  const src = attributes.src!;
  const image: FoundImage = {
    start: offset(start),
    end: offset(end),
    targetStart: offset(src.start),
    targetEnd: offset(src.end),
    destination: decodeAttribute(src.value),
    alt: oneLine(decodeAttribute(attributes.alt?.value ?? '')),
  };
  for (const side of ['width', 'height'] as const) {
    const value = pixels(decodeAttribute(attributes[side]?.value ?? ''));
    if (value !== undefined) image[side] = value;
  }
  return image;
}

function inlineImages(content: Content, from: number, definitions: Definitions): FoundImage[] {
  // commonmark.js trims the content with String.prototype.trim, whose whitespace is /\s/'s.
  const text = content.text;
  let start = from;
  let end = text.length;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const parser = new InlineParser(text.slice(start, end), definitions);
  const offset = (index: number): number => content.sourceOffset(start + index);
  return parser.parse().map((image) => {
    if (image.kind === 'tag') return fromTag(image.attributes, image.start, image.end, offset);
    const { target } = image;
    const resolved = 'destination' in target ? target : {
      targetStart: offset(target.start),
      targetEnd: offset(target.end),
      destination: unescapeMarkdown(parser.s.slice(target.start, target.end)),
    };
    return { start: offset(image.start), end: offset(image.end), ...resolved, alt: parser.altText(image.pieces), ...attributeBlockSize(parser.s, image.end) };
  });
}

/**
 * Whether a block holds a candidate. Blocks are asked in document order, so the next candidate found
 * is remembered and no stretch of the text is searched twice.
 */
function candidates(text: string): (content: Content) => boolean {
  const pattern = new RegExp(CANDIDATE.source, 'gi');
  let next = -2;
  return (content) => {
    if (next !== -1 && next < content.start) {
      pattern.lastIndex = content.start;
      next = pattern.exec(text)?.index ?? -1;
    }
    return next !== -1 && next < content.end;
  };
}

/** Every image in the document, in document order. */
export function scanImages(text: string, language: ReferenceLanguage): FoundImage[] {
  if (language === 'html') return htmlImages(text).map((tag) => fromTag(tag.attributes, tag.start, tag.end, (index) => index));
  CANDIDATE.lastIndex = 0;
  if (!CANDIDATE.test(text)) return [];
  const { inline, html, definitions } = parseBlocks(text);
  const found: FoundImage[][] = [];
  const inlineCandidate = candidates(text);
  for (const { content, from } of inline) if (inlineCandidate(content)) found.push(inlineImages(content, from, definitions));
  const htmlCandidate = candidates(text);
  for (const content of html) {
    if (htmlCandidate(content)) found.push(htmlImages(content.text).map((tag) => fromTag(tag.attributes, tag.start, tag.end, (index) => content.sourceOffset(index))));
  }
  return found.flat().sort((a, b) => a.start - b.start);
}
