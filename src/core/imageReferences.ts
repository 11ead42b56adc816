// Image references in Markdown and HTML source, found with their offsets so a reference to a missing
// file can be offered a quick fix and later written back. A scanner rather than a full parser: it knows
// the CommonMark image forms and `<img>` tags, and ignores code and comments, where nothing is a reference.

export type ReferenceLanguage = 'markdown' | 'html';

export interface ImageReference {
  /** Offsets of the whole reference: `![alt](path)`, `![alt][label]` or `<img …>`. */
  start: number;
  end: number;
  /** Offsets of the target as written (inside `<…>` or quotes; in the definition for `![alt][label]`). */
  targetStart: number;
  targetEnd: number;
  rawTarget: string;
  /** The local path it names, unescaped and percent-decoded, without query or fragment. */
  path: string;
  alt: string;
  width?: number;
  height?: number;
}

/** Every reference to a local file; remote (`https:`, `data:`, `//host`) and empty targets are left out. */
export function findImageReferences(text: string, language: ReferenceLanguage): ImageReference[] {
  const masked = language === 'markdown' ? maskMarkdownCode(maskHtmlComments(text)) : maskHtmlRawText(maskHtmlComments(text));
  const found = [...htmlImages(text, masked), ...(language === 'markdown' ? markdownImages(text, masked) : [])];
  return found.sort((a, b) => a.start - b.start);
}

/** The local path a target names, or undefined when it is remote or empty. */
export function localPath(target: string): string | undefined {
  const trimmed = target.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return undefined;
  const withoutSuffix = trimmed.replace(/[?#].*$/s, '');
  if (!withoutSuffix) return undefined;
  try {
    return decodeURIComponent(withoutSuffix);
  } catch {
    return withoutSuffix; // a lone `%` is a literal percent sign to most renderers
  }
}

// ---- Markdown ----------------------------------------------------------------------------------

interface Definition {
  targetStart: number;
  targetEnd: number;
  rawTarget: string;
  destination: string;
}

function markdownImages(text: string, masked: string): ImageReference[] {
  const definitions = linkDefinitions(text, masked);
  const references: ImageReference[] = [];
  for (let at = masked.indexOf('!['); at !== -1; at = masked.indexOf('![', at + 2)) {
    if (isEscaped(masked, at)) continue;
    const labelEnd = closingBracket(masked, at + 1);
    if (labelEnd === -1) continue;
    const alt = unescapeMarkdown(text.slice(at + 2, labelEnd)).replace(/\s+/g, ' ').trim();
    const inline = masked[labelEnd + 1] === '(' ? inlineDestination(text, masked, labelEnd + 2) : undefined;
    if (inline) {
      const { targetStart, targetEnd, rawTarget, destination, end } = inline;
      const path = localPath(destination);
      if (path) references.push({ start: at, end, targetStart, targetEnd, rawTarget, path, alt });
      at = end - 2;
      continue;
    }
    const { label, end } = referenceLabel(masked, text, labelEnd, alt);
    const definition = definitions.get(normalizeLabel(label));
    if (!definition) continue;
    const path = localPath(definition.destination);
    if (path) references.push({ start: at, end, targetStart: definition.targetStart, targetEnd: definition.targetEnd, rawTarget: definition.rawTarget, path, alt });
  }
  return references;
}

/** `](dest "title")`: the destination's offsets and decoded text, and where the `)` ends. */
function inlineDestination(text: string, masked: string, from: number) {
  let i = skipSpace(masked, from);
  let targetStart: number;
  let targetEnd: number;
  if (masked[i] === '<') {
    targetStart = i + 1;
    for (i = targetStart; i < masked.length && masked[i] !== '>'; i++) {
      if (masked[i] === '\\') i++;
      else if (masked[i] === '\n' || masked[i] === '<') return undefined;
    }
    if (i >= masked.length) return undefined;
    targetEnd = i++;
  } else {
    targetStart = i;
    let depth = 0;
    for (; i < masked.length && !/\s/.test(masked[i]); i++) {
      if (masked[i] === '\\') i++;
      else if (masked[i] === '(') depth++;
      else if (masked[i] === ')' && depth-- === 0) break;
    }
    targetEnd = i;
  }
  i = skipTitle(masked, skipSpace(masked, i));
  if (i === -1 || masked[skipSpace(masked, i)] !== ')') return undefined;
  const rawTarget = text.slice(targetStart, targetEnd);
  return { targetStart, targetEnd, rawTarget, destination: decodeEntities(unescapeMarkdown(rawTarget)), end: skipSpace(masked, i) + 1 };
}

/** After `![alt]`: `[label]`, `[]` (the alt is the label) or nothing (a shortcut reference). */
function referenceLabel(masked: string, text: string, labelEnd: number, alt: string): { label: string; end: number } {
  if (masked[labelEnd + 1] === '[') {
    const close = closingBracket(masked, labelEnd + 1);
    if (close !== -1) {
      const label = text.slice(labelEnd + 2, close);
      return { label: label.trim() ? label : alt, end: close + 1 };
    }
  }
  return { label: alt, end: labelEnd + 1 };
}

const DEFINITION = /^ {0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*\n?[ \t]*(<(?:[^<>\n\\]|\\.)*>|\S+)/gm;

function linkDefinitions(text: string, masked: string): Map<string, Definition> {
  const definitions = new Map<string, Definition>();
  for (const match of masked.matchAll(DEFINITION)) {
    const key = normalizeLabel(match[1]);
    if (!key || definitions.has(key)) continue; // the first definition of a label wins
    const raw = match[2];
    const angled = raw.startsWith('<');
    const targetEnd = match.index + match[0].length - (angled ? 1 : 0);
    const targetStart = match.index + match[0].length - raw.length + (angled ? 1 : 0);
    const rawTarget = text.slice(targetStart, targetEnd);
    definitions.set(key, { targetStart, targetEnd, rawTarget, destination: decodeEntities(unescapeMarkdown(rawTarget)) });
  }
  return definitions;
}

function normalizeLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().toLowerCase();
}

function closingBracket(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === '\\') i++;
    else if (masked[i] === '[') depth++;
    else if (masked[i] === ']' && --depth === 0) return i;
    else if (masked.startsWith('\n\n', i)) return -1; // a blank line ends the paragraph
  }
  return -1;
}

