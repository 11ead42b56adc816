// Where a link goes that is inserted tens of seconds after the command started: the point moves with every
// edit made meanwhile, and after a reload it is found again by the text around it. Pure, so it is tested
// on plain strings.
import { createHash } from 'node:crypto';

/** One edit as VS Code reports it: a range of the document before the edit, replaced by `text`. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * The point after one event's changes (all in the coordinates of the text before it). Text typed exactly at
 * the point stays after it, so the link never lands inside what was typed; an edit that replaces the point
 * puts it before the replacement.
 */
export function shiftOffset(offset: number, changes: readonly TextChange[]): number {
  // Highest first: then each change's coordinates are untouched by the ones already applied.
  const ordered = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
  let point = offset;
  for (const change of ordered) {
    const end = change.rangeOffset + change.rangeLength;
    if (change.rangeOffset >= point) continue;
    point = end <= point ? point + change.text.length - change.rangeLength : change.rangeOffset;
  }
  return point;
}

/** The point and what identifies it in a later version of the text. */
export interface InsertionAnchor {
  offset: number;
  /** Up to CONTEXT characters before and after the point. */
  before: string;
  after: string;
  /** Of the whole text: equal means the offset is still exact. */
  textHash: string;
}

const CONTEXT = 40;

export function anchorAt(text: string, offset: number): InsertionAnchor {
  return { offset, before: text.slice(Math.max(0, offset - CONTEXT), offset), after: text.slice(offset, offset + CONTEXT), textHash: hashText(text) };
}

/**
 * Where the anchored point is in `text`: the same offset when the text is unchanged, else where the same
 * surrounding text is, found once and only once; undefined when it cannot be told.
 */
export function findAnchor(text: string, anchor: InsertionAnchor): number | undefined {
  if (hashText(text) === anchor.textHash) return anchor.offset;
  const candidates: Array<[string, number]> = [
    [anchor.before + anchor.after, anchor.before.length],
    [anchor.before, anchor.before.length],
    [anchor.after, 0],
  ];
  for (const [needle, shift] of candidates) {
    // Too short to identify a place (a lone newline is everywhere).
    if (needle.trim().length < 8) continue;
    const at = text.indexOf(needle);
    if (at !== -1 && text.indexOf(needle, at + 1) === -1) return at + shift;
  }
  return undefined;
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
