// The images of one paragraph or heading: commonmark.js's inline parser, reduced to what images need
// (brackets, code spans, autolinks, raw HTML, escapes, references, emphasis for the alt text), keeping
// offsets, and without its quadratic corners: each search that can fail is remembered or indexed.

import { DelimiterStack, flanking, type Delimiter } from './emphasis';
import { decodeReference, REFERENCE } from './entities';
import { htmlImages, type ImageAttributes } from './htmlTags';
import {
  isEscapable, normalizeLabel, ParenIndex, scanDestination, scanLabel, scanTitle, skipSpaceAndNewline,
  type Definition, type Definitions,
} from './linkSyntax';
import { autolinkEnd, InlineHtml } from './markdownHtml';

const NEWLINE = 10;
const BANG = 33;
const AMPERSAND = 38;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const ASTERISK = 42;
const LESS_THAN = 60;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;

/** Characters that may start something other than plain text. */
const SPECIAL = new Uint8Array(128);
for (const code of [NEWLINE, BANG, AMPERSAND, ASTERISK, LESS_THAN, OPEN_BRACKET, BACKSLASH, CLOSE_BRACKET, UNDERSCORE, BACKTICK]) SPECIAL[code] = 1;

const isDestinationSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

interface Bracket {
  piece: number;
  /** Offset of the `[`. */
  index: number;
  image: boolean;
  previous: Bracket | null;
  previousDelimiter: Delimiter | null;
  /** Another bracket was opened after this one: it cannot be a shortcut reference's label. */
  bracketAfter: boolean;
  /** Links formed before it opened: a link opener is dead once another link forms (no links in links). */
  linksBefore: number;
}

/** An image, or an `<img>` tag, found in the paragraph: offsets into the parsed text. */
export type InlineImage =
  | { kind: 'image'; start: number; end: number; target: { start: number; end: number } | Definition; pieces: [number, number] }
  | { kind: 'tag'; start: number; end: number; attributes: ImageAttributes };

export class InlineParser {
  private pos = 0;
  // The text in order, as pieces: [start, end) of `s` each, so none is copied until an alt text needs it.
  private readonly pieceStarts: number[] = [];
  private readonly pieceEnds: number[] = [];
  /** The pieces that are character references, to decode, in increasing order. */
  private readonly references: number[] = [];
  private readonly delimiters = new DelimiterStack(this.pieceEnds);
  private brackets: Bracket | null = null;
  /** Emphasis only matters for alt text: without an image open, `*` and `_` stay text. */
  private openImages = 0;
  private linksFormed = 0;
  private readonly found: InlineImage[] = [];
  private readonly html: InlineHtml;
  private parens: ParenIndex | undefined;
  /** Start offsets of the backtick runs of each length, and how far each list has been read. */
  private backticks: Map<number, { at: number[]; next: number }> | undefined;

  /** `s`: the block's content, trimmed, as commonmark.js parses it. */
  constructor(
    readonly s: string,
    private readonly definitions: Definitions,
  ) {
    this.html = new InlineHtml(s);
  }

  /** Images not inside another image (those are alt text), in document order. */
  parse(): InlineImage[] {
    const s = this.s;
    while (this.pos < s.length) {
      const code = s.charCodeAt(this.pos);
      if (code === BANG) this.bang();
      else if (code === OPEN_BRACKET) this.openBracket(this.pos, false);
      else if (code === CLOSE_BRACKET) this.closeBracket();
      else if (code === BACKSLASH) this.backslash();
      else if (code === BACKTICK) this.codeSpan();
      else if (code === ASTERISK || code === UNDERSCORE) this.delimiterRun(code);
      else if (code === LESS_THAN) this.angle();
      else if (code === AMPERSAND) this.reference();
      else this.text();
    }
    const outermost: InlineImage[] = [];
    let insideUntil = -1;
    for (const image of this.found.sort((a, b) => a.start - b.start)) {
      if (image.start < insideUntil) continue;
      outermost.push(image);
      if (image.kind === 'image') insideUntil = image.end;
    }
    return outermost;
  }

  /** The alt text: the description as plain text, on one line. */
  altText([from, to]: [number, number]): string {
    let alt = '';
    let reference = 0;
    for (let high = this.references.length; reference < high; ) {
      const middle = (reference + high) >> 1;
      if (this.references[middle] < from) reference = middle + 1;
      else high = middle;
    }
    for (let i = from; i < to; i++) {
      const text = this.s.slice(this.pieceStarts[i], this.pieceEnds[i]);
      if (this.references[reference] !== i) alt += text;
      else {
        alt += decodeReference(text);
        reference++;
      }
    }
    return alt.replace(/\s+/g, ' ').trim();
  }

  /** Adds `s[start, end)` as a piece of text and moves on to `next`; returns the piece's number. */
  private add(start: number, end: number, next = end): number {
    this.pieceStarts.push(start);
    this.pieceEnds.push(end);
    this.pos = next;
    return this.pieceStarts.length - 1;
  }

  private text(): void {
    let end = this.pos + 1;
    for (let code = this.s.charCodeAt(end); end < this.s.length && (code > 127 || !SPECIAL[code]); ) code = this.s.charCodeAt(++end);
    this.add(this.pos, end);
  }

  /** An escaped character, or a backslash before a line ending (a hard break), is the character after it. */
  private backslash(): void {
    const next = this.s.charCodeAt(this.pos + 1);
    if (next === NEWLINE || isEscapable(next)) this.add(this.pos + 1, this.pos + 2);
    else this.add(this.pos, this.pos + 1);
  }

  private reference(): void {
    REFERENCE.lastIndex = this.pos;
    if (REFERENCE.test(this.s)) this.references.push(this.add(this.pos, REFERENCE.lastIndex));
    else this.add(this.pos, this.pos + 1);
  }

