// Moves a downloaded image into a workspace folder through `workspace.fs` (so remote and virtual
// workspaces work), under the first free name, never overwriting and never showing a partial file.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { KeyedQueue } from '../core/keyedQueue';
import { claimFirstFreeName } from '../core/naming';
import { assertInsideWorkspace } from '../services/containment';

/** Name claims in one folder run one at a time, so concurrent jobs cannot pick the same free name. */
const folderQueue = new KeyedQueue();

export function saveIntoFolder(localFile: string, folder: vscode.Uri, baseName: string, extension: string): Promise<vscode.Uri> {
  return saveThroughPartial(folder, baseName, extension, (partial) => vscode.workspace.fs.copy(vscode.Uri.file(localFile), partial, { overwrite: false }));
}

/** The same for bytes made in memory (the files of an icon set). */
export function saveBytesIntoFolder(bytes: Uint8Array, folder: vscode.Uri, baseName: string, extension: string): Promise<vscode.Uri> {
  return saveThroughPartial(folder, baseName, extension, (partial) => vscode.workspace.fs.writeFile(partial, bytes));
}

async function saveThroughPartial(folder: vscode.Uri, baseName: string, extension: string, write: (partial: vscode.Uri) => Thenable<void>): Promise<vscode.Uri> {
  // Checked at the moment of writing: a link made while the job ran is refused too.
  await assertInsideWorkspace(folder);
  await vscode.workspace.fs.createDirectory(folder);
  // Written under a hidden name first: a write cut short leaves only a dot-file that is cleaned up below.
  const partial = vscode.Uri.joinPath(folder, `.${baseName}.${randomBytes(6).toString('hex')}.part`);
  try {
    await write(partial);
    return await folderQueue.run(folder.toString(), () => claimFreeName(partial, folder, baseName, extension));
  } finally {
    await vscode.workspace.fs.delete(partial).then(undefined, () => undefined);
  }
}

async function claimFreeName(partial: vscode.Uri, folder: vscode.Uri, baseName: string, extension: string): Promise<vscode.Uri> {
  // Check, then rename: workspace.fs has no atomic claim, hence the per-folder queue around this.
  const fileName = await claimFirstFreeName(folder.fsPath, baseName, extension, async (name) => {
    const target = vscode.Uri.joinPath(folder, name);
    if (await exists(target)) return false;
    await vscode.workspace.fs.rename(partial, target, { overwrite: false });
    return true;
  });
  return vscode.Uri.joinPath(folder, fileName);
}

/** Through `workspace.fs`, so it answers for remote and virtual workspaces too. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
