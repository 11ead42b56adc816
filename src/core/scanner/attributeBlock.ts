// The size a Markdown image can carry in braces right after it, as Pandoc, kramdown and markdown-it-attrs
// write it: `![alt](a.png){width=300 height=200}` or `{: width="300px" height="200px"}`. CommonMark leaves
// the braces as text; these tools, and the pages written for them, mean a size.
import { pixels } from './htmlTags';

/** At most this much of the text after an image is looked at: a block is short, and the scan stays linear. */
const MAX_BLOCK = 200;
const BLOCK = /^\{:?([^{}\n]*)\}/;
const ATTRIBUTE = /(?:^|\s)(width|height)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]+))/g;

/** `width` and `height` in pixels from a block starting at `at`; a side in other units (`50%`) is left out. */
export function attributeBlockSize(text: string, at: number): { width?: number; height?: number } {
  const block = BLOCK.exec(text.slice(at, at + MAX_BLOCK))?.[1];
  if (block === undefined) return {};
  const size: { width?: number; height?: number } = {};
  for (const [, side, double, single, bare] of block.matchAll(ATTRIBUTE)) {
    const value = pixels(double ?? single ?? bare);
    if (value !== undefined) size[side as 'width' | 'height'] = value;
  }
  return size;
}
