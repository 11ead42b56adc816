// Content Security Policy of the preview webview: only the extension's own stylesheet and the one
// script tagged with this load's nonce may run; images come from the allowed local folders only.
import { randomBytes } from 'node:crypto';

/** 144 random bits, base64 without padding: unguessable for a page that shows untrusted prompts. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}
