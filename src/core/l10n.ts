// Translation for the code that stays free of the vscode module: src/api, src/core and the webview script.
// Messages are looked up by their English text in the bundle VS Code loaded for the display language
// (`vscode.l10n.bundle`: handed over at activation, and posted to the webview), exactly as
// `vscode.l10n.t` does for the rest of the extension, so both read one l10n/bundle.l10n.<lang>.json.

export type L10nBundle = Record<string, string>;

let bundle: L10nBundle = {};

/** Undefined (English, or no bundle for the language) means the English text is used as is. */
export function useL10nBundle(contents: L10nBundle | undefined): void {
  bundle = contents ?? {};
}

/** `t('Saved {0} of {1}', 1, 2)`: the translation of the English message, with `{n}` filled in. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const template = bundle[message] ?? message;
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder));
}
