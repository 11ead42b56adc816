// What starts with `<` in Markdown: the HTML block start and end conditions, autolinks, and the raw
// HTML CommonMark recognizes inline (tags, comments, processing instructions, declarations, CDATA),
// with commonmark.js's patterns.

const TAG_NAME = '[A-Za-z][A-Za-z0-9-]*';
const ATTRIBUTE = '(?:\\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\\s*=\\s*(?:[^"\'=<>`\\x00-\\x20]+|\'[^\']*\'|"[^"]*"))?)';
const OPEN_TAG = `<${TAG_NAME}${ATTRIBUTE}*\\s*/?>`;
const CLOSE_TAG = `</${TAG_NAME}\\s*[>]`;

/** The seven kinds of HTML block, by the start of their first line (index 0 unused). */
export const HTML_BLOCK_OPEN = [
  /$^/,
  /^<(?:script|pre|textarea|style)(?:\s|>|$)/i,
  /^<!--/,
  /^<[?]/,
  /^<![A-Za-z]/,
  /^<!\[CDATA\[/,
  /^<[/]?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[123456]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|section|search|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|[/]?[>]|$)/i,
  new RegExp(`^(?:${OPEN_TAG}|${CLOSE_TAG})\\s*$`, 'i'),
];

/** What ends the first five kinds: a line holding it ends the block. */
export const HTML_BLOCK_CLOSE = [/$^/, /<\/(?:script|pre|textarea|style)>/i, /-->/, /\?>/, />/, /\]\]>/];

const EMAIL_AUTOLINK = /<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>/y;
const URI_AUTOLINK = /<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*>/iy;

/** The autolink at `i` (its `<`): its end, or -1. */
export function autolinkEnd(s: string, i: number): number {
  for (const pattern of [EMAIL_AUTOLINK, URI_AUTOLINK]) {
    pattern.lastIndex = i;
    if (pattern.test(s)) return pattern.lastIndex;
  }
  return -1;
}

/** JavaScript's `\s`, which commonmark.js's tag pattern uses. */
const isSpace = (code: number): boolean =>
  (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
  || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
const isLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isTagNameRest = (code: number): boolean => isLetter(code) || isDigit(code) || code === 45;
const isNameStart = (code: number): boolean => isLetter(code) || code === 95 || code === 58;
const isNameRest = (code: number): boolean => isNameStart(code) || isDigit(code) || code === 46 || code === 45;
/** `[^"'=<>\`\x00-\x20]` */
const isUnquoted = (code: number): boolean => code > 32 && code !== 34 && code !== 39 && code !== 61 && code !== 60 && code !== 62 && code !== 96;

/**
 * Raw inline HTML in one paragraph. Comments, processing instructions, declarations and CDATA may run
 * far; where each ends is remembered, so a paragraph of `<!--` that never close is read once, not
 * once per `<!--` as commonmark.js reads it.
 */
export class InlineHtml {
  private readonly ends = new Map<string, { from: number; at: number }>();

  constructor(private readonly s: string) {}

  /** Where the raw HTML at `i` (its `<`) ends, or -1. */
  end(i: number): number {
    const s = this.s;
    const next = s.charCodeAt(i + 1);
    if (isLetter(next)) return this.openTagEnd(i);
    if (next === 47) {
      if (!isLetter(s.charCodeAt(i + 2))) return -1;
      let j = i + 3;
      while (isTagNameRest(s.charCodeAt(j))) j++;
      while (isSpace(s.charCodeAt(j))) j++;
      return s.charCodeAt(j) === 62 ? j + 1 : -1;
    }
    if (next === 63) return this.after('?>', i + 2);
    if (next !== 33) return -1;
    if (s.startsWith('<!--', i)) {
      if (s.startsWith('>', i + 4)) return i + 5;
      if (s.startsWith('->', i + 4)) return i + 6;
      return this.after('-->', i + 4);
    }
    if (isLetter(s.charCodeAt(i + 2))) return this.after('>', i + 3);
    return s.startsWith('<![CDATA[', i) ? this.after(']]>', i + 9) : -1;
  }

  /** Past the first `needle` at or after `from`, which only grows within a paragraph; or -1. */
  private after(needle: string, from: number): number {
    let known = this.ends.get(needle);
    if (!known || from < known.from || (known.at !== -1 && from > known.at)) {
      known = { from, at: this.s.indexOf(needle, from) };
      this.ends.set(needle, known);
    }
    return known.at === -1 ? -1 : known.at + needle.length;
  }

  private openTagEnd(i: number): number {
    const s = this.s;
    let j = i + 2;
    while (isTagNameRest(s.charCodeAt(j))) j++;
    for (;;) {
      const spaceFrom = j;
      while (isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) === 62) return j + 1;
      if (s.charCodeAt(j) === 47) return s.charCodeAt(j + 1) === 62 ? j + 2 : -1;
      if (j === spaceFrom || !isNameStart(s.charCodeAt(j))) return -1;
      for (j++; isNameRest(s.charCodeAt(j)); ) j++;
      // A value is optional: without `=` the spaces just read belong to the next attribute.
      let k = j;
      while (isSpace(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== 61) continue;
      for (k++; isSpace(s.charCodeAt(k)); ) k++;
      const quote = s.charCodeAt(k);
      if (quote === 34 || quote === 39) {
        const close = s.indexOf(quote === 34 ? '"' : "'", k + 1);
        if (close === -1) return -1;
        j = close + 1;
      } else {
        if (!isUnquoted(quote)) return -1;
        for (j = k + 1; isUnquoted(s.charCodeAt(j)); ) j++;
      }
    }
  }
}
