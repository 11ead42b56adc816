// What inline links and link reference definitions share: destination, title and label, scanned as
// commonmark.js (the reference implementation) scans them, each returning where it ends or -1.

import type { Content } from './content';
import { unescapeMarkdown } from './entities';

const TAB = 9;
const NEWLINE = 10;
const SPACE = 32;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const LESS_THAN = 60;
const GREATER_THAN = 62;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;

export interface Definition {
  /** Unescaped, references decoded. */
  destination: string;
  /** Document offsets of the destination as written, inside `<…>` if it has them. */
  targetStart: number;
  targetEnd: number;
}

export type Definitions = Map<string, Definition>;

export const isEscapable = (code: number): boolean =>
  (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);

/** Where a bare destination stops: space, tab, line ending, vertical tab or form feed. */
const isDestinationSpace = (code: number): boolean => code === SPACE || (code >= TAB && code <= 13);

/** Spaces, at most one line ending, spaces. */
export function skipSpaceAndNewline(s: string, i: number): number {
  while (s.charCodeAt(i) === SPACE) i++;
  if (s.charCodeAt(i) === NEWLINE) for (i++; s.charCodeAt(i) === SPACE; ) i++;
  return i;
}

/**
 * Where the bare destination starting at every index ends, computed once for a whole paragraph:
 * the first whitespace, or the `)` that closes no `(` of its own. Scanning from each `](` instead
 * costs the rest of the line each time, quadratic in a line of `[a](b[a](b…`.
 */
export class ParenIndex {
  /** Unescaped `(` minus `)` before each index. */
  private readonly depth: Int32Array;
  /** The first later index with a lower depth: one past the `)` that closes nothing. */
  private readonly drop: Int32Array;
  /** The first whitespace at or after each index. */
  private readonly space: Int32Array;

  constructor(s: string) {
    const n = s.length;
    this.depth = new Int32Array(n + 1);
    for (let i = 0, depth = 0; i <= n; ) {
      this.depth[i] = depth;
      const code = s.charCodeAt(i);
      if (code === BACKSLASH && isEscapable(s.charCodeAt(i + 1))) {
        this.depth[i + 1] = depth;
        i += 2;
        continue;
      }
      if (code === OPEN_PAREN) depth++;
      else if (code === CLOSE_PAREN) depth--;
      i++;
    }
    this.drop = new Int32Array(n + 1);
    const stack = new Int32Array(n + 1);
    for (let i = n, top = 0; i >= 0; i--) {
      while (top > 0 && this.depth[stack[top - 1]] >= this.depth[i]) top--;
      this.drop[i] = top > 0 ? stack[top - 1] : n + 1;
      stack[top++] = i;
    }
    this.space = new Int32Array(n + 1);
    for (let i = n, next = n; i >= 0; i--) {
      if (i < n && isDestinationSpace(s.charCodeAt(i))) next = i;
      this.space[i] = next;
    }
  }

  end(start: number): number {
    const close = this.drop[start] - 1;
    const space = this.space[start];
    if (close < space) return close;
    return this.depth[space] === this.depth[start] ? space : -1;
  }
}

/**
 * A bare destination's end. `index` answers when given; when it is a function that builds one, a
 * scan that runs past a few hundred characters builds it and asks it instead.
 */
function bareDestinationEnd(s: string, start: number, index?: ParenIndex | (() => ParenIndex)): number {
  if (index instanceof ParenIndex) return index.end(start);
  let parens = 0;
  let i = start;
  for (let budget = 256; i < s.length; budget--) {
    if (budget === 0 && index) return index().end(start);
    const code = s.charCodeAt(i);
    if (code === BACKSLASH && isEscapable(s.charCodeAt(i + 1))) i += 2;
    else if (code === OPEN_PAREN) {
      parens++;
      i++;
    } else if (code === CLOSE_PAREN) {
      if (parens === 0) break;
      parens--;
      i++;
    } else if (isDestinationSpace(code)) break;
    else i++;
  }
  return parens === 0 ? i : -1;
}

export interface Destination {
  /** The destination as written, without `<>`. */
  start: number;
  end: number;
  /** Past the destination, `>` included. */
  next: number;
}

