// The project style: text added to every prompt and images sent with every generation as style
// references, so the placeholder art of one project looks like one project. The wording sent to the
// service is English on purpose, as prompts are; what the user reads goes through t().
import { posix } from 'node:path';
import { t } from './l10n';
import { isInsideFolder } from './outputPath';

/** More would crowd out the images being edited; the vendor's own UIs take a handful in all. */
export const MAX_STYLE_IMAGES = 4;
const SUMMARY_TEXT_LENGTH = 48;

/**
 * The prompt as sent: the user's, then the style text, then what the style images are for. An edit's own
 * images come first (the first one sets the result's ratio), so the style images are the last ones.
 */
export function styledPrompt(prompt: string, style: { text?: string; images: number }, editInputs: number): string {
  const parts = [prompt];
  if (style.text) parts.push(`Style: ${style.text}`);
  if (style.images > 0) {
    const one = style.images === 1;
    const subject = editInputs > 0
      ? one ? 'The last attached image is a style reference' : `The last ${style.images} attached images are style references`
      : one ? 'The attached image is a style reference' : `The ${style.images} attached images are style references`;
    const its = one ? 'its' : 'their';
    parts.push(`${subject} only: follow ${its} style (palette, technique, line, mood), not ${its} content.`);
  }
  return parts.join('\n\n');
}

/** The style in a few words for a list or a confirmation ("flat vector, pastel… · 2 style images"). */
export function styleSummary(text: string | undefined, images: readonly string[]): string | undefined {
  const chars = Array.from(text?.trim() ?? '');
  const shortText = chars.length > SUMMARY_TEXT_LENGTH ? `${chars.slice(0, SUMMARY_TEXT_LENGTH - 1).join('').trimEnd()}…` : chars.join('');
  const imageText = images.length === 0 ? '' : images.length === 1 ? t('1 style image') : t('{0} style images', images.length);
  const parts = [shortText, imageText].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/**
 * Where a style image named in the settings is: a path relative to the workspace folder that stays inside
 * it. Anything else is refused, so a settings file cannot make the extension upload a file from elsewhere.
 */
export function styleImagePath(root: string, value: unknown): { path: string } | { error: string } {
  if (typeof value !== 'string' || !value.trim()) return { error: t('Each entry must be a path relative to the workspace folder, such as design/style.png.') };
  const given = value.trim().replace(/\\/g, '/');
  const resolved = posix.resolve(root, /^[a-z]:\//i.test(given) ? `/${given}` : given);
  if (!isInsideFolder(root, resolved) || resolved === posix.resolve(root)) return { error: t('"{0}" is outside the workspace folder; only images inside it are sent.', given) };
  return { path: resolved };
}

/** The entries of nanoBanana.styleImages as written: a list, or a single path typed without brackets. */
export function styleImageEntries(setting: unknown): unknown[] {
  if (Array.isArray(setting)) return setting;
  return setting === undefined || setting === null || setting === '' ? [] : [setting];
}
