// The preview's static page: a CSP, the stylesheet and the script, and an empty mount point.
// Everything visible is built by the script from posted state, so no data is ever written into HTML here.
import { contentSecurityPolicy } from './csp';

export interface PreviewHtmlParts {
  cspSource: string;
  nonce: string;
  /** `asWebviewUri` of media/preview.css and media/preview.js. */
  styleUri: string;
  scriptUri: string;
}

export function previewHtml({ cspSource, nonce, styleUri, scriptUri }: PreviewHtmlParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttribute(styleUri)}">
  <title>Nano Banana Results</title>
</head>
<body>
  <main id="app" aria-live="polite"></main>
  <script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
