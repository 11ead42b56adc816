// The block structure of a Markdown document, as far as images need it: which lines are paragraphs
// and headings (inline content), which are HTML blocks, which are code (where nothing is a reference),
// and the link reference definitions. A port of commonmark.js's block parser that keeps offsets.

import { Content } from './content';
import { parseDefinitions, type Definitions } from './linkSyntax';
import { isSpaceOrTab, LineCursor, type ListData } from './lineCursor';
import { HTML_BLOCK_CLOSE, HTML_BLOCK_OPEN } from './markdownHtml';

const CODE_INDENT = 4;
/** Deeper containers are read as text: each one costs every line that goes on through it a little. */
const MAX_OPEN = 64;

type BlockType = 'document' | 'quote' | 'list' | 'item' | 'paragraph' | 'heading' | 'thematic' | 'code' | 'fence' | 'html';

interface Block {
  type: BlockType;
  hasChild?: boolean;
  list?: ListData;
  fence?: { char: string; length: number; offset: number };
  htmlType?: number;
  /** Paragraphs and HTML blocks: [start, end) document offsets of each line. */
  lines?: number[];
  /** Paragraphs: how much of the content was already read as definitions. */
  taken?: number;
}

export interface Blocks {
  /** Paragraphs and headings: their content and where the inline text starts in it. */
  inline: Array<{ content: Content; from: number }>;
  html: Content[];
  definitions: Definitions;
}

