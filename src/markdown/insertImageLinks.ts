import * as vscode from 'vscode';
import { markdownLinkFor } from './markdownLinkFor';

/**
 * Inserts one image link per line at `at`, or else replaces the editor's selection (at the cursor
 * when nothing is selected). Resolves false when the edit could not be applied, e.g. the editor was closed.
 */
export async function insertImageLinks(
  editor: vscode.TextEditor,
  images: vscode.Uri[],
  alt: string,
  at?: vscode.Position,
): Promise<boolean> {
  if (images.length === 0) return false;
  const text = images.map((image) => markdownLinkFor(editor.document, image, alt)).join('\n');
  const target = at ? new vscode.Range(at, at) : editor.selection;
  try {
    const applied = await editor.edit((edit) => edit.replace(target, text));
    if (applied) {
      editor.revealRange(new vscode.Range(target.start, target.start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    return applied;
  } catch {
    // `edit` throws instead of resolving false when the editor has been disposed meanwhile.
    return false;
  }
}