export function scanDestination(s: string, i: number, index?: ParenIndex | (() => ParenIndex)): Destination | undefined {
  if (s.charCodeAt(i) === LESS_THAN) {
    for (let j = i + 1; j < s.length; j++) {
      const code = s.charCodeAt(j);
      if (code === GREATER_THAN) return { start: i + 1, end: j, next: j + 1 };
      if (code === LESS_THAN || code === NEWLINE || code === 0) return undefined;
      if (code === BACKSLASH) {
        // `\` escapes anything but a line terminator (the `.` of commonmark.js's pattern)
        const next = s.charCodeAt(++j);
        if (Number.isNaN(next) || next === NEWLINE || next === 13 || next === 0x2028 || next === 0x2029) return undefined;
      }
    }
    return undefined;
  }
  const end = bareDestinationEnd(s, i, index);
  if (end === -1 || (end === i && s.charCodeAt(i) !== CLOSE_PAREN)) return undefined;
  return { start: i, end, next: end };
}

/** A title in `"…"`, `'…'` or `(…)`: where it ends, past its closing mark, or -1. */
export function scanTitle(s: string, i: number): number {
  const open = s.charCodeAt(i);
  const close = open === OPEN_PAREN ? CLOSE_PAREN : open;
  if (open !== 34 && open !== 39 && open !== OPEN_PAREN) return -1;
  for (let j = i + 1; j < s.length; j++) {
    const code = s.charCodeAt(j);
    if (code === close) return j + 1;
    if (code === 0 || (open === OPEN_PAREN && code === OPEN_PAREN)) return -1;
    if (code === BACKSLASH) j++;
  }
  return -1;
}

/** A link label `[…]` of at most 999 characters inside: its length with the brackets, or 0. */
export function scanLabel(s: string, i: number): number {
  if (s.charCodeAt(i) !== OPEN_BRACKET) return 0;
  for (let j = i + 1; j < s.length && j - i < 1001; j++) {
    const code = s.charCodeAt(j);
    if (code === CLOSE_BRACKET) return j + 1 - i;
    if (code === OPEN_BRACKET) return 0;
    if (code === BACKSLASH && j + 1 < s.length) j++;
  }
  return 0;
}

/** How labels match: brackets off, trimmed, inner whitespace collapsed, case folded. */
export function normalizeLabel(label: string): string {
  return label.slice(1, -1).trim().replace(/[ \t\r\n]+/g, ' ').toLowerCase().toUpperCase();
}

/** Spaces, then a line ending or the end: past it, or -1. */
function lineEnd(s: string, i: number): number {
  while (s.charCodeAt(i) === SPACE) i++;
  if (i === s.length) return i;
  return s.charCodeAt(i) === NEWLINE ? i + 1 : -1;
}

/** One definition at `start` of the block's content, recorded unless its label is taken: its length, or 0. */
function parseDefinition(content: Content, start: number, definitions: Definitions): number {
  const s = content.text;
  const labelLength = scanLabel(s, start);
  let i = start + labelLength;
  if (labelLength === 0 || s.charCodeAt(i) !== 58) return 0;
  const destination = scanDestination(s, skipSpaceAndNewline(s, i + 1));
  if (!destination) return 0;
  const beforeTitle = destination.next;
  i = skipSpaceAndNewline(s, beforeTitle);
  const title = i === beforeTitle ? -1 : scanTitle(s, i);
  let end = title === -1 ? -1 : lineEnd(s, title);
  if (end === -1) end = lineEnd(s, beforeTitle);
  const label = normalizeLabel(s.slice(start, start + labelLength));
  if (end === -1 || label === '') return 0;
  if (!definitions.has(label)) {
    definitions.set(label, {
      destination: unescapeMarkdown(s.slice(destination.start, destination.end)),
      targetStart: content.sourceOffset(destination.start),
      targetEnd: content.sourceOffset(destination.end),
    });
  }
  return end - start;
}

/** The definitions that open a paragraph, from `from` on: where its remaining text starts. */
export function parseDefinitions(content: Content, from: number, definitions: Definitions): number {
  for (let length = 1; length > 0 && content.text.charCodeAt(from) === OPEN_BRACKET; from += length) {
    length = parseDefinition(content, from, definitions);
  }
  return from;
}
