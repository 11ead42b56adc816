// Which image a command acts on when it was not started on one in the Explorer: the image in the active
// image preview, else one or more picked from the workspace's images.
import * as vscode from 'vscode';
import { posix } from 'node:path';

/** The image shown by VS Code's built-in image preview, when that is the active tab. */
export function activeImagePreview(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === 'imagePreview.previewEditor' ? input.uri : undefined;
}

export interface ImagePickerTexts {
  title: string;
  placeHolder: string;
  /** Shown instead of the picker when the workspace holds no matching image. */
  noImages: string;
}

/** The images picked from the workspace files matching `glob`, sorted by path; undefined on Escape. */
export async function pickWorkspaceImages(glob: string, texts: ImagePickerTexts, canPickMany: boolean): Promise<vscode.Uri[] | undefined> {
  const files = await vscode.workspace.findFiles(glob, '**/node_modules/**', 2000);
  if (files.length === 0) {
    void vscode.window.showInformationMessage(texts.noImages);
    return undefined;
  }
  const items = files
    .map((uri) => ({ label: posix.basename(uri.path), description: vscode.workspace.asRelativePath(uri, true), uri }))
    .sort((a, b) => a.description.localeCompare(b.description));
  const options = { title: texts.title, placeHolder: texts.placeHolder, matchOnDescription: true, ignoreFocusOut: true };
  if (canPickMany) return (await vscode.window.showQuickPick(items, { ...options, canPickMany: true }))?.map((item) => item.uri);
  const picked = await vscode.window.showQuickPick(items, options);
  return picked && [picked.uri];
}
