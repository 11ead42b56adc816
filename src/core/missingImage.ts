// The rules for turning a reference to a missing image into that image: where it goes, what shape it
// is asked for in, what it is called once its real type is known, and how the reference then reads.
import { posix } from 'node:path';
import { t } from './l10n';
import type { JobOptions } from '../model/job';
import { withExactSize } from './exactSize';
import { aspectRatioFor } from './imageGeometry';
import { pixelSizeOf } from './pixelSize';
import { initialOptions, type OptionDefaults } from './options';
import { isInsideFolder } from './outputPath';

/**
 * One image, shaped like the reference's `width` and `height` when it gives both: exactly that many
 * pixels when they are usable pixel counts, else at least their ratio.
 */
export function optionsForReference(defaults: OptionDefaults, last: JobOptions | undefined, width?: number, height?: number): JobOptions {
  const options = { ...withExactSize(initialOptions('generate', defaults, last), undefined), count: 1 };
  const exact = pixelSizeOf(width, height);
  if (exact) return withExactSize(options, exact);
  return { ...options, aspectRatio: aspectRatioFor(width, height) ?? options.aspectRatio };
}

/**
 * The file a reference's path names: relative to the document's folder, or to the workspace folder
 * for a leading `/` (as static site generators and VS Code's Markdown preview read it). A path that
 * leaves the workspace folder comes with an error: a document must not make the extension write
 * elsewhere (its path is still given, to tell whether the file is there).
 */
export function resolveReferencePath(documentFolder: string, workspaceFolder: string, path: string): { path: string; error?: string } {
  const normalized = path.replace(/\\/g, '/');
  const resolved = normalized.startsWith('/') ? posix.join(workspaceFolder, normalized) : posix.resolve(documentFolder, normalized);
  if (!isInsideFolder(workspaceFolder, resolved)) {
    return { path: resolved, error: t('The image path "{0}" points outside the workspace folder; only images inside it can be generated.', path) };
  }
  return { path: resolved };
}

/** Extensions that name an image type: a different real type replaces them rather than being appended. */
const IMAGE_EXTENSIONS = /\.(png|jpe?g|jfif|webp|gif|avif|bmp|svg|tiff?|heic|ico)$/i;
const SAME_TYPE: Record<string, RegExp> = { png: /^png$/i, jpg: /^(jpe?g|jfif)$/i, webp: /^webp$/i, gif: /^gif$/i };

/**
 * The name to save under: the referenced one when its extension fits the real type (its spelling
 * kept: `.jpeg`, `.PNG`), else the real type's extension in place of the wrong one (or added).
 */
export function fileNameForType(referencedName: string, realExtension: string): string {
  const extension = /\.([^.]+)$/.exec(referencedName)?.[1];
  if (extension && SAME_TYPE[realExtension]?.test(extension)) return referencedName;
  const stem = IMAGE_EXTENSIONS.test(referencedName) ? referencedName.replace(IMAGE_EXTENSIONS, '') : referencedName;
  return `${stem}.${realExtension}`;
}

/**
 * The reference's target as written, renamed from `referencedName` to `savedName` in the same
 * folder, in the user's own style: `./`, `<…>`, percent-escapes, query and fragment stay as they were.
 * `savedName` starts with the referenced name's stem (only the extension or a `-2` differ).
 */
export function renamedTarget(rawTarget: string, referencedName: string, savedName: string): string {
  const suffixAt = rawTarget.search(/[?#]/);
  const rawPath = suffixAt === -1 ? rawTarget : rawTarget.slice(0, suffixAt);
  const suffix = suffixAt === -1 ? '' : rawTarget.slice(suffixAt);
  const segmentAt = Math.max(rawPath.lastIndexOf('/'), rawPath.lastIndexOf('\\')) + 1;
  const rawName = rawPath.slice(segmentAt);
  const stem = referencedName.replace(IMAGE_EXTENSIONS, '');
  const removed = referencedName.slice(stem.length);
  // The name as written ends with the part that changes (`.png`): swap just that, keeping the rest verbatim.
  if (savedName.startsWith(stem) && rawName.toLowerCase().endsWith(removed.toLowerCase())) {
    const rawStem = rawName.slice(0, rawName.length - removed.length);
    return `${rawPath.slice(0, segmentAt)}${rawStem}${savedName.slice(stem.length)}${suffix}`;
  }
  return `${rawPath.slice(0, segmentAt)}${encodeURIComponent(savedName)}${suffix}`;
}

/** The alt text, or else words from the file name (`banana-astronaut.png` → `banana astronaut`). */
export function promptForReference(alt: string, path: string): string {
  if (alt.trim()) return alt.trim();
  return posix.basename(path.replace(/\\/g, '/')).replace(IMAGE_EXTENSIONS, '').replace(/[-_.\s]+/g, ' ').trim();
}
