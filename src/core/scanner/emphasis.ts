// Emphasis, as far as alt text needs it: `![*a* __b__](x)` has the alt text "a b", so the `*` and `_`
// that pair up must be told from the ones that stay text. commonmark.js's delimiter algorithm, which
// pairs them in linear time; it only counts how many characters of each run remain.

const UNDERSCORE = 95;

export interface Delimiter {
  code: number;
  count: number;
  /** The run's length before any pairing: the rule of three uses it. */
  original: number;
  /** The run's piece of text: its end moves back as characters pair up. */
  piece: number;
  previous: Delimiter | null;
  next: Delimiter | null;
  canOpen: boolean;
  canClose: boolean;
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;
/** For ASCII, what the two patterns say, looked up: this runs for every `*` and `_` inside an image. */
const ASCII_CLASS = new Uint8Array(128).map((_, code) => (WHITESPACE.test(String.fromCharCode(code)) ? 1 : PUNCTUATION.test(String.fromCharCode(code)) ? 2 : 0));
const isSpace = (char: string): boolean => (char.charCodeAt(0) < 128 ? ASCII_CLASS[char.charCodeAt(0)] === 1 : WHITESPACE.test(char));
const isPunctuation = (char: string): boolean => (char.charCodeAt(0) < 128 ? ASCII_CLASS[char.charCodeAt(0)] === 2 : PUNCTUATION.test(char));

/** Whether the run of `count` characters at `at` can open and close emphasis. */
export function flanking(s: string, at: number, count: number, code: number): { canOpen: boolean; canClose: boolean } {
  const before = at === 0 ? '\n' : s.charAt(at - 1);
  const after = at + count >= s.length ? '\n' : s.charAt(at + count);
  const afterSpace = isSpace(after);
  const afterPunctuation = isPunctuation(after);
  const beforeSpace = isSpace(before);
  const beforePunctuation = isPunctuation(before);
  const left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation);
  const right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation);
  if (code === UNDERSCORE) return { canOpen: left && (!right || beforePunctuation), canClose: right && (!left || afterPunctuation) };
  return { canOpen: left, canClose: right };
}

export class DelimiterStack {
  top: Delimiter | null = null;

  /** `pieceEnds`: where each piece of text ends; the runs' ends are moved here. */
  constructor(private readonly pieceEnds: number[]) {}

  push(code: number, piece: number, count: number, canOpen: boolean, canClose: boolean): void {
    const delimiter: Delimiter = { code, count, original: count, piece, previous: this.top, next: null, canOpen, canClose };
    if (this.top) this.top.next = delimiter;
    this.top = delimiter;
  }

  private remove(delimiter: Delimiter): void {
    if (delimiter.previous) delimiter.previous.next = delimiter.next;
    if (delimiter.next) delimiter.next.previous = delimiter.previous;
    else this.top = delimiter.previous;
  }

  private use(delimiter: Delimiter, count: number): void {
    delimiter.count -= count;
    this.pieceEnds[delimiter.piece] -= count;
  }

  /** Pairs the delimiters above `bottom` (all of them for null) and takes them off the stack. */
  process(bottom: Delimiter | null): void {
    // Where the search for an opener stopped last time, by kind of closer: no opener lies below it.
    const openersBottom = new Array<Delimiter | null>(12).fill(bottom);
    let closer = this.top;
    while (closer !== null && closer.previous !== bottom) closer = closer.previous;
    while (closer !== null) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const kind = (closer.code === UNDERSCORE ? 0 : 6) + (closer.canOpen ? 3 : 0) + (closer.original % 3);
      let opener = closer.previous;
      let found = false;
      while (opener !== null && opener !== bottom && opener !== openersBottom[kind]) {
        const oddMatch = (closer.canOpen || opener.canClose) && closer.original % 3 !== 0 && (opener.original + closer.original) % 3 === 0;
        if (opener.code === closer.code && opener.canOpen && !oddMatch) {
          found = true;
          break;
        }
        opener = opener.previous;
      }
      const oldCloser = closer;
      if (found && opener) {
        const count = closer.count >= 2 && opener.count >= 2 ? 2 : 1;
        this.use(opener, count);
        this.use(closer, count);
        // What lies between is inside this emphasis and can no longer pair with anything outside.
        opener.next = closer;
        closer.previous = opener;
        if (opener.count === 0) this.remove(opener);
        if (closer.count === 0) {
          const next = closer.next;
          this.remove(closer);
          closer = next;
        }
      } else {
        closer = closer.next;
        openersBottom[kind] = oldCloser.previous;
        if (!oldCloser.canOpen) this.remove(oldCloser);
      }
    }
    while (this.top !== null && this.top !== bottom) this.remove(this.top);
  }
}