  private angle(): void {
    const autolink = autolinkEnd(this.s, this.pos);
    if (autolink !== -1) {
      this.add(this.pos + 1, autolink - 1, autolink);
      return;
    }
    const html = this.html.end(this.pos);
    if (html === -1) {
      this.add(this.pos, this.pos + 1);
      return;
    }
    // Read as a browser reads it: a processing instruction `<?…?>` is a bogus comment only up to its first `>`.
    if (/<img/i.test(this.s.slice(this.pos, html))) {
      for (const { start, end, attributes } of htmlImages(this.s.slice(0, html), this.pos)) this.found.push({ kind: 'tag', start, end, attributes });
    }
    this.add(this.pos, html);
  }

  /** A code span, or the backticks as text when no run of the same length follows. */
  private codeSpan(): void {
    const start = this.pos;
    let open = start + 1;
    while (this.s.charCodeAt(open) === BACKTICK) open++;
    const close = this.nextBacktickRun(open - start, open);
    if (close === -1) {
      this.add(start, open);
      return;
    }
    // One space (or line ending) is stripped from each side when both have one, unless that is all.
    const edges = [this.s.charCodeAt(open), this.s.charCodeAt(close - 1)];
    const strip = edges.every((code) => code === 32 || code === NEWLINE) && /[^ \n]/.test(this.s.slice(open, close));
    this.add(strip ? open + 1 : open, strip ? close - 1 : close, close + open - start);
  }

  /** Where the next run of exactly `length` backticks at or after `from` starts, or -1. */
  private nextBacktickRun(length: number, from: number): number {
    if (!this.backticks) {
      this.backticks = new Map();
      for (let i = this.s.indexOf('`'); i !== -1; ) {
        let end = i + 1;
        while (this.s.charCodeAt(end) === BACKTICK) end++;
        const runs = this.backticks.get(end - i) ?? { at: [], next: 0 };
        runs.at.push(i);
        this.backticks.set(end - i, runs);
        i = this.s.indexOf('`', end);
      }
    }
    const runs = this.backticks.get(length);
    if (!runs) return -1;
    while (runs.next < runs.at.length && runs.at[runs.next] < from) runs.next++;
    return runs.at[runs.next] ?? -1;
  }

  private delimiterRun(code: number): void {
    const start = this.pos;
    let end = start + 1;
    while (this.s.charCodeAt(end) === code) end++;
    const piece = this.add(start, end);
    if (this.openImages === 0) return;
    const { canOpen, canClose } = flanking(this.s, start, end - start, code);
    if (canOpen || canClose) this.delimiters.push(code, piece, end - start, canOpen, canClose);
  }

  private bang(): void {
    if (this.s.charCodeAt(this.pos + 1) === OPEN_BRACKET) this.openBracket(this.pos + 1, true);
    else this.add(this.pos, this.pos + 1);
  }

  private openBracket(index: number, image: boolean): void {
    if (this.brackets) this.brackets.bracketAfter = true;
    if (image) this.openImages++;
    this.brackets = {
      piece: this.add(this.pos, index + 1), index, image, previous: this.brackets,
      previousDelimiter: this.delimiters.top, bracketAfter: false, linksBefore: this.linksFormed,
    };
  }

  private closeOpener(opener: Bracket): void {
    this.brackets = opener.previous;
    if (opener.image) this.openImages--;
  }

  private closeBracket(): void {
    const opener = this.brackets;
    const after = this.pos + 1;
    if (!opener || (!opener.image && opener.linksBefore < this.linksFormed)) {
      if (opener) this.closeOpener(opener);
      this.add(this.pos, after);
      return;
    }
    const target = this.inlineTarget(after) ?? this.referenceTarget(opener, after);
    this.closeOpener(opener);
    if (!target) {
      this.add(this.pos, after);
      return;
    }
    if (opener.image) this.found.push({ kind: 'image', start: opener.index - 1, end: target.end, target: target.target, pieces: [opener.piece + 1, this.pieceStarts.length] });
    else this.linksFormed++;
    this.delimiters.process(opener.previousDelimiter);
    this.pieceEnds[opener.piece] = this.pieceStarts[opener.piece];
    this.pos = target.end;
  }

  /** `(destination "title")` right after the `]`. */
  private inlineTarget(at: number): { end: number; target: { start: number; end: number } } | undefined {
    const s = this.s;
    if (s.charCodeAt(at) !== OPEN_PAREN) return undefined;
    const destination = scanDestination(s, skipSpaceAndNewline(s, at + 1), this.parens ?? (() => (this.parens = new ParenIndex(s))));
    if (!destination) return undefined;
    let i = skipSpaceAndNewline(s, destination.next);
    if (isDestinationSpace(s.charCodeAt(i - 1))) {
      const title = scanTitle(s, i);
      if (title !== -1) i = title;
    }
    i = skipSpaceAndNewline(s, i);
    return s.charCodeAt(i) === CLOSE_PAREN ? { end: i + 1, target: { start: destination.start, end: destination.end } } : undefined;
  }

  /** `[label]`, `[]` or nothing after the `]`, naming a definition. */
  private referenceTarget(opener: Bracket, at: number): { end: number; target: Definition } | undefined {
    if (this.definitions.size === 0) return undefined;
    const length = scanLabel(this.s, at);
    let label: string | undefined;
    if (length > 2) label = this.s.slice(at, at + length);
    else if (!opener.bracketAfter) label = this.s.slice(opener.index, at);
    // A label is at most 999 characters: a longer shortcut cannot match, however its spaces collapse.
    const definition = label && label.length <= 1001 ? this.definitions.get(normalizeLabel(label)) : undefined;
    return definition && { end: at + length, target: definition };
  }
}
