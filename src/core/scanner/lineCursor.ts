// Where the block parser is in the current line, tracked as commonmark.js tracks it: an offset and a
// column (a tab reaches the next multiple of four, and may be consumed part by part), the next
// non-space character, and the line-level tests that read from it.

const TAB = 9;
const SPACE = 32;
const CODE_INDENT = 4;
const BULLET = /[*+-]/y;
const ORDERED = /(\d{1,9})([.)])/y;
const NON_SPACE = /[^ \t\f\v\r\n]/;

export const isSpaceOrTab = (code: number): boolean => code === SPACE || code === TAB;

export interface ListData {
  type: 'bullet' | 'ordered';
  /** The bullet, or the delimiter after the number: a list goes on only with the same. */
  marker: string;
  markerOffset: number;
  padding: number;
}

export class LineCursor {
  protected line = '';
  protected lineStart = 0;
  protected offset = 0;
  protected column = 0;
  protected nextNonspace = 0;
  protected nextNonspaceColumn = 0;
  protected indent = 0;
  protected indented = false;
  protected blank = false;
  protected partiallyConsumedTab = false;
  /** Where a thematic break of some marker failed on this line: nested list items do not rescan it. */
  private thematicFailure = { lineStart: -1, marker: 0, from: 0, at: 0 };

  protected startLine(line: string, lineStart: number): void {
    this.line = line;
    this.lineStart = lineStart;
    this.offset = this.column = 0;
    this.blank = this.partiallyConsumedTab = false;
  }

  protected findNextNonspace(): void {
    const line = this.line;
    let i = this.offset;
    let columns = this.column;
    for (let code = line.charCodeAt(i); code === SPACE || code === TAB; code = line.charCodeAt(++i)) columns += code === TAB ? 4 - (columns % 4) : 1;
    this.blank = i >= line.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = columns;
    this.indent = columns - this.column;
    this.indented = this.indent >= CODE_INDENT;
  }

  protected advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  /** Moves on `count` characters, or with `columns` that many columns, a tab counting to the next stop. */
  protected advanceOffset(count: number, columns: boolean): void {
    while (count > 0 && this.offset < this.line.length) {
      if (this.line.charCodeAt(this.offset) === TAB) {
        const toTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = toTab > count;
          const advance = Math.min(toTab, count);
          this.column += advance;
          if (!this.partiallyConsumedTab) this.offset += 1;
          count -= advance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += toTab;
          this.offset += 1;
          count -= 1;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset += 1;
        this.column += 1;
        count -= 1;
      }
    }
  }

  /** Three or more of one of `*`, `-`, `_`, and nothing else but spaces and tabs. */
  protected isThematicBreak(at: number): boolean {
    const line = this.line;
    const marker = line.charCodeAt(at);
    if (marker !== 42 && marker !== 45 && marker !== 95) return false;
    const failure = this.thematicFailure;
    if (failure.lineStart === this.lineStart && failure.marker === marker && at >= failure.from && at < failure.at) return false;
    let count = 0;
    let i = at;
    for (; i < line.length; i++) {
      const code = line.charCodeAt(i);
      if (code === marker) count++;
      else if (!isSpaceOrTab(code)) break;
    }
    if (i < line.length) this.thematicFailure = { lineStart: this.lineStart, marker, from: at, at: i };
    return i === line.length && count >= 3;
  }

  /** The end of an ATX heading's text: a closing run of `#` and the spaces around it are not part of it. */
  protected headingEnd(): number {
    const line = this.line;
    let end = line.length;
    while (end > this.offset && isSpaceOrTab(line.charCodeAt(end - 1))) end--;
    let hashes = end;
    while (hashes > this.offset && line.charCodeAt(hashes - 1) === 35) hashes--;
    if (hashes === end) return line.length;
    if (hashes === this.offset) return this.offset;
    if (!isSpaceOrTab(line.charCodeAt(hashes - 1))) return line.length;
    while (hashes > this.offset && isSpaceOrTab(line.charCodeAt(hashes - 1))) hashes--;
    return hashes;
  }

  /** A list item's marker at the next non-space character, taken with the spaces after it. */
  protected listMarker(interruptsParagraph: boolean): ListData | undefined {
    const line = this.line;
    if (this.indent >= 4) return undefined;
    const markerOffset = this.indent;
    BULLET.lastIndex = this.nextNonspace;
    const bullet = BULLET.exec(line)?.[0];
    ORDERED.lastIndex = this.nextNonspace;
    const ordered = bullet ? null : ORDERED.exec(line);
    if (!bullet && !(ordered && (!interruptsParagraph || Number(ordered[1]) === 1))) return undefined;
    const marker = bullet ?? ordered![0];
    const after = line.charCodeAt(this.nextNonspace + marker.length);
    if (!(Number.isNaN(after) || isSpaceOrTab(after))) return undefined;
    if (interruptsParagraph && !NON_SPACE.test(line.slice(this.nextNonspace + marker.length))) return undefined;
    this.advanceNextNonspace();
    this.advanceOffset(marker.length, true);
    const spacesStartColumn = this.column;
    const spacesStartOffset = this.offset;
    do this.advanceOffset(1, true);
    while (this.column - spacesStartColumn < 5 && isSpaceOrTab(line.charCodeAt(this.offset)));
    const spaces = this.column - spacesStartColumn;
    let padding = marker.length + spaces;
    if (spaces >= 5 || spaces < 1 || this.offset >= line.length) {
      padding = marker.length + 1;
      this.column = spacesStartColumn;
      this.offset = spacesStartOffset;
      if (isSpaceOrTab(line.charCodeAt(this.offset))) this.advanceOffset(1, true);
    }
    return { type: bullet ? 'bullet' : 'ordered', marker: bullet ?? ordered![2], markerOffset, padding };
  }
}
