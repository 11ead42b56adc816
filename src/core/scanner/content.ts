// The lines of one Markdown block as its parsers read them, container markers and indentation taken
// off and joined with '\n' (as commonmark.js keeps a block's content), with the way back from an
// offset in that text to the document's.

export class Content {
  private joined: string | undefined;
  /** Where each line starts in `text`. */
  private readonly starts: number[] = [];

  /** `lines`: [start, end) document offsets, one pair per line, end before the line ending. */
  constructor(
    private readonly source: string,
    private readonly lines: readonly number[],
  ) {}

  get start(): number {
    return this.lines[0];
  }

  get end(): number {
    return this.lines[this.lines.length - 1];
  }

  /** Built on first use: most paragraphs hold neither an image nor a definition and are never read. */
  get text(): string {
    return this.joined ?? this.join();
  }

  /** The document offset of `index` in `text`; the '\n' after a line is that line's end. */
  sourceOffset(index: number): number {
    if (this.joined === undefined) this.join();
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return this.lines[2 * low] + index - this.starts[low];
  }

  private join(): string {
    const parts: string[] = [];
    for (let i = 0, at = 0; i < this.lines.length; i += 2) {
      this.starts.push(at);
      parts.push(this.source.slice(this.lines[i], this.lines[i + 1]));
      at += this.lines[i + 1] - this.lines[i] + 1;
    }
    this.joined = `${parts.join('\n')}\n`;
    return this.joined;
  }
}
