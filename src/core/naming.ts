// File names made from prompts: short, readable, portable, and unable to climb out of their folder.
import { t } from './l10n';

const MAX_SLUG_LENGTH = 40;

/** Names Windows refuses whatever the extension (`con.png` cannot be created there). */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * `"A cute banana, wearing sunglasses!"` → `a-cute-banana-wearing-sunglasses`.
 * Only ASCII letters, digits and single dashes survive, so no separator, dot or control character can.
 */
export function slugFromPrompt(prompt: string, fallback = 'image'): string {
  const words = prompt
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) {
      if (!slug) slug = word.slice(0, MAX_SLUG_LENGTH);
      break;
    }
    slug = next;
  }
  if (!slug || RESERVED.test(slug)) return slug ? `${slug}-${fallback}` : fallback;
  return slug;
}

/** `name.png`, then `name-2.png`, `name-3.png`, ... */
export function numberedFileName(baseName: string, extension: string, counter: number): string {
  return counter <= 1 ? `${baseName}.${extension}` : `${baseName}-${counter}.${extension}`;
}

/**
 * The first of `name.png`, `name-2.png`, ... that `claim` manages to take (it answers false for a name
 * already taken). Claiming is left to the caller so it can be atomic where the file system allows it:
 * checking first and writing later would let two writers pick the same name.
 */
export async function claimFirstFreeName(folder: string, baseName: string, extension: string, claim: (fileName: string) => Promise<boolean>): Promise<string> {
  for (let counter = 1; counter < 10_000; counter++) {
    const fileName = numberedFileName(baseName, extension, counter);
    if (await claim(fileName)) return fileName;
  }
  throw new Error(t('No free file name for {0} in {1}.', `${baseName}.${extension}`, folder));
}

/** For edits: the source's name plus a suffix, so results sort next to their source. */
export function editedBaseName(sourceFileName: string): string {
  const stem = sourceFileName.replace(/\.[^.]+$/, '');
  return `${slugFromPrompt(stem, 'image')}-edited`;
}