const ACCEPTS_LINES = new Set<BlockType>(['paragraph', 'code', 'fence', 'html']);
const MAYBE_SPECIAL = /[#`~*+_=<>0-9-]/;
const ATX_HEADING = /#{1,6}(?:[ \t]+|$)/y;
const CODE_FENCE = /`{3,}(?!.*`)|~{3,}/y;
const CLOSING_FENCE = /(?:`{3,}|~{3,})(?=[ \t]*$)/y;
const SETEXT_UNDERLINE = /(?:=+|-+)[ \t]*$/y;
const NON_SPACE = /[^ \t\f\v\r\n]/;

/** Blocks a blank line ends: all others go on through it. */
const endsAtBlank = (block: Block): boolean =>
  block.type === 'quote' || block.type === 'paragraph' || block.type === 'heading' || block.type === 'thematic'
  || (block.type === 'item' && !block.hasChild) || (block.type === 'html' && block.htmlType! >= 6);
const canContain = (parent: BlockType, child: BlockType): boolean =>
  parent === 'list' ? child === 'item' : (parent === 'document' || parent === 'quote' || parent === 'item') && child !== 'item';

function matchAt(pattern: RegExp, line: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(line)?.[0];
}

class BlockParser extends LineCursor {
  readonly result: Blocks = { inline: [], html: [], definitions: new Map() };
  private readonly open: Block[] = [{ type: 'document' }];
  /** Where in `open` the blocks a blank line ends are, lowest first: a blank line needs only the first. */
  private readonly blankEnds: number[] = [];
  private allClosed = true;
  private lastMatched = 1;

  constructor(private readonly source: string) {
    super();
  }

  private get tip(): Block {
    return this.open[this.open.length - 1];
  }

  parse(): Blocks {
    const ending = /\r\n|\n|\r/g;
    let start = 0;
    for (let match = ending.exec(this.source); match; match = ending.exec(this.source)) {
      this.incorporate(start, match.index);
      start = match.index + match[0].length;
    }
    if (start < this.source.length) this.incorporate(start, this.source.length);
    while (this.open.length > 0) this.finalize();
    return this.result;
  }

  private incorporate(start: number, end: number): void {
    this.startLine(this.source.slice(start, end), start);
    let matched = 1;
    if (/^[ \t]*$/.test(this.line)) {
      // What asking each open block would find, without the cost growing with the nesting. An HTML
      // block's blank line keeps no spaces: they mean nothing to the tags in it.
      matched = this.blankEnds[0] ?? this.open.length;
      this.offset = this.line.length;
      this.blank = true;
    } else {
      for (; matched < this.open.length; matched++) {
        this.findNextNonspace();
        const result = this.continues(this.open[matched]);
        if (result === 2) return;
        if (result === 1) break;
      }
    }
    this.allClosed = matched === this.open.length;
    this.lastMatched = matched;
    let container = this.open[matched - 1];
    let matchedLeaf = container.type !== 'paragraph' && ACCEPTS_LINES.has(container.type);
    while (!matchedLeaf) {
      this.findNextNonspace();
      if (!this.indented && !MAYBE_SPECIAL.test(this.line.charAt(this.nextNonspace) || '.')) {
        this.advanceNextNonspace();
        break;
      }
      const result = this.blockStart(container);
      if (result === 0) {
        this.advanceNextNonspace();
        break;
      }
      container = this.tip;
      matchedLeaf = result === 2;
    }
    if (!this.allClosed && !this.blank && this.tip.type === 'paragraph') {
      this.addLine(); // a lazy continuation line
      return;
    }
    this.closeUnmatched();
    if (ACCEPTS_LINES.has(container.type)) {
      this.addLine();
      const type = container.htmlType ?? 0;
      if (type >= 1 && type <= 5 && HTML_BLOCK_CLOSE[type].test(this.line.slice(this.offset))) this.finalize();
    } else if (this.offset < this.line.length && !this.blank) {
      this.addChild({ type: 'paragraph', lines: [] });
      this.advanceNextNonspace();
      this.addLine();
    }
  }

  /** Whether the open block goes on on this line: 0 it does, 1 it does not, 2 the line is done (a closing fence). */
  private continues(block: Block): 0 | 1 | 2 {
    const line = this.line;
    switch (block.type) {
      case 'quote':
        if (this.indented || line.charCodeAt(this.nextNonspace) !== 62) return 1;
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(line.charCodeAt(this.offset))) this.advanceOffset(1, true);
        return 0;
      case 'item': {
        const { markerOffset, padding } = block.list!;
        if (this.blank) {
          if (!block.hasChild) return 1;
          this.advanceNextNonspace();
        } else if (this.indent >= markerOffset + padding) this.advanceOffset(markerOffset + padding, true);
        else return 1;
        return 0;
      }
      case 'fence': {
        const fence = block.fence!;
        const closing = this.indent <= 3 && line.charAt(this.nextNonspace) === fence.char ? matchAt(CLOSING_FENCE, line, this.nextNonspace) : undefined;
        if (closing && closing.length >= fence.length) {
          this.finalize();
          return 2;
        }
        for (let i = fence.offset; i > 0 && isSpaceOrTab(line.charCodeAt(this.offset)); i--) this.advanceOffset(1, true);
        return 0;
      }
      case 'code':
        if (this.indent >= CODE_INDENT) this.advanceOffset(CODE_INDENT, true);
        else if (this.blank) this.advanceNextNonspace();
        else return 1;
        return 0;
      case 'html':
        return this.blank && (block.htmlType === 6 || block.htmlType === 7) ? 1 : 0;
      case 'paragraph':
        return this.blank ? 1 : 0;
      case 'list':
        return 0;
      default:
        return 1;
    }
  }

  /** The block starts commonmark.js tries, in its order: 0 none, 1 a container (keep going), 2 a leaf. */
  private blockStart(container: Block): 0 | 1 | 2 {
    const line = this.line;
    const at = this.nextNonspace;
    const code = line.charCodeAt(at);
    const roomForContainer = this.open.length < MAX_OPEN;
    if (!this.indented) {
      if (code === 62 && roomForContainer) {
        this.advanceNextNonspace();
        this.advanceOffset(1, false);
        if (isSpaceOrTab(line.charCodeAt(this.offset))) this.advanceOffset(1, true);
        this.closeUnmatched();
        this.addChild({ type: 'quote' });
        return 1;
      }
      const atx = matchAt(ATX_HEADING, line, at);
      if (atx !== undefined) {
        this.advanceNextNonspace();
        this.advanceOffset(atx.length, false);
        this.closeUnmatched();
        this.addChild({ type: 'heading' });
        this.result.inline.push({ content: new Content(this.source, [this.lineStart + this.offset, this.lineStart + this.headingEnd()]), from: 0 });
        this.advanceOffset(line.length - this.offset, false);
        return 2;
      }
      const fence = matchAt(CODE_FENCE, line, at);
      if (fence !== undefined) {
        this.closeUnmatched();
        this.addChild({ type: 'fence', fence: { char: fence[0], length: fence.length, offset: this.indent } });
        this.advanceNextNonspace();
        this.advanceOffset(fence.length, false);
        return 2;
      }
      if (code === 60) {
        const rest = line.slice(at);
        const maybeLazy = !this.allClosed && !this.blank && this.tip.type === 'paragraph';
        for (let type = 1; type <= 7; type++) {
          if (!HTML_BLOCK_OPEN[type].test(rest) || (type === 7 && (container.type === 'paragraph' || maybeLazy))) continue;
          this.closeUnmatched();
          this.addChild({ type: 'html', htmlType: type, lines: [] });
          return 2;
        }
      }
      if (container.type === 'paragraph' && matchAt(SETEXT_UNDERLINE, line, at) !== undefined && this.setextHeading(container)) return 2;
      if (this.isThematicBreak(at)) {
        this.closeUnmatched();
        this.addChild({ type: 'thematic' });
        this.advanceOffset(line.length - this.offset, false);
        return 2;
      }
    }
    if ((!this.indented || container.type === 'list') && roomForContainer) {
      const list = this.listMarker(container.type === 'paragraph');
      if (list) {
        this.closeUnmatched();
        const tip = this.tip;
        if (tip.type !== 'list' || tip.list!.type !== list.type || tip.list!.marker !== list.marker) this.addChild({ type: 'list', list });
        this.addChild({ type: 'item', list });
        return 1;
      }
    }
    if (this.indented && this.tip.type !== 'paragraph' && !this.blank) {
      this.advanceOffset(CODE_INDENT, true);
      this.closeUnmatched();
      this.addChild({ type: 'code' });
      return 2;
    }
    return 0;
  }

  /** A `===` or `---` line under a paragraph: a heading, unless the paragraph was all definitions. */
  private setextHeading(paragraph: Block): boolean {
    this.closeUnmatched();
    const content = new Content(this.source, paragraph.lines!);
    paragraph.taken = parseDefinitions(content, paragraph.taken ?? 0, this.result.definitions);
    if (paragraph.taken >= content.text.length) return false;
    this.result.inline.push({ content, from: paragraph.taken });
    this.open[this.open.length - 1] = { type: 'heading' }; // ends at a blank line, as the paragraph did
    this.advanceOffset(this.line.length - this.offset, false);
    return true;
  }

  private addLine(): void {
    if (this.partiallyConsumedTab) this.offset += 1;
    this.tip.lines?.push(this.lineStart + this.offset, this.lineStart + this.line.length);
  }

  private addChild(block: Block): void {
    while (!canContain(this.tip.type, block.type)) this.finalize();
    if (this.blankEnds.at(-1) === this.open.length - 1 && this.tip.type === 'item') this.blankEnds.pop(); // no longer empty
    this.tip.hasChild = true;
    this.open.push(block);
    if (endsAtBlank(block)) this.blankEnds.push(this.open.length - 1);
  }

  private closeUnmatched(): void {
    if (this.allClosed) return;
    while (this.open.length > this.lastMatched) this.finalize();
    this.allClosed = true;
  }

  private finalize(): void {
    if (this.blankEnds.at(-1) === this.open.length - 1) this.blankEnds.pop();
    const block = this.open.pop()!;
    if (block.type === 'html') this.result.html.push(new Content(this.source, block.lines!));
    if (block.type !== 'paragraph') return;
    const content = new Content(this.source, block.lines!);
    const taken = this.source.charCodeAt(content.start) === 91 || block.taken ? parseDefinitions(content, block.taken ?? 0, this.result.definitions) : 0;
    // A paragraph's lines are not blank: only definitions can have taken all of it.
    if (taken === 0 || NON_SPACE.test(content.text.slice(taken))) this.result.inline.push({ content, from: taken });
  }
}

export function parseBlocks(source: string): Blocks {
  return new BlockParser(source).parse();
}