function skipTitle(masked: string, i: number): number {
  const close = { '"': '"', "'": "'", '(': ')' }[masked[i]];
  if (!close) return i;
  for (let j = i + 1; j < masked.length; j++) {
    if (masked[j] === '\\') j++;
    else if (masked[j] === close) return j + 1;
  }
  return -1;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /[ \t\n]/.test(text[i])) i++;
  return i;
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// ---- HTML --------------------------------------------------------------------------------------

// `d`: the offsets of the value, whichever of the three quotings it uses.
const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/dy;

function htmlImages(text: string, masked: string): ImageReference[] {
  const references: ImageReference[] = [];
  for (const match of masked.matchAll(/<img(?=[\s/>])/gi)) {
    const attributes = new Map<string, { value: string; start: number; end: number }>();
    let i = match.index + match[0].length;
    for (;;) {
      ATTRIBUTE.lastIndex = i;
      const attribute = ATTRIBUTE.exec(masked);
      if (!attribute) break;
      const [start, end] = attribute.indices?.[2] ?? attribute.indices?.[3] ?? attribute.indices?.[4] ?? [0, 0];
      const name = attribute[1].toLowerCase();
      if (!attributes.has(name)) attributes.set(name, { value: text.slice(start, end), start, end });
      i = attribute.index + attribute[0].length;
    }
    const close = /^\s*\/?>/.exec(masked.slice(i, i + 64));
    const src = attributes.get('src');
    if (!close || !src) continue;
    const path = localPath(decodeEntities(src.value));
    if (!path) continue;
    references.push({
      start: match.index,
      end: i + close[0].length,
      targetStart: src.start,
      targetEnd: src.end,
      rawTarget: src.value,
      path,
      alt: decodeEntities(attributes.get('alt')?.value ?? '').replace(/\s+/g, ' ').trim(),
      width: pixels(attributes.get('width')?.value),
      height: pixels(attributes.get('height')?.value),
    });
  }
  return references;
}

/** `640` or `640px`; a percentage or anything else says nothing about the image's own shape. */
function pixels(value: string | undefined): number | undefined {
  const match = value && /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value);
  const number = match ? Number(match[1]) : NaN;
  return number > 0 ? number : undefined;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

// ---- Masking: same length, newlines kept, so offsets into the masked text are offsets into the text.

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

function maskHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
}

function maskHtmlRawText(text: string): string {
  return text.replace(/(<(script|style)\b[^>]*>)([\s\S]*?)(<\/\2\s*>|$)/gi, (_all, open: string, _name, body: string, close: string) => open + blank(body) + close);
}

/** Fenced code blocks and code spans, where `![a](b)` is literal text. */
function maskMarkdownCode(text: string): string {
  const fenced = text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\2[`~]*[ \t]*$|(?![\s\S]))/gm, blank);
  return fenced.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (span) => (span.includes('\n\n') ? span : blank(span)));
}
