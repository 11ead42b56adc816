// Markdown image links for generated files. Pure string work on POSIX-style paths (`Uri.path`),
// so the same result comes out on every OS and the rules can be unit-tested without VS Code.
import { posix } from 'node:path';

/** Long enough to say what the image shows, short enough to keep the source line readable. */
const ALT_MAX_LENGTH = 70;
const ALT_FALLBACK = 'image';

/**
 * Path of `toFile` relative to the folder `fromDir`, with forward slashes (`../assets/a.png`).
 * Both are absolute POSIX-style paths as `Uri.path` gives them (`/c:/docs` on Windows).
 */
export function relativeLinkPath(fromDir: string, toFile: string): string {
  const fromDrive = windowsDrive(fromDir);
  const toDrive = windowsDrive(toFile);
  // No relative path leads from one Windows drive to another: the absolute path is the only link that works.
  if (fromDrive !== toDrive) return toFile;
  return posix.relative(lowerCaseDrive(fromDir), lowerCaseDrive(toFile));
}

/** `![alt](target)`, with the alt text shortened and both parts escaped so the link survives any file name. */
export function markdownImageLink(alt: string, target: string): string {
  return `![${escapeAltText(altTextFromPrompt(alt))}](${linkDestination(target)})`;
}

/**
 * One line of at most ALT_MAX_LENGTH characters, cut at a word boundary with an ellipsis.
 * Idempotent, so text that was shortened once can be passed again.
 */
export function altTextFromPrompt(prompt: string): string {
  const singleLine = prompt.replace(/\s+/g, ' ').trim();
  const chars = Array.from(singleLine); // code points: never split an emoji or other surrogate pair
  if (chars.length === 0) return ALT_FALLBACK;
  if (chars.length <= ALT_MAX_LENGTH) return singleLine;

  const head = chars.slice(0, ALT_MAX_LENGTH).join('');
  const lastSpace = head.lastIndexOf(' ');
  // A single very long word (or a language without spaces) is cut mid-word rather than left almost empty.
  const cut = lastSpace > ALT_MAX_LENGTH / 2 ? head.slice(0, lastSpace) : head;
  const shortened = cut.replace(/[\s,;:.\-–—]+$/u, '');
  return `${Array.from(shortened).slice(0, ALT_MAX_LENGTH - 1).join('')}…`;
}

/**
 * Besides the brackets that end the alt text, a backtick or `<` could open a code span or HTML tag
 * that swallows the `](target)` part when a matching character follows later in the paragraph.
 */
function escapeAltText(alt: string): string {
  return alt.replace(/[\\[\]`<>]/g, '\\$&');
}

function linkDestination(target: string): string {
  // Renderers treat the destination as a URL: a literal `%` would be read as the start of an escape,
  // and control characters (a newline in a file name) cannot appear in a destination at all.
  const encoded = target.replace(/[%\u0000-\u001f\u007f]/g, percentEncode);
  // CommonMark's `<...>` form is the one that allows spaces and parentheses.
  if (/[\s()<>]/.test(encoded)) return `<${encoded.replace(/[\\<>]/g, '\\$&')}>`;
  return encoded.replace(/\\/g, '\\\\');
}

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

function windowsDrive(path: string): string {
  return /^\/([a-z]):/i.exec(path)?.[1]?.toLowerCase() ?? '';
}

function lowerCaseDrive(path: string): string {
  return path.replace(/^\/([a-z]):/i, (_match, drive: string) => `/${drive.toLowerCase()}:`);
}
