// Character references, decoded by the `entities` package (the decoder parse5 and commonmark.js use):
// in Markdown as CommonMark reads them (a named reference needs its `;`), in HTML attribute values
// as browsers do (`&amp` without `;` too, unless a letter, digit or `=` follows).

type Decoders = typeof import('entities/decode');
let decoders: Decoders | undefined;
/** Its table of 2,000-odd names is built when a document first needs it, not when the scanner loads. */
const entities = (): Decoders => (decoders ??= require('entities/decode') as Decoders);

export function decodeAttribute(value: string): string {
  return value.includes('&') ? entities().decodeHTMLAttribute(value) : value;
}

const decoded = new Map<string, string>();

/** One reference as the Markdown inline parser finds it: `&eacute;`, `&#233;`, `&#xE9;`. */
export function decodeReference(reference: string): string {
  let text = decoded.get(reference);
  if (text === undefined) decoded.set(reference, (text = entities().decodeHTMLStrict(reference)));
  return text;
}

/** A character reference where CommonMark recognizes one. */
export const REFERENCE = /&(?:#x[a-f0-9]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/iy;
const ESCAPE_OR_REFERENCE = new RegExp(`\\\\([!-/:-@[-\`{-~])|${REFERENCE.source}`, 'gi');

/** A link destination or title with its backslash escapes and character references resolved. */
export function unescapeMarkdown(text: string): string {
  if (!text.includes('\\') && !text.includes('&')) return text;
  return text.replace(ESCAPE_OR_REFERENCE, (match, escaped: string | undefined) => escaped ?? decodeReference(match));
}
