// `<img>` tags in HTML, found the way a browser's tokenizer finds them (parse5 is the reference):
// one pass, so a tag, comment or quote that never closes costs its length once, not once per `<img`.
// Comments, the text of script, style and the other raw-text elements, and RCDATA (textarea, title)
// hold no tags. Left out: SVG and MathML, inside which a style or script holds tags.

const TAB = 9;
const NEWLINE = 10;
const FORM_FEED = 12;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const BANG = 33;
const DASH = 45;
const LESS_THAN = 60;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const SLASH = 47;
const EQUALS = 61;
const GREATER_THAN = 62;
const QUESTION_MARK = 63;

/** Elements whose content the tokenizer reads as text up to their own end tag. */
const TEXT_ONLY = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title']);

export interface Attribute {
  /** As written: character references not decoded. */
  value: string;
  start: number;
  end: number;
}

/** The attributes an image reference needs; of a repeated one the first wins, as in browsers. */
export interface ImageAttributes {
  src?: Attribute;
  alt?: Attribute;
  width?: Attribute;
  height?: Attribute;
}

export interface HtmlImage {
  start: number;
  end: number;
  attributes: ImageAttributes;
}

interface Tag {
  name: string;
  end: number;
  attributes?: ImageAttributes;
}

const WANTED = new Set(['src', 'alt', 'width', 'height']);

const isSpace = (code: number): boolean =>
  code === SPACE || code === TAB || code === NEWLINE || code === FORM_FEED || code === CARRIAGE_RETURN;

const isAsciiLetter = (code: number): boolean => (code | 32) >= 97 && (code | 32) <= 122;

const asciiLowerCase = (text: string): string => (/[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : text);

/**
 * The start or end tag whose name begins at `nameStart`: its lowercase name, where it ends, and for
 * an image its attributes. Undefined when the text ends inside it: the tokenizer then drops it.
 */
function readTag(html: string, nameStart: number, start = true): Tag | undefined {
  const n = html.length;
  let i = nameStart;
  for (let code = html.charCodeAt(i); i < n && !isSpace(code) && code !== SLASH && code !== GREATER_THAN; ) code = html.charCodeAt(++i);
  const name = asciiLowerCase(html.slice(nameStart, i));
  const attributes: ImageAttributes | undefined = start && name === 'img' ? {} : undefined;
  for (;;) {
    while (isSpace(html.charCodeAt(i))) i++;
    if (i >= n) return undefined;
    let code = html.charCodeAt(i);
    if (code === GREATER_THAN) return { name, end: i + 1, attributes };
    if (code === SLASH) {
      if (html.charCodeAt(++i) === GREATER_THAN) return { name, end: i + 1, attributes };
      continue;
    }
    // The first character may be `=`: the tokenizer starts the name with it.
    const nameFrom = i++;
    for (code = html.charCodeAt(i); i < n && !isSpace(code) && code !== SLASH && code !== GREATER_THAN && code !== EQUALS; ) code = html.charCodeAt(++i);
    const nameEnd = i;
    while (isSpace(html.charCodeAt(i))) i++;
    let valueStart = nameEnd;
    let valueEnd = nameEnd;
    if (html.charCodeAt(i) === EQUALS) {
      for (i++; isSpace(html.charCodeAt(i)); ) i++;
      [valueStart, valueEnd] = [i, i];
      code = html.charCodeAt(i);
      if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
        const close = html.indexOf(code === DOUBLE_QUOTE ? '"' : "'", i + 1);
        if (close === -1) return undefined;
        [valueStart, valueEnd, i] = [i + 1, close, close + 1];
      } else if (code !== GREATER_THAN) {
        for (valueStart = i; i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== GREATER_THAN; ) i++;
        valueEnd = i;
      }
    }
    const key = attributes && asciiLowerCase(html.slice(nameFrom, nameEnd));
    if (key && WANTED.has(key) && !attributes![key as keyof ImageAttributes]) {
      attributes![key as keyof ImageAttributes] = { value: html.slice(valueStart, valueEnd), start: valueStart, end: valueEnd };
    }
  }
}

/** Finds `needle` at or after a position that only grows, remembering the last answer (-1: none left). */
function finder(text: string, needle: string): (from: number) => number {
  let asked = -1;
  let found = -1;
  return (from) => {
    if (asked === -1 || from < asked || (found !== -1 && from > found)) found = text.indexOf(needle, from);
    asked = from;
    return found;
  };
}

