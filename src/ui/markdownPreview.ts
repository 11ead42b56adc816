// Which Markdown file VS Code's Markdown preview shows, for commands run from the preview's title bar.
// That title bar passes the preview panel's own `webview-panel:` URI, not the file's, and the Markdown
// extension has no API that tells; but the tab's label ("Preview README.md", "[Preview] README.md", or
// the same in the display language) ends with the file's name.
import * as vscode from 'vscode';
import { posix } from 'node:path';

/** Tab view types of the preview: a webview panel (`mainThreadWebview-` is added by VS Code), or the custom editor. */
const PREVIEW_PANEL = /(^|-)markdown\.preview$/;
const PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

/**
 * The file the active Markdown preview shows: among the files open in tabs, else among the workspace's
 * Markdown files, those whose name ends the preview's label (the longest such name: "OLD README.md"
 * before "README.md"); picked by the user when several share it. Undefined when none matches or on Escape.
 */
export async function previewedMarkdownFile(pickerTitle: string): Promise<vscode.Uri | undefined> {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  if (tab?.input instanceof vscode.TabInputCustom && tab.input.viewType === PREVIEW_EDITOR) return tab.input.uri;
  if (!(tab?.input instanceof vscode.TabInputWebview) || !PREVIEW_PANEL.test(tab.input.viewType)) return undefined;
  const label = tab.label;
  const openInTabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((each) => each.input)).flatMap((input) => (input instanceof vscode.TabInputText ? [input.uri] : []));
  let candidates = namedBy(label, openInTabs);
  if (candidates.length === 0) candidates = namedBy(label, await vscode.workspace.findFiles('**/*.{md,markdown,MD,Markdown}', '**/node_modules/**', 5000));
  if (candidates.length <= 1) return candidates[0];
  const items = candidates.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, true), uri })).sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title: pickerTitle, placeHolder: vscode.l10n.t('Several files have this name: which one does the preview show?') });
  return picked?.uri;
}

/** The distinct files whose name is the longest one that ends `label`. */
function namedBy(label: string, files: readonly vscode.Uri[]): vscode.Uri[] {
  const unique = [...new Map(files.map((uri) => [uri.toString(), uri])).values()];
  const matching = unique.filter((uri) => label.endsWith(posix.basename(uri.path)));
  const longest = Math.max(0, ...matching.map((uri) => posix.basename(uri.path).length));
  return matching.filter((uri) => posix.basename(uri.path).length === longest);
}
