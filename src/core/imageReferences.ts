// Image references in Markdown and HTML source, found with their offsets so a reference to a missing
// file can be offered a quick fix and later written back. What counts as an image is what CommonMark
// and browsers say (src/core/scanner/): nothing in code, comments, scripts or styles is a reference.

import type { ReferenceLanguage } from './scanner/scan';

export type { ReferenceLanguage };

export interface ImageReference {
  /** Offsets of the whole reference: `![alt](path)`, `![alt][label]` or `<img …>`. */
  start: number;
  end: number;
  /** Offsets of the target as written (inside `<…>` or quotes; in the definition for `![alt][label]`). */
  targetStart: number;
  targetEnd: number;
  rawTarget: string;
  /** The local path it names, unescaped and percent-decoded, without query or fragment. */
  path: string;
  alt: string;
  width?: number;
  height?: number;
}

type Scanner = typeof import('./scanner/scan');
let scanner: Scanner | undefined;
/**
 * A CommonMark parser and the HTML entity table, kept out of activation (dist/scanner.js): the first
 * code-action request in a Markdown or HTML document loads them.
 */
const loadScanner = (): Scanner => (scanner ??= require('./scanner/scan') as Scanner);

/** Every reference to a local file; remote (`https:`, `data:`, `//host`) and empty targets are left out. */
export function findImageReferences(text: string, language: ReferenceLanguage): ImageReference[] {
  const references: ImageReference[] = [];
  for (const { start, end, targetStart, targetEnd, destination, alt, width, height } of loadScanner().scanImages(text, language)) {
    const path = localPath(destination);
    if (path === undefined) continue;
    const reference: ImageReference = { start, end, targetStart, targetEnd, rawTarget: text.slice(targetStart, targetEnd), path, alt };
    if (width !== undefined) reference.width = width;
    if (height !== undefined) reference.height = height;
    references.push(reference);
  }
  return references;
}

/** The local path a target names, or undefined when it is remote or empty. */
export function localPath(target: string): string | undefined {
  const trimmed = target.trim();
  if (!trimmed || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//')) return undefined;
  const withoutSuffix = trimmed.replace(/[?#].*$/s, '');
  if (!withoutSuffix) return undefined;
  try {
    return decodeURIComponent(withoutSuffix);
  } catch {
    return withoutSuffix; // a lone `%` is a literal percent sign to most renderers
  }
}
