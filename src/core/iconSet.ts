// The files of an icon set, as the setting nanoBanana.iconSet names them, and the HTML and web-manifest
// lines that point a site at them.
import { t } from './l10n';

/** One file: an .ico holds several sizes, a .png one. */
export interface IconFile {
  fileName: string;
  sizes: number[];
}

/** What a site needs today: the classic favicon, a PNG favicon, Apple's touch icon and the two PWA sizes. */
export const DEFAULT_ICON_SET: Record<string, number | number[]> = {
  'favicon.ico': [16, 32, 48],
  'favicon-32x32.png': 32,
  'apple-touch-icon.png': 180,
  'icon-192.png': 192,
  'icon-512.png': 512,
};

const FILE_NAME = /^[A-Za-z0-9][\w.-]*\.(png|ico)$/i;
/** The .ico format stores a side in one byte (0 meaning 256). */
const MAX_ICO_SIDE = 256;
/** Larger than any icon a platform asks for, and the square a 1K result gives. */
const MAX_PNG_SIDE = 1024;

/** The files to write, or a sentence saying what in the setting is wrong. */
export function iconFilesFrom(setting: unknown): { files: IconFile[] } | { error: string } {
  if (!setting || typeof setting !== 'object' || Array.isArray(setting) || Object.keys(setting).length === 0) {
    return { error: t('nanoBanana.iconSet must name at least one file, e.g. {"favicon.ico": [16, 32, 48]}.') };
  }
  const files: IconFile[] = [];
  for (const [fileName, value] of Object.entries(setting)) {
    if (!FILE_NAME.test(fileName)) return { error: t('nanoBanana.iconSet: "{0}" must be a plain file name ending in .png or .ico.', fileName) };
    const ico = fileName.toLowerCase().endsWith('.ico');
    const sizes = Array.isArray(value) ? value : [value];
    const max = ico ? MAX_ICO_SIDE : MAX_PNG_SIDE;
    const valid = sizes.length > 0 && sizes.every((size) => Number.isInteger(size) && size >= 1 && size <= max);
    if (!valid || (!ico && sizes.length !== 1)) {
      return { error: ico ? t('nanoBanana.iconSet: "{0}" needs sizes from 1 to {1} px.', fileName, max) : t('nanoBanana.iconSet: "{0}" needs one size from 1 to {1} px.', fileName, max) };
    }
    files.push({ fileName, sizes: sizes as number[] });
  }
  return { files };
}

/** Every size the files need, largest first, each once. */
export function allIconSizes(files: readonly IconFile[]): number[] {
  return [...new Set(files.flatMap((file) => file.sizes))].sort((a, b) => b - a);
}

/**
 * `<link>` tags and manifest `icons` entries for the files as saved (their names may carry a `-2`),
 * assuming the folder is served at the site's root. PNGs of 144 px and more are a web app's icons;
 * a name with `apple-touch-icon` is Apple's; other PNGs and .ico files are favicons.
 */
export function iconMarkup(saved: ReadonlyArray<{ savedName: string; sizes: number[] }>): string {
  const links: string[] = [];
  const manifest: string[] = [];
  for (const { savedName, sizes } of saved) {
    const href = `/${savedName}`;
    const sizeList = sizes.map((size) => `${size}x${size}`).join(' ');
    if (savedName.toLowerCase().endsWith('.ico')) links.push(`<link rel="icon" href="${href}" sizes="${sizeList}">`);
    else if (/apple-touch-icon/i.test(savedName)) links.push(`<link rel="apple-touch-icon" sizes="${sizeList}" href="${href}">`);
    else if (sizes[0] >= 144) manifest.push(`  { "src": "${href}", "sizes": "${sizeList}", "type": "image/png" }`);
    else links.push(`<link rel="icon" type="image/png" sizes="${sizeList}" href="${href}">`);
  }
  const manifestBlock = manifest.length > 0 ? ['', '"icons": [', manifest.join(',\n'), ']'] : [];
  return [...links, ...manifestBlock].join('\n');
}