/** Where the text of a TEXT_ONLY element ends: at its end tag, or at the end of the document. */
function textEnd(html: string, from: number, name: string): number {
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 2)) {
    const after = html.charCodeAt(at + 2 + name.length);
    if (asciiLowerCase(html.slice(at + 2, at + 2 + name.length)) === name && (isSpace(after) || after === SLASH || after === GREATER_THAN)) return at;
  }
  return html.length;
}

const enum Script {
  Data,
  /** After `<!--`. */
  Escaped,
  /** After `<!--` and then `<script`: an `</script` here ends only this, not the script. */
  DoubleEscaped,
}

/**
 * Where a script's text ends, following the tokenizer's script states: old pages write
 * `<!-- document.write("<script>…</script>") -->`, and that inner `</script>` does not end the script.
 */
function scriptEnd(html: string, from: number): number {
  let state = Script.Data;
  for (let i = from; i < html.length; ) {
    const code = html.charCodeAt(i);
    if (code === DASH && state !== Script.Data) {
      let dashes = i + 1;
      while (html.charCodeAt(dashes) === DASH) dashes++;
      const arrow = dashes - i >= 2 && html.charCodeAt(dashes) === GREATER_THAN;
      if (arrow) state = Script.Data;
      i = arrow ? dashes + 1 : dashes;
    } else if (code !== LESS_THAN) i++;
    else if (state === Script.Data && html.startsWith('<!--', i)) {
      state = Script.Escaped;
      i += 2; // its dashes count towards a `-->` right after it, as in `<!-->`
    } else {
      const end = html.charCodeAt(i + 1) === SLASH;
      let nameEnd = i + (end ? 2 : 1);
      while (isAsciiLetter(html.charCodeAt(nameEnd))) nameEnd++;
      const after = html.charCodeAt(nameEnd);
      const script = asciiLowerCase(html.slice(i + (end ? 2 : 1), nameEnd)) === 'script' && (isSpace(after) || after === SLASH || after === GREATER_THAN);
      if (script && end && state !== Script.DoubleEscaped) return i;
      if (script) state = end ? Script.Escaped : state === Script.Escaped ? Script.DoubleEscaped : state;
      i = Math.max(nameEnd, i + 1);
    }
  }
  return html.length;
}

/** Every `<img>` start tag with a `src` from `from` on, in document order. */
export function htmlImages(html: string, from = 0): HtmlImage[] {
  const images: HtmlImage[] = [];
  const n = html.length;
  const commentClose = finder(html, '-->');
  const bangClose = finder(html, '--!>');
  const bogusEnd = (from: number): number => {
    const close = html.indexOf('>', from);
    return close === -1 ? n : close + 1;
  };
  for (let i = html.indexOf('<', from); i !== -1 && i < n; i = html.indexOf('<', i)) {
    const next = html.charCodeAt(i + 1);
    if (isAsciiLetter(next)) {
      const tag = readTag(html, i + 1);
      if (!tag) break;
      if (tag.attributes?.src) images.push({ start: i, end: tag.end, attributes: tag.attributes });
      if (tag.name === 'plaintext') break;
      if (tag.name === 'script') i = scriptEnd(html, tag.end);
      else i = TEXT_ONLY.has(tag.name) ? textEnd(html, tag.end, tag.name) : tag.end;
    } else if (next === SLASH) {
      const after = html.charCodeAt(i + 2);
      if (isAsciiLetter(after)) {
        const tag = readTag(html, i + 2, false);
        if (!tag) break;
        i = tag.end;
      } else i = after === GREATER_THAN ? i + 3 : bogusEnd(i + 2);
    } else if (next === BANG && html.startsWith('<!--', i)) {
      const body = i + 4;
      if (html.charCodeAt(body) === GREATER_THAN) i = body + 1;
      else if (html.startsWith('->', body)) i = body + 2;
      else {
        const dashes = commentClose(body);
        const bang = bangClose(body);
        if (dashes === -1 && bang === -1) break;
        i = bang === -1 || (dashes !== -1 && dashes < bang) ? dashes + 3 : bang + 4;
      }
    } else if (next === BANG || next === QUESTION_MARK) i = bogusEnd(i + 2);
    else i++;
  }
  return images;
}

/** `640` or `640px`; a percentage or anything else says nothing about the image's own shape. */
export function pixels(value: string | undefined): number | undefined {
  const match = value && /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value);
  const number = match ? Number(match[1]) : NaN;
  return number > 0 ? number : undefined;
}
