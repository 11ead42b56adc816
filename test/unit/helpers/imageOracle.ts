// What the reference implementations say a document's images are: commonmark.js's syntax tree for
// Markdown, with each raw HTML node read by parse5 as a fragment of its own, and parse5 for HTML.
import { Parser, type Node } from 'commonmark';
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

export interface OracleImage {
  /** Percent-escapes decoded where they are valid, so a destination compares whether percent-encoded or not. */
  destination: string;
  alt: string;
}

export interface LocatedImage extends OracleImage {
  /** The start tag. */
  start: number;
  end: number;
  /** The `src` value as written, inside its quotes. */
  targetStart: number;
  targetEnd: number;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

const utf8 = new TextDecoder();

/** commonmark.js percent-encodes destinations; this scanner does not. Both sides go through this. */
export function comparableDestination(destination: string): string {
  return destination.replace(/(?:%[0-9a-f]{2})+/gi, (escapes) => utf8.decode(Uint8Array.from(escapes.slice(1).split('%'), (hex) => parseInt(hex, 16))));
}

function elements(node: ParentNode, found: Element[] = []): Element[] {
  for (const child of node.childNodes) {
    if ('tagName' in child) {
      found.push(child);
      // An HTML template's elements are in its content; one in SVG has none.
      elements('content' in child ? (child as DefaultTreeAdapterMap['template']).content : child, found);
    }
  }
  return found;
}

const attribute = (element: Element, name: string): string | undefined => element.attrs.find((a) => a.name === name)?.value;

const images = (root: ParentNode): Element[] => elements(root).filter((element) => element.tagName === 'img' && attribute(element, 'src') !== undefined);

/** parse5's `<img>` elements with a `src`, with the offsets of their start tag and `src` value. */
export function htmlOracle(html: string): LocatedImage[] {
  return images(parse(html, { sourceCodeLocationInfo: true })).map((element) => {
    const location = element.sourceCodeLocation!;
    // parse5 locates the whole attribute, `src = "…"`: the value is what follows `=`, spaces and a quote.
    const { startOffset, endOffset } = location.attrs!.src;
    const beforeValue = /^[^=]*(?:=\s*(["']?))?/.exec(html.slice(startOffset, endOffset))!;
    return {
      destination: comparableDestination(attribute(element, 'src')!),
      alt: oneLine(attribute(element, 'alt') ?? ''),
      start: location.startOffset,
      end: location.startTag!.endOffset,
      targetStart: startOffset + beforeValue[0].length,
      targetEnd: endOffset - (beforeValue[1] ? 1 : 0),
    };
  });
}

/** The plain text commonmark.js renders into an image's alt attribute. */
function altText(image: Node): string {
  let text = '';
  const walker = image.walker();
  for (let event = walker.next(); event; event = walker.next()) {
    const { node } = event;
    if (node.type === 'softbreak' || node.type === 'linebreak') text += '\n';
    else if (event.entering && node.literal !== null && node !== image) text += node.literal;
  }
  return oneLine(text);
}

/** commonmark.js's images that are not inside another image's description, and parse5's `<img>` in raw HTML. */
export function markdownOracle(markdown: string): OracleImage[] {
  const found: OracleImage[] = [];
  const walker = new Parser().parse(markdown).walker();
  let insideImage = 0;
  for (let event = walker.next(); event; event = walker.next()) {
    const { node, entering } = event;
    if (node.type === 'image') {
      if (entering && insideImage === 0) found.push({ destination: comparableDestination(node.destination ?? ''), alt: altText(node) });
      insideImage += entering ? 1 : -1;
    } else if (entering && insideImage === 0 && (node.type === 'html_block' || node.type === 'html_inline')) {
      for (const element of images(parseFragment(node.literal ?? ''))) {
        found.push({ destination: comparableDestination(attribute(element, 'src')!), alt: oneLine(attribute(element, 'alt') ?? '') });
      }
    }
  }
  return found;
}
